"""The commission run's reads and writes, set-based: one query per batch of dealers for the
month's deals, one COPY per dealer for the lines. They run on the asyncpg connection under the
unit of work's session (its transaction must have started: run a statement through the session
first), because a month of a large dealer group is millions of lines."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

from crm_kpi.domain.commission import (
    Credit,
    Deal,
    Line,
    LineKind,
    PaidLine,
    PlanRules,
    PlanVersion,
    Statement,
)

LINE_COLUMNS = (
    "statement_id",
    "kind",
    "order_id",
    "opportunity_id",
    "deal_day",
    "plan_id",
    "plan_version",
    "rule",
    "basis",
    "rate",
    "origin_rate",
    "share_percent",
    "amount",
    "clawback_of",
)
STATEMENT_COLUMNS = (
    "id",
    "tenant",
    "owner_org",
    "dealer_id",
    "user_id",
    "team",
    "month",
    "run_id",
    "status",
    "units",
    "target_units",
    "attainment_percent",
    "total",
    "currency",
    "lines",
    "computed_at",
)
COPY_ROWS = 10_000


async def driver(session: AsyncSession) -> asyncpg.Connection:
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    native: asyncpg.Connection = raw.driver_connection
    return native


# Won deals of the month whose order was not cancelled by the month's end, with their split
# credit (none recorded: the owning consultant has it all), in a stable order.
_DEALS = """
SELECT f.dealer_id, f.order_id::text AS order_id, f.opportunity_id::text AS opportunity_id,
       f.day, f.model_code, f.lead_origin, f.units, f.gross_margin, f.finance_attached,
       f.insurance_attached, coalesce(c.user_id, f.consultant) AS user_id,
       coalesce(c.team, f.team) AS team, coalesce(c.share_percent, 100) AS share_percent
FROM deal_facts f
LEFT JOIN deal_credits c ON c.event_id = f.event_id
WHERE f.tenant = $1 AND f.dealer_id = ANY($2::text[]) AND f.outcome = 'won'
  AND f.day BETWEEN $3 AND $4 AND f.order_id IS NOT NULL
  AND coalesce(c.user_id, f.consultant) IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM deal_facts x
    WHERE x.order_id = f.order_id AND x.outcome = 'cancelled' AND x.day <= $4)
ORDER BY f.dealer_id, f.day, f.order_id, 11
"""


async def month_deals(
    conn: asyncpg.Connection, tenant: str, dealers: Sequence[str], first: date, last: date
) -> dict[str, list[Deal]]:
    deals: dict[str, list[Deal]] = defaultdict(list)
    current: list[Any] | None = None
    credits: list[Credit] = []

    def close() -> None:
        if current is not None:
            deals[current[0]].append(Deal(*current[1:], tuple(credits)))  # type: ignore[call-arg]

    for r in await conn.fetch(_DEALS, tenant, list(dealers), first, last):
        if current is None or current[1] != r[1]:
            close()
            current = list(r[:10])
            credits = []
        credits.append(Credit(r[10], r[11], r[12]))
    close()
    return deals


# Lines paid in earlier months for deals whose order was cancelled this month.
_PAID = """
SELECT s.dealer_id, s.id, s.user_id, s.team, l.kind, l.order_id::text, l.opportunity_id::text,
       l.deal_day, l.plan_id, l.plan_version, l.rule, l.basis, l.rate, l.origin_rate,
       l.share_percent, l.amount
FROM deal_facts x
JOIN commission_lines l ON l.order_id = x.order_id
JOIN commission_statements s ON s.id = l.statement_id
WHERE x.tenant = $1 AND x.dealer_id = ANY($2::text[]) AND x.outcome = 'cancelled'
  AND x.day BETWEEN $3 AND $4
  AND s.tenant = $1 AND s.dealer_id = x.dealer_id AND s.month < $5 AND l.kind <> 'clawback'
