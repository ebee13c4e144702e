"""The pool's connections against a real PostgreSQL: a connection that died while pooled is
replaced at checkout (the tenant-scope declaration doubles as the liveness check)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from crm_common.db import create_engine
from crm_common.db.tenancy import acting_for
from crm_common.settings import Settings


async def test_a_connection_terminated_while_pooled_is_replaced_at_checkout(
    settings: Settings, engine: AsyncEngine
) -> None:
    single = create_engine(settings.model_copy(update={"database_pool_size": 1}))
    try:
        with acting_for(["oem-1"]):
            async with single.connect() as conn:
                first = await conn.scalar(text("SELECT pg_backend_pid()"))
            async with engine.connect() as other:
                await other.execute(
                    text("SELECT pg_terminate_backend(:pid, 10000)"), {"pid": first}
                )
            async with single.connect() as conn:
                second = await conn.scalar(text("SELECT pg_backend_pid()"))
                tenants = await conn.scalar(text("SELECT current_setting('crm.tenants')"))
    finally:
        await single.dispose()
    assert second != first, "a new connection replaced the terminated one"
    assert tenants == "oem-1", "and it declared the scope of the code taking it"
