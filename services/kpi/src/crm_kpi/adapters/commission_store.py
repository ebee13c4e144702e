"""The commission run's reads and writes, set-based: one COPY out of one query for the month's
deals of every dealer, one COPY in per dealer for the lines. They run on the asyncpg connection
under a session (``driver``), because a month of a large dealer group is millions of lines.
Turning rows into deals and statements into COPY text are pure functions, so a worker process
can run them."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple
from uuid import UUID

import asyncpg
from sqlalchemy import text
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

# The deal's columns first: a deal's lines within a statement share that part of their row.
LINE_COLUMNS = (
    "statement_id",
    "order_id",
    "opportunity_id",
    "deal_day",
    "plan_id",
    "plan_version",
    "kind",
    "rule",
    "basis",
    "rate",
    "origin_rate",
    "share_percent",
    "amount",
    "clawback_of",
)


async def driver(session: AsyncSession) -> asyncpg.Connection:
    """The session's asyncpg connection, inside the session's transaction: the driver begins
    that transaction at its first statement, so one goes through the session first."""
    await session.execute(text("SELECT 1"))
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    native: asyncpg.Connection = raw.driver_connection
    return native


# Won deals of the month whose order was not cancelled by the month's end, with their split
# credit (none recorded: the owning consultant has it all), in a stable order. One row per
# credited consultant; a deal's rows are consecutive.
_DEALS = """
SELECT f.dealer_id, f.order_id, f.opportunity_id, f.day, f.model_code, f.lead_origin, f.units,
       f.gross_margin, f.finance_attached, f.insurance_attached,
       coalesce(c.user_id, f.consultant) AS user_id, coalesce(c.team, f.team) AS team,
       coalesce(c.share_percent, 100) AS share_percent
FROM deal_facts f
LEFT JOIN deal_credits c ON c.event_id = f.event_id
WHERE f.tenant = $1 AND f.dealer_id = ANY($2::text[]) AND f.outcome = 'won'
  AND f.day BETWEEN $3::date AND $4::date AND f.order_id IS NOT NULL
  AND coalesce(c.user_id, f.consultant) IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM deal_facts x
    WHERE x.order_id = f.order_id AND x.outcome = 'cancelled' AND x.day <= $4::date)
ORDER BY f.dealer_id, f.day, f.order_id, 11
"""
_SORT_MEMORY = "SELECT set_config('work_mem', '256MB', true)"


async def stream_month_deals(
    conn: asyncpg.Connection,
    tenant: str,
    dealers: Sequence[str],
    first: date,
    last: date,
    take: Callable[[str, bytes], Awaitable[None]],
) -> None:
    """Streams the month's deals of every dealer named through one COPY of one query, handing
    over each dealer's rows as COPY text (``deals_from_text`` reads them) as soon as they are
    complete: PostgreSQL scans the facts once, and decoding them is left to whoever computes
    the dealer's month. The connection's transaction must have started (it scopes the rows)."""
    await conn.execute(_SORT_MEMORY)  # the month's sort in memory, not in temporary files
    pending = b""
    dealer = b""
    rows: list[bytes] = []

    async def receive(chunk: bytes) -> None:
        nonlocal pending, dealer
        complete = (pending + chunk).split(b"\n")
        pending = complete.pop()
        for row in complete:
            name = row[: row.index(b"\t")]
            if name != dealer:
                if rows:
                    await take(_unescape(dealer.decode()), b"\n".join(rows))
                    rows.clear()
                dealer = name
            rows.append(row)

    await conn.copy_from_query(
        _DEALS, tenant, list(dealers), first, last, output=receive, format="text"
    )
    if rows:
        await take(_unescape(dealer.decode()), b"\n".join(rows))


def deals_from_text(rows: bytes) -> list[Deal]:
    """The deals of one dealer from their COPY text rows (``stream_month_deals``)."""
    deals: list[Deal] = []
    current: list[Any] | None = None
    credits: list[Credit] = []
    decimal = functools.cache(Decimal)  # a few distinct shares, parsed once

    for row in rows.decode().split("\n"):
        (_, order, opp, day, model, origin, units, margin, finance, insurance, user, team,
         share) = row.split("\t")  # fmt: skip
        if current is None or current[0] != order:
            if current is not None:
                deals.append(Deal(*current, tuple(credits)))  # type: ignore[call-arg]
            current = [
                order,
                opp,
                date.fromisoformat(day),
                _text_or_none(model),
                _text_or_none(origin),
                int(units),
                Decimal(margin),
                finance == "t",
                insurance == "t",
            ]
            credits = []
        credits.append(Credit(_unescape(user), _text_or_none(team), decimal(share)))
    if current is not None:
        deals.append(Deal(*current, tuple(credits)))  # type: ignore[call-arg]
    return deals


_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _unescape(value: str) -> str:
    """A text value as COPY's text format wrote it (backslash escapes)."""
    if "\\" not in value:
        return value
    out: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            escaped = next(chars)
            out.append(_ESCAPES.get(escaped, escaped))
        else:
            out.append(char)
    return "".join(out)


def _text_or_none(value: str) -> str | None:
    return None if value == "\\N" else _unescape(value)


