"""Recycle sweep benchmark: the leads worker's set-based sweep over 1,000,000 owned leads.

    .venv/bin/python bench/leads/recycle_sweep.py --leads 1000000 --due-percent 1

Builds a throwaway, migrated leads database (``crm_bench_leads``) on the local PostgreSQL
(`deploy/local/infra.sh up`): one dealer pool with the default rules (released after 10 days
without a follow-up), ``--leads`` customers and owned leads spread over 300 consultants, of
which ``--due-percent`` are past the cutoff. Then runs the sweep the worker runs
(``crm_leads.application.recycle.sweep_recycle``: batches of 5,000, each releasing its leads,
writing their history and their ``LeadReleased`` outbox events in one transaction), and a
second sweep that finds nothing. Prints one JSON line of figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import time
from datetime import UTC, datetime

from crm_common.db import create_engine, create_session_factory
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.settings import Settings
from crm_common.testing.bench import connect_across_tenants, fresh_database, system_role_url
from crm_leads.application.recycle import sweep_recycle

DATABASE = "crm_bench_leads"
CHUNK = 250_000


async def populate(leads: int, due_percent: float, now: datetime) -> float:
    """Customers and owned leads in bulk (INSERT … SELECT generate_series); returns seconds."""
    started = time.perf_counter()
    conn = await connect_across_tenants(DATABASE)
    try:
        pool_id = await conn.fetchval(
            "INSERT INTO pools (id, tenant, owner_org, name, kind, auto_assignment, rules,"
            " is_default, created_at) VALUES (gen_random_uuid(), 'oem-bench', 'dealer-bench',"
            " 'bench pool', 'claim', 'none', '{}'::jsonb, true, $1) RETURNING id",
            now,
        )
        due_every = max(1, round(100 / due_percent)) if due_percent > 0 else 0
        for start in range(0, leads, CHUNK):
            end = min(start + CHUNK, leads)
            await conn.execute(
                """
                WITH n AS (SELECT g FROM generate_series($1::int, $2::int - 1) AS g),
                c AS (
                  INSERT INTO customers (id, tenant, owner_org, phone, name, created_at)
                  SELECT gen_random_uuid(), 'oem-bench', 'dealer-bench',
                         '+86139' || lpad(g::text, 8, '0'), 'customer ' || g, $3
                  FROM n RETURNING id, phone
                )
                INSERT INTO leads (id, tenant, owner_org, customer_id, customer_name, phone, source,
                                   created_by, created_at, status, home_pool_id, owner_user,
                                   owner_team, owned_since, last_follow_up_at, grade)
                SELECT gen_random_uuid(), 'oem-bench', 'dealer-bench', c.id, 'customer', c.phone,
                       'phone', 'bench', $3, 'open', $4, 'consultant-' || (g % 300),
                       'dealer-bench', $3 - interval '30 days',
                       CASE WHEN $5 > 0 AND g % $5 = 0
                            THEN $3 - interval '11 days' - (g % 1000) * interval '1 minute'
                            ELSE $3 - (g % 9) * interval '1 day' - interval '1 hour' END,
                       (ARRAY['ready_to_buy', 'intent', 'potential'])[1 + g % 3]
                FROM c JOIN n ON c.phone = '+86139' || lpad(n.g::text, 8, '0')
                """,
                start,
                end,
                now,
                pool_id,
                due_every,
            )
        await conn.execute("VACUUM ANALYZE leads")
        await conn.execute("VACUUM ANALYZE customers")
    finally:
        await conn.close()
    return time.perf_counter() - started


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--due-percent", type=float, default=1.0)
    args = parser.parse_args()
    now = datetime.now(UTC)
    await fresh_database(DATABASE, migrate_as="leads")
    populate_seconds = await populate(args.leads, args.due_percent, now)
    # The sweep as the worker runs it: the system role, across tenants.
    engine = create_engine(
        Settings(env="test", service_name="leads-bench", database_url=system_role_url(DATABASE))
    )
    sessions = create_session_factory(engine)
    try:
        started = time.perf_counter()
        released = await sweep_recycle(sessions, now=now)
        sweep_seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = await sweep_recycle(sessions, now=now)
        idle_seconds = time.perf_counter() - started
    finally:
        await engine.dispose()
    conn = await connect_across_tenants(DATABASE)
    try:
        events = await conn.fetchval(
            "SELECT count(*) FROM outbox WHERE event_type = 'leads.LeadReleased'"
        )
        history = await conn.fetchval("SELECT count(*) FROM lead_history WHERE kind = 'released'")
    finally:
        await conn.close()
    print(
        json.dumps(
            {
                "benchmark": "leads.recycle_sweep",
                "leads": args.leads,
                "due_percent": args.due_percent,
                "populate_s": round(populate_seconds, 1),
                "released": released,
                "released_events": events,
                "history_rows": history,
                "sweep_s": round(sweep_seconds, 2),
                "released_per_s": round(released / sweep_seconds) if sweep_seconds else None,
                "second_sweep_released": again,
                "second_sweep_s": round(idle_seconds, 3),
                "machine": f"{platform.machine()} {os.cpu_count()} cpu, "
                f"Python {platform.python_version()}",
            }
        )
    )


if __name__ == "__main__":
    with acting_for_all_tenants():  # the sweep is system work across tenants
        asyncio.run(main())
