"""The hot paths' statements use their indexes under the plans PostgreSQL caches: asyncpg
prepares every statement, and after five runs PostgreSQL may keep a generic plan, one that
knows no parameter values. A partial index serves such a plan only if the statement spells out
the index's own predicate."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.db.tenancy import acting_for
from crm_leads.adapters import repository

from .conftest import TENANT

Sessions = async_sessionmaker[AsyncSession]

pytestmark = pytest.mark.integration


async def test_the_open_lead_checks_use_the_partial_indexes_under_a_generic_plan(
    sessions: Sessions,
) -> None:
    now = datetime(2026, 11, 23, tzinfo=UTC)
    with acting_for([TENANT]):
        async with sessions() as session, session.begin():
            # Scanning the table stays possible but is priced out: it happens only where no
            # index can answer.
            await session.execute(text("SET LOCAL plan_cache_mode = force_generic_plan"))
            await session.execute(text("SET LOCAL enable_seqscan = off"))
            # The connection's counts not yet flushed to the statistics, this transaction's too.
            scans = text("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'leads'")
            before = await session.scalar(scans)
            assert await repository.open_lead_of_customer(session, uuid4()) is None
            assert await repository.open_leads_owned_by(session, TENANT, "c1") == []
            await repository.claimant_record(
                session,
                tenant=TENANT,
                user_id="c1",
                department="team-a1",
                previous_owner=None,
                day_started=now,
                collusion_since=now,
            )
            after = await session.scalar(scans)
    assert after == before, "a check on open leads read every lead"
