from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts.envelope import Envelope, EventData, new_event

# As a module: the outbox's statement is built from crm_common.db's tables when it is imported.
from crm_common.outbox import store as outbox_store


class UnitOfWork:
    """One database transaction per command: business rows and their outbox events commit together.

    Leaving the block without an exception commits; any exception rolls everything back, so a
    failure midway leaves neither half-written rows nor events that describe them.
    """

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside 'async with'")
        return self._session

    async def __aenter__(self) -> UnitOfWork:
        self._session = self._session_factory()
        await self._session.begin()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            if exc_type is None:
                await session.commit()
            else:
                await session.rollback()
        finally:
            await session.close()
            self._session = None

    async def publish(self, *events: Envelope[Any]) -> None:
        """Record events in the outbox of this transaction; the relay sends them after commit."""
        await outbox_store.add_to_outbox(self.session, events)

    async def publish_about(
        self,
        events: Sequence[EventData],
        *,
        tenant: str,
        owner_org: str,
        actor: str | None,
    ) -> None:
        """``publish`` for events about one record: each enveloped with the record's tenant and
        owning org and who caused it."""
        await self.publish(
            *(new_event(e, tenant=tenant, owner_org=owner_org, actor=actor) for e in events)
        )
