"""Request and response bodies of the leads API. Tenancy and ownership come from the token,
never from a body: every request model forbids unknown fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator

from crm_common.errors import InvalidInput
from crm_leads.domain.customer_identifiers import (
    MAX_EMAIL_LENGTH,
    MAX_WECHAT_ID_LENGTH,
    CustomerIdentifiers,
    IdentifierKind,
    InvalidIdentifier,
    dedup_keys_from,
    id_number_digest,
    normalise_email,
    normalise_id_number,
    normalise_wechat_id,
)
from crm_leads.domain.grades import SCHEME_NAME_PATTERN, GradeSpec
from crm_leads.domain.lead import FollowUpKind, InvalidPhoneNumber, LeadSource, normalise_phone
from crm_leads.domain.pool_rules import AutoAssignment, PoolKind, PoolRules
from crm_leads.domain.routing import (
    MAX_RULES,
    RoutingConditions,
    RoutingRuleSpec,
    RoutingTarget,
)
from crm_leads.views.leads import LeadPublic


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CustomerContact(_Request):
    """Who the lead is: validated and normalised the same way on every intake path."""

    customer_name: str = Field(min_length=1, max_length=200, examples=["王伟"])
    phone: str = Field(min_length=5, max_length=32, examples=["138 0013 8000"])
    vehicle_interest: str | None = Field(default=None, max_length=200, examples=["Model X 2.0T"])
    region_hint: str | None = Field(
        default=None,
        max_length=64,
        description="The region node the customer is in; routes an HQ lead to a dealer there",
    )
    # Further identifiers of the customer's file: the book may deduplicate on them.
    wechat_id: str | None = Field(default=None, max_length=MAX_WECHAT_ID_LENGTH)
    email: str | None = Field(default=None, max_length=MAX_EMAIL_LENGTH)
    id_number: str | None = Field(
        default=None,
        max_length=40,
        repr=False,
        description="Resident ID number (18 characters): matched by a keyed digest, never kept",
    )

    @field_validator("phone")
    @classmethod
    def _phone_is_a_phone_number(cls, value: str) -> str:
        try:
            normalise_phone(value)
        except InvalidPhoneNumber as exc:
            raise ValueError(str(exc)) from exc
        return value

    @field_validator("wechat_id")
    @classmethod
    def _wechat_id(cls, value: str | None) -> str | None:
        return _normalised(normalise_wechat_id, value)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return _normalised(normalise_email, value)

    @field_validator("id_number")
    @classmethod
    def _id_number(cls, value: str | None) -> str | None:
        return _normalised(normalise_id_number, value)

    def identifiers(self, id_number_key: bytes | None) -> CustomerIdentifiers:
        """The submission's identifiers as they are matched: the ID number as its digest."""
        digest = None
        if self.id_number is not None:
            if id_number_key is None:
                raise InvalidInput("id_number", "this deployment does not accept ID numbers")
            digest = id_number_digest(self.id_number, id_number_key)
        return CustomerIdentifiers(self.wechat_id, self.email, digest)


