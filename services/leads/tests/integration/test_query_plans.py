"""The hot paths' statements use their indexes under the plans PostgreSQL caches: asyncpg
prepares every statement, and after five runs PostgreSQL may keep a generic plan, one that
knows no parameter values. A partial index serves such a plan only if the statement spells out
the index's own predicate (``crm_leads.adapters.tables.inline``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.db.tenancy import acting_for
from crm_leads.adapters import import_store, lead_store, recycle_sweep
from crm_leads.domain.recycle import Cutoffs

from .conftest import TENANT

Sessions = async_sessionmaker[AsyncSession]
pytestmark = pytest.mark.integration

# The connection's counts not yet flushed to the statistics, this transaction's too.
SCANS = text(
    "SELECT coalesce(sum(seq_scan), 0) FROM pg_stat_xact_user_tables"
    " WHERE relname IN ('leads', 'lead_history', 'import_jobs')"
)


async def test_the_hot_paths_use_their_partial_indexes_under_a_generic_plan(
    sessions: Sessions,
) -> None:
    now = datetime(2026, 11, 23, tzinfo=UTC)
    due = Cutoffs(now - timedelta(days=10), {}, now - timedelta(days=30), None)
    with acting_for([TENANT]):
        async with sessions() as session, session.begin():
            # Scanning a table stays possible but is priced out: it happens only where no
            # index can answer.
            await session.execute(text("SET LOCAL plan_cache_mode = force_generic_plan"))
            await session.execute(text("SET LOCAL enable_seqscan = off"))
            before = await session.scalar(SCANS)
            # A create's duplicate check, a claim's limits and anti-collusion counts, the
            # recycle sweep and its reminders, the import worker's next job.
            assert await lead_store.open_lead_of_customer(session, uuid4()) is None
            assert await lead_store.open_leads_owned_by(session, TENANT, "c1") == []
            await lead_store.claimant_record(
                session,
                tenant=TENANT,
                user_id="c1",
                department="team-a1",
                previous_owner="c2",
                day_started=now,
                collusion_since=now - timedelta(days=30),
            )
            pool = uuid4()
            assert (
                await recycle_sweep.release_due_batch(
                    session, pool, due, protection=timedelta(days=3), now=now, batch=100
                )
                == []
            )
            assert (
                await recycle_sweep.remind_batch(
                    session, pool, due_soon=due, due_now=due, now=now, batch=100
                )
                == []
            )
            assert await import_store.job_store.lock_pending(session, None) is None
            after = await session.scalar(SCANS)
    assert after == before, "a hot path read a whole table"
