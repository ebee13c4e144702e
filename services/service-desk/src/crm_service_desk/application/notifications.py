"""Sending the queued messages (survey links, care messages) after the transaction that
decided them committed. A message is claimed with ``SKIP LOCKED``, sent, and marked sent in
the same transaction: a crash between the two sends it again (at least once), with the same
reference for the provider to recognise. Failures back off; after the last try it stays
unsent with its error."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.db import UnitOfWork
from crm_service_desk.adapters import survey_store
from crm_service_desk.application.ports import NotDelivered, Notifier

log = logging.getLogger(__name__)
BATCH = 50
MAX_ATTEMPTS = 8


def retry_after(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2**attempts, 6 * 3600))


async def send_due(
    sessions: async_sessionmaker[AsyncSession], notifier: Notifier, *, now: datetime
) -> int:
    """Sends what is due; returns how many were sent."""
    sent = 0
    async with UnitOfWork(sessions) as uow:
        for message in await survey_store.claim_notifications(uow.session, now, BATCH):
            try:
                if message["channel"] == "sms":
                    await notifier.send_sms(
                        message["recipient"], message["body"], message["reference"]
                    )
                else:
                    await notifier.send_email(
                        message["recipient"],
                        message["subject"],
                        message["body"],
                        message["reference"],
                    )
            except NotDelivered as error:
                attempts = message["attempts"] + 1
                retry = None if attempts >= MAX_ATTEMPTS else now + retry_after(attempts)
                log.warning(
                    "message not delivered",
                    extra={"reference": message["reference"], "error": str(error)},
                )
                await survey_store.mark_failed(uow.session, message["id"], str(error), retry)
                continue
            await survey_store.mark_sent(uow.session, message["id"], now)
            sent += 1
    return sent