def _normalised(normalise: Callable[[str], str], value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return normalise(value)
    except InvalidIdentifier as exc:
        raise ValueError(str(exc)) from exc


class LeadCreate(CustomerContact):
    """A new lead. A consultant who takes it in owns it; otherwise it waits in the pool."""

    source: LeadSource


class LeadAttached(BaseModel):
    """The customer already has an open lead in this book: the submission was attached to it."""

    attached_to: UUID
    owner_user: str | None = Field(description="Who works the customer; None: in the pool")
    status: str
    message: str


class DrawEntered(BaseModel):
    lead_id: UUID
    draw_until: datetime = Field(description="When the lottery among the entrants decides")


class LeadAssignment(_Request):
    """``user_id`` names the new owner; or ``strategy: more_senior`` (the re-assignment
    ladder) gives the lead to the least loaded member of its pool above its owner's level."""

    user_id: str | None = Field(default=None, min_length=1, max_length=64)
    strategy: Literal["more_senior"] | None = None
    reason: str | None = Field(default=None, max_length=500)


class LeadRelease(_Request):
    reason: str = Field(min_length=1, max_length=500)


class FollowUpCreate(_Request):
    kind: FollowUpKind
    outcome: str = Field(min_length=1, max_length=2000, examples=["came to the showroom"])
    grade: str | None = Field(default=None, max_length=20, examples=["ready_to_buy"])
    next_step: str | None = Field(default=None, max_length=2000)
    call_seconds: int | None = Field(default=None, ge=0, le=86_400)
    verified: bool = Field(
        default=False, description="A visit confirmed at reception, or a connected call"
    )


class FollowUpRecorded(BaseModel):
    follow_up_id: UUID
    lead: LeadPublic


class LossReport(_Request):
    reason: str = Field(min_length=1, max_length=500, examples=["bought a competitor's car"])


class LossDecision(_Request):
    approved: bool


class Conversion(_Request):
    vehicle_interest: str | None = Field(default=None, max_length=200)


class Distribution(_Request):
    dealer_id: str | None = Field(
        default=None,
        max_length=64,
        description="The dealer to send it to; omitted: routed by region and capacity",
    )


class DistributionRejection(_Request):
    reason: str = Field(min_length=1, max_length=500, examples=["outside our sales area"])


class PoolMove(_Request):
    pool_id: UUID


class PoolMember(_Request):
    user_id: str = Field(min_length=1, max_length=64)
    weight: int = Field(default=1, ge=1, le=100, description="Share of automatic assignments")
    level: int = Field(
        default=1,
        ge=1,
        le=10,
        description="Seniority (1 junior … 10): a stalled lead may be reassigned to a member "
        "above its owner (strategy more_senior)",
    )


class PoolMembers(_Request):
    members: list[PoolMember] = Field(max_length=500)


class PoolSettings(_Request):
    """How the pool works; the rules replace the pool's rules as a whole."""

    name: str = Field(min_length=1, max_length=200)
    kind: PoolKind
    auto_assignment: AutoAssignment = AutoAssignment.NONE
    rules: PoolRules


class DedupKeys(_Request):
    """Which identifiers the book deduplicates customers on, in this order after the phone
    (always first); empty: the phone only."""

    keys: list[IdentifierKind] = Field(max_length=len(IdentifierKind), examples=[["wechat_id"]])

    @field_validator("keys")
    @classmethod
    def _each_key_once(cls, value: list[IdentifierKind]) -> list[IdentifierKind]:
        dedup_keys_from(value)
        return value


class RoutingRulesSet(_Request):
    version: int = Field(ge=0, le=2_000_000_000, description="The version of the rules last read")
    rules: list[RoutingRuleSpec] = Field(
        max_length=MAX_RULES, description="In evaluation order: the first that matches decides"
    )


class RoutingRulePublic(BaseModel):
    id: UUID
    position: int
    name: str
    conditions: RoutingConditions
    target: RoutingTarget


class RoutingRules(BaseModel):
    book: str = Field(description="The dealer (or HQ/region node) whose new leads they route")
    version: int
    rules: list[RoutingRulePublic]


class HandOverCreate(_Request):
    """A leaver's hand-over: ``successor`` takes everything, or ``strategy`` spreads it over
    the members of ``pool_id`` (default: the book's default pool's members, or every active
    consultant of the book when it names none)."""

    leaver: str = Field(min_length=1, max_length=64, description="The consultant who leaves")
    successor: str | None = Field(default=None, min_length=1, max_length=64)
    strategy: AutoAssignment | None = Field(
        default=None, description="round_robin, least_loaded or weighted (not none)"
    )
    pool_id: UUID | None = None


class HandOverPublic(BaseModel):
    hand_over_id: UUID
    book: str
    leaver: str
    successors: list[str]
    strategy: str = Field(description="named, or the strategy that spread the leads")
    leads_moved: dict[str, int] = Field(description="Open leads each successor received")
    follows: str = Field(
        description="What the other services move on leads.ConsultantHandedOver, shortly after"
    )


class GradeSchemeSet(_Request):
    """A scheme of the book's own: the first version (``version`` 0) or the next one of the
    version last read."""

    name: str = Field(pattern=SCHEME_NAME_PATTERN, examples=["showroom_hot_warm"])
    version: int = Field(ge=0, le=2_000_000_000, description="The version last read (0: new)")
    grades: list[GradeSpec] = Field(min_length=2, max_length=20)


class GradePublic(BaseModel):
    code: str
    label: str
    cadence_days: int | None = Field(description="None: no callbacks, the grade for marketing")
    rank: int


class GradeSchemePublic(BaseModel):
    name: str
    built_in: bool
    version: int = Field(description="0 for a built-in scheme; the book's own count from 1")
    grades: list[GradePublic] = Field(description="Hottest first")
    changed_at: datetime | None
    changed_by: str | None


class LeadGrades(BaseModel):
    """The grades one lead takes."""

    scheme: str
    built_in: bool
    grades: list[GradePublic] = Field(description="Hottest first")


class GradeSchemes(BaseModel):
    book: str
    schemes: list[GradeSchemePublic]


class NurtureSettings(BaseModel):
    book: str
    owner: str | None = Field(
        description="Who owns the book's nurture list: leads handed to marketing go to them "
        "(None: nobody — they are regraded and released to the pool instead)"
    )


class NurtureSettingsSet(_Request):
    owner: str | None = Field(min_length=1, max_length=64)


class NurtureHandOff(_Request):
    reason: str = Field(min_length=1, max_length=500)
