"""The FastAPI dependencies every service's routes share, defined once: the session factory,
a unit of work, the Redis client, and the time of the request (from the app's clock, which a
test may replace: ``app.state.clock = lambda: datetime(...)``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.clock import Clock
from crm_common.db import UnitOfWork


async def database(request: Request) -> async_sessionmaker[AsyncSession]:
    """The request's session factory."""
    factory: async_sessionmaker[AsyncSession] = request.app.state.session_factory
    return factory


async def unit_of_work(request: Request) -> UnitOfWork:
    """A fresh unit of work over the service's database (one per command)."""
    return UnitOfWork(await database(request))


async def shared_cache(request: Request) -> Redis:
    """The service's Redis client."""
    client: Redis = request.app.state.redis
    return client


async def request_time(request: Request) -> datetime:
    """What time it is for this request, read once from the app's clock."""
    clock: Clock = request.app.state.clock
    return clock()


Database = Annotated[async_sessionmaker[AsyncSession], Depends(database)]
Work = Annotated[UnitOfWork, Depends(unit_of_work)]
Cache = Annotated[Redis, Depends(shared_cache)]
Now = Annotated[datetime, Depends(request_time)]
