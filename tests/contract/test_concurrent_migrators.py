"""Two migrators starting at once (two replicas' start-up steps) do not collide: the advisory
lock runs them one after the other and the second finds nothing left to do."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest

from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.plugin import Databases
from crm_common.testing.processes import run_command

pytestmark = pytest.mark.integration


async def test_two_migrators_at_once_both_succeed(
    databases: Databases, infrastructure: Infrastructure, tmp_path: Path
) -> None:
    await databases.create("two_migrators")
    env = {
        "CRM_ENV": "test",
        "CRM_SERVICE_NAME": "leads",
        "CRM_DATABASE_URL": databases.app_url("two_migrators"),
        # Both grant the app role its rights too: concurrent GRANTs on one table would fail.
        "CRM_DATABASE_OWNER_URL": databases.url("two_migrators"),
    }
    logs = [tmp_path / "first", tmp_path / "second"]
    for log in logs:
        log.mkdir()
    await asyncio.gather(
        *(asyncio.to_thread(run_command, "leads", "migrate", env, log) for log in logs)
    )
    conn = await asyncpg.connect(
        host=infrastructure.pg_host,
        port=infrastructure.pg_port,
        user=infrastructure.pg_user,
        password=infrastructure.pg_password,
        database=databases.name("two_migrators"),
    )
    try:
        versions = await conn.fetch("SELECT version_num FROM alembic_version")
    finally:
        await conn.close()
    assert len(versions) == 1
