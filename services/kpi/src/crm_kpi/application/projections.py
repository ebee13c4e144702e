"""Event → fact projections. Each runs inside the inbox transaction of its consumer.

A batch's rows go as parameters of one cached statement (SQLAlchemy sends them as one
multi-row INSERT): building a VALUES clause per batch compiled the statement every time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any, NamedTuple
from uuid import UUID

from sqlalchemy import Table, select
from sqlalchemy.dialects.postgresql import insert

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.leads.v1 import LeadCreatedEvent
from crm_common.contracts.events.opportunities.v1 import (
    CatalogPublished,
    DealWon,
    OrderStepCompleted,
)
from crm_common.db import UnitOfWork
from crm_kpi.adapters.commission_tables import deal_credits
from crm_kpi.adapters.tables import (
    deal_day_figures,
    deal_facts,
    deal_months,
    lead_activity_facts,
    lead_activity_months,
    lead_facts,
)
from crm_kpi.adapters.target_tables import collection_facts, model_product_lines
from crm_kpi.domain.facts import (
    ActivityMonthKey,
    DayKey,
    DealEventData,
    DealMonthKey,
    DealOutcome,
    LeadActivity,
    LeadEventData,
    activity_month_counts,
    business_day,
    day_figures,
    deal_month_figures,
    deal_outcome,
    lead_activity,
    lock_order,
)
from crm_kpi.domain.targets import product_lines


async def record_leads_created(
    uow: UnitOfWork, events: Sequence[LeadCreatedEvent], timezone: str
) -> None:
    """One fact per created lead; a batch of events is one INSERT."""
    await uow.session.execute(
        insert(lead_facts).on_conflict_do_nothing(),
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
                "day": day,
                "occurred_at": event.occurred_at,
            }
        )
    recorded = await uow.session.scalars(
        insert(lead_activity_facts)
        .on_conflict_do_nothing()
        .returning(lead_activity_facts.c.event_id),
        rows,
    )
    await _add_to_activity_months(uow, [activities[event_id] for event_id in recorded])


async def _add_to_activity_months(
    uow: UnitOfWork, facts: Sequence[tuple[DayKey, LeadActivity]]
) -> None:
    """Counts the newly recorded facts into their month."""
    counts = activity_month_counts(facts)
    await _add_to_kept(
        uow, lead_activity_months, ActivityMonthKey, {key: {"n": n} for key, n in counts.items()}
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
            }
        )
    recorded = set(
        await uow.session.scalars(
            insert(deal_facts).on_conflict_do_nothing().returning(deal_facts.c.event_id), rows
        )
    )
    await _add_to_day_figures(uow, [outcomes[event_id] for event_id in recorded])
    await _add_to_deal_months(uow, [outcomes[event_id] for event_id in recorded])
    if credits:
        await uow.session.execute(insert(deal_credits).on_conflict_do_nothing(), credits)


async def _add_to_day_figures(uow: UnitOfWork, facts: Sequence[tuple[DayKey, DealOutcome]]) -> None:
    """Adds the newly recorded facts to their dealer's day."""
    figures = day_figures(facts)
    await _add_to_kept(uow, deal_day_figures, DayKey, {k: asdict(f) for k, f in figures.items()})


async def _add_to_deal_months(uow: UnitOfWork, facts: Sequence[tuple[DayKey, DealOutcome]]) -> None:
    """Adds the newly recorded facts to their month figures."""
    months = deal_month_figures(facts)
    await _add_to_kept(uow, deal_months, DealMonthKey, {k: asdict(f) for k, f in months.items()})


async def _add_to_kept(
    uow: UnitOfWork,
    table: Table,
    key: type[NamedTuple],
    figures: Mapping[Any, dict[str, Any]],
) -> None:
    """Adds the figures of each key to its kept row, inserted when new: the key's fields are the
    row's key columns, the figures' names the columns added to. Only newly recorded facts come
    here, so a redelivery adds nothing; rows go in lock order, so that concurrent batches
    cannot deadlock on each other's."""
    if not figures:
        return
    statement = insert(table)
    added = next(iter(figures.values())).keys()
    await uow.session.execute(
        statement.on_conflict_do_update(
            index_elements=list(key._fields),
            set_={column: table.c[column] + statement.excluded[column] for column in added},
        ),
        [{**k._asdict(), **figures[k]} for k in sorted(figures, key=lock_order)],
    )


async def record_collections(
    uow: UnitOfWork, events: Sequence[Envelope[OrderStepCompleted]], timezone: str
) -> None:
    """One fact per order step that took money (deposit paid, payment received); a batch is
    one INSERT. The consultant is the order's win's, when it was projected first."""
    paid = [event for event in events if event.data.amount]
    if not paid:
        return
    won = deal_facts
    found = await uow.session.execute(
        select(won.c.order_id, won.c.consultant).where(
            won.c.order_id.in_({event.data.order_id for event in paid}),
            won.c.outcome == "won",
        )
    )
    consultants = {order: consultant for order, consultant in found}
    await uow.session.execute(
        insert(collection_facts).on_conflict_do_nothing(),
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
    statement = insert(model_product_lines).values(
        [
            {"tenant": tenant, "model_code": model, "product_line": line}
            for (tenant, model), line in lines.items()
        ]
    )
    await uow.session.execute(
        statement.on_conflict_do_update(
            index_elements=["tenant", "model_code"],
            set_={"product_line": statement.excluded.product_line},
        )
    )