# Lines paid in earlier months for deals whose order was cancelled this month: in the dealer's
# statements of the month the order was won in (a line's deal is of its statement's month).
_PAID = """
SELECT s.dealer_id, s.id, s.user_id, s.team, l.kind, l.order_id::text, l.opportunity_id::text,
       l.deal_day, l.plan_id, l.plan_version, l.rule, l.basis, l.rate, l.origin_rate,
       l.share_percent, l.amount
FROM deal_facts x
CROSS JOIN LATERAL (
  SELECT DISTINCT to_char(w.day, 'YYYY-MM') AS month FROM deal_facts w
  WHERE w.order_id = x.order_id AND w.outcome = 'won') won
JOIN commission_statements s ON s.tenant = $1 AND s.dealer_id = x.dealer_id
  AND s.month = won.month AND s.month < $5
JOIN commission_lines l ON l.statement_id = s.id AND l.order_id = x.order_id
WHERE x.tenant = $1 AND x.dealer_id = ANY($2::text[]) AND x.outcome = 'cancelled'
  AND x.day BETWEEN $3 AND $4 AND l.kind <> 'clawback'
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


@dataclass(frozen=True, slots=True)
class MonthRows:
    """A dealer's computed month as plain data ready to write: what a worker process hands
    back (statements without their lines, the lines as COPY text)."""

    statements: list[StatementRow]
    lines: bytes
    line_count: int
    total: Decimal


class StatementRow(NamedTuple):
    id: UUID
    user_id: str
    team: str | None
    units: Decimal
    target_units: int | None
    attainment_percent: Decimal | None
    total: Decimal
    lines: int


def month_rows(statements: Sequence[Statement]) -> MonthRows:
    return MonthRows(
        [
            StatementRow(
                s.id,
                s.user_id,
                s.team,
                s.units,
                s.target_units,
                s.attainment_percent,
                s.total,
                len(s.lines),
            )
            for s in statements
        ],
        _line_text(statements),
        sum(len(s.lines) for s in statements),
        sum((s.total for s in statements), Decimal(0)),
    )


# COPY is refused on tables under row-level security, so statements (a few per dealer) go in
# by INSERT … SELECT unnest; their lines (no tenant column: reached through the statement) by
# COPY.
_INSERT_STATEMENTS = """
INSERT INTO commission_statements (id, tenant, owner_org, dealer_id, user_id, team, month,
  run_id, status, units, target_units, attainment_percent, total, currency, lines, computed_at)
SELECT s.id, $1, $2, $2, s.user_id, s.team, $3, $4, 'draft', s.units, s.target_units,
       s.attainment_percent, s.total, $5, s.lines, $6
FROM unnest($7::uuid[], $8::text[], $9::text[], $10::numeric[], $11::integer[], $12::numeric[],
            $13::numeric[], $14::integer[])
  AS s(id, user_id, team, units, target_units, attainment_percent, total, lines)
"""


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
    rows: MonthRows,
) -> None:
    """Deletes the month's statements and lines and writes the new ones; the run row too."""
    # Millions of lines a month: the commit need not wait for the WAL flush. A crash right
    # after may lose this dealer's month whole (never half of it), which a rerun recomputes;
    # no event leaves with it (statements are announced when issued).
    await conn.execute("SET LOCAL synchronous_commit = off")
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
    await conn.execute(
        "INSERT INTO commission_runs (id, tenant, owner_org, dealer_id, month, statements,"
        " lines, total, run_by, run_at) VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9)",
        run_id,
        tenant,
        dealer,
        month,
        len(rows.statements),
        rows.line_count,
        rows.total,
        run_by,
        now,
    )
    if not rows.statements:
        return
    await conn.execute(
        _INSERT_STATEMENTS,
        tenant,
        dealer,
        month,
        run_id,
        currency,
        now,
        *(list(column) for column in zip(*rows.statements, strict=True)),
    )
    if rows.lines:
        await conn.copy_to_table(
            "commission_lines", source=_once(rows.lines), columns=LINE_COLUMNS, format="text"
        )


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


def _escape(value: str) -> str:
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return value


def _line_text(statements: Iterable[Statement]) -> bytes:
    """The lines as COPY text rows: formatting text is the cheapest way from Decimal to the
    wire. A deal's lines in a statement share the start of their rows. (Line kinds are str
    enums and join as they are.)"""
    rows: list[str] = []
    # Days, plans, rates and rules repeat across millions of lines: each formatted once, and a
    # line's rule side (kind, rule, rate, origin rate, share) once per distinct combination.
    as_text = functools.cache(lambda value: "\\N" if value is None else str(value))
    escape = functools.cache(_escape)
    rule_sides: dict[tuple[object, ...], tuple[str, str]] = {}

    for statement in statements:
        sid = str(statement.id)
        last_deal: tuple[object, ...] = ()
        start = ""
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
            deal = (order, opp, day, plan, version)
            if deal != last_deal:
                last_deal = deal
                start = (
                    f"{sid}\t{order}\t{opp}\t{as_text(day)}\t{as_text(plan)}\t{as_text(version)}\t"
                )
            side = (kind, rule, rate, origin, share)
            text = rule_sides.get(side)
            if text is None:
                text = rule_sides[side] = (
                    f"{kind}\t{escape(rule)}\t",
                    f"\t{as_text(rate)}\t{as_text(origin)}\t{as_text(share)}\t",
                )
            rows.append(f"{start}{text[0]}{basis!s}{text[1]}{amount!s}\t{as_text(of)}")
    rows.append("")
    return "\n".join(rows).encode() if len(rows) > 1 else b""
