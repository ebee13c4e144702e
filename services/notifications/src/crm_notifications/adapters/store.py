"""The statements over notifications' tables (and the shared staff and org copies)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import and_, any_, func, literal, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.db.tables import org_directory, staff
from crm_notifications.adapters.tables import notification_preferences, notifications
from crm_notifications.domain.notices import Audience


@dataclass(frozen=True, slots=True)
class Preferences:
    email: str | None
    deliveries: dict[str, str]
    digest_sent_on: date | None


async def recipients(session: AsyncSession, tenant: str, audience: Audience) -> list[str]:
    """The named users who are not known to be inactive, and the active holders of the
    audience's roles in its dealer's subtree."""
    found = set()
    if audience.users:
        inactive = set(
            (
                await session.execute(
                    select(staff.c.user_id).where(
                        staff.c.user_id.in_(audience.users), staff.c.active.is_(False)
                    )
                )
            ).scalars()
        )
        found |= {u for u in audience.users if u not in inactive}
    if audience.dealer and audience.roles:
        rows = await session.execute(
            select(staff.c.user_id)
            .join(org_directory, org_directory.c.id == staff.c.org_node)
            .where(
                staff.c.tenant == tenant,
                staff.c.active.is_(True),
                or_(*(literal(role) == any_(staff.c.roles) for role in sorted(audience.roles))),
                org_directory.c.dealer_id == audience.dealer,
            )
        )
        found |= set(rows.scalars())
    return sorted(found)


async def preferences_of(session: AsyncSession, users: Sequence[str]) -> dict[str, Preferences]:
    rows = await session.execute(
        select(notification_preferences).where(notification_preferences.c.user_id.in_(users))
    )
    return {r.user_id: Preferences(r.email, dict(r.deliveries), r.digest_sent_on) for r in rows}


async def add_notices(session: AsyncSession, rows: list[dict[str, Any]]) -> set[str]:
    """Inserts the readers' notices; a redelivered event's are skipped. Returns the readers
    who got a new one."""
    if not rows:
        return set()
    result = await session.execute(
        insert(notifications)
        .on_conflict_do_nothing(index_elements=["event_id", "user_id"])
        .returning(notifications.c.user_id),
        rows,
    )
    return set(result.scalars())


@dataclass(frozen=True, slots=True)
class DueMail:
    id: UUID
    email: str | None
    title: str
    body: str
    link: str


async def claim_due_emails(session: AsyncSession, now: datetime, limit: int) -> list[DueMail]:
    """Notices due by e-mail now, locked for this transaction; others' locks are skipped."""
    due = (
        select(notifications.c.id)
        .where(
            notifications.c.email_due_at <= now,
            notifications.c.email_due_at.is_not(None),
            notifications.c.emailed_at.is_(None),
        )
        .order_by(notifications.c.email_due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("due")
    )
    rows = await session.execute(
        select(
            notifications.c.id,
            notification_preferences.c.email,
            notifications.c.title,
            notifications.c.body,
            notifications.c.link,
        )
        .join(due, due.c.id == notifications.c.id)
        .outerjoin(
            notification_preferences,
            notification_preferences.c.user_id == notifications.c.user_id,
        )
    )
    return [DueMail(*r) for r in rows]


async def mark_emailed(session: AsyncSession, ids: Sequence[UUID], now: datetime) -> None:
    await session.execute(
        update(notifications)
        .where(notifications.c.id.in_(ids))
        .values(emailed_at=now, email_due_at=None)
    )


async def lock_digest_readers(
    session: AsyncSession, limit: int
) -> list[tuple[str, str, str, Preferences]]:
    """Readers with an address, locked (others' skipped): (tenant, user, email, preferences)."""
    rows = await session.execute(
        select(notification_preferences)
        .where(notification_preferences.c.email.is_not(None))
        .order_by(notification_preferences.c.digest_sent_on.nulls_first())
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return [
        (r.tenant, r.user_id, r.email, Preferences(r.email, dict(r.deliveries), r.digest_sent_on))
        for r in rows
    ]


async def digest_items(
    session: AsyncSession, user: str, since: datetime, kinds: Sequence[str]
) -> list[tuple[str, str]]:
    rows = await session.execute(
        select(notifications.c.title, notifications.c.link)
        .where(
            notifications.c.user_id == user,
            notifications.c.created_at > since,
            notifications.c.kind.in_(kinds),
        )
        .order_by(notifications.c.created_at)
    )
    return [(r.title, r.link) for r in rows]


async def record_digest(session: AsyncSession, user: str, day: date) -> None:
    await session.execute(
        update(notification_preferences)
        .where(notification_preferences.c.user_id == user)
        .values(digest_sent_on=day)
    )


async def save_preferences(
    session: AsyncSession, tenant: str, user: str, email: str | None, deliveries: dict[str, str]
) -> None:
    values = {"tenant": tenant, "email": email, "deliveries": deliveries}
    await session.execute(
        insert(notification_preferences)
        .values(user_id=user, **values)
        .on_conflict_do_update(index_elements=["user_id"], set_=values)
    )


async def mark_read(
    session: AsyncSession, tenant: str, user: str, ids: Sequence[UUID] | None, now: datetime
) -> int:
    """Marks the reader's own notices read (all unread ones when ``ids`` is None)."""
    condition = and_(
        notifications.c.tenant == tenant,
        notifications.c.user_id == user,
        notifications.c.read_at.is_(None),
    )
    if ids is not None:
        condition = and_(condition, notifications.c.id.in_(ids))
    result = await session.execute(update(notifications).where(condition).values(read_at=now))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def own_notice_exists(session: AsyncSession, tenant: str, user: str, notice: UUID) -> bool:
    found = await session.execute(
        select(func.count())
        .select_from(notifications)
        .where(
            notifications.c.id == notice,
            notifications.c.tenant == tenant,
            notifications.c.user_id == user,
        )
    )
    return bool(found.scalar_one())
