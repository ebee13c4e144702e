from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts.envelope import Envelope
from crm_common.db.bulk import insert_rows
from crm_common.db.tables import inbox
from crm_common.db.unit_of_work import UnitOfWork

Effect = Callable[[UnitOfWork], Awaitable[None]]

INBOX_ROWS = (
    insert_rows(inbox, ("consumer", "event_id", "event_type"))
    .on_conflict_do_nothing()
    .returning(inbox.c.event_id)
)
"""A batch of events into a consumer's inbox in one statement; returns the ids new to it (an
event twice in the batch comes back once)."""


async def process_once(
    session_factory: async_sessionmaker[AsyncSession],
    consumer: str,
    event: Envelope[Any],
    effect: Effect,
) -> bool:
    """Apply ``effect`` unless ``consumer`` already processed ``event``; False when it had.

    The inbox row and the effects commit together, so a crash between them redoes both and a
    redelivered event does neither. A concurrent duplicate waits on the row lock, then skips.
    """
    async with UnitOfWork(session_factory) as uow:
        claimed = await uow.session.execute(
            insert(inbox)
            .values(consumer=consumer, event_id=event.id, event_type=event.type)
            .on_conflict_do_nothing()
            .returning(inbox.c.event_id)
        )
        if claimed.first() is None:
            return False
        await effect(uow)
    return True
