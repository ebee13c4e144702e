"""Commands on opportunities: one unit of work each, events through the outbox. Also the
steps quotes and orders take inside their own unit of work (advance, win, reopen)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

from crm_common.auth import Principal
from crm_common.contracts.envelope import Envelope, EventData
from crm_common.contracts.events.leads import v1 as leads_v1
from crm_common.contracts.events.leads import v2 as leads_v2
from crm_common.contracts.events.opportunities.v1 import (
    CreditShare,
    DealLost,
    DealWon,
    OpportunityOpened,
    OpportunityReassigned,
    StageChanged,
    TestDriveRecorded,
    TradeInAppraised,
)
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.policy import hand_overs
from crm_common.policy.directory import dealer_of
from crm_common.policy.roles import has_function
from crm_opportunities.adapters import credit_split_store, repository
from crm_opportunities.adapters.access import changeable_opportunities
from crm_opportunities.domain.credit_split import credit_at_win
from crm_opportunities.domain.opportunity import (
    LeadOrigin,
    Opportunity,
    OpportunityClosed,
    OpportunityStatus,
    StageChange,
    StageGateNotMet,
    WonDeal,
    origin_of_lead,
)
from crm_opportunities.domain.pipeline import TEST_DRIVE, Pipeline, UnknownStage

__all__ = ["OpportunityClosed", "StageGateNotMet", "WonDeal"]


class OpportunityNotFound(LookupError):
    """No such opportunity the caller may act on (answered 404, whether it exists or not)."""


class PipelineTemplateNotFound(LookupError):
    """No template of the dealer's region or HQ with that id (answered 404)."""


class AssigneeNotFound(LookupError):
    """The named user is not an active consultant of the dealer (answered 404)."""


@dataclass(frozen=True, slots=True)
class OpenOpportunity:
    customer_name: str
    phone: str | None
    vehicle_interest: str | None
    model_code: str | None
    amount: Decimal
    expected_close_on: date | None


@dataclass(frozen=True, slots=True)
class TestDrive:
    model_code: str
    licence_number: str
    licence_checked: bool
    started_at: datetime
    ended_at: datetime | None
    vehicle_vin: str | None
    rating: int | None
    feedback: str | None


def _stage_events(opportunity: Opportunity) -> list[EventData]:
    return [
        StageChanged(
            opportunity_id=opportunity.id,
            dealer_id=opportunity.owner_org,
            at=c.at,
            from_stage=c.from_stage or "",
            to_stage=c.to_stage,
            probability=c.probability,
            owner_user=opportunity.owner_user,
            changed_by=c.by,
        )
        for c in opportunity.changes
        if c.from_stage is not None
    ]


async def _save(uow: UnitOfWork, opportunity: Opportunity, actor: str) -> None:
    """Writes the opportunity, its stage history and one StageChanged per change."""
    events = _stage_events(opportunity)
    await repository.save_opportunity(uow.session, opportunity)
    await uow.publish_about(
        actor=actor, tenant=opportunity.tenant, owner_org=opportunity.owner_org, events=events
    )


async def opportunity_for_change(
    uow: UnitOfWork, opportunity_id: UUID, actor: Principal
) -> Opportunity:
    """The opportunity, locked for the caller's command, if it lies in the actor's own write
    scope (the shared "may change" policy; a sharing agreement grants reads only)."""
    found = await repository.opportunity_for_change(
        uow.session, opportunity_id, changeable_opportunities(actor)
    )
    if found is None:
        raise OpportunityNotFound("opportunity not found")
    return found


async def _opened(
    uow: UnitOfWork,
    *,
    tenant: str,
    dealer: str,
    owner: tuple[str, str],
    details: OpenOpportunity,
    lead: leads_v1.LeadConverted | leads_v2.LeadConvertedV2 | None,
    origin: LeadOrigin,
    actor: str,
    now: datetime,
) -> Opportunity | None:
    pipeline_id, pipeline = await repository.default_pipeline(uow.session, tenant, dealer, now)
    first = pipeline.first
    opportunity = Opportunity(
        id=uuid4(),
        tenant=tenant,
        owner_org=dealer,
        owner_user=owner[0],
        owner_team=owner[1],
        lead_id=lead.lead_id if lead else None,
        customer_id=lead.customer_id if lead else None,
        customer_name=details.customer_name,
        phone=details.phone,
        vehicle_interest=details.vehicle_interest,
        model_code=details.model_code,
        lead_origin=origin,
        source=lead.source if lead else None,
        pipeline_id=pipeline_id,
        stage=first.code,
        probability=first.probability,
        stage_entered_at=now,
        amount=details.amount,
        currency="CNY",
        expected_close_on=details.expected_close_on,
        status=OpportunityStatus.OPEN,
        closed_at=None,
        lost_reason=None,
        competitor=None,
        competitor_model=None,
        created_at=now,
        updated_at=now,
    )
    if not await repository.add_opportunity(uow.session, opportunity):
        return None
    opportunity.changes.append(StageChange(None, first.code, first.probability, actor, now))
    await repository.save_opportunity(uow.session, opportunity)
    await uow.publish_about(
        actor=actor,
        tenant=opportunity.tenant,
        owner_org=opportunity.owner_org,
        events=[
            OpportunityOpened(
                opportunity_id=opportunity.id,
                dealer_id=dealer,
                at=now,
                lead_id=opportunity.lead_id,
                customer_id=opportunity.customer_id,
                owner_user=opportunity.owner_user,
                owner_team=opportunity.owner_team,
                pipeline_id=pipeline_id,
                stage=first.code,
                vehicle_interest=opportunity.vehicle_interest,
                lead_origin=origin.value,
                source=opportunity.source,
            )
        ],
    )
    return opportunity