ORDER BY s.dealer_id, l.deal_day, l.order_id, l.id
"""


async def paid_for_cancelled(
    conn: asyncpg.Connection,
    tenant: str,
    dealers: Sequence[str],
    first: date,
    last: date,
    month: str,
) -> dict[str, list[PaidLine]]:
    paid: dict[str, list[PaidLine]] = defaultdict(list)
    for r in await conn.fetch(_PAID, tenant, list(dealers), first, last, month):
        line = Line(LineKind(r[4]), *r[5:16])
        paid[r[0]].append(PaidLine(r[1], r[2], r[3], line))
    return paid


async def targets_of(
    conn: asyncpg.Connection, tenant: str, dealers: Sequence[str], month: str
) -> dict[str, dict[str, int]]:
    """Each consultant's units target of the month: their leaf of the sales targets (product
    line '*'), under their dealer or one of its teams."""
    targets: dict[str, dict[str, int]] = defaultdict(dict)
    for dealer, user, units in await conn.fetch(
        "SELECT d.dealer_id, t.user_id, t.amount::integer FROM targets t"
        " JOIN org_directory d ON d.tenant = t.tenant AND d.id = t.org_node"
        " WHERE t.tenant = $1 AND t.month = $2 AND t.measure = 'units'"
        " AND t.product_line = '*' AND t.user_id IS NOT NULL AND d.dealer_id = ANY($3::text[])",
        tenant,
        month,
        list(dealers),
    ):
        targets[dealer][user] = units
    return targets


async def plan_versions(
    conn: asyncpg.Connection, tenant: str, dealers: Sequence[str] | None
) -> dict[str, list[PlanVersion]]:
    """The versions of each dealer's plan (of every dealer with one, for None)."""
    rows = await conn.fetch(
        "SELECT p.dealer_id, v.plan_id, v.version, v.effective_from, v.effective_to, v.rules::text"
        " FROM commission_plans p JOIN commission_plan_versions v ON v.plan_id = p.id"
        " WHERE p.tenant = $1 AND ($2::text[] IS NULL OR p.dealer_id = ANY($2::text[]))"
        " ORDER BY p.dealer_id, v.version",
        tenant,
        None if dealers is None else list(dealers),
    )
    versions: dict[str, list[PlanVersion]] = defaultdict(list)
    for dealer, plan_id, version, start, end, rules in rows:
        versions[dealer].append(
            PlanVersion(plan_id, version, start, end, PlanRules.model_validate_json(rules))
        )
    return versions


async def lock_month(conn: asyncpg.Connection, tenant: str, dealer: str, month: str) -> bool:
    """Serialises runs of one dealer's month and locks its statements; True when one of them
    is issued (the month is closed)."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtext($1))", f"{tenant}|{dealer}|{month}")
    statuses = await conn.fetch(
        "SELECT status FROM commission_statements"
        " WHERE tenant = $1 AND dealer_id = $2 AND month = $3 FOR UPDATE",
        tenant,
        dealer,
        month,
    )
    return any(s == "issued" for (s,) in statuses)


async def replace_month(
    conn: asyncpg.Connection,
    *,
    tenant: str,
    dealer: str,
    month: str,
    run_id: UUID,
    run_by: str,
    now: datetime,
    currency: str,
    statements: Sequence[Statement],
) -> tuple[int, Decimal]:
    """Deletes the month's statements and lines and writes the new ones; the run row too."""
    await conn.execute(
        "DELETE FROM commission_lines WHERE statement_id IN (SELECT id FROM"
        " commission_statements WHERE tenant = $1 AND dealer_id = $2 AND month = $3)",
        tenant,
        dealer,
        month,
    )
    await conn.execute(
        "DELETE FROM commission_statements WHERE tenant = $1 AND dealer_id = $2 AND month = $3",
        tenant,
        dealer,
        month,
    )
    lines = sum(len(s.lines) for s in statements)
    total = sum((s.total for s in statements), Decimal(0))
    await conn.execute(
        "INSERT INTO commission_runs (id, tenant, owner_org, dealer_id, month, statements,"
        " lines, total, run_by, run_at) VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9)",
        run_id,
        tenant,
        dealer,
        month,
        len(statements),
        lines,
        total,
        run_by,
        now,
    )
    await conn.copy_records_to_table(
        "commission_statements",
        columns=STATEMENT_COLUMNS,
        records=[
            (
                s.id,
                tenant,
                dealer,
                dealer,
                s.user_id,
                s.team,
                month,
                run_id,
                "draft",
                s.units,
                s.target_units,
                s.attainment_percent,
                s.total,
                currency,
                len(s.lines),
                now,
            )
            for s in statements
        ],
    )
    await conn.copy_to_table(
        "commission_lines", source=_line_text(statements), columns=LINE_COLUMNS, format="text"
    )
    return lines, total


def _escape(value: str) -> str:
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return value


async def _line_text(statements: Iterable[Statement]) -> AsyncIterator[bytes]:
    """COPY text rows, in chunks: formatting text is the cheapest way from Decimal to the wire.
    (Line kinds are str enums and join as they are.)"""
    chunk: list[str] = []
    texts: dict[object, str] = {None: "\\N"}

    def text(value: object) -> str:
        found = texts.get(value)
        if found is None:
            found = texts[value] = str(value)
        return found

    for statement in statements:
        sid = str(statement.id)
        for (
            kind,
            order,
            opp,
            day,
            plan,
            version,
            rule,
            basis,
            rate,
            origin,
            share,
            amount,
            of,
        ) in statement.lines:
            chunk.append(
                "\t".join(
                    (
                        sid,
                        kind,
                        order,
                        opp,
                        text(day),
                        text(plan),
                        text(version),
                        _escape(rule),
                        str(basis),
                        text(rate),
                        text(origin),
                        text(share),
                        str(amount),
                        text(of),
                    )
                )
            )
            if len(chunk) >= COPY_ROWS:
                yield ("\n".join(chunk) + "\n").encode()
                chunk = []
    if chunk:
        yield ("\n".join(chunk) + "\n").encode()
