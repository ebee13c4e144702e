"""Facts projected from events, written a batch at a time. A batch's rows go as parameters
of one cached statement: building a VALUES clause per batch compiled the statement every
time. The lead facts, which every lead created or moved brings, go as one array per column
(``crm_common.db.bulk``): one execution per batch, nothing per row in SQLAlchemy."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any, NamedTuple
from uuid import UUID

from sqlalchemy import Table, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.db.bulk import insert_rows, row_values
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
from crm_kpi.domain.facts import ActivityMonthKey, DayKey, DealMonthKey, lock_order

Rows = Sequence[Mapping[str, Any]]
Figures = Mapping[Any, dict[str, Any]]


_LEAD_FACT_COLUMNS = tuple(column.name for column in lead_facts.c)
_LEAD_FACTS = insert_rows(lead_facts, _LEAD_FACT_COLUMNS).on_conflict_do_nothing()
_ACTIVITY_FACT_COLUMNS = tuple(column.name for column in lead_activity_facts.c)
_ACTIVITY_FACTS = (
    insert_rows(lead_activity_facts, _ACTIVITY_FACT_COLUMNS)
    .on_conflict_do_nothing()
    .returning(lead_activity_facts.c.event_id)
)


async def add_lead_facts(session: AsyncSession, rows: Rows) -> None:
    if rows:
        await session.execute(_LEAD_FACTS, row_values(rows, _LEAD_FACT_COLUMNS))


async def add_lead_activity_facts(session: AsyncSession, rows: Rows) -> list[UUID]:
    """The event ids of the facts newly recorded (a redelivered one is not among them)."""
    if not rows:
        return []
    recorded = await session.scalars(_ACTIVITY_FACTS, row_values(rows, _ACTIVITY_FACT_COLUMNS))
    return list(recorded)


async def add_deal_facts(session: AsyncSession, rows: Rows) -> set[UUID]:
    """The event ids of the facts newly recorded (a redelivered one is not among them)."""
    recorded = await session.scalars(
        insert(deal_facts).on_conflict_do_nothing().returning(deal_facts.c.event_id), rows
    )
    return set(recorded)


async def mark_first_purchases(session: AsyncSession, customers: list[UUID]) -> None:
    """Each win of these buyers is their first purchase or not, by the time it was published:
    recomputed for all their wins whenever one arrives, so a win arriving after a later one
    (another topic partition, a replay) puts both right."""
    if not customers:
        return
    await session.execute(
        text(
            """
            UPDATE deal_facts f SET first_purchase = NOT EXISTS (
                SELECT 1 FROM deal_facts e
                WHERE e.customer_id = f.customer_id AND e.outcome = 'won'
                  AND (e.occurred_at, e.event_id) < (f.occurred_at, f.event_id)
            )
            WHERE f.customer_id = ANY(CAST(:customers AS uuid[])) AND f.outcome = 'won'
            """
        ),
        {"customers": customers},
    )


async def add_deal_credits(session: AsyncSession, rows: Rows) -> None:
    await session.execute(insert(deal_credits).on_conflict_do_nothing(), rows)


async def add_to_activity_months(session: AsyncSession, figures: Figures) -> None:
    await _add_to_kept(session, lead_activity_months, ActivityMonthKey, figures)


async def add_to_day_figures(session: AsyncSession, figures: Figures) -> None:
    await _add_to_kept(session, deal_day_figures, DayKey, figures)


async def add_to_deal_months(session: AsyncSession, figures: Figures) -> None:
    await _add_to_kept(session, deal_months, DealMonthKey, figures)


async def _add_to_kept(
    session: AsyncSession,
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
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=list(key._fields),
            set_={column: table.c[column] + statement.excluded[column] for column in added},
        ),
        [{**k._asdict(), **figures[k]} for k in sorted(figures, key=lock_order)],
    )


async def consultants_of_won_orders(
    session: AsyncSession, order_ids: Collection[UUID]
) -> dict[UUID, str | None]:
    """The consultant of each order's win, for the orders whose win is projected."""
    won = deal_facts
    found = await session.execute(
        select(won.c.order_id, won.c.consultant).where(
            won.c.order_id.in_(order_ids), won.c.outcome == "won"
        )
    )
    return {order: consultant for order, consultant in found}


async def add_collection_facts(session: AsyncSession, rows: Rows) -> None:
    await session.execute(insert(collection_facts).on_conflict_do_nothing(), rows)


async def set_product_lines(session: AsyncSession, lines: Mapping[tuple[str, str], str]) -> None:
    """The product line of each (tenant, model), replacing the one kept."""
    statement = insert(model_product_lines).values(
        [
            {"tenant": tenant, "model_code": model, "product_line": line}
            for (tenant, model), line in lines.items()
        ]
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["tenant", "model_code"],
            set_={"product_line": statement.excluded.product_line},
        )
    )
