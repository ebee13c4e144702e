"""Funnel and forecast benchmark: the sales reports over 1,000,000 opportunities.

    .venv/bin/python bench/opportunities/funnel_forecast.py --opportunities 1000000 --runs 30

Builds a throwaway, migrated opportunities database (``crm_bench_opportunities``) on the local
PostgreSQL (`deploy/local/infra.sh up`): an org tree of HQ, 10 regions, 200 dealers and 400
teams (``org_directory``), one pipeline per dealer with the default seven stages, 2,000
consultants (10 per dealer), ``--opportunities`` opportunities opened over the last year with
their stage history (a funnel: fewer reach each next stage; won, lost and open), and two
planned collections per won deal — all set-based (INSERT … SELECT generate_series).

Then times the funnel and the forecast (``crm_opportunities.views.pipeline`` called directly, and
the same reports over HTTP through the in-process api) for an HQ analyst (every dealer, grouped by
dealer), a region manager (20 dealers, grouped by dealer) and a dealer's sales manager (5,000
opportunities, grouped by consultant), over a month and over a year. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import httpx

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import generate_private_key_pem, sign_access_token
from crm_common.db import create_engine, create_session_factory
from crm_common.db.tenancy import acting_for
from crm_common.settings import Settings
from crm_common.testing.bench import connect_across_tenants, service_database_env
from crm_common.testing.jwks import serve_jwks
from crm_opportunities.bootstrap import create_api
from crm_opportunities.domain.periods import Granularity, Grouping, ReportPeriod
from crm_opportunities.views import pipeline as views

PG = {"host": "127.0.0.1", "port": 5432, "user": "crm", "password": "crm"}
DATABASE = "crm_bench_opportunities"
TENANT = "oem-bench"
DEALERS, REGIONS, CONSULTANTS_PER_DEALER = 200, 10, 10
CHUNK = 250_000
CODES = ["reception", "needs_analysis", "test_drive", "quote", "negotiation", "order", "delivery"]
PROBABILITIES = [10, 20, 40, 60, 80, 90, 100]
STAGES = [
    {
        "code": code,
        "name": code.replace("_", " ").capitalize(),
        "probability": probability,
        "required_activities": ["test_drive"] if code == "quote" else [],
        "rot_days": None if code == "delivery" else 7,
    }
    for code, probability in zip(CODES, PROBABILITIES, strict=True)
]
SHANGHAI = ZoneInfo("Asia/Shanghai")

PEOPLE = {
    "hq": Principal(
        user_id="hq-analyst",
        tenant=TENANT,
        org_node="hq",
        roles=frozenset({"hq_analyst"}),
        data_scope=DataScope.TENANT,
    ),
    "region": Principal(
        user_id="region-manager",
        tenant=TENANT,
        org_node="region-03",
        roles=frozenset({"region_manager"}),
        data_scope=DataScope.SUBTREE,
    ),
    "dealer": Principal(
        user_id="dealer-manager",
        tenant=TENANT,
        org_node="dealer-042",
        roles=frozenset({"sales_manager"}),
        data_scope=DataScope.DEALER,
    ),
}
GROUPING = {"hq": Grouping.DEALER, "region": Grouping.DEALER, "dealer": Grouping.CONSULTANT}


def database_url() -> str:
    return (
        f"postgresql+asyncpg://{PG['user']}:{PG['password']}@{PG['host']}:{PG['port']}/{DATABASE}"
    )


async def fresh_database() -> None:
    conn = await asyncpg.connect(database="postgres", **PG)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{DATABASE}"')
    finally:
        await conn.close()
    env = {
        **os.environ,
        "CRM_ENV": "test",
        "CRM_SERVICE_NAME": "opportunities",
        **service_database_env(DATABASE),
        "CRM_DATABASE_OWNER_URL": database_url(),
    }
    migrate = [sys.executable, "-m", "crm_opportunities", "migrate"]
    await asyncio.to_thread(subprocess.run, migrate, env=env, check=True, capture_output=True)


ORG_TREE = """
INSERT INTO org_directory (id, tenant, parent_id, kind, path, dealer_id, active)
SELECT 'hq', $1, NULL, 'hq', '/hq/', NULL, true
UNION ALL
SELECT 'region-' || lpad(r::text, 2, '0'), $1, 'hq', 'region',
       '/hq/region-' || lpad(r::text, 2, '0') || '/', NULL, true
