"""Care rules, the candidates a rule may fire for (coarsely filtered in SQL, decided by the
domain), and the actions taken — once per customer, rule and period by the key."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    and_,
    any_,
    cast,
    func,
    insert,
    null,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.db.tables import org_directory
from crm_service_desk.adapters.tables import (
    care_actions,
    care_rules,
    customer_profiles,
    tickets,
    vehicles,
)
from crm_service_desk.domain.care import CareAction, CareRule, RuleKind, Segment, add_months

SCAN_BATCH = 5000


def rule_from_row(row: Any) -> CareRule:
    return CareRule(
        id=row["id"],
        kind=RuleKind(row["kind"]),
        segment=Segment(row["segment"]),
        action=CareAction(row["action"]),
        message=row["message"],
        months=row["months"],
        km=row["km"],
        days_before=row["days_before"],
        window_days=row["window_days"],
        complaints=row["complaints"],
    )


async def add_rule(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(insert(care_rules).values(**values))


async def rule_in_book(
    session: AsyncSession, tenant: str, book: str, rule_id: UUID
) -> dict[str, Any] | None:
    """A rule of the book, locked for its change; None for another book's (or none)."""
    r = care_rules
    row = (
        (
            await session.execute(
                select(r)
                .where(r.c.id == rule_id, r.c.tenant == tenant, r.c.owner_org == book)
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else dict(row)


async def change_rule(session: AsyncSession, rule_id: UUID, values: dict[str, Any]) -> None:
    await session.execute(update(care_rules).where(care_rules.c.id == rule_id).values(**values))


async def keep_rule(session: AsyncSession, values: dict[str, Any]) -> None:
    """The rule as another installation set it (its id, node and terms): added, or its terms
    replaced — as a change by whoever set them there — unless the row holds terms set later
    (HQ resends a rule's last terms to a dealer newly placed below its node, which may reach
    the dealer after a later change). Never another tenant's row."""
    statement = pg_insert(care_rules).values(**values)
    kept = statement.excluded
    terms = {
        name: kept[name]
        for name in values
        if name not in ("id", "tenant", "owner_org", "kind", "created_by", "created_at")
    }
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[care_rules.c.id],
            set_={**terms, "changed_by": kept.created_by, "changed_at": kept.created_at},
            where=and_(
                care_rules.c.tenant == kept.tenant,
                func.coalesce(care_rules.c.changed_at, care_rules.c.created_at) <= kept.created_at,
            ),
        )
    )


async def active_rules(session: AsyncSession) -> list[Any]:
    """Every tenant's active rules (the scan is system work across tenants)."""
    rows = await session.execute(select(care_rules).where(care_rules.c.active))
    return list(rows.mappings())


def _books_below(tenant: str, node: str) -> Any:
    d = org_directory
    path = select(d.c.path).where(d.c.tenant == tenant, d.c.id == node).scalar_subquery()
    return select(d.c.id).where(d.c.tenant == tenant, d.c.path.startswith(path))


def _month_days(today: date, days_before: int) -> list[str]:
    """The birthdays (MMDD) in [today, today + days_before]; 29 February with the 28th."""
    days = {(today + timedelta(days=n)).strftime("%m%d") for n in range(days_before + 1)}
    if "0228" in days:
        days.add("0229")
    return sorted(days)


def _coarse(rule: CareRule, today: date) -> ColumnElement[bool]:
    """Who the rule may fire for (the domain decides exactly): a cheap SQL filter."""
    p, v = customer_profiles, vehicles
    match rule.kind:
        case RuleKind.MAINTENANCE_DUE:
            conditions = []
            if rule.months is not None:
                latest_base = add_months(today + timedelta(days=rule.days_before), -rule.months)
                conditions.append(
                    func.coalesce(v.c.last_service_on, v.c.delivered_on) <= latest_base
                )
            if rule.km is not None:
                conditions.append(v.c.mileage_km >= rule.km)
            return or_(*conditions)
        case RuleKind.INSURANCE_RENEWAL:
            return p.c.insurance_expires_on.between(today, today + timedelta(days=rule.days_before))
        case RuleKind.BIRTHDAY:
            return func.to_char(p.c.birthday, "MMDD").in_(_month_days(today, rule.days_before))
        case RuleKind.VALUE_CHANGED:
            return p.c.value_changed_on >= today - timedelta(days=rule.window_days)
        case RuleKind.PROBLEM_CUSTOMER:
            return true()


async def candidates(
    session: AsyncSession, tenant: str, node: str, rule: CareRule, today: date, zone: Any
) -> AsyncIterator[list[Any]]:
    """The rule's candidates in the node's books, in batches, streamed: a profile with, for
    the maintenance rule, each of its vehicles; for the problem-customer rule, how many
    complaints it had in the window."""
    p, v = customer_profiles, vehicles
    columns: list[Any] = [
        p.c.customer_id,
        p.c.owner_org,
        p.c.segment,
        p.c.name,
        p.c.phone,
        p.c.email,
        p.c.birthday,
        p.c.insurance_expires_on,
        p.c.value_changed_on,
    ]
    # Every row has every column a candidate reads, those of other rules' kinds empty.
    vehicle_columns: list[Any] = [
        null().label("vin"),
        null().label("delivered_on"),
        null().label("last_service_on"),
        null().label("mileage_km"),
    ]
    complaint_count: Any = null().label("complaints")
    source: Any = p
    if rule.kind is RuleKind.MAINTENANCE_DUE:
        vehicle_columns = [v.c.vin, v.c.delivered_on, v.c.last_service_on, v.c.mileage_km]
        source = p.join(v, and_(v.c.tenant == p.c.tenant, v.c.customer_id == p.c.customer_id))
    if rule.kind is RuleKind.PROBLEM_CUSTOMER:
        since = datetime.combine(
            today - timedelta(days=rule.window_days), datetime.min.time(), zone
        )
        complaints = (
            select(tickets.c.customer_id, func.count().label("complaints"))
            .where(
                tickets.c.tenant == tenant,
                tickets.c.kind == "complaint",
                tickets.c.opened_at >= since,
                tickets.c.customer_id.is_not(None),
            )
            .group_by(tickets.c.customer_id)
            .having(func.count() >= rule.complaints)
            .subquery()
        )
        complaint_count = complaints.c.complaints
        source = p.join(complaints, complaints.c.customer_id == p.c.customer_id)
    # The books as values, read first: as a subquery (a LIKE on paths) PostgreSQL guessed one
    # book where a rule of HQ's has them all, and at a million customers probed the vehicles
    # once per customer (39 s) and read each book's scattered pages apart instead of the
    # table once.
    books = list(await session.scalars(_books_below(tenant, node)))
    query = (
        select(*columns, *vehicle_columns, complaint_count)
        .select_from(source)
        .where(
            p.c.tenant == tenant,
            p.c.segment == rule.segment.value,
            p.c.owner_org.in_(books),
            _coarse(rule, today),
        )
    )
    result = await session.stream(query.execution_options(yield_per=SCAN_BATCH))
    async for partition in result.partitions(SCAN_BATCH):
        yield list(partition)


async def periods_taken(
    session: AsyncSession, rule_id: UUID, customer_ids: Sequence[UUID]
) -> set[tuple[UUID, str]]:
    """The (customer, period) pairs the rule acted on already, of these customers."""
    a = care_actions
    rows = await session.execute(
        select(a.c.customer_id, a.c.period).where(
            a.c.rule_id == rule_id, a.c.customer_id == any_(cast(customer_ids, ARRAY(PG_UUID)))
        )
    )
    return {(customer_id, period) for customer_id, period in rows}


# Any number of actions in one statement (row-by-row parameters were most of a first scan's
# time at a million customers); the key refuses what another scan recorded first.
_RECORD = text(
    """
    INSERT INTO care_actions (id, tenant, owner_org, rule_id, customer_id, period, action,
                              due_on, reason, fired_at)
    SELECT * FROM unnest(
        CAST(:ids AS uuid[]), CAST(:tenants AS text[]), CAST(:owner_orgs AS text[]),
        CAST(:rule_ids AS uuid[]), CAST(:customer_ids AS uuid[]), CAST(:periods AS text[]),
        CAST(:actions AS text[]), CAST(:due_ons AS date[]), CAST(:reasons AS text[]),
        CAST(:fired_ats AS timestamptz[])
    )
    ON CONFLICT (rule_id, customer_id, period) DO NOTHING
    RETURNING id
    """
)


async def record_actions(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> set[UUID]:
    """Inserts the actions; returns the ids of those recorded now (not before)."""
    if not rows:
        return set()
    result = await session.execute(
        _RECORD,
        {
            f"{name}s": [row[name] for row in rows]
            for name in (
                "id",
                "tenant",
                "owner_org",
                "rule_id",
                "customer_id",
                "period",
                "action",
                "due_on",
                "reason",
                "fired_at",
            )
        },
    )
    return set(result.scalars())
