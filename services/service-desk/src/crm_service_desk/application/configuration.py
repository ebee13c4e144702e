"""How a node (HQ, a region, a dealer) configures its service desk: the category tree, SLA
policies, the working calendar and the escalation ladder. Each applies to the node's own
book and, where a node below has none of its own, to the books below it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID, uuid4

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_service_desk.adapters import repository
from crm_service_desk.domain.escalation import Ladder
from crm_service_desk.domain.service_levels import SlaPolicy
from crm_service_desk.domain.sla import BusinessCalendar
from crm_service_desk.domain.tickets import Priority


class CategoryExists(Exception):
    """The node already has a category with that code (answered 409)."""


@dataclass(frozen=True, slots=True)
class NewCategory:
    code: str
    name: str
    default_priority: Priority
    parent_code: str | None


async def add_category(command: NewCategory, actor: Principal, uow: UnitOfWork) -> UUID:
    async with uow:
        node = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        chain = await repository.org_chain(uow.session, actor.tenant, node)
        parent_id = None
        if command.parent_code is not None:
            path = await repository.category_path(
                uow.session, actor.tenant, chain, command.parent_code
            )
            if not path:
                raise InvalidInput("parent_code", f"unknown category {command.parent_code!r}")
            if len(path) >= repository.MAX_CATEGORY_DEPTH:
                raise InvalidInput("parent_code", "the category tree is deep enough")
            parent_id = path[0]["id"]
        category_id = uuid4()
        added = await repository.add_category(
            uow.session,
            {
                "id": category_id,
                "tenant": actor.tenant,
                "owner_org": node,
                "parent_id": parent_id,
                "code": command.code,
                "name": command.name,
                "default_priority": command.default_priority.value,
            },
        )
        if not added:
            raise CategoryExists(f"this node already has a category {command.code!r}")
    return category_id


@dataclass(frozen=True, slots=True)
class PolicyRule:
    category_code: str | None
    priority: Priority | None
    first_response_minutes: int | None
    resolution_minutes: int | None


async def set_sla_policies(
    rules: Sequence[PolicyRule], actor: Principal, uow: UnitOfWork
) -> list[SlaPolicy]:
    """Replaces the node's SLA policies; a category is named by its code (``policies[i]``)."""
    async with uow:
        node = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        chain = await repository.org_chain(uow.session, actor.tenant, node)
        policies = []
        seen = set()
        for index, rule in enumerate(rules):
            category_id = None
            if rule.category_code is not None:
                path = await repository.category_path(
                    uow.session, actor.tenant, chain, rule.category_code
                )
                if not path:
                    raise InvalidInput(
                        f"policies.{index}.category_code",
                        f"unknown category {rule.category_code!r}",
                    )
                category_id = path[0]["id"]
            if (category_id, rule.priority) in seen:
                raise InvalidInput(
                    f"policies.{index}", "a second rule for the same category and priority"
                )
            seen.add((category_id, rule.priority))
            policies.append(
                SlaPolicy(
                    owner_org=node,
                    category_id=category_id,
                    priority=rule.priority,
                    first_response_minutes=rule.first_response_minutes,
                    resolution_minutes=rule.resolution_minutes,
                )
            )
        await repository.set_sla_policies(uow.session, actor.tenant, node, policies)
    return policies


async def set_calendar(calendar: BusinessCalendar, actor: Principal, uow: UnitOfWork) -> None:
    async with uow:
        node = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        await repository.set_calendar(uow.session, actor.tenant, node, calendar)


async def set_ladder(ladder: Ladder, actor: Principal, uow: UnitOfWork) -> None:
    """The node's ladder; its team lead must be staff of the node's book. Tickets opened
    before keep the steps they already had; the next sweep applies the new ones."""
    async with uow:
        node = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        if ladder.team_lead is not None and (
            await repository.staff_member(uow.session, actor.tenant, ladder.team_lead, node) is None
        ):
            raise InvalidInput("team_lead", "no such active user in this book")
        await repository.set_ladder(uow.session, actor.tenant, node, ladder)


async def ladder_of(actor: Principal, uow: UnitOfWork) -> Ladder:
    async with uow:
        node = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        chain = await repository.org_chain(uow.session, actor.tenant, node)
        return await repository.ladder_for(uow.session, actor.tenant, chain)


async def calendar_of(actor: Principal, uow: UnitOfWork, timezone: str) -> BusinessCalendar:
    async with uow:
        node = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        chain = await repository.org_chain(uow.session, actor.tenant, node)
        return await repository.calendar_for(uow.session, actor.tenant, chain, timezone)
