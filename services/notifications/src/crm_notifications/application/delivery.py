"""Turning events into notices, and notices into e-mails: each step one unit of work."""

from __future__ import annotations

import logging
from datetime import datetime
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts.envelope import Envelope
from crm_common.db import UnitOfWork
from crm_common.mail import Mailer
from crm_notifications.adapters import push, store
from crm_notifications.domain.notices import (
    DEFAULT_DELIVERY,
    Delivery,
    NoticeSource,
    delivery_of,
    digest_due,
    digest_mail,
    digest_window_start,
    immediate_mail,
    notice_for,
)

log = logging.getLogger(__name__)
EMAIL_BATCH = 100


class NoticeNotFound(LookupError):
    """The reader has no such notice (another reader's answers the same)."""


async def record_notices(
    uow: UnitOfWork, event: Envelope[NoticeSource], zone: ZoneInfo, redis: Redis | None
) -> None:
    """The event's notice in each reader's inbox (once, however often it is delivered), due
    by e-mail now for those who want it so. Their open pages get a wake-up to read the inbox
    again (a hint only: should this transaction roll back, the re-read finds nothing new)."""
    notice = notice_for(event.data, zone)
    readers = await store.recipients(uow.session, event.tenant, notice.audience)
    if not readers:
        return
    chosen = await store.preferences_of(uow.session, readers)
    rows = []
    for reader in readers:
        prefs = chosen.get(reader)
        wants_now = (
            prefs is not None
            and prefs.email is not None
            and delivery_of(notice.kind, prefs.deliveries) is Delivery.IMMEDIATE
        )
        rows.append(
            {
                "id": uuid4(),
                "tenant": event.tenant,
                "user_id": reader,
                "event_id": event.id,
                "kind": notice.kind.value,
                "title": notice.title,
                "body": notice.body,
                "link": notice.link,
                "created_at": event.occurred_at,
                "email_due_at": event.occurred_at if wants_now else None,
            }
        )
    notified = await store.add_notices(uow.session, rows)
    if redis is not None:
        for reader in sorted(notified):
            await push.wake(redis, event.tenant, reader)


async def send_due_emails(
    sessions: async_sessionmaker[AsyncSession], mailer: Mailer, base_url: str, now: datetime
) -> int:
    """Sends the notices due by e-mail, marking each sent in the transaction that holds its
    lock: two workers never send the same one. A crash between sending and committing sends
    it again with the same Message-ID."""
    sent = 0
    while True:
        async with UnitOfWork(sessions) as uow:
            due = await store.claim_due_emails(uow.session, now, EMAIL_BATCH)
            if not due:
                return sent
            for mail in due:
                if mail.email is not None:
                    await mailer.send(
                        immediate_mail(
                            mail.email, mail.id, mail.title, mail.body, mail.link, base_url
                        )
                    )
                    sent += 1
            await store.mark_emailed(uow.session, [m.id for m in due], now)


async def send_digests(
    sessions: async_sessionmaker[AsyncSession],
    mailer: Mailer,
    base_url: str,
    now: datetime,
    zone: ZoneInfo,
) -> int:
    """Once a day per reader: what arrived since their last digest, of the kinds they want in
    it. The reader's row stays locked while their digest is sent and recorded."""
    sent = 0
    async with UnitOfWork(sessions) as uow:
        for tenant, user, email, prefs in await store.lock_digest_readers(uow.session, 1000):
            if not digest_due(prefs.digest_sent_on, now, zone):
                continue
            kinds = [
                k.value
                for k in DEFAULT_DELIVERY
                if delivery_of(k, prefs.deliveries) is Delivery.DIGEST
            ]
            since = (
                datetime.combine(prefs.digest_sent_on, datetime.min.time(), zone)
                if prefs.digest_sent_on
                else digest_window_start(now)
            )
            items = await store.digest_items(uow.session, user, since, kinds)
            day = now.astimezone(zone).date()
            if items:
                await mailer.send(digest_mail(email, user, day, items, base_url))
                sent += 1
            await store.record_digest(uow.session, user, day)
            log.debug("digest for %s of %s: %d items", user, tenant, len(items))
    return sent


async def mark_read(
    uow: UnitOfWork, tenant: str, user: str, notice: UUID | None, now: datetime
) -> int:
    async with uow:
        if notice is not None and not await store.own_notice_exists(
            uow.session, tenant, user, notice
        ):
            raise NoticeNotFound(f"notification {notice} not found")
        changed = await store.mark_read(
            uow.session, tenant, user, None if notice is None else [notice], now
        )
    return changed


async def choose_deliveries(
    uow: UnitOfWork, tenant: str, user: str, email: str | None, deliveries: dict[str, Delivery]
) -> None:
    async with uow:
        await store.save_preferences(
            uow.session, tenant, user, email, {k: v.value for k, v in deliveries.items()}
        )