async def open_opportunity(
    command: OpenOpportunity, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Opportunity:
    """A consultant (or a manager, for themselves) opens one directly, e.g. a fleet enquiry."""
    if not command.customer_name.strip():
        raise InvalidInput("customer_name", "the customer's name is empty")
    async with uow:
        dealer = await dealer_of(uow.session, actor.tenant, actor.org_node)
        if dealer is None:
            raise InvalidInput("org", "opportunities are opened in a dealer")
        opened = await _opened(
            uow,
            tenant=actor.tenant,
            dealer=dealer,
            owner=(actor.user_id, actor.org_node),
            details=command,
            lead=None,
            origin=LeadOrigin.DIRECT,
            actor=actor.user_id,
            now=now,
        )
        if opened is None:
            raise RuntimeError("a direct opportunity has no lead to collide on")
        return opened


async def open_from_converted_lead(
    uow: UnitOfWork, event: Envelope[leads_v1.LeadConverted] | Envelope[leads_v2.LeadConvertedV2]
) -> None:
    """leads.LeadConverted: the lead's owner gets the opportunity, once however often the event
    is delivered (one opportunity per lead), with the lead's origin as leads recorded it
    (version 2) or, from a version 1 event, as its source suggests. An owner handed over
    since the conversion (the hand-over, on another topic, came first) is not the owner any
    more: the successor that hand-over chooses for the lead gets it."""
    lead = event.data
    origin = (
        LeadOrigin(lead.lead_origin)
        if isinstance(lead, leads_v2.LeadConvertedV2)
        else origin_of_lead(lead.source)
    )
    owner = (lead.owner_user, lead.owner_team)
    handed = await hand_overs.finished_hand_over_since(
        uow.session, event.tenant, lead.dealer_id, lead.owner_user, lead.at
    )
    if handed is not None:
        successor = handed.successor_for(
            lead_id=lead.lead_id, customer_id=lead.customer_id, record_id=lead.lead_id
        )
        owner = (successor.user_id, successor.org_node)
    await _opened(
        uow,
        tenant=event.tenant,
        dealer=lead.dealer_id,
        owner=owner,
        details=OpenOpportunity(
            customer_name=lead.customer_name,
            phone=lead.phone,
            vehicle_interest=lead.vehicle_interest,
            model_code=None,
            amount=Decimal(0),
            expected_close_on=None,
        ),
        lead=lead,
        origin=origin,
        actor=event.actor or lead.owner_user,
        now=lead.at,
    )


async def advance_to_stage(
    uow: UnitOfWork, opportunity: Opportunity, stage: str, actor: Principal, now: datetime
) -> None:
    """Inside the caller's unit of work (a quote issued, an order placed or delivered): forward
    to ``stage`` if the pipeline has it and the opportunity is not there or beyond, after the
    stage gates (``StageGateNotMet``); otherwise nothing changes."""
    session = uow.session
    pipeline = await repository.pipeline(session, opportunity.pipeline_id)
    activities = await repository.activity_kinds(session, opportunity.id)
    opportunity.advance_to(pipeline, stage, activities, actor.user_id, now)
    await _save(uow, opportunity, actor.user_id)


async def record_win(
    uow: UnitOfWork,
    opportunity: Opportunity,
    *,
    order_id: UUID,
    deal: WonDeal,
    actor: Principal,
    now: datetime,
) -> None:
    """Inside the caller's unit of work: an order was signed; DealWon credited to the owner, or
    as the approved split of the deal says."""
    session = uow.session
    credit = credit_at_win(
        opportunity.owner_user,
        opportunity.owner_team,
        await credit_split_store.split_of(session, opportunity.id),
    )
    pipeline = await repository.pipeline(session, opportunity.pipeline_id)
    activities = await repository.activity_kinds(session, opportunity.id)
    opportunity.win(pipeline, activities, actor.user_id, now)
    await _save(uow, opportunity, actor.user_id)
    await uow.publish_about(
        actor=actor.user_id,
        tenant=opportunity.tenant,
        owner_org=opportunity.owner_org,
        events=[
            DealWon(
                opportunity_id=opportunity.id,
                dealer_id=opportunity.owner_org,
                at=now,
                order_id=order_id,
                lead_id=opportunity.lead_id,
                customer_id=opportunity.customer_id,
                owner_user=opportunity.owner_user,
                owner_team=opportunity.owner_team,
                credit=[
                    CreditShare(user_id=s.user_id, team=s.team, share_percent=s.share_percent)
                    for s in credit
                ],
                lead_origin=opportunity.lead_origin.value,
                model_code=deal.model_code,
                trim_code=deal.trim_code,
                units=deal.units,
                revenue=deal.revenue,
                gross_margin=deal.gross_margin,
                msrp=deal.msrp,
                finance_attached=deal.finance_attached,
                insurance_attached=deal.insurance_attached,
            )
        ],
    )


async def reopen_after_cancellation(
    uow: UnitOfWork, opportunity: Opportunity, actor: Principal, now: datetime
) -> None:
    """Inside the caller's unit of work: the order was cancelled; the deal is open again."""
    pipeline = await repository.pipeline(uow.session, opportunity.pipeline_id)
    opportunity.reopen_after_cancellation(pipeline, actor.user_id, now)
    await _save(uow, opportunity, actor.user_id)


async def move_to_stage(
    opportunity_id: UUID, stage: str, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Opportunity:
    async with uow:
        opportunity = await opportunity_for_change(uow, opportunity_id, actor)
        pipeline = await repository.pipeline(uow.session, opportunity.pipeline_id)
        activities = await repository.activity_kinds(uow.session, opportunity.id)
        try:
            opportunity.move_to(pipeline, stage, activities, actor.user_id, now)
        except UnknownStage as unknown:
            raise InvalidInput("stage", str(unknown)) from None
        await _save(uow, opportunity, actor.user_id)
        return opportunity


async def record_activity(
    opportunity_id: UUID,
    kind: str,
    note: str | None,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> UUID:
    async with uow:
        opportunity = await opportunity_for_change(uow, opportunity_id, actor)
        if opportunity.status is not OpportunityStatus.OPEN:
            raise OpportunityClosed(f"opportunity is {opportunity.status.value}")
        return await repository.add_activity(
            uow.session, opportunity, kind, note, actor.user_id, now
        )


async def record_test_drive(
    opportunity_id: UUID, drive: TestDrive, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> UUID:
    """A test drive (试驾) with the licence checked; it counts as the test_drive activity."""
    if not drive.licence_checked:
        raise InvalidInput("licence_checked", "check the driving licence before a test drive")
    async with uow:
        opportunity = await opportunity_for_change(uow, opportunity_id, actor)
        if opportunity.status is not OpportunityStatus.OPEN:
            raise OpportunityClosed(f"opportunity is {opportunity.status.value}")
        test_drive_id = await repository.add_test_drive(
            uow.session,
            opportunity,
            {
                "model_code": drive.model_code,
                "vehicle_vin": drive.vehicle_vin,
                "licence_number": drive.licence_number,
                "licence_checked": True,
                "started_at": drive.started_at,
                "ended_at": drive.ended_at,
                "rating": drive.rating,
                "feedback": drive.feedback,
                "recorded_by": actor.user_id,
            },
        )
        await repository.add_activity(
            uow.session, opportunity, TEST_DRIVE, drive.feedback, actor.user_id, now
        )
        await uow.publish_about(
            actor=actor.user_id,
            tenant=opportunity.tenant,
            owner_org=opportunity.owner_org,
            events=[
                TestDriveRecorded(
                    opportunity_id=opportunity.id,
                    dealer_id=opportunity.owner_org,
                    at=now,
                    test_drive_id=test_drive_id,
                    model_code=drive.model_code,
                    owner_user=opportunity.owner_user,
                    rating=drive.rating,
                )
            ],
        )
        return test_drive_id


async def report_lost(
    opportunity_id: UUID,
    reason: str,
    competitor: str | None,
    competitor_model: str | None,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> Opportunity:
    """Lost (战败) with the reason and the competitor who won it."""
    async with uow:
        opportunity = await opportunity_for_change(uow, opportunity_id, actor)
        opportunity.report_lost(reason, competitor, competitor_model, now)
        await _save(uow, opportunity, actor.user_id)
        await uow.publish_about(
            actor=actor.user_id,
            tenant=opportunity.tenant,
            owner_org=opportunity.owner_org,
            events=[
                DealLost(
                    opportunity_id=opportunity.id,
                    dealer_id=opportunity.owner_org,
                    at=now,
                    lead_id=opportunity.lead_id,
                    customer_id=opportunity.customer_id,
                    owner_user=opportunity.owner_user,
                    owner_team=opportunity.owner_team,
                    stage=opportunity.stage,
                    reason=opportunity.lost_reason or reason,
                    competitor=competitor,
                    competitor_model=competitor_model,
                )
            ],
        )
        return opportunity


async def reassign(
    opportunity_id: UUID, to_user: str, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Opportunity:
    """A manager gives it to another active consultant of the dealer."""
    async with uow:
        opportunity = await opportunity_for_change(uow, opportunity_id, actor)
        member = await repository.active_staff_node(uow.session, actor.tenant, to_user)
        if (
            member is None
            or await dealer_of(uow.session, actor.tenant, member[0]) != opportunity.owner_org
            or not has_function(frozenset(member[1]), "opportunity.work")
        ):
            raise AssigneeNotFound(f"{to_user!r} is not an active consultant of the dealer")
        previous = opportunity.reassign(to_user, member[0], now)
        await _save(uow, opportunity, actor.user_id)
        await uow.publish_about(
            actor=actor.user_id,
            tenant=opportunity.tenant,
            owner_org=opportunity.owner_org,
            events=[
                OpportunityReassigned(
                    opportunity_id=opportunity.id,
                    dealer_id=opportunity.owner_org,
                    at=now,
                    owner_user=to_user,
                    owner_team=member[0],
                    previous_owner=previous,
                    assigned_by=actor.user_id,
                )
            ],
        )
        return opportunity


@dataclass(frozen=True, slots=True)
class TradeIn:
    make: str
    model: str
    year: int
    mileage_km: int
    vin: str | None
    appraised_value: Decimal


async def appraise_trade_in(
    opportunity_id: UUID, trade_in: TradeIn, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> UUID:
    """The customer's car appraised for a trade-in (二手置换); its value becomes a quote's
    trade-in credit."""
    async with uow:
        opportunity = await opportunity_for_change(uow, opportunity_id, actor)
        if opportunity.status is not OpportunityStatus.OPEN:
            raise OpportunityClosed(f"opportunity is {opportunity.status.value}")
        trade_in_id = await repository.add_trade_in(
            uow.session,
            opportunity,
            {
                "make": trade_in.make,
                "model": trade_in.model,
                "year": trade_in.year,
                "mileage_km": trade_in.mileage_km,
                "vin": trade_in.vin,
                "appraised_value": trade_in.appraised_value,
                "appraised_by": actor.user_id,
                "appraised_at": now,
            },
        )
        await uow.publish_about(
            actor=actor.user_id,
            tenant=opportunity.tenant,
            owner_org=opportunity.owner_org,
            events=[
                TradeInAppraised(
                    opportunity_id=opportunity.id,
                    dealer_id=opportunity.owner_org,
                    at=now,
                    trade_in_id=trade_in_id,
                    appraised_value=trade_in.appraised_value,
                )
            ],
        )
        return trade_in_id


async def define_pipeline(
    name: str, pipeline: Pipeline, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> UUID:
    """A dealer's own pipeline, made its default (the next opportunities open in it; those
    already open keep theirs) — or, defined at HQ or a region, the template its dealers start
    from and may adopt."""
    async with uow:
        dealer = await dealer_of(uow.session, actor.tenant, actor.org_node)
        return await repository.replace_default_pipeline(
            uow.session, actor.tenant, dealer or actor.org_node, name, pipeline, now
        )


async def adopt_pipeline_template(
    template_id: UUID, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> UUID:
    """The dealer takes a template of its region or HQ as its own default pipeline (a copy:
    later template changes do not move the dealer's opportunities)."""
    async with uow:
        dealer = await dealer_of(uow.session, actor.tenant, actor.org_node)
        if dealer is None:
            raise InvalidInput("org", "templates are adopted by a dealer")
        template = await repository.template_for(uow.session, actor.tenant, dealer, template_id)
        if template is None:
            raise PipelineTemplateNotFound("no such template above the dealer")
        name, pipeline = template
        return await repository.replace_default_pipeline(
            uow.session, actor.tenant, dealer, name, pipeline, now
        )
