from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.contracts.envelope import Envelope
from crm_common.db.tables import outbox
from crm_common.messaging.headers import event_headers


async def add_to_outbox(session: AsyncSession, events: Iterable[Envelope[Any]]) -> None:
    rows = [
        {
            "event_id": event.id,
            "topic": event.topic(),
            "key": event.key(),
            "event_type": event.type,
            "payload": event.model_dump(mode="json"),
            "headers": event_headers(event),
        }
        for event in events
    ]
    if rows:
        await session.execute(insert(outbox), rows)
