"""The recycle sweep in SQL: releases one batch of due leads of one pool in one statement.

Set-based and safe with several workers: due rows are locked with SKIP LOCKED (a lead being
followed up right now, or taken by another worker, is left for the next round), and the due
conditions are the domain's cutoffs (``crm_leads.domain.recycle.cutoffs``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Select,
    Uuid,
    and_,
    any_,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from crm_leads.adapters.tables import (
    customer_opportunities,
    customers,
    draw_entries,
    inline,
    lead_history,
    leads,
    pools,
)
from crm_leads.domain.recycle import NO_CONVERSION, NO_FOLLOW_UP, NOT_WON, Cutoffs

SWEEP_ACTOR = "recycle-sweep"


@dataclass(frozen=True, slots=True)
class Released:
    lead_id: UUID
    tenant: str
    owner_org: str
    pool_id: UUID
    previous_owner: str
    rule: str


async def all_pools(session: AsyncSession) -> list[tuple[UUID, dict[str, object]]]:
    rows = await session.execute(select(pools.c.id, pools.c.rules).order_by(pools.c.id))
    return [(row[0], row[1]) for row in rows]


def _clock() -> ColumnElement[datetime]:
    return func.greatest(leads.c.owned_since, leads.c.last_follow_up_at)


def _due(limits: Cutoffs) -> tuple[ColumnElement[bool], ColumnElement[str]]:
    """The due condition and the rule that makes a row due (no follow-up wins, then no
    conversion, then not won), excluding the customers the rules keep out of the sweep."""
    overrides = limits.no_follow_up_by_grade
    no_follow_up = [
        and_(leads.c.grade == grade, _clock() <= cutoff) for grade, cutoff in overrides.items()
    ]
    if limits.no_follow_up_default is not None:
        default_clock = _clock() <= limits.no_follow_up_default
        if overrides:
            default_grades = or_(leads.c.grade.is_(None), leads.c.grade.not_in(list(overrides)))
            default_clock = and_(default_grades, default_clock)
        no_follow_up.append(default_clock)
    rules: list[tuple[ColumnElement[bool], str]] = []
    if no_follow_up:
        rules.append((or_(*no_follow_up), NO_FOLLOW_UP))
    if limits.no_conversion is not None:
        rules.append((leads.c.owned_since <= limits.no_conversion, NO_CONVERSION))
    if limits.not_won is not None:
        rules.append((and_(leads.c.owned_since <= limits.not_won, ~_customer_has("won")), NOT_WON))
    if not rules:
        return literal(False), literal(NO_FOLLOW_UP)
    rule = (
        case(
            *((condition, literal(name)) for condition, name in rules[:-1]),
            else_=literal(rules[-1][1]),
        )
        if len(rules) > 1
        else literal(rules[0][1])
    )
    due = or_(*(condition for condition, _ in rules))
    if limits.exclude_won_customers:
        due = and_(due, ~_customer_has("won"))
    if limits.exclude_open_opportunities:
        due = and_(due, ~_customer_has("open"))
    return due, rule


def _customer_has(status: str) -> ColumnElement[bool]:
    """The lead's customer has an opportunity in ``status`` (as opportunities reported it)."""
    return (
        select(customer_opportunities.c.opportunity_id)
        .where(
            customer_opportunities.c.customer_id == leads.c.customer_id,
            customer_opportunities.c.status == status,
        )
        .exists()
    )


def _not_locked() -> ColumnElement[bool]:
    locked = select(customers.c.id).where(customers.c.id == leads.c.customer_id, customers.c.locked)
    return ~locked.exists()


def _due_batch(pool_id: UUID, limits: Cutoffs, batch: int) -> Select[tuple[UUID, str]]:
    """Oldest clocks first: the order of the recycle index, so a batch is a range scan."""
    due, rule = _due(limits)
    return (
        select(leads.c.id, rule.label("rule"))
        .where(
            leads.c.home_pool_id == pool_id,
            leads.c.status == inline("open"),
            leads.c.owner_user.is_not(None),
            leads.c.nurture_since.is_(None),
            _not_locked(),
            due,
        )
        .order_by(_clock())
        .limit(batch)
        .with_for_update(of=leads, skip_locked=True)
    )


