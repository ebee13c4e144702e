"""The opportunity (商机): a customer's intent to buy, worked by one consultant through the
stages of the dealer's pipeline until it is won (an order is signed) or lost (战败)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from crm_common.errors import CodedRefusal, InvalidInput
from crm_opportunities.domain.pipeline import Pipeline


class OpportunityStatus(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class LeadOrigin(StrEnum):
    """Where the customer came from; commission rates differ by it. A converted lead's origin
    is what leads recorded (``leads.LeadConverted`` version 2); an opportunity opened without a
    lead is ``direct``."""

    SELF_SOURCED = "self_sourced"
    POOL = "pool"
    OEM = "oem"
    CAMPAIGN = "campaign"
    DIRECT = "direct"


# Lead sources (leads' normalised values) that mean the OEM brought the customer.
OEM_SOURCES = frozenset({"campaign_form", "oem_website", "oem_campaign", "hq_distribution"})
# Sources that mean the consultant found the customer themselves.
SELF_SOURCES = frozenset({"walk_in", "referral", "phone", "flyer", "reception"})


def origin_of_lead(source: str) -> LeadOrigin:
    """The origin of a lead converted by a leads release that did not say it (version 1 of
    ``leads.LeadConverted``), guessed from its source: the OEM's channels, the consultant's own
    contacts, anything else taken from the dealer's pool."""
    if source in OEM_SOURCES:
        return LeadOrigin.OEM
    if source in SELF_SOURCES:
        return LeadOrigin.SELF_SOURCED
    return LeadOrigin.POOL


class OpportunityClosed(Exception):
    """Won or lost: nothing changes any more (answered 409)."""


class StageGateNotMet(CodedRefusal):
    """A required activity was not recorded before the stage (answered 409): ``activities``
    (their kinds) and ``stage`` (its name) for the portal's words."""

    code = "stage_gate_not_met"


@dataclass(frozen=True, slots=True)
class StageChange:
    from_stage: str | None
    to_stage: str
    probability: int
    by: str
    at: datetime


@dataclass(frozen=True, slots=True)
class WonDeal:
    """What a signed order says about the deal (the figures of DealWon)."""

    model_code: str
    trim_code: str | None
    units: int
    revenue: Decimal
    gross_margin: Decimal
    msrp: Decimal
    finance_attached: bool
    insurance_attached: bool


@dataclass
class Opportunity:
    id: UUID
    tenant: str
    owner_org: str
    owner_user: str
    owner_team: str
    lead_id: UUID | None
    customer_id: UUID | None
    customer_name: str
    phone: str | None
    vehicle_interest: str | None
    model_code: str | None
    lead_origin: LeadOrigin
    source: str | None
    pipeline_id: UUID
    stage: str
    probability: int
    stage_entered_at: datetime
    amount: Decimal
    currency: str
    expected_close_on: date | None
    status: OpportunityStatus
    closed_at: datetime | None
    lost_reason: str | None
    competitor: str | None
    competitor_model: str | None
    created_at: datetime
    updated_at: datetime
    reached_stages: list[str] = field(default_factory=list)
    """Every stage it has been in, in the order first reached: what the funnel counts."""
    changes: list[StageChange] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.stage not in self.reached_stages:
            self.reached_stages.append(self.stage)

    def _require_open(self) -> None:
        if self.status is not OpportunityStatus.OPEN:
            raise OpportunityClosed(f"opportunity is {self.status.value}")

    def _enter(self, pipeline: Pipeline, stage: str, actor: str, now: datetime) -> None:
        target = pipeline.stage(stage)
        self.changes.append(StageChange(self.stage, target.code, target.probability, actor, now))
        self.stage = target.code
        self.probability = target.probability
        self.stage_entered_at = now
        self.updated_at = now
        if target.code not in self.reached_stages:
            self.reached_stages.append(target.code)

    def move_to(
        self,
        pipeline: Pipeline,
        stage: str,
        activities: Sequence[str],
        actor: str,
        now: datetime,
    ) -> None:
        """Forward or back; forward only once every activity its stages require is recorded."""
        self._require_open()
        if stage == self.stage:
            return
        if pipeline.position(stage) > pipeline.position(self.stage):
            missing = pipeline.missing_activities(stage, activities)
            if missing:
                name = pipeline.stage(stage).name
                raise StageGateNotMet(
                    f"record {', '.join(missing)} before {name}", activities=missing, stage=name
                )
        self._enter(pipeline, stage, actor, now)

    def advance_to(
        self,
        pipeline: Pipeline,
        stage: str,
        activities: Sequence[str],
        actor: str,
        now: datetime,
    ) -> None:
        """Forward to ``stage`` when the pipeline has it and the opportunity is not there or
        beyond yet (what quotes and orders do); a no-op otherwise. A won deal still moves on
        through the stages after the sale (delivery), without gates."""
        if self.status is OpportunityStatus.LOST:
            raise OpportunityClosed("opportunity is lost")
        if not pipeline.has(stage) or pipeline.position(stage) <= pipeline.position(self.stage):
            return
        if self.status is OpportunityStatus.WON:
            self._enter(pipeline, stage, actor, now)
            return
        self.move_to(pipeline, stage, activities, actor, now)

    def reassign(self, to_user: str, to_team: str, now: datetime) -> str:
        """A manager hands it to another consultant; returns the previous owner."""
        self._require_open()
        previous = self.owner_user
        self.owner_user, self.owner_team, self.updated_at = to_user, to_team, now
        return previous

    def hand_over(self, to_user: str, to_team: str, now: datetime) -> str:
        """Its owner leaves: the successor takes it over — open, or won with its order still
        running (the order's steps are the owner's to record); returns the previous owner."""
        if self.status is OpportunityStatus.LOST:
            raise OpportunityClosed("opportunity is lost")
        previous = self.owner_user
        self.owner_user, self.owner_team, self.updated_at = to_user, to_team, now
        return previous

    def report_lost(
        self, reason: str, competitor: str | None, competitor_model: str | None, now: datetime
    ) -> None:
        self._require_open()
        if not reason.strip():
            raise InvalidInput("reason", "say why the opportunity was lost")
        self.status = OpportunityStatus.LOST
        self.lost_reason = reason.strip()
        self.competitor, self.competitor_model = competitor, competitor_model
        self.closed_at = self.updated_at = now

    def win(self, pipeline: Pipeline, activities: Sequence[str], actor: str, now: datetime) -> None:
        """An order was signed: won, at the order stage when the pipeline has one."""
        self._require_open()
        self.advance_to(pipeline, "order", activities, actor, now)
        self.status = OpportunityStatus.WON
        self.probability = 100
        self.closed_at = self.updated_at = now

    def reopen_after_cancellation(self, pipeline: Pipeline, actor: str, now: datetime) -> None:
        """The order was cancelled: open again, at the stage before the order."""
        if self.status is not OpportunityStatus.WON:
            raise OpportunityClosed(f"opportunity is {self.status.value}, not won")
        self.status = OpportunityStatus.OPEN
        self.closed_at = None
        back = pipeline.position("order") - 1 if pipeline.has("order") else 0
        self._enter(pipeline, pipeline.stages[max(back, 0)].code, actor, now)
