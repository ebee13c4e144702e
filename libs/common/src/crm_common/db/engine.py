from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as _create_async_engine

from crm_common.db.tenancy import scope_connections
from crm_common.settings import Settings


def create_engine(settings: Settings) -> AsyncEngine:
    engine = _create_async_engine(
        settings.database_url.get_secret_value(),
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_pool_size,
        # No pre-ping: declaring the tenant scope at checkout is the liveness check too
        # (tenancy.scope_connections), one round trip instead of two.
        connect_args={
            "server_settings": {
                "application_name": settings.service_name,
                "plan_cache_mode": settings.plan_cache_mode,
            }
        },
    )
    scope_connections(engine)
    return engine


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
