"""Which worker runs a scheduled job: the one holding the job's PostgreSQL advisory lock.

Every worker of a service ticks every scheduled job; only the holder of the job's session-level
advisory lock runs it, so a report is generated and a sweep made once per interval, not once
per worker. The locks live on one connection of their own (autocommit: never idle inside a
transaction); a worker that dies or loses that connection frees its jobs, and another worker
takes them over at its next tick. No table: nothing to migrate, nothing left behind."""

from __future__ import annotations

import asyncio
import hashlib
import logging

from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger(__name__)


def lock_key(service: str, job: str) -> int:
    """A stable signed 64-bit advisory lock key per service and job."""
    digest = hashlib.sha256(f"scheduled-job:{service}:{job}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class JobClaims:
    """This worker's claims on its service's scheduled jobs."""

    def __init__(self, engine: AsyncEngine, service: str) -> None:
        self._engine = engine
        self._service = service
        self._connection: AsyncConnection | None = None
        self._held: set[int] = set()
        # The worker's jobs tick side by side (all of them at once when it starts): one at a
        # time on the one connection. Unguarded, each first claim opened a connection of its
        # own and all but the last were dropped unclosed (the pool's "non-checked-in
        # connection" warnings), and two statements at once on one connection fail.
        self._in_use = asyncio.Lock()

    async def claim(self, job: str) -> bool:
        """Whether this worker runs ``job`` now: it holds the job's lock, or just took it."""
        async with self._in_use:
            return await self._claim(job)

    async def _claim(self, job: str) -> bool:
        key = lock_key(self._service, job)
        try:
            connection = await self._connected()
            if key in self._held:
                # Held for as long as the connection lives: check that it does.
                await connection.execute(text("SELECT 1"))
                return True
            taken = bool(
                (await connection.execute(select(func.pg_try_advisory_lock(key)))).scalar_one()
            )
        except (SQLAlchemyError, OSError):
            log.warning("scheduled job claims lost their connection", exc_info=True)
            await self._give_up()
            return False
        if taken:
            self._held.add(key)
            log.info("scheduled job claimed by this worker", extra={"job": job})
        return taken

    async def close(self) -> None:
        """Give every claim up (the locks go with the connection)."""
        async with self._in_use:
            await self._give_up()

    async def _give_up(self) -> None:
        connection, self._connection = self._connection, None
        self._held.clear()
        if connection is not None:
            try:
                await connection.close()
            except (SQLAlchemyError, OSError):
                await connection.invalidate()

    async def _connected(self) -> AsyncConnection:
        if self._connection is None:
            connection = await self._engine.connect()
            self._connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
        return self._connection
