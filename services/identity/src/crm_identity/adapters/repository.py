"""Identity's records in PostgreSQL: the org tree, users, refresh tokens and sharing
agreements, one statement per need."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from uuid import UUID

from sqlalchemy import RowMapping, case, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_identity.adapters.tables import (
    org_moves,
    org_nodes,
    refresh_tokens,
    sharing_agreements,
    users,
)

# The org tree.


async def org_path(session: AsyncSession, tenant: str, org_id: str) -> str | None:
    """The materialised path of an org node of the tenant, or None if there is no such node."""
    path: str | None = (
        await session.execute(
            select(org_nodes.c.path).where(org_nodes.c.id == org_id, org_nodes.c.tenant == tenant)
        )
    ).scalar_one_or_none()
    return path


async def org_kind_and_path(
    session: AsyncSession, tenant: str, org_id: str
) -> tuple[str, str] | None:
    row = (
        await session.execute(
            select(org_nodes.c.kind, org_nodes.c.path).where(
                org_nodes.c.id == org_id, org_nodes.c.tenant == tenant
            )
        )
    ).first()
    return None if row is None else (row.kind, row.path)


async def tenant_exists(session: AsyncSession, tenant: str) -> bool:
    found = await session.execute(
        select(org_nodes.c.id).where(org_nodes.c.tenant == tenant).limit(1)
    )
    return found.first() is not None


@dataclass(frozen=True, slots=True)
class OrgNodeRecord:
    id: str
    tenant: str
    parent_id: str | None
    kind: str
    name: str
    partner_type: str | None
    path: str


async def add_org_node(session: AsyncSession, node: OrgNodeRecord) -> None:
    """Inserts and flushes: an id taken already raises ``IntegrityError`` here."""
    await session.execute(
        org_nodes.insert().values(**{f.name: getattr(node, f.name) for f in fields(node)})
    )
    await session.flush()


async def keep_org_node(session: AsyncSession, node: OrgNodeRecord, *, active: bool) -> None:
    """The node as HQ's tree has it (a dealer's copy of it): added, or changed in place."""
    values = {f.name: getattr(node, f.name) for f in fields(node)} | {"active": active}
    changed = {k: v for k, v in values.items() if k not in ("id", "partner_type")}
    await session.execute(
        insert(org_nodes)
        .values(**values)
        .on_conflict_do_update(index_elements=[org_nodes.c.id], set_=changed)
    )


@dataclass(frozen=True, slots=True)
class OrgNodeRow:
    """A node of the tree as a move reads and republishes it."""

    id: str
    parent_id: str | None
    kind: str
    name: str
    partner_type: str | None
    path: str
    active: bool


async def org_node_for_change(session: AsyncSession, tenant: str, org_id: str) -> OrgNodeRow | None:
    """The node, locked until the transaction ends: two moves of one subtree go one after the
    other."""
    row = (
        await session.execute(
            select(*(org_nodes.c[f.name] for f in fields(OrgNodeRow)))
            .where(org_nodes.c.id == org_id, org_nodes.c.tenant == tenant)
            .with_for_update()
        )
    ).first()
    return None if row is None else OrgNodeRow(**row._mapping)


async def move_subtree(
    session: AsyncSession, tenant: str, node: OrgNodeRow, parent_id: str, new_path: str
) -> list[OrgNodeRow]:
    """The node below ``parent_id`` at ``new_path``, the paths of every node below it
    following; the moved nodes, each after its parent."""
    rows = await session.execute(
        update(org_nodes)
        .where(
            org_nodes.c.tenant == tenant,
            org_nodes.c.path.startswith(node.path, autoescape=True),
        )
        .values(
            path=new_path + func.substr(org_nodes.c.path, len(node.path) + 1),
            parent_id=case((org_nodes.c.id == node.id, parent_id), else_=org_nodes.c.parent_id),
        )
        .returning(*(org_nodes.c[f.name] for f in fields(OrgNodeRow)))
    )
    moved = [OrgNodeRow(**row._mapping) for row in rows]
    return sorted(moved, key=lambda n: (n.path.count("/"), n.path))


async def record_org_move(
    session: AsyncSession,
    tenant: str,
    node: OrgNodeRow,
    *,
    to_parent: str,
    to_path: str,
    moved_by: str,
) -> None:
    await session.execute(
        org_moves.insert().values(
            tenant=tenant,
            org_id=node.id,
            from_parent=node.parent_id,
            to_parent=to_parent,
            from_path=node.path,
            to_path=to_path,
            moved_by=moved_by,
        )
    )


async def org_moves_of(session: AsyncSession, tenant: str, org_id: str) -> list[RowMapping]:
    """The moves of a node, oldest first."""
    rows = await session.execute(
        select(org_moves)
        .where(org_moves.c.tenant == tenant, org_moves.c.org_id == org_id)
        .order_by(org_moves.c.id)
    )
    return list(rows.mappings())


async def dealer_of(session: AsyncSession, tenant: str, org_id: str) -> str | None:
    """The dealer an org node belongs to: itself if it is one, else the dealer above it."""
    own_path = (
        select(org_nodes.c.path)
        .where(org_nodes.c.id == org_id, org_nodes.c.tenant == tenant)
        .scalar_subquery()
    )
    dealer: str | None = (
        await session.execute(
            select(org_nodes.c.id).where(
                org_nodes.c.tenant == tenant,
                org_nodes.c.kind == "dealer",
                own_path.startswith(org_nodes.c.path),
            )
        )
    ).scalar_one_or_none()
    return dealer


# Users.


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: UUID
    tenant: str
    org_node: str
    roles: list[str]
    active: bool
    password_hash: str
    failed_logins: int
    locked_until: datetime | None


_USER = [users.c[f.name] for f in fields(UserRecord)]


async def user_for_login(session: AsyncSession, username: str) -> UserRecord | None:
    """The user, read without a lock: the password is checked after the transaction ends. A
    user of a dealer's own deployment logs in there, never here: unknown here."""
    row = (
        await session.execute(
            select(*_USER).where(users.c.username == username, users.c.deployment.is_(None))
        )
    ).first()
    return None if row is None else UserRecord(*row)