async def release_due_batch(
    session: AsyncSession,
    pool_id: UUID,
    limits: Cutoffs,
    *,
    protection: timedelta,
    now: datetime,
    batch: int,
    blind: timedelta | None = None,
) -> list[Released]:
    """Releases up to ``batch`` due leads and writes their history (who, why, which rule)."""
    due = _due_batch(pool_id, limits, batch).cte("due")
    released = (
        update(leads)
        .where(leads.c.id == due.c.id)
        .values(
            previous_owner=leads.c.owner_user,
            owner_user=None,
            owner_team=None,
            owned_since=None,
            ownership_origin=None,
            pool_id=leads.c.home_pool_id,
            released_at=now,
            protected_until=now + protection,
            draw_until=now + blind if blind else None,
        )
        .returning(
            leads.c.id,
            leads.c.tenant,
            leads.c.owner_org,
            leads.c.home_pool_id,
            leads.c.previous_owner,
            due.c.rule,
        )
    )
    rows = [Released(*row) for row in await session.execute(released)]
    if rows:
        # One array parameter: one prepared statement whatever the batch's size.
        released_ids = bindparam("released", [r.lead_id for r in rows], type_=ARRAY(Uuid()))
        await session.execute(
            delete(draw_entries).where(draw_entries.c.lead_id == any_(released_ids))
        )
        await session.execute(
            insert(lead_history),
            [
                {
                    "lead_id": r.lead_id,
                    "tenant": r.tenant,
                    "owner_org": r.owner_org,
                    "kind": "released",
                    "actor": SWEEP_ACTOR,
                    "from_user": r.previous_owner,
                    "to_user": None,
                    "reason": f"recycled by rule {r.rule}",
                    "rule": r.rule,
                    "at": now,
                }
                for r in rows
            ],
        )
    return rows


@dataclass(frozen=True, slots=True)
class Reminder:
    lead_id: UUID
    tenant: str
    owner_org: str
    owner_user: str


async def remind_batch(
    session: AsyncSession,
    pool_id: UUID,
    *,
    due_soon: Cutoffs,
    due_now: Cutoffs,
    now: datetime,
    batch: int,
) -> list[Reminder]:
    """Marks up to ``batch`` leads that will be due within the reminder window (and are not
    due yet, nor reminded since their clock last reset) as reminded."""
    soon, _ = _due(due_soon)
    already, _ = _due(due_now)
    candidates = (
        select(leads.c.id)
        .where(
            leads.c.home_pool_id == pool_id,
            leads.c.status == inline("open"),
            leads.c.owner_user.is_not(None),
            leads.c.nurture_since.is_(None),
            leads.c.recycle_reminded_at.is_(None),
            _not_locked(),
            soon,
            ~already,
        )
        .order_by(_clock())
        .limit(batch)
        .with_for_update(of=leads, skip_locked=True)
        .cte("due_soon")
    )
    reminded = (
        update(leads)
        .where(leads.c.id == candidates.c.id)
        .values(recycle_reminded_at=now)
        .returning(leads.c.id, leads.c.tenant, leads.c.owner_org, leads.c.owner_user)
    )
    return [Reminder(*row) for row in await session.execute(reminded)]


@dataclass(frozen=True, slots=True)
class DueCallback:
    lead_id: UUID
    tenant: str
    owner_org: str
    owner_user: str
    grade: str
    due_at: datetime


async def announce_callbacks_batch(
    session: AsyncSession, *, now: datetime, batch: int
) -> list[DueCallback]:
    """Marks up to ``batch`` owned open leads whose callback (the next follow-up their grade's
    cadence set) is due and not announced for that due time yet as announced, earliest due
    first; a lead another transaction holds is left for the next round."""
    candidates = (
        select(leads.c.id)
        .where(
            leads.c.status == inline("open"),
            leads.c.owner_user.is_not(None),
            leads.c.grade.is_not(None),
            leads.c.next_follow_up_due <= now,
            leads.c.callback_announced_for.is_distinct_from(leads.c.next_follow_up_due),
        )
        .order_by(leads.c.next_follow_up_due)
        .limit(batch)
        .with_for_update(of=leads, skip_locked=True)
        .cte("callbacks_due")
    )
    announced = (
        update(leads)
        .where(leads.c.id == candidates.c.id)
        .values(callback_announced_for=leads.c.next_follow_up_due)
        .returning(
            leads.c.id,
            leads.c.tenant,
            leads.c.owner_org,
            leads.c.owner_user,
            leads.c.grade,
            leads.c.next_follow_up_due,
        )
    )
    return [DueCallback(*row) for row in await session.execute(announced)]
