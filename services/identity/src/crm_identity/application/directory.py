"""Managing the org tree and the users of a tenant. Every change publishes an event."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID, uuid4

from sqlalchemy.exc import IntegrityError

from crm_common.auth.principal import Principal
from crm_common.contracts import new_event
from crm_common.contracts.events.identity.v1 import OrgChanged
from crm_common.contracts.events.identity.v2 import UserChangedV2
from crm_common.db import UnitOfWork
from crm_common.policy.roles import has_function, role
from crm_identity.adapters import repository
from crm_identity.application.errors import Conflict, Forbidden, NotFound
from crm_identity.application.passwords import Passwords
from crm_identity.domain.org_tree import (
    OrgKind,
    PartnerType,
    check_move,
    check_placement,
    child_path,
)
from crm_identity.domain.permissions import (
    ADMIN_ROLES,
    may_grant,
    may_manage_users_in,
    refusal_to_deactivate,
)


@dataclass(frozen=True)
class AddOrgNode:
    id: str
    parent_id: str | None
    kind: OrgKind
    name: str
    partner_type: PartnerType | None = None


@dataclass(frozen=True)
class MoveOrgNode:
    id: str
    parent_id: str


@dataclass(frozen=True)
class AddUser:
    username: str
    display_name: str
    password: str
    org_node: str
    roles: frozenset[str]


async def _require_user_manager_of(
    uow: UnitOfWork, actor: Principal, target_path: str | None
) -> None:
    """A user manager must reach the target's org node; anything else looks like no such node."""
    actor_path = await repository.org_path(uow.session, actor.tenant, actor.org_node)
    if target_path is None or actor_path is None:
        raise NotFound("no such org node or user")
    if not may_manage_users_in(actor.roles, actor_path, target_path):
        raise NotFound("no such org node or user")


async def add_org_node(uow: UnitOfWork, actor: Principal, command: AddOrgNode) -> str:
    """HQ admins build the tree of their tenant. Returns the node's path."""
    if "hq_admin" not in actor.roles:
        raise Forbidden("only HQ admins change the org tree")
    async with uow:
        parent_kind: OrgKind | None = None
        parent_path = "/"
        if command.parent_id is not None:
            parent = await repository.org_kind_and_path(
                uow.session, actor.tenant, command.parent_id
            )
            if parent is None:
                raise NotFound(f"no org node {command.parent_id!r}")
            parent_kind, parent_path = OrgKind(parent[0]), parent[1]
        check_placement(command.kind, parent_kind)
        path: str = child_path(parent_path, command.id)
        try:
            await repository.add_org_node(
                uow.session,
                repository.OrgNodeRecord(
                    id=command.id,
                    tenant=actor.tenant,
                    parent_id=command.parent_id,
                    kind=command.kind.value,
                    name=command.name,
                    partner_type=command.partner_type.value if command.partner_type else None,
                    path=path,
                ),
            )
        except IntegrityError as exc:
            raise Conflict(f"org node {command.id!r} exists") from exc
        dealer_id = await repository.dealer_of(uow.session, actor.tenant, command.id)
        await uow.publish(
            new_event(
                OrgChanged(
                    org_id=command.id,
                    parent_id=command.parent_id,
                    kind=command.kind.value,
                    name=command.name,
                    path=path,
                    dealer_id=dealer_id,
                    active=True,
                ),
                tenant=actor.tenant,
                owner_org=command.id,
                actor=actor.user_id,
            )
        )
    return path


