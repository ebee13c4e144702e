"""Hand-over of a leaver: a manager gives everything a consultant works in the book to a named
successor or spreads it by a strategy; a deactivation without a hand-over returns the leads to
their pools and spreads the rest. Leads moves its leads here and tells every other service,
through ``leads.ConsultantHandedOver``, to move its own records (no service reads another's
tables): opportunities with their quotes and orders, the call center's call tasks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from uuid import UUID, uuid4

from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.contracts.envelope import EventData
from crm_common.contracts.events.leads.v1 import ConsultantHandedOver, Successor
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.policy.staff import staff_in_book
from crm_leads.adapters import book_store, lead_store, pool_store
from crm_leads.application.handlers import (
    AssigneeNotFound,
    PoolOfAnotherBook,
    assigned_event,
    publish_for,
)
from crm_leads.application.routing import consultant_of_book
from crm_leads.domain.assignment import Candidate
from crm_leads.domain.hand_over import in_parts, plan_hand_over
from crm_leads.domain.lead import Lead, Worker
from crm_leads.domain.pool_rules import AutoAssignment


class LeaverNotFound(LookupError):
    """The consultant named does not (or did not) work in the caller's book (answered 404)."""


@dataclass(frozen=True, slots=True)
class HandOver:
    leaver: str
    successor: str | None = None
    """A named successor takes everything; else ``strategy`` spreads it."""
    strategy: AutoAssignment | None = None
    pool_id: UUID | None = None
    """The pool whose members the strategy deals to (default: the book's default pool's
    members, or every consultant of the book when it names none)."""


@dataclass(frozen=True, slots=True)
class HandedOver:
    hand_over_id: UUID
    book: str
    leaver: str
    successors: list[str]
    strategy: str
    leads_moved: dict[str, int]
    """Leads each successor received."""


async def hand_over(
    command: HandOver, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> HandedOver:
    """Moves the leaver's open leads of the caller's book (a reported loss still waiting for
    its decision too) and publishes ``leads.ConsultantHandedOver`` for the rest, in the same
    transaction. The leaver may be active still (handing over before leaving) or already
    deactivated."""
    if (command.successor is None) == (command.strategy is None):
        raise InvalidInput("successor", "name either a successor or a strategy")
    if command.strategy is AutoAssignment.NONE:
        raise InvalidInput("strategy", "a hand-over spreads by a strategy that chooses")
    async with uow:
        session = uow.session
        book = await book_store.book_of(session, actor.tenant, actor.org_node)
        leaver = await staff_in_book(session, actor.tenant, command.leaver, book, active_only=False)
        if leaver is None:
            raise LeaverNotFound(f"{command.leaver!r} does not work in your book")
        if command.successor is not None:
            if command.successor == command.leaver:
                raise InvalidInput("successor", "the leaver cannot succeed themselves")
            named = await consultant_of_book(session, actor.tenant, book, command.successor)
            if named is None:
                raise AssigneeNotFound(
                    f"no active consultant {command.successor!r} works your book"
                )
            candidates = [Candidate(named.user_id, named.org_node, 0)]
        else:
            candidates = await _candidates(session, actor, book, command, now)
        leads = await lead_store.open_leads_owned_by(
            session, actor.tenant, command.leaver, book=book
        )
        plan = plan_hand_over(candidates, command.strategy, len(leads), now)
        reason = f"handed over from {command.leaver}"
        for lead, successor in zip(leads, plan, strict=True):
            await _move(
                uow, lead, Worker(successor.user_id, successor.org_node), actor, reason, now
            )
        strategy = "named" if command.strategy is None else command.strategy.value
        handed = await publish_hand_over(
            uow,
            tenant=actor.tenant,
            book=book,
            leaver=command.leaver,
            successors=[Successor(user_id=c.user_id, org_node=c.org_node) for c in candidates],
            strategy=strategy,
            reason="hand_over",
            moved=[(lead, successor.user_id) for lead, successor in zip(leads, plan, strict=True)],
            actor=actor.user_id,
            now=now,
        )
    return HandedOver(
        hand_over_id=handed,
        book=book,
        leaver=command.leaver,
        successors=[c.user_id for c in candidates],
        strategy=strategy,
        leads_moved=dict(Counter(c.user_id for c in plan)),
    )


async def spread_records_of_deactivated(
    uow: UnitOfWork, *, tenant: str, user_id: str, org_node: str, now: datetime
) -> bool:
    """A deactivation without a hand-over: the user's leads went back to their pools; their
    other records (opportunities, quotes, orders, call tasks) are spread over the book's
    active consultants. False when the book has none left to take them."""
    session = uow.session
    book = await book_store.book_of(session, tenant, org_node)
    successors = [
        Successor(user_id=c.user_id, org_node=c.org_node)
        for c in await pool_store.book_consultants(session, tenant, book)
        if c.user_id != user_id
    ]
    if not successors:
        return False
    await publish_hand_over(
        uow,
        tenant=tenant,
        book=book,
        leaver=user_id,
        successors=successors,
        strategy="spread",
        reason="deactivated",
        moved=[],
        actor="identity",
        now=now,
    )
    return True


async def publish_hand_over(
    uow: UnitOfWork,
    *,
    tenant: str,
    book: str,
    leaver: str,
    successors: list[Successor],
    strategy: str,
    reason: Literal["hand_over", "deactivated"],
    moved: list[tuple[Lead, str]],
    actor: str,
    now: datetime,
) -> UUID:
    hand_over_id = uuid4()
    parts = in_parts(moved)
    events: list[EventData] = [
        ConsultantHandedOver(
            hand_over_id=hand_over_id,
            dealer_id=book,
            consultant=leaver,
            successors=successors,
            strategy=strategy,
            reason=reason,
            leads={lead.id: owner for lead, owner in part},
            customers={lead.customer_id: owner for lead, owner in part},
            part=index,
            final=index == len(parts) - 1,
            at=now,
        )
        for index, part in enumerate(parts)
    ]
    await uow.publish_about(events, tenant=tenant, owner_org=book, actor=actor)
    return hand_over_id


async def _candidates(
    session: AsyncSession, actor: Principal, book: str, command: HandOver, now: datetime
) -> list[Candidate]:
    if command.pool_id is not None:
        pool = await pool_store.pool_or_none(session, command.pool_id)
        if pool is None or (pool.tenant, pool.owner_org) != (actor.tenant, book):
            raise PoolOfAnotherBook("no such pool in your book")
        pool_id = pool.id
    else:
        pool_id = (
            await book_store.book_settings(session, tenant=actor.tenant, owner_org=book, now=now)
        ).pool_id
    members = [
        c for c in await pool_store.pool_candidates(session, pool_id) if c.user_id != command.leaver
    ]
    if members:
        return members
    everyone = await pool_store.book_consultants(session, actor.tenant, book)
    return [c for c in everyone if c.user_id != command.leaver]


async def _move(
    uow: UnitOfWork, lead: Lead, to: Worker, actor: Principal, reason: str, now: datetime
) -> None:
    previous = lead.owner_user
    lead.hand_over(to, actor.user_id, now, reason)
    await lead_store.save_lead(uow.session, lead)
    await publish_for(
        uow, lead, actor.user_id, [assigned_event(lead, previous, actor.user_id, reason)]
    )
