"""Read side of kpi: figures scoped by the shared policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    String,
    Table,
    and_,
    cast,
    func,
    null,
    select,
    union,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.auth.principal import DataScope
from crm_common.db.tables import org_directory, staff
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_common.runtime.paging import WholeReport
from crm_kpi.adapters.tables import deal_day_figures, deal_facts, lead_activity_facts, lead_facts
from crm_kpi.domain.facts import DAY_FIGURE_COLUMNS, DayFigures
from crm_kpi.domain.reports import FOLLOW_UP_COLUMNS, ConsultantFigures

ACTIVITIES = (
    "claimed",
    "released",
    "followed_up",
    "upgraded",
    "converted",
    "lost",
    "distributed",
    "returned",
)


def _dealers_days(
    principal: Principal, facts: Table, date_from: date, date_to: date, dealer_id: str | None
) -> list[ColumnElement[bool]]:
    """The rows of the daily figures: the dealers the caller sees at the aggregate level (or
    the one asked for) in the period."""
    conditions = [
        visible_to(
            principal,
            DataType.KPI,
            tenant=facts.c.tenant,
            owner_org=facts.c.owner_org,
            need=SharingLevel.AGGREGATE,
        ),
        facts.c.day.between(date_from, date_to),
    ]
    if dealer_id is not None:
        conditions.append(facts.c.dealer_id == dealer_id)
    return conditions


async def daily_lead_counts(
    session_factory: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    date_from: date,
    date_to: date,
    dealer_id: str | None,
    report: WholeReport,
) -> list[tuple[str, date, int]]:
    query = (
        select(lead_facts.c.dealer_id, lead_facts.c.day, func.count().label("leads"))
        .where(*_dealers_days(principal, lead_facts, date_from, date_to, dealer_id))
        .group_by(lead_facts.c.dealer_id, lead_facts.c.day)
        .order_by(lead_facts.c.day, lead_facts.c.dealer_id)
        .limit(report.read)
    )
    async with session_factory() as session:
        found = [(r.dealer_id, r.day, r.leads) for r in await session.execute(query)]
    return report.whole(found)


async def daily_lead_activity(
    session_factory: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    date_from: date,
    date_to: date,
    dealer_id: str | None,
    report: WholeReport,
) -> dict[tuple[str, date], dict[str, int]]:
    """Claims, releases, follow-ups, upgrades, conversions and losses per dealer and day: a
    row per dealer, day and activity, so the read stops at ``report.read`` rows per activity."""
    facts = lead_activity_facts
    query = (
        select(facts.c.dealer_id, facts.c.day, facts.c.activity, func.count().label("n"))
        .where(
            *_dealers_days(principal, facts, date_from, date_to, dealer_id),
            facts.c.activity.in_(ACTIVITIES),
        )
        .group_by(facts.c.dealer_id, facts.c.day, facts.c.activity)
        .limit(report.read * len(ACTIVITIES))
    )
    counts: dict[tuple[str, date], dict[str, int]] = {}
    async with session_factory() as session:
        for r in await session.execute(query):
            counts.setdefault((r.dealer_id, r.day), dict.fromkeys(ACTIVITIES, 0))[r.activity] = r.n
    report.whole(counts)
    return counts


@dataclass(frozen=True, slots=True)
class DaySales(DayFigures):
    """A dealer's day: its outcomes and the wins taken back by cancellations that day."""

    cancelled_units: int = 0
    cancelled_revenue: Decimal = Decimal(0)
    cancelled_gross_margin: Decimal = Decimal(0)


class SalesGrouping(StrEnum):
    """What the daily sales figures are summed per, besides the day."""

    DEALER = "dealer"
    REGION = "region"
    """The node the dealers hang from (a region; HQ for dealers right under it)."""
    TOTAL = "total"
    """Everything the caller sees: one row per day."""


def _sales_group(facts: Table, per: SalesGrouping) -> ColumnElement[str | None]:
    match per:
        case SalesGrouping.DEALER:
            return facts.c.dealer_id
        case SalesGrouping.REGION:
            return org_directory.c.parent_id
        case SalesGrouping.TOTAL:
            return cast(null(), String)


def _with_region(joined: FromClause, facts: Table, per: SalesGrouping) -> FromClause:
    if per is not SalesGrouping.REGION:
        return joined
    dealer = and_(org_directory.c.tenant == facts.c.tenant, org_directory.c.id == facts.c.dealer_id)
    return joined.outerjoin(org_directory, dealer)


