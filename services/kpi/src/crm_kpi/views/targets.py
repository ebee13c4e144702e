"""Sales targets read back as the cascade of a node — its target, what it handed down, what
was sold or collected against it and where the month is heading — or as the month split into
days. Rules live in ``crm_kpi.domain.targets``.

Actuals: units, revenue and gross margin are deals won minus won deals cancelled, each on its
own business day (as the daily sales figures count them), credited to consultants and their
teams by the deal's split credit; collections are the money of the order steps, credited to
the order's consultant. A fact counts under the node of its team, or its dealer without one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, and_, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.auth.principal import DataScope
from crm_common.db.tables import org_directory
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_common.runtime.paging import capped
from crm_kpi.adapters.commission_tables import deal_credits
from crm_kpi.adapters.tables import deal_facts
from crm_kpi.adapters.target_store import org_nodes
from crm_kpi.adapters.target_tables import collection_facts, model_product_lines, targets
from crm_kpi.domain.leaderboards import month_of
from crm_kpi.domain.targets import (
    ALL_PRODUCT_LINES,
    CENT,
    CascadeLine,
    DayExecution,
    Measure,
    NodeNotFound,
    OrgNode,
    Position,
    cascade_line,
    execution_by_day,
    split_into_days,
)


def _consultant(principal: Principal) -> bool:
    return principal.data_scope in (DataScope.OWN, DataScope.TEAM)


def _contributions(
    tenant: str, measure: Measure, product_line: str, first: date, last: date
) -> Select[Any]:
    """Every fact of the month as (day, node path, dealer, consultant, value): the node of the
    credited team (within the fact's dealer), else the dealer's."""
    team, dealer = org_directory.alias("team_node"), org_directory.alias("dealer_node")
    lines = model_product_lines
    if measure is Measure.COLLECTIONS:
        facts = collection_facts
        win = deal_facts.alias("win")
        query = select(
            facts.c.day,
            func.coalesce(team.c.path, dealer.c.path).label("path"),
            facts.c.dealer_id,
            func.coalesce(facts.c.consultant, win.c.consultant).label("consultant"),
            facts.c.amount.label("value"),
            facts.c.owner_org,
        ).select_from(
            facts.outerjoin(
                win,
                and_(
                    win.c.order_id == facts.c.order_id,
                    win.c.outcome == "won",
                    win.c.tenant == facts.c.tenant,
                ),
            ).outerjoin(
                team,
                and_(
                    team.c.tenant == facts.c.tenant,
                    team.c.id == win.c.team,
                    team.c.dealer_id == facts.c.dealer_id,
                ),
            )
        )
        where = [facts.c.tenant == tenant]
    else:
        facts = deal_facts
        win = deal_facts.alias("win")
        credit = deal_credits
        # A cancellation takes back its order's win, with the win's figures and credit.
        sign = case((facts.c.outcome == "cancelled", -1), else_=1)
        share = func.coalesce(credit.c.share_percent, 100) / 100
        query = select(
            facts.c.day,
            func.coalesce(team.c.path, dealer.c.path).label("path"),
            facts.c.dealer_id,
            func.coalesce(credit.c.user_id, win.c.consultant).label("consultant"),
            (sign * win.c[measure.value] * share).label("value"),
            facts.c.owner_org,
        ).select_from(
            facts.join(
                win,
                and_(
                    win.c.order_id == facts.c.order_id,
                    win.c.outcome == "won",
                    win.c.tenant == facts.c.tenant,
                ),
            )
            .outerjoin(credit, credit.c.event_id == win.c.event_id)
            .outerjoin(
                team,
                and_(
                    team.c.tenant == facts.c.tenant,
                    team.c.id == func.coalesce(credit.c.team, win.c.team),
                    team.c.dealer_id == facts.c.dealer_id,
                ),
            )
        )
        where = [facts.c.tenant == tenant, facts.c.outcome.in_(("won", "cancelled"))]
    query = query.join(
        dealer, and_(dealer.c.tenant == facts.c.tenant, dealer.c.id == facts.c.dealer_id)
    ).where(*where, facts.c.day.between(first, last))
    if product_line != ALL_PRODUCT_LINES:
        query = query.join(
            lines,
            and_(
                lines.c.tenant == win.c.tenant,
                lines.c.model_code == win.c.model_code,
                lines.c.product_line == product_line,
            ),
        )
    return query


def _counted_by(principal: Principal, facts: Subquery) -> ColumnElement[bool]:
    """Consultants count their own node's figures (checked before); above them, dealers count
    as far as they share their KPIs (at least as figures)."""
    if _consultant(principal):
        return literal(True)
    return visible_to(
        principal,
        DataType.KPI,
        tenant=literal(principal.tenant),
        owner_org=facts.c.owner_org,
        need=SharingLevel.AGGREGATE,
    )


async def _visible_subtree(
    session: AsyncSession, principal: Principal, node_id: str | None
) -> tuple[OrgNode, dict[str, OrgNode]]:
    """The node asked for (default: the caller's) and the nodes below it the caller may see.
    A caller sees its node and what lies below (consultants: their node only); a dealer's
    nodes only as far as the dealer shares its KPIs with the caller."""
    mine = (await org_nodes(session, principal.tenant, [principal.org_node])).get(
        principal.org_node
    )
    if mine is None:
        raise NodeNotFound("org node not found")
    wanted = node_id or mine.id
    if _consultant(principal) and wanted != mine.id:
        raise NodeNotFound("org node not found")
    d = org_directory
    conditions = [d.c.tenant == principal.tenant, d.c.path.startswith(mine.path, autoescape=True)]
    if not _consultant(principal):
        conditions.append(
            visible_to(
                principal,
                DataType.KPI,
                tenant=d.c.tenant,
                owner_org=d.c.id,
                need=SharingLevel.AGGREGATE,
            )
        )
    found = (
        await session.execute(select(d.c.path).where(*conditions, d.c.id == wanted))
    ).scalar_one_or_none()
    if found is None:
        raise NodeNotFound("org node not found")
    rows = await session.execute(
        select(d.c.id, d.c.path, d.c.dealer_id, d.c.kind, d.c.active).where(
            *conditions, d.c.path.startswith(found, autoescape=True)
        )
    )
    subtree = {
        r.id: OrgNode(r.id, r.path, r.dealer_id, r.kind) for r in rows if r.active or r.id == wanted
    }
    if not subtree[wanted].takes_targets:
        raise NodeNotFound("org node not found")
    # Partners hang below HQ and dealers but take no targets: not lines of the cascade.
    return subtree[wanted], {n.id: n for n in subtree.values() if n.takes_targets}


def _facts_of(facts: Subquery, node: OrgNode) -> ColumnElement[bool]:
    """The facts a node's lines count: its subtree's; at a dealer or below, the whole dealer's,
    since a consultant's leaf counts their credit wherever at the dealer they sold."""
    if node.dealer_id is None:
        return facts.c.path.startswith(node.path, autoescape=True)
    return facts.c.dealer_id == node.dealer_id


async def _targets_set(
    session: AsyncSession,
    principal: Principal,
    month: str,
    measure: Measure,
    product_line: str,
    *where: ColumnElement[bool],
) -> dict[Position, Decimal]:
    t = targets
    rows = await session.execute(
        select(t.c.org_node, t.c.user_id, t.c.amount).where(
            t.c.tenant == principal.tenant,
            t.c.month == month,
            t.c.measure == measure.value,
            t.c.product_line == product_line,
            *where,
        )
    )
    # Whole units for units (stored with cents like money).
    return {Position(r.org_node, r.user_id): r.amount.quantize(measure.quantum) for r in rows}


async def _own_leaf(
    session: AsyncSession,
    principal: Principal,
    node: OrgNode,
    month: str,
    measure: Measure,
    product_line: str,
) -> tuple[Position, dict[Position, Decimal]]:
    """A consultant's own leaf, wherever at their dealer it hangs (their team or the dealer
    itself); at their node when none is set."""
    d = org_directory
    at_dealer = select(d.c.id).where(
        d.c.tenant == principal.tenant, d.c.dealer_id == node.dealer_id
    )
    found = await _targets_set(
        session,
        principal,
        month,
        measure,
        product_line,
        targets.c.user_id == principal.user_id,
        targets.c.org_node.in_(at_dealer),
    )
    return next(iter(found), Position(node.id, principal.user_id)), found


MOST_CHILDREN = 1_000
"""Children a cascade shows: 500 dealers right under HQ fit; a lower node shows fewer."""


@dataclass(frozen=True, slots=True)
class Cascade:
    month: str
    measure: Measure
    product_line: str
    today: date
    node: CascadeLine
    children: list[CascadeLine]
    children_truncated: bool


async def cascade(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    month: str,
    node_id: str | None,
    measure: Measure,
    product_line: str,
    today: date,
) -> Cascade:
    """The node's line and its children's (nodes one level down, and the consultants whose
    leaf hangs at the node): target, allocated below, unallocated, actual, attainment and
    run-rate forecast. A consultant sees their node's line and their own leaf only."""
    first, last = month_of(month)
    async with sessions() as session:
        node, subtree = await _visible_subtree(session, principal, node_id)
        set_here = await _targets_set(
            session,
            principal,
            month,
            measure,
            product_line,
            targets.c.org_node.in_(list(subtree)),
        )
        below: dict[str, list[Position]] = defaultdict(list)
        by_path = {n.path: n.id for n in subtree.values()}
        for child in subtree.values():
            parent = by_path.get(child.parent_path)
            if parent is not None:
                below[parent].append(Position(child.id))
        for position in set_here:
            if position.user_id is not None:
                below[position.org_node].append(position)
        shown = below[node.id]
        if _consultant(principal):
            leaf, found = await _own_leaf(session, principal, node, month, measure, product_line)
            set_here.update(found)
            shown = [leaf]
        facts = _contributions(principal.tenant, measure, product_line, first, last).subquery()
        actuals = (
            await session.execute(
                select(
                    facts.c.path,
                    facts.c.dealer_id,
                    facts.c.consultant,
                    func.sum(facts.c.value).label("value"),
                )
                .where(_facts_of(facts, node), _counted_by(principal, facts))
                .group_by(facts.c.path, facts.c.dealer_id, facts.c.consultant)
            )
        ).all()

    def actual_of(position: Position) -> Decimal:
        if position.user_id is None:
            prefix = subtree[position.org_node].path
            matched = (a.value for a in actuals if a.path.startswith(prefix))
        else:
            matched = (
                a.value
                for a in actuals
                if a.consultant == position.user_id and a.dealer_id == node.dealer_id
            )
        return sum(matched, Decimal(0)).quantize(CENT)

    def line(position: Position) -> CascadeLine:
        children = None
        if position.user_id is None:
            children = [set_here[p] for p in below[position.org_node] if p in set_here]
        return cascade_line(
            position,
            target_amount=set_here.get(position),
            children_targets=children,
            actual=actual_of(position),
            month=month,
            today=today,
        )

    # Nodes first, then consultants; the node's own line still counts every child.
    shown, truncated = capped(
        sorted(shown, key=lambda p: (p.user_id is not None, p.org_node, p.user_id or "")),
        MOST_CHILDREN,
    )
    return Cascade(
        month,
        measure,
        product_line,
        today,
        line(Position(node.id)),
        [line(p) for p in shown],
        truncated,
    )


@dataclass(frozen=True, slots=True)
class Daily:
    month: str
    measure: Measure
    product_line: str
    position: Position
    target: Decimal | None
    days: list[DayExecution]


async def daily(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    month: str,
    node_id: str | None,
    consultant: str | None,
    measure: Measure,
    product_line: str,
    weekday_weights: Sequence[Decimal] | None,
) -> Daily:
    """The month of a node (or of a consultant's leaf at it) split into days: each day's
    target, actual and the attainment of the month so far. Consultants see their own leaf."""
    first, last = month_of(month)
    if _consultant(principal) and consultant not in (None, principal.user_id):
        raise NodeNotFound("org node not found")
    async with sessions() as session:
        node, _ = await _visible_subtree(session, principal, node_id)
        position = Position(node.id, consultant)
        if _consultant(principal) and consultant is not None:
            position, found = await _own_leaf(
                session, principal, node, month, measure, product_line
            )
        else:
            found = await _targets_set(
                session,
                principal,
                month,
                measure,
                product_line,
                targets.c.org_node == node.id,
                targets.c.user_id.is_(None)
                if consultant is None
                else targets.c.user_id == consultant,
            )
        amount = found.get(position)
        facts = _contributions(principal.tenant, measure, product_line, first, last).subquery()
        if consultant is None:
            mine = facts.c.path.startswith(node.path, autoescape=True)
        else:
            mine = and_(facts.c.consultant == consultant, facts.c.dealer_id == node.dealer_id)
        actuals = {
            r.day: r.value.quantize(CENT)
            for r in await session.execute(
                select(facts.c.day, func.sum(facts.c.value).label("value"))
                .where(mine, _counted_by(principal, facts))
                .group_by(facts.c.day)
            )
        }
    parts = None if amount is None else split_into_days(amount, month, measure, weekday_weights)
    return Daily(
        month, measure, product_line, position, amount, execution_by_day(month, parts, actuals)
    )
