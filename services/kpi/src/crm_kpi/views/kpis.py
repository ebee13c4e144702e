"""KPIs against the database: the custom definitions a caller may see (kept and deleted by
``application/kpi_definitions.py``), and any definition's figures computed from the facts,
scoped by the shared policy like every kpi figure."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import (
    TIMESTAMP,
    ColumnElement,
    Date,
    FromClause,
    Select,
    String,
    Subquery,
    Table,
    and_,
    cast,
    column,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    true,
    union_all,
    values,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.db.tables import org_directory
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_common.runtime.paging import WholeReport, capped
from crm_kpi.adapters.expense_tables import sales_expenses
from crm_kpi.adapters.kpi_tables import kpi_definitions
from crm_kpi.adapters.tables import (
    call_facts,
    call_task_facts,
    deal_facts,
    deal_months,
    lead_activity_facts,
    lead_activity_months,
    lead_facts,
    survey_facts,
    ticket_facts,
)
from crm_kpi.adapters.target_tables import collection_facts, targets
from crm_kpi.domain.kpis import (
    GROUP_FIELDS,
    Compare,
    Condition,
    Figure,
    Figures,
    Grouping,
    KpiDefinition,
    KpiValue,
    Module,
    Operator,
    Period,
    Sharing,
    Span,
    Sum,
    bucket_start,
    buckets,
    condition_values,
    growth_values,
    may_see,
    month_spans,
    plain_values,
    previous_bucket,
    ratio_values,
    read_by_month,
)
from crm_kpi.domain.targets import ALL_PRODUCT_LINES, Measure

Sessions = async_sessionmaker[AsyncSession]

FACTS: dict[Module, Table] = {
    Module.LEADS: lead_facts,
    Module.LEAD_ACTIVITIES: lead_activity_facts,
    Module.DEALS: deal_facts,
    Module.COLLECTIONS: collection_facts,
    Module.TICKETS: ticket_facts,
    Module.SURVEYS: survey_facts,
    Module.EXPENSES: sales_expenses,
    Module.CALLS: call_facts,
    Module.CALL_TASKS: call_task_facts,
}
# What the projections keep per month (domain.kpis.MONTH_FIGURE_FIELDS says what of it).
MONTHS: dict[Module, Table] = {
    Module.LEAD_ACTIVITIES: lead_activity_months,
    Module.DEALS: deal_months,
}
# What a net sale carries from its win (a cancellation takes back the win's figures).
SALE_COLUMNS = (
    "tenant",
    "owner_org",
    "dealer_id",
    "consultant",
    "team",
    "model_code",
    "lead_origin",
    "finance_attached",
    "insurance_attached",
)
SALE_FIGURES = ("units", "revenue", "gross_margin", "msrp")


def _visible(principal: Principal, facts: Any) -> ColumnElement[bool]:
    """The facts the principal may count: dealers they see at the aggregate level; in the own
    or team scope their own (and their team's, where a fact names the team)."""
    return visible_to(
        principal,
        DataType.KPI,
        tenant=facts.c.tenant,
        owner_org=facts.c.owner_org,
        owner_user=facts.c.get("consultant"),
        owner_team=facts.c.get("team"),
        need=SharingLevel.AGGREGATE,
    )


def _rows(module: Module, principal: Principal, date_from: date, date_to: date) -> Subquery:
    """The module's facts the principal may count in the range."""
    if module is Module.SALES:
        return _net_sales(principal, date_from, date_to)
    facts = FACTS[module]
    return (
        select(facts)
        .where(_visible(principal, facts), facts.c.day.between(date_from, date_to))
        .subquery(module.value)
    )


def _net_sales(principal: Principal, date_from: date, date_to: date) -> Subquery:
    """Wins count on their day; a cancelled order takes its win's figures back on the day of
    the cancellation, whichever arrived first (as the daily sales figures net them)."""
    won = deal_facts.alias("won")
    cancelled = deal_facts.alias("cancelled")
    sold = select(
        *(won.c[c] for c in SALE_COLUMNS),
        *(won.c[f] for f in SALE_FIGURES),
        won.c.day,
        literal(1).label("sign"),
    ).where(won.c.outcome == "won", _visible(principal, won), won.c.day.between(date_from, date_to))
    undone = (
        select(
            *(won.c[c] for c in SALE_COLUMNS),
            *((-won.c[f]).label(f) for f in SALE_FIGURES),
            cancelled.c.day,
            literal(-1).label("sign"),
        )
        .select_from(
            cancelled.join(
                won, and_(won.c.order_id == cancelled.c.order_id, won.c.outcome == "won")
            )
        )
        .where(
            cancelled.c.outcome == "cancelled",
            _visible(principal, won),
            cancelled.c.day.between(date_from, date_to),
        )
    )
    return union_all(sold, undone).subquery(Module.SALES.value)


def _condition(rows: FromClause, condition: Condition) -> ColumnElement[bool]:
    """Only whitelisted columns reach here (check_definition); values are bound parameters."""
    column = rows.c[condition.field]
    values = condition_values(condition)
    match condition.operator:
        case Operator.EQ:
            return column == values[0]
        case Operator.NE:
            return column.is_distinct_from(values[0])
        case Operator.IN:
            return column.in_(values)
        case Operator.NOT_IN:
            return or_(column.is_(None), column.not_in(values))
        case Operator.GTE:
            return column >= values[0]
        case Operator.LTE:
            return column <= values[0]


async def _figures(
    session: AsyncSession,
    figure: Figure,
    period: Period,
    group_by: Grouping,
    principal: Principal,
    date_from: date,
    date_to: date,
    today: date | None,
    report: WholeReport,
) -> Figures:
    """The figure per bucket and member. Monthly, and where the month figures keep what the
    figure names, whole months are read from them and only the days of months asked for in
    part (or left out of months read whole) from the facts."""
    if read_by_month(figure, period, group_by):
        spans = month_spans(date_from, date_to, today)
    else:
        spans = [Span(date_from, date_to)]
    parts = [_picked(figure, period, group_by, principal, span) for span in spans]
    picked = (parts[0] if len(parts) == 1 else union_all(*parts)).subquery("picked")
    # Grouped outside the bucket expression: its bound parameters would not match otherwise.
    # A member whose facts were all taken back again has none left.
    query = (
        select(picked.c.bucket, picked.c.member, func.sum(picked.c.measured))
        .group_by(picked.c.bucket, picked.c.member)
        .having(func.sum(picked.c.facts) != 0)
        .limit(report.read)
    )
    return {(b, m): Decimal(v) for b, m, v in await session.execute(query)}


def _picked(
    figure: Figure, period: Period, group_by: Grouping, principal: Principal, span: Span
) -> Select[Any]:
    """One span's rows matching the figure's conditions: bucket, member, what they measure
    and how many facts they stand for (negative where taken back)."""
    rows: FromClause
    if span.from_months:
        rows = MONTHS[figure.module]
        bucket: ColumnElement[date] = rows.c.month
        scope = [_visible(principal, rows), rows.c.month.between(span.first, span.last)]
        facts: ColumnElement[int] = rows.c.n
    else:
        rows = _rows(figure.module, principal, span.first, span.last)
        # ``day`` is already the business day (the projection dates facts in the business
        # timezone), so a week or a month is a plain calendar truncation of it.
        if period is Period.DAY:
            bucket = rows.c.day
        else:
            bucket = cast(func.date_trunc(period.value, cast(rows.c.day, TIMESTAMP)), Date)
        scope = []
        facts = literal(1)
    if isinstance(figure.measure, Sum):
        measured: ColumnElement[Any] = rows.c[figure.measure.field]
    elif figure.module is Module.SALES:
        measured = rows.c.sign  # a cancellation counts one sale less
    else:
        measured = facts
    if span.sign != 1:
        measured, facts = measured * span.sign, facts * span.sign
    field = GROUP_FIELDS.get(group_by)
    member = rows.c[field] if field is not None else cast(null(), String)
    return select(
        bucket.label("bucket"),
        member.label("member"),
        measured.label("measured"),
        facts.label("facts"),
    ).where(*scope, *(_condition(rows, c) for c in figure.conditions))


async def _monthly_targets(
    session: AsyncSession,
    group_by: Grouping,
    principal: Principal,
    date_from: date,
    date_to: date,
    report: WholeReport,
) -> Figures:
    """Units targets (whole product range) per month of the dealers, teams or consultants the
    principal may see: a node's own target for a dealer or team, a consultant's leaf."""
    t = targets
    d = org_directory
    month = t.c.month
    whose: ColumnElement[bool]
    if group_by is Grouping.CONSULTANT:
        member, whose = t.c.user_id, t.c.user_id.is_not(None)
    else:
        dealers = d.c.id == d.c.dealer_id
        nodes = select(d.c.id).where(
            d.c.tenant == principal.tenant,
            dealers if group_by is Grouping.DEALER else and_(d.c.dealer_id.is_not(None), ~dealers),
        )
        member, whose = t.c.org_node, and_(t.c.user_id.is_(None), t.c.org_node.in_(nodes))
    query = (
        select(month, member, func.sum(t.c.amount))
        .where(
            visible_to(
                principal,
                DataType.KPI,
                tenant=t.c.tenant,
                owner_org=t.c.org_node,
                owner_user=t.c.user_id,
                need=SharingLevel.AGGREGATE,
            ),
            whose,
            t.c.measure == Measure.UNITS.value,
            t.c.product_line == ALL_PRODUCT_LINES,
            month.between(f"{date_from:%Y-%m}", f"{date_to:%Y-%m}"),
        )
        .group_by(month, member)
        .limit(report.read)
    )
    return {
        (date.fromisoformat(f"{m}-01"), who): Decimal(v)
        for m, who, v in await session.execute(query)
    }


async def _retention(
    session: AsyncSession,
    principal: Principal,
    period: Period,
    group_by: Grouping,
    date_from: date,
    date_to: date,
    report: WholeReport,
) -> tuple[Figures, Figures]:
    """Per bucket and dealer (or in all): the buyers whose first purchase came before the
    bucket, and of them those who came back within it — bought again, or came for service (a
    service request opened for them; per dealer, at that dealer). A purchase is a win with a
    known buyer whose order was not cancelled."""
    won, cancelled = deal_facts.alias("won"), deal_facts.alias("cancelled")
    member = won.c.dealer_id if group_by is Grouping.DEALER else cast(null(), String)
    wins = (
        select(member.label("member"), won.c.customer_id, won.c.day)
        .where(
            won.c.outcome == "won",
            won.c.customer_id.is_not(None),
            won.c.day <= date_to,
            _visible(principal, won),
            ~exists().where(
                cancelled.c.outcome == "cancelled", cancelled.c.order_id == won.c.order_id
            ),
        )
        .cte("wins")
    )
    buyers = (
        select(wins.c.member, wins.c.customer_id, func.min(wins.c.day).label("first_day"))
        .group_by(wins.c.member, wins.c.customer_id)
        .cte("buyers")
    )
    spans = buckets(date_from, date_to, period)
    windows = values(
        column("start", Date), column("first", Date), column("last", Date), name="windows"
    ).data([(bucket_start(b.first, period), b.first, b.last) for b in spans])
    again = wins.alias("again")
    bought_again = exists().where(
        again.c.member.is_not_distinct_from(buyers.c.member),
        again.c.customer_id == buyers.c.customer_id,
        again.c.day.between(windows.c.first, windows.c.last),
    )
    visit = ticket_facts.alias("visit")
    came_for_service = exists().where(
        visit.c.activity == "opened",
        visit.c.kind == "service_request",
        visit.c.customer_id == buyers.c.customer_id,
        visit.c.day.between(windows.c.first, windows.c.last),
        _visible(principal, visit),
        visit.c.dealer_id == buyers.c.member if group_by is Grouping.DEALER else true(),
    )
    came_back = or_(bought_again, came_for_service)
    query = (
        select(
            windows.c.start,
            buyers.c.member,
            func.count(),
            func.count().filter(came_back),
        )
        .select_from(windows.join(buyers, buyers.c.first_day < windows.c.first))
        .group_by(windows.c.start, buyers.c.member)
        .limit(report.read)
    )
    existing: Figures = {}
    retained: Figures = {}
    for start, who, before, back in await session.execute(query):
        existing[(start, who)] = Decimal(before)
        retained[(start, who)] = Decimal(back)
    return retained, existing


async def kpi_values(
    session_factory: Sessions,
    principal: Principal,
    definition: KpiDefinition,
    *,
    date_from: date,
    date_to: date,
    report: WholeReport,
    compare: Compare = Compare.NONE,
    today: date | None = None,
) -> list[KpiValue]:
    """A definition's values per period bucket (and group) between the two business days, as
    far as the principal may see: a ratio is sum(numerator) / sum(denominator) per bucket.
    ``today`` (the business day) lets the month figures answer this month too. Each read takes
    at most ``report.read`` rows and is refused past ``report.most``: a value is a row of a
    read at least, so a read with more has more values than the answer carries (growth's
    reads count the period before too, so it is refused a period's rows early)."""
    measured, denominator = definition.figures()
    period, group_by = definition.period, definition.group_by
    start = date_from
    if compare is Compare.PREVIOUS_PERIOD:
        # Growth compares whole periods: from the start of the one before ``date_from``'s.
        start = previous_bucket(bucket_start(date_from, period), period)

    async def figures_of(figure: Figure, first: date) -> Figures:
        async with session_factory() as session:
            return report.whole(
                await _figures(
                    session, figure, period, group_by, principal, first, date_to, today, report
                )
            )

    async def targets() -> Figures:
        async with session_factory() as session:
            return report.whole(
                await _monthly_targets(session, group_by, principal, date_from, date_to, report)
            )

    if compare is Compare.RETENTION:
        async with session_factory() as session:
            retained, existing = await _retention(
                session, principal, period, group_by, date_from, date_to, report
            )
        report.whole(existing)
        return ratio_values(retained, existing)
    # The two sides of a ratio are independent reads: each on a connection of its own.
    if denominator is not None:
        figures, below = await asyncio.gather(
            figures_of(measured, start), figures_of(denominator, date_from)
        )
        return ratio_values(figures, below)
    if compare is Compare.MONTHLY_TARGET:
        figures, goals = await asyncio.gather(figures_of(measured, start), targets())
        return ratio_values(figures, goals)
    figures = await figures_of(measured, start)
    if compare is Compare.PREVIOUS_PERIOD:
        return growth_values(figures, period, date_from, date_to)
    return plain_values(figures)


# --- definitions ---------------------------------------------------------------------------

MOST_DEFINITIONS = 500
"""Custom definitions a catalogue lists, the newest: a dealer's people define a few each."""


@dataclass(frozen=True, slots=True)
class StoredDefinition:
    id: UUID
    name: str
    definition: KpiDefinition
    sharing: Sharing
    created_at: datetime


async def _place(session: AsyncSession, principal: Principal) -> tuple[str | None, str | None]:
    """The caller's org path and dealer, as kpi's copy of the org tree knows them."""
    d = org_directory
    found = (
        await session.execute(
            select(d.c.path, d.c.dealer_id).where(
                d.c.tenant == principal.tenant, d.c.id == principal.org_node
            )
        )
    ).first()
    return (found.path, found.dealer_id) if found else (None, None)


def _stored(row: Any) -> StoredDefinition:
    return StoredDefinition(
        row.id,
        row.name,
        KpiDefinition.model_validate(row.definition),
        Sharing(
            row.owner_user,
            row.owner_org,
            frozenset(row.shared_roles),
            frozenset(row.shared_nodes),
            frozenset(row.shared_users),
        ),
        row.created_at,
    )


async def definitions_visible_to(
    session_factory: Sessions, principal: Principal, definition_id: UUID | None = None
) -> tuple[list[StoredDefinition], bool]:
    """The newest MOST_DEFINITIONS definitions the caller owns or that are shared with them,
    oldest first, and whether more were found."""
    k = kpi_definitions
    async with session_factory() as session:
        path, _ = await _place(session, principal)
        above = [n for n in path.split("/") if n] if path else [principal.org_node]
        # Candidates in SQL; may_see has the last word.
        query = (
            select(k)
            .where(
                k.c.tenant == principal.tenant,
                or_(
                    k.c.owner_user == principal.user_id,
                    k.c.shared_users.contains([principal.user_id]),
                    k.c.shared_nodes.overlap(above),
                    and_(
                        k.c.shared_roles.overlap(sorted(principal.roles)),
                        k.c.owner_org.in_(above),
                    ),
                ),
            )
            .order_by(k.c.created_at.desc(), k.c.id.desc())
            .limit(MOST_DEFINITIONS + 1)
        )
        if definition_id is not None:
            query = query.where(k.c.id == definition_id)
        rows = await session.execute(query)
        newest, truncated = capped(list(rows), MOST_DEFINITIONS)
        seen = [d for d in map(_stored, newest) if may_see(d.sharing, principal, path)]
        return seen[::-1], truncated
