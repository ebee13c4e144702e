"""kpi rebuilt from scratch by replaying the topics equals the live projection, fact for fact
(DOMAIN: figures must be reproducible; issue #6 "replay-from-zero equals the live projection")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from crm_common.db import create_engine
from crm_common.settings import Settings
from crm_common.testing.kafka import eventually
from crm_common.testing.plugin import Databases
from crm_common.testing.processes import run_command
from crm_kpi.adapters.tables import (
    deal_day_figures,
    deal_facts,
    deal_months,
    lead_activity_facts,
    lead_activity_months,
    lead_facts,
)

from .conftest import Spine
from .test_spine import create_leads, settles_at

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

PROJECTED = (
    lead_facts,
    lead_activity_facts,
    lead_activity_months,
    deal_facts,
    deal_day_figures,
    deal_months,
)
# Every column but when kpi recorded the row.
FACTS = [
    table.c[name]
    for table in PROJECTED
    for name in table.c.keys()  # noqa: SIM118 - a ColumnCollection, not a dict
    if name != "recorded_at"
]


async def facts_of(database_url: str) -> dict[str, set[tuple[Any, ...]]]:
    engine = create_engine(Settings(env="test", database_url=database_url))
    facts: dict[str, set[tuple[Any, ...]]] = {}
    try:
        async with engine.connect() as conn:
            for table in PROJECTED:
                columns = [c for c in FACTS if c.table is table]
                facts[table.name] = {tuple(r) for r in await conn.execute(select(*columns))}
    finally:
        await engine.dispose()
    return facts


async def test_a_rebuild_from_offset_zero_equals_the_live_figures(
    spine: Spine, databases: Databases, tmp_path: Path
) -> None:
    tenant = "oem-e2e-replay"
    assert await create_leads(spine, tenant, "dealer-sh-01", 50) == 50
    assert await settles_at(spine, tenant, "dealer-sh-01", 50) == 50

    await databases.create("kpi_rebuilt")
    # The rebuild runs as the system role, like the worker: reading and writing rows only.
    env = {
        **spine.processes["kpi-worker"].env,
        "CRM_DATABASE_URL": databases.app_url("kpi_rebuilt"),
        "CRM_DATABASE_SYSTEM_URL": databases.system_url("kpi_rebuilt"),
    }
    owner = {**env, "CRM_DATABASE_OWNER_URL": databases.url("kpi_rebuilt")}
    run_command("kpi", "migrate", owner, tmp_path)
    run_command("kpi", "rebuild", env, tmp_path)

    rebuilt = await facts_of(databases.url("kpi_rebuilt"))
    assert len(rebuilt["lead_facts"]) >= 50

    async def live_matches() -> bool:
        return await facts_of(spine.database_urls["kpi"]) == rebuilt

    assert await eventually(live_matches, timeout=60), "the live projection differs"