async def move_org_node(
    uow: UnitOfWork, actor: Principal, command: MoveOrgNode
) -> repository.OrgNodeRow:
    """HQ admins move a node (a dealer to another region, say) with everything below it;
    every moved node is published anew (its path changed) and the move is recorded. Returns
    the node where it is now."""
    if "hq_admin" not in actor.roles:
        raise Forbidden("only HQ admins change the org tree")
    async with uow:
        node = await repository.org_node_for_change(uow.session, actor.tenant, command.id)
        if node is None:
            raise NotFound(f"no org node {command.id!r}")
        parent = await repository.org_kind_and_path(uow.session, actor.tenant, command.parent_id)
        if parent is None:
            raise NotFound(f"no org node {command.parent_id!r}")
        check_move(OrgKind(node.kind), node.path, OrgKind(parent[0]), parent[1])
        path: str = child_path(parent[1], node.id)
        if path == node.path:
            return node
        moved = await repository.move_subtree(
            uow.session, actor.tenant, node, command.parent_id, path
        )
        await repository.record_org_move(
            uow.session,
            actor.tenant,
            node,
            to_parent=command.parent_id,
            to_path=path,
            moved_by=actor.user_id,
        )
        for each in moved:
            await uow.publish(
                new_event(
                    OrgChanged(
                        org_id=each.id,
                        parent_id=each.parent_id,
                        kind=each.kind,
                        name=each.name,
                        path=each.path,
                        # A team moved to another dealer belongs to that dealer now.
                        dealer_id=await repository.dealer_of(uow.session, actor.tenant, each.id),
                        active=each.active,
                    ),
                    tenant=actor.tenant,
                    owner_org=each.id,
                    actor=actor.user_id,
                )
            )
    return moved[0]


async def add_user(
    uow: UnitOfWork, passwords: Passwords, actor: Principal, command: AddUser
) -> UUID:
    if not has_function(actor.roles, "user.manage"):
        raise Forbidden("managing users needs the user.manage function")
    for name in command.roles:
        role(name)  # unknown roles are refused before anything is written
    password_hash = await passwords.hash(command.password)
    async with uow:
        target_path = await repository.org_path(uow.session, actor.tenant, command.org_node)
        await _require_user_manager_of(uow, actor, target_path)
        if not may_grant(actor.roles, command.roles):
            raise Forbidden("a dealer admin grants dealer roles only")
        user_id = uuid4()
        try:
            await repository.add_user(
                uow.session,
                repository.NewUser(
                    id=user_id,
                    tenant=actor.tenant,
                    org_node=command.org_node,
                    username=command.username,
                    display_name=command.display_name,
                    password_hash=password_hash,
                    roles=sorted(command.roles),
                ),
            )
        except IntegrityError as exc:
            raise Conflict(f"username {command.username!r} is taken") from exc
        await uow.publish(
            new_event(
                UserChangedV2(
                    user_id=user_id,
                    org_id=command.org_node,
                    dealer_id=await repository.dealer_of(
                        uow.session, actor.tenant, command.org_node
                    ),
                    username=command.username,
                    display_name=command.display_name,
                    roles=sorted(command.roles),
                    active=True,
                    change="created",
                ),
                tenant=actor.tenant,
                owner_org=command.org_node,
                actor=actor.user_id,
            )
        )
    return user_id


async def deactivate_user(uow: UnitOfWork, actor: Principal, user_id: UUID) -> None:
    """The user can no longer log in or refresh; leads reassign their records on the event."""
    if not has_function(actor.roles, "user.manage"):
        raise Forbidden("managing users needs the user.manage function")
    async with uow:
        target = await repository.placement_for_change(uow.session, actor.tenant, user_id)
        if target is None:
            raise NotFound("no such user")
        await _require_user_manager_of(uow, actor, target.path)
        if target.deployment is not None:
            raise Conflict(
                f"the user is {target.deployment}'s own deployment's: its admin deactivates"
                " them there"
            )
        if not target.active:
            return
        # One deactivation per node at a time: two admins deactivating each other at once
        # would each still see the other active.
        await repository.lock_node_for_user_changes(uow.session, actor.tenant, target.org_node)
        held = await repository.roles_of_other_active_users(
            uow.session, actor.tenant, target.org_node, user_id
        )
        refusal = refusal_to_deactivate(
            actor.user_id, str(user_id), frozenset(target.roles), held & ADMIN_ROLES
        )
        if refusal is not None:
            raise Conflict(refusal)
        await repository.deactivate(uow.session, user_id)
        await uow.publish(
            new_event(
                UserChangedV2(
                    user_id=user_id,
                    org_id=target.org_node,
                    dealer_id=await repository.dealer_of(
                        uow.session, actor.tenant, target.org_node
                    ),
                    username=target.username,
                    display_name=target.display_name,
                    roles=list(target.roles),
                    active=False,
                    change="deactivated",
                ),
                tenant=actor.tenant,
                owner_org=target.org_node,
                actor=actor.user_id,
            )
        )
