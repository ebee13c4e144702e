"""Custom KPI definitions: kept once checked, owned by their author and reaching their dealer
(or their node above dealers) when shared with a role; deleted by their owner only."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.policy.directory import dealer_of
from crm_common.policy.roles import ROLES
from crm_kpi.adapters import kpi_definition_store as store
from crm_kpi.domain.kpis import KpiDefinition, Sharing, check_definition
from crm_kpi.views.kpis import StoredDefinition


async def define_kpi(
    principal: Principal,
    uow: UnitOfWork,
    *,
    name: str,
    definition: KpiDefinition,
    roles: frozenset[str],
    nodes: frozenset[str],
    users: frozenset[str],
    now: datetime,
) -> StoredDefinition:
    """Keeps a checked definition (422 naming what is wrong: a field, an unknown role or org
    node)."""
    check_definition(definition)
    unknown_roles = sorted(roles - ROLES.keys())
    if unknown_roles:
        raise InvalidInput("shared_roles", f"unknown roles: {', '.join(unknown_roles)}")
    async with uow:
        unknown_nodes = nodes - await store.known_nodes(uow.session, principal.tenant, nodes)
        if unknown_nodes:
            raise InvalidInput(
                "shared_nodes", f"unknown org nodes: {', '.join(sorted(unknown_nodes))}"
            )
        dealer = await dealer_of(uow.session, principal.tenant, principal.org_node)
        stored = StoredDefinition(
            uuid4(),
            name,
            definition,
            Sharing(principal.user_id, dealer or principal.org_node, roles, nodes, users),
            now,
        )
        await store.add_definition(
            uow.session,
            definition_id=stored.id,
            tenant=principal.tenant,
            name=name,
            definition=definition,
            sharing=stored.sharing,
            created_at=now,
        )
    return stored


async def delete_definition(principal: Principal, definition_id: UUID, uow: UnitOfWork) -> bool:
    """Only its owner deletes a definition; False when there is none of theirs."""
    async with uow:
        return await store.delete_own_definition(
            uow.session, principal.tenant, principal.user_id, definition_id
        )
