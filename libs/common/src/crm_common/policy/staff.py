"""The staff copy: identity's users as a service that gives work to people keeps them (who may
own its records), current from identity's UserChanged in the service's own `staff` table."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.identity.v1 import USER_TOPIC, UserChanged
from crm_common.contracts.events.identity.v2 import UserChangedV2
from crm_common.db.tables import org_directory, staff
from crm_common.db.unit_of_work import UnitOfWork
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.settings import Settings

UserChange = Envelope[UserChanged] | Envelope[UserChangedV2]
"""identity.UserChanged of either version: version 2 adds the dealer and the user's names."""
StaffChange = Callable[[UnitOfWork, UserChange], Awaitable[None]]
"""What else a service does when a user changes, in the same transaction (e.g. hand back a
deactivated user's leads)."""


async def record_staff(
    session: AsyncSession,
    *,
    tenant: str,
    user_id: str,
    org_node: str,
    roles: list[str],
    active: bool,
    display_name: str | None = None,
) -> None:
    values: dict[str, object] = {
        "tenant": tenant,
        "org_node": org_node,
        "roles": roles,
        "active": active,
    }
    # A version 1 event names nobody: the name a version 2 event gave stays.
    if display_name is not None:
        values["display_name"] = display_name
    await session.execute(
        insert(staff)
        .values(user_id=user_id, **values)
        .on_conflict_do_update(index_elements=[staff.c.user_id], set_=values)
    )


@dataclass(frozen=True, slots=True)
class StaffMember:
    org_node: str
    roles: frozenset[str]


async def staff_in_book(
    session: AsyncSession, tenant: str, user_id: str, book: str, *, active_only: bool = True
) -> StaffMember | None:
    """An active user working in ``book`` (a dealer: at the dealer or a node below it; a node
    above dealers: at that node), with their node and roles; None for anyone else.
    ``active_only=False``: a deactivated one too (a leaver whose records are handed over)."""
    query = (
        select(staff.c.org_node, staff.c.roles)
        .select_from(staff.outerjoin(org_directory, org_directory.c.id == staff.c.org_node))
        .where(
            staff.c.tenant == tenant,
            staff.c.user_id == user_id,
            or_(staff.c.org_node == book, org_directory.c.dealer_id == book),
        )
    )
    if active_only:
        query = query.where(staff.c.active)
    row = (await session.execute(query)).first()
    return None if row is None else StaffMember(row.org_node, frozenset(row.roles))


async def staff_names(
    session: AsyncSession, tenant: str, user_ids: Collection[str]
) -> dict[str, str]:
    """The names of these staff members, for those the copy has one (a version 2 event named
    them). A colleague's name is no customer's personal data: a reader is shown it for the
    people their own read already names by id (a board's members, whoever works a lead)."""
    if not user_ids:
        return {}
    rows = await session.execute(
        select(staff.c.user_id, staff.c.display_name).where(
            staff.c.tenant == tenant,
            staff.c.user_id.in_(sorted(user_ids)),
            staff.c.display_name.is_not(None),
        )
    )
    return {row.user_id: row.display_name for row in rows}


async def record_user_change(uow: UnitOfWork, event: UserChange) -> None:
    user = event.data
    await record_staff(
        uow.session,
        tenant=event.tenant,
        user_id=str(user.user_id),
        org_node=user.org_id,
        roles=user.roles,
        active=user.active,
        display_name=user.display_name if isinstance(user, UserChangedV2) else None,
    )


def staff_subscription(
    settings: Settings, *, description: str, then: StaffChange | None = None
) -> Subscription:
    """Keeps the staff copy; ``then`` runs after each change, in the same transaction."""

    async def effect(uow: UnitOfWork, event: UserChange) -> None:
        await record_user_change(uow, event)
        if then is not None:
            await then(uow, event)

    return Subscription(
        consumer=f"{settings.service_name}.staff",
        topic=USER_TOPIC,
        handles=[Handles(UserChanged, effect), Handles(UserChangedV2, effect)],
        description=description,
    )