async def daily_sales(
    session_factory: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    date_from: date,
    date_to: date,
    dealer_id: str | None,
    report: WholeReport,
    per: SalesGrouping = SalesGrouping.DEALER,
) -> dict[tuple[str | None, date], DaySales]:
    """Units won, revenue and gross margin, losses, deliveries and cancellations per dealer
    (or region, or in total) and day. A cancellation counts on its own day with the figures
    of the order's win."""
    # A dealer's facts may sit in several books (the dealer's, its teams'): summed here.
    days = deal_day_figures
    group = _sales_group(days, per)
    outcomes = (
        select(
            group,
            days.c.day,
            *(func.sum(days.c[column]).label(column) for column in DAY_FIGURE_COLUMNS),
        )
        .select_from(_with_region(days, days, per))
        .where(*_dealers_days(principal, days, date_from, date_to, dealer_id))
        .group_by(group, days.c.day)
        .limit(report.read)
    )
    cancelled, win = deal_facts, deal_facts.alias("win")
    group = _sales_group(cancelled, per)
    with_win = cancelled.outerjoin(
        win, and_(win.c.order_id == cancelled.c.order_id, win.c.outcome == "won")
    )
    cancellations = (
        select(
            group,
            cancelled.c.day,
            func.coalesce(func.sum(win.c.units), 0).label("units"),
            func.coalesce(func.sum(win.c.revenue), 0).label("revenue"),
            func.coalesce(func.sum(win.c.gross_margin), 0).label("gross_margin"),
        )
        .select_from(_with_region(with_win, cancelled, per))
        .where(
            *_dealers_days(principal, cancelled, date_from, date_to, dealer_id),
            cancelled.c.outcome == "cancelled",
        )
        .group_by(group, cancelled.c.day)
        .limit(report.read)
    )
    figures: dict[tuple[str | None, date], dict[str, Any]] = {}
    async with session_factory() as session:
        # Thousands of rows for a region's year: unpacked as tuples, not looked up by name.
        for member, day, *values in await session.execute(outcomes):
            figures[(member, day)] = dict(zip(DAY_FIGURE_COLUMNS, values, strict=True))
        for member, day, units, revenue, gross_margin in await session.execute(cancellations):
            figures.setdefault((member, day), {}).update(
                cancelled_units=units,
                cancelled_revenue=revenue,
                cancelled_gross_margin=gross_margin,
            )
    report.whole(figures)
    return {key: DaySales(**values) for key, values in figures.items()}


FactScope = Callable[[Table], ColumnElement[bool]]


class DealerNotVisible(LookupError):
    """``dealer_id`` names no dealer whose figures the caller may see (answered 404)."""


async def require_dealer_in_sight(
    session_factory: async_sessionmaker[AsyncSession], principal: Principal, dealer_id: str | None
) -> None:
    """A query narrowed to a dealer the caller may not see answers 404, as every foreign
    record does, rather than empty figures. A consultant sees their own dealer's."""
    if dealer_id is None:
        return
    d = org_directory
    in_sight: ColumnElement[bool]
    if principal.data_scope in (DataScope.OWN, DataScope.TEAM):
        mine = select(d.c.dealer_id).where(
            d.c.tenant == principal.tenant, d.c.id == principal.org_node
        )
        in_sight = d.c.id.in_(mine.scalar_subquery())
    else:
        in_sight = visible_to(
            principal,
            DataType.KPI,
            tenant=d.c.tenant,
            owner_org=d.c.id,
            need=SharingLevel.AGGREGATE,
        )
    query = select(d.c.id).where(
        d.c.tenant == principal.tenant, d.c.id == dealer_id, d.c.dealer_id == d.c.id, in_sight
    )
    async with session_factory() as session:
        if (await session.execute(query)).first() is None:
            raise DealerNotVisible(f"no dealer {dealer_id!r} whose figures you may see")


def figures_visible_to(principal: Principal) -> FactScope:
    """Facts the principal may count: other dealers' at the aggregate level; a consultant
    (own or team scope) only their own line."""

    def scope(facts: Table) -> ColumnElement[bool]:
        if principal.data_scope in (DataScope.OWN, DataScope.TEAM):
            return and_(facts.c.tenant == principal.tenant, facts.c.consultant == principal.user_id)
        return visible_to(
            principal,
            DataType.KPI,
            tenant=facts.c.tenant,
            owner_org=facts.c.owner_org,
            need=SharingLevel.AGGREGATE,
        )

    return scope


