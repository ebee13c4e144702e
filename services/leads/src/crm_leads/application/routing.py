"""Ordered routing rules: a book's managers set them; every new lead nobody took in is placed
by the first that matches (``crm_leads.domain.routing``), or waits in the default pool."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.policy.roles import has_function
from crm_common.policy.staff import staff_in_book
from crm_leads.adapters import book_store, pool_store, routing_store
from crm_leads.domain.assignment import Candidate, choose_assignee
from crm_leads.domain.lead import Lead, Worker
from crm_leads.domain.routing import (
    Arrival,
    RoutingRule,
    RoutingRuleSpec,
    TargetKind,
    first_match,
)


class RoutingRulesChanged(Exception):
    """Someone changed the book's rules since the caller read them (answered 409)."""


class RoutingConsultantNotFound(LookupError):
    """A rule names a user who is not an active consultant of the book (answered 404)."""


@dataclass(frozen=True, slots=True)
class BookRouting:
    book: str
    version: int
    rules: list[RoutingRule]


async def routing_of(actor: Principal, uow: UnitOfWork, *, now: datetime) -> BookRouting:
    """The rules of the caller's book (their dealer, or their own node above dealers)."""
    async with uow:
        return await _book_routing(uow.session, actor, now)


async def set_routing(
    rules: Sequence[RoutingRuleSpec],
    seen_version: int,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> BookRouting:
    """Replaces the rules of the caller's book, in the given order, if nobody changed them
    since ``seen_version``. Every pool a rule names must be one of the book's (422 naming the
    rule's field), every consultant an active one of the book (404, as for an assignment)."""
    async with uow:
        session = uow.session
        book = await book_store.book_of(session, actor.tenant, actor.org_node)
        await book_store.book_settings(session, tenant=actor.tenant, owner_org=book, now=now)
        for index, rule in enumerate(rules):
            target = rule.target
            if target.pool_id is not None:
                pool = await pool_store.pool_or_none(session, target.pool_id)
                if pool is None or (pool.tenant, pool.owner_org) != (actor.tenant, book):
                    raise InvalidInput(
                        f"rules[{index}].target.pool_id", "no such pool in your book"
                    )
            if target.user_id is not None and not await consultant_of_book(
                session, actor.tenant, book, target.user_id
            ):
                raise RoutingConsultantNotFound(
                    f"rules[{index}]: no active consultant {target.user_id!r} works this book"
                )
        version = await routing_store.replace_rules(
            session,
            tenant=actor.tenant,
            book=book,
            rules=rules,
            seen_version=seen_version,
            actor=actor.user_id,
            now=now,
        )
        if version is None:
            raise RoutingRulesChanged(
                "the routing rules changed since you read them; read them again"
            )
        return await _book_routing(session, actor, now)


async def _book_routing(session: AsyncSession, actor: Principal, now: datetime) -> BookRouting:
    book = await book_store.book_of(session, actor.tenant, actor.org_node)
    await book_store.book_settings(session, tenant=actor.tenant, owner_org=book, now=now)
    return BookRouting(
        book=book,
        version=await routing_store.version_of(session, actor.tenant, book),
        rules=await routing_store.rules_of(session, actor.tenant, book),
    )


async def consultant_of_book(
    session: AsyncSession, tenant: str, book: str, user_id: str
) -> Worker | None:
    member = await staff_in_book(session, tenant, user_id, book)
    if member is None or not has_function(member.roles, "lead.claim"):
        return None
    return Worker(user_id, member.org_node)


async def route_on_arrival(
    session: AsyncSession, lead: Lead, *, business_tz: ZoneInfo, now: datetime
) -> RoutingRule | None:
    """Places a new lead nobody took in by the first of its book's rules that matches and can
    take it now (a rule whose consultant left, or whose pool is gone, is passed over); returns
    that rule, or None: the lead waits in the book's default pool. A strategy that finds every
    member of its pool at capacity leaves the lead waiting in that pool."""
    rules = await routing_store.rules_of(session, lead.tenant, lead.owner_org)
    if not rules:
        return None
    arrival = Arrival(
        source=lead.source,
        campaign_id=lead.campaign_id,
        region=lead.region_hint,
        vehicle_interest=lead.vehicle_interest,
        local_time=now.astimezone(business_tz).time(),
    )
    passed_over: set[UUID] = set()
    while (rule := first_match(rules, arrival, frozenset(passed_over))) is not None:
        placement = await _placement(session, lead, rule)
        if placement is None:
            passed_over.add(rule.id)
            continue
        pool_id, owner = placement
        lead.route(rule.id, rule.name, pool_id=pool_id, to=owner, now=now)
        if owner is not None and rule.target.kind is TargetKind.STRATEGY:
            await pool_store.note_assignment(session, pool_id, owner.user_id, now)
        return rule
    return None


async def _placement(
    session: AsyncSession, lead: Lead, rule: RoutingRule
) -> tuple[UUID, Worker | None] | None:
    target = rule.target
    if target.kind is TargetKind.CONSULTANT:
        assert target.user_id is not None  # the target's validator
        owner = await consultant_of_book(session, lead.tenant, lead.owner_org, target.user_id)
        return None if owner is None else (lead.home_pool_id, owner)
    assert target.pool_id is not None  # the target's validator
    pool = await pool_store.pool_or_none(session, target.pool_id)
    if pool is None or (pool.tenant, pool.owner_org) != (lead.tenant, lead.owner_org):
        return None
    if target.kind is TargetKind.POOL:
        return pool.id, None
    assert target.strategy is not None  # the target's validator
    chosen = choose_assignee(
        target.strategy,
        await pool_store.pool_candidates(session, pool.id),
        pool.rules.claim.max_private_leads,
    )
    return pool.id, None if chosen is None else Worker(chosen.user_id, chosen.org_node)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a routing rule sends an imported lead: its pool, and its owner when the rule
    names a consultant or its strategy chose one (None: it waits in that pool)."""

    rule: RoutingRule
    pool_id: UUID
    owner: Candidate | None


async def place_imported(
    session: AsyncSession,
    *,
    tenant: str,
    book: str,
    default_pool: UUID,
    arrivals: Sequence[tuple[UUID, Arrival]],
    now: datetime,
) -> dict[UUID, Placement]:
    """The routing of a slice of imported leads, as ``route_on_arrival`` places single ones:
    the book's rules read once and each rule's target checked once for the slice, a strategy
    dealing the slice's leads one after another (``plan_assignments``' way). Leads no rule
    places are left out (the default pool's turn)."""
    rules = await routing_store.rules_of(session, tenant, book)
    if not rules:
        return {}
    targets: dict[UUID, _Target | None] = {}
    placed: dict[UUID, Placement] = {}
    step = 0
    for lead_id, arrival in arrivals:
        passed_over: set[UUID] = set()
        while (rule := first_match(rules, arrival, frozenset(passed_over))) is not None:
            if rule.id not in targets:
                targets[rule.id] = await _target(session, tenant, book, default_pool, rule)
            target = targets[rule.id]
            if target is None:
                passed_over.add(rule.id)
                continue
            owner = target.owner
            if rule.target.strategy is not None:
                owner = choose_assignee(rule.target.strategy, target.members, target.capacity)
                if owner is not None:
                    step += 1
                    target.members[target.members.index(owner)] = replace(
                        owner,
                        open_leads=owner.open_leads + 1,
                        last_assigned_at=now + timedelta(microseconds=step),
                    )
            placed[lead_id] = Placement(rule, target.pool_id, owner)
            break
    return placed


@dataclass(slots=True)
class _Target:
    pool_id: UUID
    owner: Candidate | None = None
    members: list[Candidate] = field(default_factory=list)
    capacity: int = 0


async def _target(
    session: AsyncSession, tenant: str, book: str, default_pool: UUID, rule: RoutingRule
) -> _Target | None:
    """What ``_placement`` checks, once per rule and slice; None: the rule is passed over."""
    target = rule.target
    if target.kind is TargetKind.CONSULTANT:
        assert target.user_id is not None  # the target's validator
        owner = await consultant_of_book(session, tenant, book, target.user_id)
        if owner is None:
            return None
        return _Target(default_pool, owner=Candidate(owner.user_id, owner.org_node, 0))
    assert target.pool_id is not None  # the target's validator
    pool = await pool_store.pool_or_none(session, target.pool_id)
    if pool is None or (pool.tenant, pool.owner_org) != (tenant, book):
        return None
    if target.kind is TargetKind.POOL:
        return _Target(pool.id)
    return _Target(
        pool.id,
        members=await pool_store.pool_candidates(session, pool.id),
        capacity=pool.rules.claim.max_private_leads,
    )