async def user(session: AsyncSession, user_id: UUID) -> UserRecord | None:
    row = (await session.execute(select(*_USER).where(users.c.id == user_id))).first()
    return None if row is None else UserRecord(*row)


async def replace_password_hash(
    session: AsyncSession, user_id: UUID, old_hash: str, new_hash: str
) -> None:
    """The same password's hash with newer parameters; none if the hash changed meanwhile."""
    await session.execute(
        users.update()
        .where(users.c.id == user_id, users.c.password_hash == old_hash)
        .values(password_hash=new_hash)
    )


@dataclass(frozen=True, slots=True)
class NewUser:
    id: UUID
    tenant: str
    org_node: str
    username: str
    display_name: str
    password_hash: str
    roles: list[str]


async def add_user(session: AsyncSession, new: NewUser) -> None:
    """Inserts and flushes: a username taken already raises ``IntegrityError`` here."""
    await session.execute(
        users.insert().values(**{f.name: getattr(new, f.name) for f in fields(new)})
    )
    await session.flush()


async def keep_user_of_deployment(
    session: AsyncSession, user: NewUser, *, dealer: str, active: bool
) -> bool:
    """A user of ``dealer``'s own deployment, as its identity last described them: added, or
    changed in place. False when the id is a user of this installation's or of another
    deployment's (nothing written). A username taken here raises ``IntegrityError``."""
    values = {f.name: getattr(user, f.name) for f in fields(user)} | {
        "active": active,
        "deployment": dealer,
    }
    changed = {k: v for k, v in values.items() if k != "id"}
    kept = await session.execute(
        insert(users)
        .values(**values)
        .on_conflict_do_update(
            index_elements=[users.c.id], set_=changed, where=users.c.deployment == dealer
        )
        .returning(users.c.id)
    )
    return kept.first() is not None


@dataclass(frozen=True, slots=True)
class Placement:
    org_node: str
    roles: list[str]
    active: bool
    path: str
    """Of the user's org node."""
    username: str
    display_name: str
    deployment: str | None
    """The dealer whose own deployment holds the user, if not this installation."""