FROM generate_series(0, $2::int - 1) AS r
UNION ALL
SELECT 'dealer-' || lpad(d::text, 3, '0'), $1, 'region-' || lpad((d % $2)::text, 2, '0'),
       'dealer', '/hq/region-' || lpad((d % $2)::text, 2, '0') || '/dealer-'
       || lpad(d::text, 3, '0') || '/', 'dealer-' || lpad(d::text, 3, '0'), true
FROM generate_series(0, $3::int - 1) AS d
UNION ALL
SELECT 'team-' || lpad(d::text, 3, '0') || '-' || t, $1, 'dealer-' || lpad(d::text, 3, '0'),
       'team', '/hq/region-' || lpad((d % $2)::text, 2, '0') || '/dealer-'
       || lpad(d::text, 3, '0') || '/team-' || lpad(d::text, 3, '0') || '-' || t || '/',
       'dealer-' || lpad(d::text, 3, '0'), true
FROM generate_series(0, $3::int - 1) AS d, generate_series(0, 1) AS t
"""

PIPELINES = """
INSERT INTO pipelines (id, tenant, owner_org, name, stages, is_default, created_at, updated_at)
SELECT gen_random_uuid(), $1, 'dealer-' || lpad(d::text, 3, '0'), 'new car sales', $2::jsonb,
       true, $3, $3
FROM generate_series(0, $4::int - 1) AS d
"""

# A funnel: depth 1..7 stages reached, fewer the deeper (P(depth = 1) ≈ 38 %, 7 ≈ 7 %); deals
# that reached the order are won, about a third of the others lost, the rest open.
OPPORTUNITIES = """
WITH n AS (
  SELECT g, g % $4 AS d, (g / $4) % $5 AS k,
         1 + floor(power(random(), 2) * 7)::int AS depth, random() AS fate,
         $3::timestamptz - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute'
           AS created
  FROM generate_series($1::int, $2::int - 1) AS g
), x AS (
  SELECT n.*, 'dealer-' || lpad(d::text, 3, '0') AS dealer,
         CASE WHEN depth >= 6 THEN 'won' WHEN fate < 0.35 THEN 'lost' ELSE 'open' END AS status
  FROM n
)
INSERT INTO opportunities (
  id, tenant, owner_org, owner_user, owner_team, customer_name, lead_origin, pipeline_id,
  stage, probability, stage_entered_at, amount, expected_close_on, status, closed_at,
  lost_reason, competitor, competitor_model, created_at, updated_at, reached_stages)
SELECT gen_random_uuid(), $6, x.dealer, 'c-' || lpad(d::text, 3, '0') || '-' || k,
       'team-' || lpad(d::text, 3, '0') || '-' || (k % 2), 'customer ' || g, 'dealer', p.id,
       ($7::text[])[depth], ($8::int[])[depth],
       least($3::timestamptz, created + (depth - 1) * interval '3 days'),
       100000 + (g % 400) * 1000,
       CASE WHEN status = 'open' THEN $3::date + (g % 180) - 30 END,
       status,
       CASE WHEN status <> 'open'
            THEN least($3::timestamptz, created + depth * interval '3 days') END,
       CASE WHEN status = 'lost' THEN (ARRAY['price', 'chose competitor', 'financing declined',
            'delivery time', 'no longer interested'])[1 + g % 5] END,
       CASE WHEN status = 'lost' AND g % 3 <> 0
            THEN (ARRAY['BYD', 'Tesla', 'Geely', 'Li Auto'])[1 + g % 4] END,
       CASE WHEN status = 'lost' AND g % 3 <> 0
            THEN (ARRAY['Han', 'Seal', 'Model Y', 'Model 3', 'Xingyue L', 'L7'])[1 + g % 6] END,
       created, created, ($7::text[])[1:depth]