def figures_of_dealer(tenant: str, dealer_id: str) -> FactScope:
    """For scheduled reports: the whole dealer."""

    def scope(facts: Table) -> ColumnElement[bool]:
        return and_(facts.c.tenant == tenant, facts.c.dealer_id == dealer_id)

    return scope


async def sales_meeting_figures(
    session_factory: async_sessionmaker[AsyncSession],
    scope: FactScope,
    *,
    date_from: date,
    date_to: date,
    dealer_id: str | None,
    report: WholeReport | None = None,
) -> list[ConsultantFigures]:
    """Per consultant: receptions, callbacks, test drives, claims, grade assessments and
    upgrades, conversions, losses (lead facts) and units won (deal facts) in the period.
    With ``report``, the consultants are counted first (at most ``report.read`` of them) and a
    request for more than ``report.most`` lines refused before any line is computed."""
    activity = lead_activity_facts
    lead_rows = [
        scope(activity),
        activity.c.day.between(date_from, date_to),
        activity.c.consultant.is_not(None),
    ]
    deal_rows = [
        scope(deal_facts),
        deal_facts.c.day.between(date_from, date_to),
        deal_facts.c.outcome == "won",
    ]
    if dealer_id is not None:
        lead_rows.append(activity.c.dealer_id == dealer_id)
        deal_rows.append(deal_facts.c.dealer_id == dealer_id)
    lead_query = (
        select(
            activity.c.dealer_id,
            activity.c.consultant,
            activity.c.activity,
            activity.c.detail,
            func.count().label("n"),
        )
        .where(*lead_rows)
        .group_by(
            activity.c.dealer_id, activity.c.consultant, activity.c.activity, activity.c.detail
        )
    )
    deal_query = (
        select(deal_facts.c.dealer_id, deal_facts.c.consultant, func.sum(deal_facts.c.units))
        .where(*deal_rows)
        .group_by(deal_facts.c.dealer_id, deal_facts.c.consultant)
    )
    if report is not None:
        people = union(
            select(activity.c.dealer_id, activity.c.consultant).where(*lead_rows),
            select(deal_facts.c.dealer_id, deal_facts.c.consultant).where(
                *deal_rows, deal_facts.c.consultant.is_not(None)
            ),
        ).subquery("people")
        first = select(people.c.dealer_id).limit(report.read).subquery("first")
        async with session_factory() as session:
            counted = await session.scalar(select(func.count()).select_from(first))
        report.whole(range(counted or 0))
    lines: dict[tuple[str, str], ConsultantFigures] = {}

    def line(dealer: str, consultant: str) -> ConsultantFigures:
        return lines.setdefault((dealer, consultant), ConsultantFigures(dealer, consultant))

    async with session_factory() as session:
        for r in await session.execute(lead_query):
            figures = line(r.dealer_id, r.consultant)
            if r.activity == "followed_up" and r.detail in FOLLOW_UP_COLUMNS:
                column = FOLLOW_UP_COLUMNS[r.detail]
                setattr(figures, column, getattr(figures, column) + r.n)
            elif r.activity in ("graded", "upgraded"):
                figures.graded[r.detail] = figures.graded.get(r.detail, 0) + r.n
                if r.activity == "upgraded":
                    figures.upgraded += r.n
            elif r.activity in ("claimed", "converted", "lost"):
                setattr(figures, r.activity, getattr(figures, r.activity) + r.n)
        for dealer, consultant, units in await session.execute(deal_query):
            if consultant is not None:
                line(dealer, consultant).won_units += int(units)
        # Each consultant's team, from the staff copy: the meeting's team subtotals.
        works_at = dict(
            (
                await session.execute(
                    select(staff.c.user_id, staff.c.org_node).where(
                        staff.c.user_id.in_(sorted({c for _, c in lines}))
                    )
                )
            ).all()
        )
    for figures in lines.values():
        node = works_at.get(figures.consultant)
        figures.team = node if node not in (None, figures.dealer_id) else None
    return sorted(lines.values(), key=lambda f: (f.dealer_id, f.consultant))