async def placement_for_change(
    session: AsyncSession, tenant: str, user_id: UUID
) -> Placement | None:
    """Where the user works, the user locked for a change."""
    row = (
        await session.execute(
            select(
                users.c.org_node,
                users.c.roles,
                users.c.active,
                org_nodes.c.path,
                users.c.username,
                users.c.display_name,
                users.c.deployment,
            )
            .join(org_nodes, org_nodes.c.id == users.c.org_node)
            .where(users.c.id == user_id, users.c.tenant == tenant)
            .with_for_update(of=users)
        )
    ).first()
    if row is None:
        return None
    return Placement(
        row.org_node,
        list(row.roles),
        row.active,
        row.path,
        row.username,
        row.display_name,
        row.deployment,
    )


async def lock_node_for_user_changes(session: AsyncSession, tenant: str, org_node: str) -> None:
    """Until the transaction ends, no other deactivation of a user of this node proceeds."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtext(f"{tenant}/{org_node}"))))


async def roles_of_other_active_users(
    session: AsyncSession, tenant: str, org_node: str, except_user: UUID
) -> frozenset[str]:
    rows = await session.execute(
        select(users.c.roles).where(
            users.c.tenant == tenant,
            users.c.org_node == org_node,
            users.c.active,
            users.c.id != except_user,
        )
    )
    return frozenset(name for roles in rows.scalars() for name in roles)


async def deactivate(session: AsyncSession, user_id: UUID) -> None:
    """The user can no longer log in, and every refresh token they hold is revoked."""
    await session.execute(update(users).where(users.c.id == user_id).values(active=False))
    await session.execute(
        update(refresh_tokens)
        .where(refresh_tokens.c.user_id == user_id, refresh_tokens.c.revoked_at.is_(None))
        .values(revoked_at=func.now())
    )


# Refresh tokens.


async def add_refresh_token(
    session: AsyncSession,
    *,
    token_id: UUID,
    user_id: UUID,
    family_id: UUID,
    token_hash: str,
    issued_at: datetime,
    expires_at: datetime,
) -> None:
    await session.execute(
        refresh_tokens.insert().values(
            id=token_id,
            user_id=user_id,
            family_id=family_id,
            token_hash=token_hash,
            issued_at=issued_at,
            expires_at=expires_at,
        )
    )


@dataclass(frozen=True, slots=True)
class RefreshTokenRecord:
    id: UUID
    user_id: UUID
    family_id: UUID
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None


async def refresh_token_for_use(
    session: AsyncSession, token_hash: str
) -> RefreshTokenRecord | None:
    """The token, locked: two uses of one token are decided one after the other."""
    t = refresh_tokens
    row = (
        await session.execute(
            select(*(t.c[f.name] for f in fields(RefreshTokenRecord)))
            .where(t.c.token_hash == token_hash)
            .with_for_update()
        )
    ).first()
    return None if row is None else RefreshTokenRecord(*row)


async def mark_refresh_token_used(session: AsyncSession, token_id: UUID, now: datetime) -> None:
    await session.execute(
        update(refresh_tokens).where(refresh_tokens.c.id == token_id).values(used_at=now)
    )


async def family_of_token(session: AsyncSession, token_hash: str) -> UUID | None:
    family: UUID | None = (
        await session.execute(
            select(refresh_tokens.c.family_id).where(refresh_tokens.c.token_hash == token_hash)
        )
    ).scalar_one_or_none()
    return family


async def revoke_family(session: AsyncSession, family_id: UUID, now: datetime) -> None:
    await session.execute(
        update(refresh_tokens)
        .where(refresh_tokens.c.family_id == family_id, refresh_tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )


# Sharing agreements.


async def set_agreement(
    session: AsyncSession,
    *,
    tenant: str,
    data_type: str,
    direction: str,
    dealer_id: str,
    partner_id: str,
    level: str,
    updated_by: str,
) -> None:
    values = {"level": level, "updated_by": updated_by, "updated_at": func.now()}
    await session.execute(
        insert(sharing_agreements)
        .values(
            tenant=tenant,
            data_type=data_type,
            direction=direction,
            dealer_id=dealer_id,
            partner_id=partner_id,
            **values,
        )
        .on_conflict_do_update(index_elements=list(sharing_agreements.primary_key), set_=values)
    )
