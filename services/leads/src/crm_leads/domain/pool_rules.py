"""The rules of one pool (公海): claims, recycling, protection and anti-collusion.

Each pool carries its own rule set; what a pool does not say takes the documented default
(DOMAIN.md "Leads and pools"). Pure configuration, validated on the way in.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from crm_leads.domain.grades import SCHEME_NAME_PATTERN, SCHEMES, GradeScheme


class PoolKind(StrEnum):
    CLAIM = "claim"
    """Members see the leads and claim them; admins may also assign."""
    ASSIGN_ONLY = "assign_only"
    """Members see the leads; only pool admins assign them (sensitive or important leads)."""


class AutoAssignment(StrEnum):
    NONE = "none"
    ROUND_ROBIN = "round_robin"
    LEAST_LOADED = "least_loaded"
    WEIGHTED = "weighted"


class ClaimRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_private_leads: int = Field(default=200, ge=1, description="Open leads one consultant owns")
    max_department_private_leads: int | None = Field(
        default=None, ge=1, description="Open leads one department (team) owns; None: no cap"
    )
    max_claims_per_day: int = Field(default=20, ge=1)
    protection_days: int = Field(
        default=7, ge=0, description="After a release the previous owner may not claim it back"
    )
    max_locked: int = Field(
        default=20, ge=0, description="Customers one consultant may lock against recycling"
    )
    blind_release_hours: int = Field(
        default=0,
        ge=0,
        description="Just-released leads are handed out by lottery for this long instead of "
        "first click (0: off)",
    )


class RecycleRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    no_follow_up_days: int | None = Field(
        default=10,
        ge=1,
        description="Released after this many days without a follow-up, counted from the later "
        "of the last follow-up and the day the owner received it (None: never)",
    )
    no_follow_up_days_by_grade: dict[str, int] = Field(
        default_factory=dict, description="Overrides of no_follow_up_days per intent grade"
    )
    no_conversion_days: int | None = Field(
        default=None, ge=1, description="Released when not converted this long after receipt"
    )
    no_win_days: int | None = Field(
        default=None,
        ge=1,
        description="Released when the customer has not bought (no deal won) this long after "
        "the owner received the lead",
    )
    exclude_won_customers: bool = Field(
        default=False, description="Never recycle the leads of a customer who has bought"
    )
    exclude_open_opportunities: bool = Field(
        default=False,
        description="Never recycle the leads of a customer with an opportunity being worked",
    )
    reminder_days_before: int = Field(default=2, ge=0)
    real_contact_only: bool = Field(
        default=False,
        description="Only a verified visit or a connected call resets the clock, not a note",
    )
    min_call_seconds: int = Field(default=30, ge=0)
    cti_calls_only: bool = Field(
        default=False,
        description="The pool expects the phone system's call records: a call follow-up the "
        "consultant types in no longer counts as real contact or resets the clock; a connected "
        "call the phone system recorded (call_center.CallCompleted) of at least "
        "min_call_seconds does",
    )
    stalled_grade_days: dict[str, int] | None = Field(
        default=None,
        description="A lead that stays in one of these grades this long is escalated to the "
        "managers for reassignment (default, three-level scheme: ready_to_buy 90 days — "
        "to a more senior consultant —, intent 90 days — not upgraded)",
    )
    to_marketing_after_days: dict[str, int] | None = Field(
        default=None,
        description="A lead still in one of these grades this long is regraded to the "
        "scheme's marketing grade and released (default, three-level: ready_to_buy 180 days)",
    )


class CollusionRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    window_days: int = Field(default=30, ge=1)
    threshold: int = Field(
        default=3, ge=1, description="Claims of one colleague's released leads within the window"
    )


class DistributionRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    work_within_hours: int = Field(
        default=48,
        ge=1,
        description="Sending pool: a dealer that has not followed up a distributed lead by then "
        "loses it back to this pool",
    )
    capacity: int = Field(
        default=50, ge=0, description="Receiving dealer pool: open distributed leads at a time"
    )


class PoolRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    grade_scheme: str = Field(
        default="three_level",
        max_length=40,
        description=f"One of {sorted(SCHEMES)}, or the name of one of the book's own schemes "
        "(PUT /grade-schemes)",
    )
    claim: ClaimRules = Field(default_factory=ClaimRules)
    recycle: RecycleRules = Field(default_factory=RecycleRules)
    collusion: CollusionRules = Field(default_factory=CollusionRules)
    distribution: DistributionRules = Field(default_factory=DistributionRules)

    @model_validator(mode="after")
    def _grades_exist_in_the_scheme(self) -> Self:
        """A built-in scheme is checked here; a book's own, whose grades only the book's
        settings know, when the pool's rules are set (``grades_missing_from``)."""
        if self.grade_scheme in SCHEMES:
            unknown = self.grades_missing_from(SCHEMES[self.grade_scheme])
            if unknown:
                raise ValueError(f"grades {unknown} are not in scheme {self.grade_scheme}")
        elif not re.fullmatch(SCHEME_NAME_PATTERN, self.grade_scheme):
            raise ValueError(f"unknown grade scheme {self.grade_scheme!r}")
        return self

    def grades_missing_from(self, scheme: GradeScheme) -> list[str]:
        """The grades the recycle and three-stage rules name that ``scheme`` does not have."""
        recycle = self.recycle
        named = (
            set(recycle.no_follow_up_days_by_grade)
            | set(recycle.stalled_grade_days or {})
            | set(recycle.to_marketing_after_days or {})
        )
        return sorted(named - scheme.codes())

    def stalled_grade_days(self) -> dict[str, int]:
        """The escalation rule, with the three-level scheme's default (DOMAIN.md)."""
        if self.recycle.stalled_grade_days is not None:
            return self.recycle.stalled_grade_days
        return {"ready_to_buy": 90, "intent": 90} if self.grade_scheme == "three_level" else {}

    def to_marketing_after_days(self) -> dict[str, int]:
        if self.recycle.to_marketing_after_days is not None:
            return self.recycle.to_marketing_after_days
        return {"ready_to_buy": 180} if self.grade_scheme == "three_level" else {}
