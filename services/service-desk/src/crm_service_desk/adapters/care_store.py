"""Care rules, the candidates a rule may fire for (coarsely filtered in SQL, decided by the
domain), and the actions taken — once per customer, rule and period by the key."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, and_, func, insert, or_, select, true
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
    source: Any = p
    if rule.kind is RuleKind.MAINTENANCE_DUE:
        columns += [v.c.vin, v.c.delivered_on, v.c.last_service_on, v.c.mileage_km]
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
        columns.append(complaints.c.complaints)
        source = p.join(complaints, complaints.c.customer_id == p.c.customer_id)
    query = (
        select(*columns)
        .select_from(source)
        .where(
            p.c.tenant == tenant,
            p.c.segment == rule.segment.value,
            p.c.owner_org.in_(_books_below(tenant, node)),
            _coarse(rule, today),
        )
    )
    result = await session.stream(query.execution_options(yield_per=SCAN_BATCH))
    async for partition in result.mappings().partitions(SCAN_BATCH):
        yield list(partition)


async def record_actions(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> set[UUID]:
    """Inserts the actions; returns the ids of those recorded now (not before)."""
    if not rows:
        return set()
    result = await session.execute(
        pg_insert(care_actions)
        .on_conflict_do_nothing(index_elements=["rule_id", "customer_id", "period"])
        .returning(care_actions.c.id),
        list(rows),
    )
    return set(result.scalars())
