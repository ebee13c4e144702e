"""Event → fact projections. Each runs inside the inbox transaction of its consumer; a batch
of events is written with one statement per table (``adapters.fact_store``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from uuid import UUID

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.leads.v1 import LeadCreatedEvent
from crm_common.contracts.events.opportunities.v1 import (
    CatalogPublished,
    DealWon,
    OrderStepCompleted,
)
from crm_common.db import UnitOfWork
from crm_kpi.adapters import fact_store as facts_store
from crm_kpi.domain.facts import (
    DayKey,
    DealEventData,
    DealOutcome,
    LeadActivity,
    LeadEventData,
    activity_month_counts,
    business_day,
    day_figures,
    deal_month_figures,
    deal_outcome,
    lead_activity,
)
from crm_kpi.domain.targets import product_lines


async def record_leads_created(
    uow: UnitOfWork, events: Sequence[LeadCreatedEvent], timezone: str
) -> None:
    """One fact per created lead; a batch of events is one INSERT."""
    await facts_store.add_lead_facts(
        uow.session,
        [
            {
                "event_id": event.id,
                "lead_id": event.data.lead_id,
                "tenant": event.tenant,
                "owner_org": event.owner_org,
                "dealer_id": event.data.dealer_id,
                "source": event.data.source,
                "day": business_day(event.data.created_at, timezone),
                "occurred_at": event.occurred_at,
            }
            for event in events
        ],
    )


async def record_lead_activity(
    uow: UnitOfWork, events: Sequence[Envelope[LeadEventData]], timezone: str
) -> None:
    """One fact per lead transition; a batch of events is one INSERT. The newly recorded ones
    (a redelivered one is not among them) are counted into their month."""
    rows = []
    activities: dict[UUID, tuple[DayKey, LeadActivity]] = {}
    for event in events:
        activity = lead_activity(event.data)
        day = business_day(event.data.at, timezone)
        activities[event.id] = (
            DayKey(event.tenant, event.owner_org, event.data.dealer_id, day),
            activity,
        )
        rows.append(
            {
                "event_id": event.id,
                "lead_id": event.data.lead_id,
                "tenant": event.tenant,
                "owner_org": event.owner_org,
                "dealer_id": event.data.dealer_id,
                "consultant": activity.consultant,
                "activity": activity.activity,
                "detail": activity.detail,
                "follow_up": activity.follow_up,
                "day": day,
                "occurred_at": event.occurred_at,
            }
        )
    recorded = await facts_store.add_lead_activity_facts(uow.session, rows)
    await _add_to_activity_months(uow, [activities[event_id] for event_id in recorded])


async def _add_to_activity_months(
    uow: UnitOfWork, facts: Sequence[tuple[DayKey, LeadActivity]]
) -> None:
    """Counts the newly recorded facts into their month."""
    counts = activity_month_counts(facts)
    await facts_store.add_to_activity_months(
        uow.session, {key: {"n": n} for key, n in counts.items()}
    )


async def record_deal_outcomes(
    uow: UnitOfWork, events: Sequence[Envelope[DealEventData]], timezone: str
) -> None:
    """One fact per won, lost, delivered or cancelled deal; a batch of events is one INSERT.
    A won deal's split credit (who shares it, for commission) is written beside its fact."""
    rows = []
    outcomes: dict[UUID, tuple[DayKey, DealOutcome]] = {}
    credits: list[dict[str, object]] = []
    for event in events:
        if isinstance(event.data, DealWon):
            credits.extend(
                {
                    "event_id": event.id,
                    "user_id": share.user_id,
                    "order_id": event.data.order_id,
                    "team": share.team,
                    "share_percent": share.share_percent,
                }
                for share in event.data.credit
            )
        outcome = deal_outcome(event.data)
        day = business_day(event.data.at, timezone)
        outcomes[event.id] = (
            DayKey(event.tenant, event.owner_org, event.data.dealer_id, day),
            outcome,
        )
        rows.append(
            {
                "event_id": event.id,
                "outcome": outcome.outcome,
                "opportunity_id": event.data.opportunity_id,
                "order_id": outcome.order_id,
                "tenant": event.tenant,
                "owner_org": event.owner_org,
                "dealer_id": event.data.dealer_id,
                "consultant": outcome.consultant,
                "team": outcome.team,
                "model_code": outcome.model_code,
                "lead_origin": outcome.lead_origin,
                "units": outcome.units,
                "revenue": outcome.revenue,
                "gross_margin": outcome.gross_margin,
                "msrp": outcome.msrp,
                "finance_attached": outcome.finance_attached,
                "insurance_attached": outcome.insurance_attached,
                "reason": outcome.reason,
                "competitor": outcome.competitor,
                "day": day,
                "occurred_at": event.occurred_at,
                "customer_id": outcome.customer_id,
            }
        )
    recorded = await facts_store.add_deal_facts(uow.session, rows)
    buyers = {outcomes[e][1].customer_id for e in recorded if outcomes[e][1].outcome == "won"}
    await facts_store.mark_first_purchases(uow.session, sorted(b for b in buyers if b))
    await _add_to_day_figures(uow, [outcomes[event_id] for event_id in recorded])
    await _add_to_deal_months(uow, [outcomes[event_id] for event_id in recorded])
    if credits:
        await facts_store.add_deal_credits(uow.session, credits)


async def _add_to_day_figures(uow: UnitOfWork, facts: Sequence[tuple[DayKey, DealOutcome]]) -> None:
    """Adds the newly recorded facts to their dealer's day."""
    figures = day_figures(facts)
    await facts_store.add_to_day_figures(uow.session, {k: asdict(f) for k, f in figures.items()})


async def _add_to_deal_months(uow: UnitOfWork, facts: Sequence[tuple[DayKey, DealOutcome]]) -> None:
    """Adds the newly recorded facts to their month figures."""
    months = deal_month_figures(facts)
    await facts_store.add_to_deal_months(uow.session, {k: asdict(f) for k, f in months.items()})


async def record_collections(
    uow: UnitOfWork, events: Sequence[Envelope[OrderStepCompleted]], timezone: str
) -> None:
    """One fact per order step that took money (deposit paid, payment received); a batch is
    one INSERT. The consultant is the order's win's, when it was projected first."""
    paid = [event for event in events if event.data.amount]
    if not paid:
        return
    consultants = await facts_store.consultants_of_won_orders(
        uow.session, {event.data.order_id for event in paid}
    )
    await facts_store.add_collection_facts(
        uow.session,
        [
            {
                "event_id": event.id,
                "tenant": event.tenant,
                "owner_org": event.owner_org,
                "dealer_id": event.data.dealer_id,
                "order_id": event.data.order_id,
                "consultant": consultants.get(event.data.order_id),
                "amount": event.data.amount,
                "day": business_day(event.data.at, timezone),
                "occurred_at": event.occurred_at,
            }
            for event in paid
        ],
    )


async def record_product_lines(
    uow: UnitOfWork, events: Sequence[Envelope[CatalogPublished]]
) -> None:
    """The product line of every model of each catalogue published, the latest one winning."""
    lines: dict[tuple[str, str], str] = {}
    for event in events:
        for model, line in product_lines(event.data.catalog).items():
            lines[(event.tenant, model)] = line
    if not lines:
        return
    await facts_store.set_product_lines(uow.session, lines)
