"""Configuring pools: who claims, how leads are handed out, and the pool's rules."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.policy.roles import has_function
from crm_common.policy.staff import staff_in_book
from crm_leads.adapters import book_store, pool_store
from crm_leads.application.grade_schemes import check_pool_rules
from crm_leads.domain.customer_identifiers import IdentifierKind
from crm_leads.domain.pool_rules import AutoAssignment, PoolKind, PoolRules


class PoolNotFound(LookupError):
    """No such pool among those the caller manages (answered 404)."""


async def configure_pool(
    pool_id: UUID,
    *,
    name: str,
    kind: PoolKind,
    auto_assignment: AutoAssignment,
    rules: PoolRules,
    actor: Principal,
    uow: UnitOfWork,
) -> None:
    """Only managers of the pool's book (by their own write scope, never by a sharing
    agreement or because the pool is open to them) change its settings; the grade scheme is
    a built-in one or the book's own."""
    async with uow:
        book = await pool_store.lock_managed_pool(uow.session, actor, pool_id)
        if book is None:
            raise PoolNotFound("pool not found")
        await check_pool_rules(uow.session, actor.tenant, book, rules)
        changed = await pool_store.configure_managed_pool(
            uow.session,
            actor,
            pool_id,
            name=name,
            kind=kind,
            auto_assignment=auto_assignment,
            rules=rules,
        )
        if not changed:
            raise PoolNotFound("pool not found")


async def open_pool(
    *,
    name: str,
    kind: PoolKind,
    auto_assignment: AutoAssignment,
    rules: PoolRules,
    actor: Principal,
    uow: UnitOfWork,
    now: datetime,
) -> pool_store.Pool:
    """Another pool of the caller's book (e.g. an assign-only pool for sensitive leads)."""
    async with uow:
        book = await book_store.book_of(uow.session, actor.tenant, actor.org_node)
        await check_pool_rules(uow.session, actor.tenant, book, rules)
        pool_id = await pool_store.add_pool(
            uow.session,
            tenant=actor.tenant,
            owner_org=book,
            name=name,
            kind=kind,
            auto_assignment=auto_assignment,
            rules=rules,
            now=now,
        )
        return await pool_store.pool(uow.session, pool_id)


async def set_members(
    pool_id: UUID, members: list[tuple[str, int, int]], *, actor: Principal, uow: UnitOfWork
) -> None:
    """Who may claim from the pool and receives its automatic assignments (with weights), and
    how senior each is (levels): active consultants of the pool's book only."""
    async with uow:
        session = uow.session
        book = await pool_store.lock_managed_pool(session, actor, pool_id)
        if book is None:
            raise PoolNotFound("pool not found")
        resolved = []
        for index, (user_id, weight, level) in enumerate(members):
            member = await staff_in_book(session, actor.tenant, user_id, book)
            if member is None or not has_function(member.roles, "lead.claim"):
                raise InvalidInput(
                    f"members.{index}.user_id",
                    f"{user_id!r} is not an active consultant of {book}",
                )
            resolved.append((user_id, member.org_node, weight, level))
        await pool_store.replace_members(session, pool_id, resolved)


async def dedup_keys_of(
    actor: Principal, uow: UnitOfWork, *, now: datetime
) -> tuple[IdentifierKind, ...]:
    """The identifiers the caller's book deduplicates customers on after the phone, in order."""
    async with uow:
        book = await book_store.book_of(uow.session, actor.tenant, actor.org_node)
        settings = await book_store.book_settings(
            uow.session, tenant=actor.tenant, owner_org=book, now=now
        )
    return settings.dedup_keys


async def set_dedup_keys(
    keys: Sequence[IdentifierKind], actor: Principal, uow: UnitOfWork, *, now: datetime
) -> None:
    """From the next submission on; customers already on file are not re-matched."""
    async with uow:
        book = await book_store.book_of(uow.session, actor.tenant, actor.org_node)
        await book_store.set_dedup_keys(
            uow.session, tenant=actor.tenant, owner_org=book, keys=keys, now=now
        )