FROM x JOIN pipelines AS p ON p.tenant = $6 AND p.owner_org = x.dealer
"""

HISTORY = """
INSERT INTO stage_history (tenant, owner_org, opportunity_id, from_stage, to_stage, changed_by,
                           changed_at)
SELECT o.tenant, o.owner_org, o.id, ($1::text[])[i - 1], ($1::text[])[i], o.owner_user,
       o.created_at + (i - 1) * interval '3 days'
FROM opportunities AS o, generate_series(1, array_position($1::text[], o.stage::text)) AS i
"""

# A deposit a week after the win and the balance a month after; collected when due by now.
COLLECTIONS = """
INSERT INTO planned_collections (id, tenant, owner_org, opportunity_id, due_on, amount,
                                 collected_on, collected_amount)
SELECT gen_random_uuid(), o.tenant, o.owner_org, o.id, (o.closed_at + s.after)::date,
       round(o.amount * s.share, 2),
       CASE WHEN o.closed_at + s.after < $1 THEN (o.closed_at + s.after)::date END,
       CASE WHEN o.closed_at + s.after < $1 THEN round(o.amount * s.share, 2) END
FROM opportunities AS o,
     (VALUES (interval '7 days', 0.2), (interval '30 days', 0.8)) AS s(after, share)
WHERE o.status = 'won'
"""


async def populate(count: int, now: datetime) -> dict[str, Any]:
    """Org tree, pipelines, opportunities, stage history, collections; returns counts and
    seconds."""
    started = time.perf_counter()
    conn = await connect_across_tenants(DATABASE)
    try:
        await conn.execute(ORG_TREE, TENANT, REGIONS, DEALERS)
        await conn.execute(PIPELINES, TENANT, json.dumps(STAGES), now, DEALERS)
        for start in range(0, count, CHUNK):
            await conn.execute(
                OPPORTUNITIES,
                start,
                min(start + CHUNK, count),
                now,
                DEALERS,
                CONSULTANTS_PER_DEALER,
                TENANT,
                CODES,
                PROBABILITIES,
            )
        await conn.execute(HISTORY, CODES)
        await conn.execute(COLLECTIONS, now)
        for table in ("org_directory", "pipelines", "opportunities", "stage_history"):
            await conn.execute(f"VACUUM ANALYZE {table}")
        await conn.execute("VACUUM ANALYZE planned_collections")
        figures = {
            "opportunities": await conn.fetchval("SELECT count(*) FROM opportunities"),
            "stage_history_rows": await conn.fetchval("SELECT count(*) FROM stage_history"),
            "planned_collections": await conn.fetchval("SELECT count(*) FROM planned_collections"),
        }
    finally:
        await conn.close()
    return {**figures, "populate_s": round(time.perf_counter() - started, 1)}


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p99_ms": round(p99 * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


async def timed(call: Callable[[], Awaitable[Any]], runs: int) -> dict[str, float]:
    await call()  # warm the caches and the statement cache once
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def report_periods(today: date) -> dict[str, dict[str, ReportPeriod]]:
    """Funnel: opportunities opened last month, or over the last year. Forecast: the next
    three months, or half a year back and forth (won deals and collections behind us)."""
    return {
        "funnel": {
            "month": ReportPeriod.of(today - timedelta(days=30), today),
            "year": ReportPeriod.of(today - timedelta(days=364), today),
        },
        "forecast": {
            "month": ReportPeriod.of(today, today + timedelta(days=90)),
            "year": ReportPeriod.of(today - timedelta(days=182), today + timedelta(days=182)),
        },
    }


def view_call(
    sessions: Any, report: str, principal: Principal, period: ReportPeriod, grouping: Grouping
) -> Callable[[], Awaitable[Any]]:
    if report == "funnel":
        return functools.partial(
            views.funnel,
            sessions,
            principal,
            period=period,
            business_tz=SHANGHAI,
            grouping=grouping,
        )
    return functools.partial(
        views.forecast,
        sessions,
        principal,
        period=period,
        business_tz=SHANGHAI,
        granularity=Granularity.MONTH,
        grouping=grouping,
    )


async def http_get(client: httpx.AsyncClient, path: str, params: dict[str, str]) -> None:
    response = await client.get(path, params=params)
    response.raise_for_status()


async def time_views(runs: int, today: date) -> dict[str, Any]:
    engine = create_engine(
        Settings(env="test", service_name="opportunities-bench", database_url=database_url())
    )
    sessions = create_session_factory(engine)
    results: dict[str, Any] = {}
    try:
        for report, periods in report_periods(today).items():
            for span, period in periods.items():
                for who, principal in PEOPLE.items():
                    call = view_call(sessions, report, principal, period, GROUPING[who])
                    results[f"{report}.{span}.{who}"] = await timed(call, runs)
    finally:
        await engine.dispose()
    return results


async def time_http(runs: int, today: date) -> dict[str, Any]:
    """The same reports through the api in this process (auth, validation, JSON included)."""
    key = generate_private_key_pem()
    results: dict[str, Any] = {}
    with serve_jwks([key]) as jwks_url:
        settings = Settings(
            env="test",
            service_name="opportunities",
            # The api's role, as the services run: it sees the rows its callers' tenant holds.
            database_url=service_database_env(DATABASE)["CRM_DATABASE_URL"],
            jwks_url=jwks_url,
            log_level="WARNING",
        )
        app = create_api(settings)
        async with app.router.lifespan_context(app):
            for report, periods in report_periods(today).items():
                for span, period in periods.items():
                    for who, principal in PEOPLE.items():
                        token = sign_access_token(
                            key, principal, issuer="crm-identity", audience="crm"
                        )
                        params = {
                            "from": period.first_day.isoformat(),
                            "to": period.last_day.isoformat(),
                            "group_by": GROUPING[who].value,
                        }
                        async with httpx.AsyncClient(
                            transport=httpx.ASGITransport(app=app),
                            base_url="http://opportunities",
                            headers={"Authorization": f"Bearer {token}"},
                            timeout=120,
                        ) as client:
                            call = functools.partial(http_get, client, f"/reports/{report}", params)
                            results[f"{report}.{span}.{who}"] = await timed(call, runs)
    return results


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--opportunities", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30, help="timed runs per report and caller")
    parser.add_argument("--http-runs", type=int, default=10, help="0: skip the HTTP timings")
    parser.add_argument("--reuse", action="store_true", help="keep the database of a last run")
    args = parser.parse_args()
    now = datetime.now(UTC)
    data: dict[str, Any] = {}
    if not args.reuse:
        await fresh_database()
        data = await populate(args.opportunities, now)
    today = now.astimezone(SHANGHAI).date()
    view_timings = await time_views(args.runs, today)
    http_timings = await time_http(args.http_runs, today) if args.http_runs else {}
    print(
        json.dumps(
            {
                "benchmark": "opportunities.funnel_forecast",
                **data,
                "dealers": DEALERS,
                "consultants": DEALERS * CONSULTANTS_PER_DEALER,
                "runs": args.runs,
                "views": view_timings,
                "http_runs": args.http_runs,
                "http": http_timings,
                "machine": f"{platform.machine()} {os.cpu_count()} cpu, "
                f"Python {platform.python_version()}",
            }
        )
    )


if __name__ == "__main__":
    with acting_for([TENANT]):  # the views read as the API does: the caller's tenant
        asyncio.run(main())
