"""KPI query benchmark: the kpi read API's latency over a year of facts (issue #6).

    .venv/bin/python bench/kpi/kpi_queries.py --deals 300000 --leads 1000000 --runs 30

Builds a throwaway, migrated kpi database (``crm_bench_kpi_queries``) on the local PostgreSQL
(`deploy/local/infra.sh up`) for one tenant: an org tree of HQ, ``--regions`` regions,
``--dealers`` dealers and ``--teams-per-dealer`` teams each (``org_directory``, paths like
``/hq/region-03/dealer-042/team-042-1/``, so the shared policy scopes work), and
``--consultants-per-dealer`` consultants per dealer. Then the facts of the last 365 days as the
projections write them, set-based (INSERT … SELECT generate_series):

- ``deal_facts``: ``--deals`` won deals (models M1-M5 with their MSRP, revenue 88-98 % of it,
  gross margin 2-9 % of revenue, lead origins self_sourced / pool / oem / direct, finance and
  insurance attached), ``--lost`` lost ones (reason, competitor), a delivery 7-30 days after each
  win that is not cancelled (when that day has come), and ``--cancelled-percent`` of the wins
  cancelled within two weeks;
- ``deal_credits``: each win credited to its consultant, 10 % split 60/40 with a teammate;
- ``collection_facts``: a deposit on the day of each win and the balance before its delivery;
- ``lead_facts``: ``--leads`` leads created (walk_in, phone, campaign_form, ...);
- ``lead_activity_facts``: ``--activities-per-lead`` transitions per lead on average (first
  assigned, claimed or distributed; then follow-ups by call, visit, test drive or message,
  gradings and upgrades, conversions, losses, claims, releases and returns);
- ``targets``: a units target for the current month per consultant (their leaf under their
  team), and for every team, dealer, region and HQ (the sum of the level below).

VACUUM ANALYZE, then times each query ``--runs`` times (after one warm-up call) for an HQ
analyst (tenant scope), a region manager (subtree: the region's dealers) and a dealer's sales
manager (dealer scope), calling the read functions directly (``crm_kpi.views.figures``,
``crm_kpi.views.kpis``, ``crm_kpi.views.targets``, ``crm_kpi.application.leaderboards``)
and, ``--http-runs`` times, over HTTP through the in-process api (signed tokens, JWKS served
locally; auth, validation and JSON included):

- ``sales_daily_30d`` / ``sales_daily_365d``: GET /kpi/sales/daily over the last 30 / 365 days;
- ``sales_meeting_yesterday``: GET /kpi/reports/sales-meeting for yesterday (JSON);
- ``targets_cascade``: GET /kpi/targets/{current month} (the caller's node and its children);
- ``price_retention_365d`` / ``conversion_per_consultant_365d``: GET /kpi/values/{code} over the
  last 365 days, period month;
- ``leaderboards`` (read from Redis) and ``leaderboards_rebuild`` (board deleted before each
  run, so it is rebuilt from PostgreSQL): GET /kpi/leaderboards for the current month — the
  dealers' board for HQ and the region, the dealer's consultants' board for the dealer. Skipped
  when Redis at 127.0.0.1:6379 does not answer; the boards live under a namespace of this run
  and are deleted at the end.

Prints one JSON line: data sizes, load time, p50/p99/max (ms; nearest rank, so with 30 runs
p99 is the slowest run) and rows (direct) or bytes (HTTP) per query and caller, the queries
over the budget (DESIGN.md: API reads p99 < 50 ms), and the machine. Days are business days in
Asia/Shanghai. ``--reuse`` keeps the database of a last run (its targets are for that run's
month).
"""

from __future__ import annotations

import argparse
import asyncio
import calendar
import json
import os
import platform
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import generate_private_key_pem, sign_access_token
from crm_common.db import create_engine, create_session_factory
from crm_common.db.tenancy import acting_for
from crm_common.runtime.paging import WholeReport
from crm_common.settings import Settings
from crm_common.testing.bench import (
    app_role_url,
    connect_across_tenants,
    fresh_database,
    percentile,
)
from crm_common.testing.jwks import serve_jwks
from crm_kpi.application.leaderboards import leaderboard
from crm_kpi.bootstrap import create_api
from crm_kpi.domain.kpis import Period, as_asked, predefined
from crm_kpi.domain.leaderboards import ALL_DEALERS, Metric, board_key
from crm_kpi.domain.targets import ALL_PRODUCT_LINES, Measure
from crm_kpi.views import figures as views
from crm_kpi.views import kpis as kpi_views
from crm_kpi.views.figures import SalesGrouping
from crm_kpi.views.targets import cascade

DATABASE = "crm_bench_kpi_queries"
TENANT = "oem-bench"
TIMEZONE = "Asia/Shanghai"
REDIS_URL = "redis://127.0.0.1:6379/0"
# Leaderboards of this run only: deployments and other runs may share the Redis.
NAMESPACE = f"bench-kpi-{uuid.uuid4().hex[:8]}-"
CHUNK = 250_000
BUDGET_P99_MS = 50.0
KPI_CODES = ("price_retention", "conversion_per_consultant")
WHOLE = WholeReport(most=10**9, narrow_by="from", how="the bench reads whole")
"""The reads measured whole, as before the routes refused answers past their rows: the
figures stay comparable with earlier runs (the routes refuse HQ's year per dealer now)."""

Call = Callable[[], Awaitable[int]]

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
FROM generate_series(0, $3::int - 1) AS d, generate_series(0, $4::int - 1) AS t
"""

# Row g of a chunk: dealer g % dealers, its consultant (g / dealers) % per dealer, who works in
# team (consultant % teams); a business day of the last 365 and random draws r1..r7 (drawn
# once per row: a CTE or subquery with volatile columns is neither inlined nor pulled up).
# $1..$2: the chunk; $3 dealers, $4 consultants per dealer, $5 teams per dealer, $6 today,
# $7 tenant, $8 time zone. Lost deals are drawn the same way.
WON = """
WITH n AS (
  SELECT 'dealer-' || lpad((g % $3::int)::text, 3, '0') AS dealer,
         'c-' || lpad((g % $3::int)::text, 3, '0') || '-' || (g / $3::int) % $4::int AS consultant,
         'team-' || lpad((g % $3::int)::text, 3, '0') || '-'
           || (g / $3::int) % $4::int % $5::int AS team,
         $6::date - floor(random() * 365)::int AS day,
         random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
         random() AS r6, random() AS r7
  FROM generate_series($1::int, $2::int - 1) AS g
),
x AS (
  SELECT n.*, 1 + floor(r1 * 5)::int AS model,
         (ARRAY[129900, 169900, 219900, 289900, 359900])[1 + floor(r1 * 5)::int]::numeric AS msrp
  FROM n
),
y AS (
  SELECT x.*, round(msrp * (0.88 + 0.10 * r3)::numeric, 2) AS revenue FROM x
)
INSERT INTO deal_facts (event_id, outcome, opportunity_id, order_id, tenant, owner_org, dealer_id,
  consultant, team, model_code, lead_origin, units, revenue, gross_margin, msrp,
  finance_attached, insurance_attached, day, occurred_at)
SELECT gen_random_uuid(), 'won', gen_random_uuid(), gen_random_uuid(), $7, dealer, dealer,
       consultant, team, 'M' || model,
       CASE WHEN r2 < 0.35 THEN 'self_sourced' WHEN r2 < 0.60 THEN 'pool'
            WHEN r2 < 0.85 THEN 'oem' ELSE 'direct' END,
       1, revenue, round(revenue * (0.02 + 0.07 * r4)::numeric, 2), msrp,
       r5 < 0.45, r6 < 0.35, day,
       (day + interval '9 hours' + r7 * interval '12 hours') AT TIME ZONE $8::text
FROM y
"""

LOST = """
WITH n AS (
  SELECT 'dealer-' || lpad((g % $3::int)::text, 3, '0') AS dealer,
         'c-' || lpad((g % $3::int)::text, 3, '0') || '-' || (g / $3::int) % $4::int AS consultant,
         'team-' || lpad((g % $3::int)::text, 3, '0') || '-'
           || (g / $3::int) % $4::int % $5::int AS team,
         $6::date - floor(random() * 365)::int AS day,
         random() AS r1, random() AS r2, random() AS r3
  FROM generate_series($1::int, $2::int - 1) AS g
)
INSERT INTO deal_facts (event_id, outcome, opportunity_id, order_id, tenant, owner_org, dealer_id,
  consultant, team, units, revenue, gross_margin, msrp, finance_attached, insurance_attached,
  reason, competitor, day, occurred_at)
SELECT gen_random_uuid(), 'lost', gen_random_uuid(), NULL, $7, dealer, dealer, consultant, team,
       0, 0, 0, 0, false, false,
       (ARRAY['price', 'chose competitor', 'financing declined', 'delivery time',
              'no longer interested'])[1 + floor(r1 * 5)::int],
       CASE WHEN r2 < 0.6
            THEN (ARRAY['BYD', 'Tesla', 'Geely', 'Li Auto'])[1 + floor(r2 / 0.6 * 4)::int] END,
       day, (day + interval '9 hours' + r3 * interval '12 hours') AT TIME ZONE $8::text
FROM n
"""

# A cancellation names its order and consultant only (its figures are the win's, at read time).
CANCELLED = """
INSERT INTO deal_facts (event_id, outcome, opportunity_id, order_id, tenant, owner_org, dealer_id,
  consultant, units, revenue, gross_margin, msrp, finance_attached, insurance_attached, reason,
  day, occurred_at)
SELECT gen_random_uuid(), 'cancelled', w.opportunity_id, w.order_id, w.tenant, w.owner_org,
       w.dealer_id, w.consultant, 0, 0, 0, 0, false, false, c.reason, c.day,
       (c.day + interval '11 hours') AT TIME ZONE $3::text
FROM deal_facts AS w
CROSS JOIN LATERAL (
  SELECT least($2::date, w.day + 1 + floor(random() * 14)::int) AS day,
         (ARRAY['customer changed mind', 'financing declined', 'delivery too late'])
           [1 + floor(random() * 3)::int] AS reason
) AS c
WHERE w.outcome = 'won' AND random() < $1::float8 / 100
"""

DELIVERED = """
INSERT INTO deal_facts (event_id, outcome, opportunity_id, order_id, tenant, owner_org, dealer_id,
  consultant, model_code, units, revenue, gross_margin, msrp, finance_attached,
  insurance_attached, day, occurred_at)
SELECT gen_random_uuid(), 'delivered', w.opportunity_id, w.order_id, w.tenant, w.owner_org,
       w.dealer_id, w.consultant, w.model_code, 1, 0, 0, 0, false, false, d.day,
       (d.day + interval '10 hours') AT TIME ZONE $2::text
FROM deal_facts AS w
CROSS JOIN LATERAL (SELECT w.day + 7 + floor(random() * 24)::int AS day) AS d
WHERE w.outcome = 'won' AND d.day <= $1::date
  AND NOT EXISTS (
    SELECT 1 FROM deal_facts AS c WHERE c.order_id = w.order_id AND c.outcome = 'cancelled')
"""

# A tenth of the wins split 60/40 with a teammate ($1 consultants per dealer, $2 teams: the
# consultant k + teams works in the same team).
CREDITS = """
WITH w AS (
  SELECT event_id, order_id, consultant, team,
         abs(hashtext(order_id::text) % 10) = 0 AND $1::int > $2::int AS split
  FROM deal_facts WHERE outcome = 'won'
)
INSERT INTO deal_credits (event_id, user_id, order_id, team, share_percent)
SELECT event_id, consultant, order_id, team, CASE WHEN split THEN 60 ELSE 100 END FROM w
UNION ALL
SELECT event_id,
       'c-' || split_part(consultant, '-', 2) || '-'
         || (split_part(consultant, '-', 3)::int + $2::int) % $1::int,
       order_id, team, 40
FROM w WHERE split
"""

# A deposit (5,000-20,000) the day of the win, the balance the day before the delivery.
COLLECTIONS = """
INSERT INTO collection_facts (event_id, tenant, owner_org, dealer_id, order_id, consultant,
  amount, day, occurred_at)
SELECT gen_random_uuid(), w.tenant, w.owner_org, w.dealer_id, w.order_id, w.consultant,
       5000 * (1 + abs(hashtext(w.order_id::text) % 4)), w.day,
       (w.day + interval '16 hours') AT TIME ZONE $1::text
FROM deal_facts AS w WHERE w.outcome = 'won'
UNION ALL
SELECT gen_random_uuid(), w.tenant, w.owner_org, w.dealer_id, w.order_id, w.consultant,
       w.revenue - 5000 * (1 + abs(hashtext(w.order_id::text) % 4)), greatest(w.day, d.day - 1),
       (greatest(w.day, d.day - 1) + interval '15 hours') AT TIME ZONE $1::text
FROM deal_facts AS w
JOIN deal_facts AS d ON d.order_id = w.order_id AND d.outcome = 'delivered'
WHERE w.outcome = 'won'
"""

# Lead n: dealer n % dealers, owned by its consultant (n / dealers) % per dealer, created on a
# day derived from n (so its activities can follow it). $3 dealers, $4 tenant, $5 today, $6 tz.
LEADS = """
INSERT INTO lead_facts (event_id, lead_id, tenant, owner_org, dealer_id, source, day,
  occurred_at)
SELECT gen_random_uuid(), md5('bench-lead-' || n)::uuid, $4, dealer, dealer,
       CASE WHEN s < 0.25 THEN 'walk_in' WHEN s < 0.40 THEN 'phone'
            WHEN s < 0.55 THEN 'campaign_form' WHEN s < 0.65 THEN 'oem_website'
            WHEN s < 0.75 THEN 'web' WHEN s < 0.85 THEN 'referral'
            WHEN s < 0.95 THEN 'campaign' ELSE 'flyer' END,
       day, (day + interval '8 hours' + h * interval '13 hours') AT TIME ZONE $6::text
FROM (
  SELECT n, 'dealer-' || lpad((n % $3::int)::text, 3, '0') AS dealer,
         $5::date - abs(hashtext('bench-lead-' || n) % 365) AS day, random() AS s, random() AS h
  FROM generate_series($1::int, $2::int - 1) AS n
) AS l
"""

# Activity g is the (g / leads)-th of lead g % leads, a few days after the one before: the first
# is how the lead reached a consultant, the others what happened next.
# $3 leads, $4 dealers, $5 today, $6 consultants per dealer, $7 tenant, $8 tz.
ACTIVITIES = """
WITH a AS (
  SELECT g % $3::int AS n, g / $3::int AS j, random() AS r, random() AS s, random() AS t,
         random() AS h
  FROM generate_series($1::int, $2::int - 1) AS g
), x AS (
  SELECT a.*, 'dealer-' || lpad((n % $4::int)::text, 3, '0') AS dealer,
         'c-' || lpad((n % $4::int)::text, 3, '0') || '-' || (n / $4::int) % $6::int
           AS consultant,
         least($5::date, $5::date - abs(hashtext('bench-lead-' || n) % 365)
                         + j * 4 + floor(s * 4)::int) AS day,
         CASE WHEN j = 0 THEN CASE WHEN r < 0.50 THEN 'assigned' WHEN r < 0.85 THEN 'claimed'
                                   ELSE 'distributed' END
              WHEN r < 0.50 THEN 'followed_up' WHEN r < 0.65 THEN 'graded'
              WHEN r < 0.72 THEN 'upgraded' WHEN r < 0.80 THEN 'converted'
              WHEN r < 0.86 THEN 'lost' WHEN r < 0.93 THEN 'claimed'
              WHEN r < 0.98 THEN 'released' ELSE 'returned' END AS activity
  FROM a
)
INSERT INTO lead_activity_facts (event_id, lead_id, tenant, owner_org, dealer_id, consultant,
  activity, detail, day, occurred_at)
SELECT gen_random_uuid(), md5('bench-lead-' || n)::uuid, $7, dealer, dealer,
       CASE WHEN activity <> 'distributed' THEN consultant END, activity,
       CASE activity
         WHEN 'followed_up' THEN CASE WHEN t < 0.50 THEN 'call' WHEN t < 0.75 THEN 'visit'
                                      WHEN t < 0.85 THEN 'test_drive' ELSE 'message' END
         WHEN 'graded' THEN (ARRAY['H', 'A', 'B', 'C', 'N'])[1 + floor(t * 5)::int]
         WHEN 'upgraded' THEN (ARRAY['H', 'A', 'B'])[1 + floor(t * 3)::int]
         WHEN 'distributed' THEN CASE WHEN t < 0.7 THEN 'automatic' ELSE 'manual' END
         WHEN 'released' THEN CASE WHEN t < 0.6 THEN 'no_follow_up'
                                   WHEN t < 0.8 THEN 'no_conversion' END
         WHEN 'returned' THEN CASE WHEN t < 0.5 THEN 'rejected' ELSE 'distribution_sla' END
       END,
       day, (day + interval '8 hours' + h * interval '13 hours') AT TIME ZONE $8::text
FROM x
"""

# Units targets of the month: each consultant's leaf under their team, around their share of
# the year's wins; each team, dealer, region and HQ the sum of the level below.
CONSULTANT_TARGETS = """
INSERT INTO targets (tenant, org_node, user_id, product_line, month, measure, amount, set_by,
  set_at)
SELECT $1::text, 'team-' || lpad(d::text, 3, '0') || '-' || k % $7::int,
       'c-' || lpad(d::text, 3, '0') || '-' || k, '*', $2::text, 'units',
       greatest(1, round($3::float8 * (0.8 + 0.5 * random()))), 'bench', $4::timestamptz
FROM generate_series(0, $5::int - 1) AS d, generate_series(0, $6::int - 1) AS k
"""
TEAM_TARGETS = """
INSERT INTO targets (tenant, org_node, user_id, product_line, month, measure, amount, set_by,
  set_at)
SELECT $1::text, org_node, NULL, '*', $2::text, 'units', sum(amount), 'bench', $3::timestamptz
FROM targets
WHERE tenant = $1 AND month = $2 AND measure = 'units' AND user_id IS NOT NULL
GROUP BY org_node
"""
ROLL_UP_TARGETS = """
INSERT INTO targets (tenant, org_node, user_id, product_line, month, measure, amount, set_by,
  set_at)
SELECT $1::text, o.parent_id, NULL, '*', $2::text, 'units', sum(t.amount), 'bench',
       $3::timestamptz
FROM targets AS t JOIN org_directory AS o ON o.tenant = t.tenant AND o.id = t.org_node
WHERE t.tenant = $1 AND t.month = $2 AND t.measure = 'units' AND t.user_id IS NULL
  AND o.kind = $4
GROUP BY o.parent_id
"""

# What the projections keep beside the facts they record, counted from the facts written above
# (as migrations 0011 and 0012 back-fill them).
KEPT_FIGURES = (
    """
INSERT INTO deal_day_figures
SELECT tenant, owner_org, dealer_id, day,
       coalesce(sum(units) FILTER (WHERE outcome = 'won'), 0),
       coalesce(sum(revenue) FILTER (WHERE outcome = 'won'), 0),
       coalesce(sum(gross_margin) FILTER (WHERE outcome = 'won'), 0),
       count(*) FILTER (WHERE outcome = 'lost'),
       count(*) FILTER (WHERE outcome = 'delivered')
FROM deal_facts WHERE outcome IN ('won', 'lost', 'delivered')
GROUP BY tenant, owner_org, dealer_id, day
""",
    """
INSERT INTO lead_activity_months
SELECT tenant, owner_org, date_trunc('month', day)::date, dealer_id, consultant, activity, detail,
       count(*)
FROM lead_activity_facts GROUP BY 1, 2, 3, 4, 5, 6, 7
""",
    """
INSERT INTO deal_months
SELECT tenant, owner_org, date_trunc('month', day)::date, dealer_id, team, consultant, outcome,
       count(*), sum(units), sum(revenue), sum(gross_margin), sum(msrp)
FROM deal_facts GROUP BY 1, 2, 3, 4, 5, 6, 7
""",
)
TABLES = (
    "org_directory",
    "deal_facts",
    "deal_credits",
    "collection_facts",
    "lead_facts",
    "lead_activity_facts",
    "targets",
    "deal_day_figures",
    "lead_activity_months",
    "deal_months",
)


def dealer_name(d: int) -> str:
    return f"dealer-{d:03d}"


def region_name(r: int) -> str:
    return f"region-{r:02d}"


async def populate(args: argparse.Namespace, today: date, now: datetime) -> float:
    """Org tree, facts and targets; returns seconds (VACUUM ANALYZE included)."""
    started = time.perf_counter()
    dealers, per_dealer, teams = args.dealers, args.consultants_per_dealer, args.teams_per_dealer
    conn = await connect_across_tenants(DATABASE)
    try:
        await conn.execute(ORG_TREE, TENANT, args.regions, dealers, teams)
        people = (dealers, per_dealer, teams, today, TENANT, TIMEZONE)
        for statement, count in ((WON, args.deals), (LOST, args.lost)):
            for start in range(0, count, CHUNK):
                await conn.execute(statement, start, min(start + CHUNK, count), *people)
        await conn.execute(CANCELLED, args.cancelled_percent, today, TIMEZONE)
        await conn.execute(DELIVERED, today, TIMEZONE)
        await conn.execute(CREDITS, per_dealer, teams)
        await conn.execute(COLLECTIONS, TIMEZONE)
        for start in range(0, args.leads, CHUNK):
            end = min(start + CHUNK, args.leads)
            await conn.execute(LEADS, start, end, dealers, TENANT, today, TIMEZONE)
        activities = round(args.leads * args.activities_per_lead) if args.leads else 0
        for start in range(0, activities, CHUNK):
            end = min(start + CHUNK, activities)
            await conn.execute(
                ACTIVITIES,
                start,
                end,
                args.leads,
                dealers,
                today,
                per_dealer,
                TENANT,
                TIMEZONE,
            )
        month = f"{today:%Y-%m}"
        days_in_month = calendar.monthrange(today.year, today.month)[1]
        per_consultant = args.deals / 365 * days_in_month / (dealers * per_dealer)
        await conn.execute(
            CONSULTANT_TARGETS, TENANT, month, per_consultant, now, dealers, per_dealer, teams
        )
        await conn.execute(TEAM_TARGETS, TENANT, month, now)
        for kind in ("team", "dealer", "region"):
            await conn.execute(ROLL_UP_TARGETS, TENANT, month, now, kind)
        for statement in KEPT_FIGURES:
            await conn.execute(statement)
        for table in TABLES:
            await conn.execute(f"VACUUM ANALYZE {table}")
    finally:
        await conn.close()
    return time.perf_counter() - started


async def data_sizes() -> dict[str, Any]:
    conn = await connect_across_tenants(DATABASE)
    try:
        outcomes = {
            r["outcome"]: r["n"]
            for r in await conn.fetch(
                "SELECT outcome, count(*) AS n FROM deal_facts GROUP BY outcome"
            )
        }
        sizes: dict[str, Any] = {"deal_facts": outcomes}
        for table in TABLES:
            if table != "deal_facts":
                sizes[table] = await conn.fetchval(f"SELECT count(*) FROM {table}")  # noqa: S608
        sizes["org_nodes"] = {
            r["kind"]: r["n"]
            for r in await conn.fetch("SELECT kind, count(*) AS n FROM org_directory GROUP BY kind")
        }
        sizes["consultants"] = await conn.fetchval(
            "SELECT count(DISTINCT consultant) FROM deal_facts"
        )
        sizes["database_mb"] = round(
            await conn.fetchval("SELECT pg_database_size(current_database())") / 2**20
        )
        sizes["postgres"] = await conn.fetchval("SHOW server_version")
    finally:
        await conn.close()
    return sizes


def callers(args: argparse.Namespace) -> dict[str, tuple[Principal, str | None]]:
    """Who asks, and the leaderboard each reads (a dealer's consultants, or the dealers)."""
    region = region_name(min(3, args.regions - 1))
    dealer = dealer_name(min(42, args.dealers - 1))
    return {
        "hq": (
            Principal(
                user_id="hq-analyst",
                tenant=TENANT,
                org_node="hq",
                roles=frozenset({"hq_analyst"}),
                data_scope=DataScope.TENANT,
            ),
            None,
        ),
        "region": (
            Principal(
                user_id="region-manager",
                tenant=TENANT,
                org_node=region,
                roles=frozenset({"region_manager"}),
                data_scope=DataScope.SUBTREE,
            ),
            None,
        ),
        "dealer": (
            Principal(
                user_id="dealer-manager",
                tenant=TENANT,
                org_node=dealer,
                roles=frozenset({"sales_manager"}),
                data_scope=DataScope.DEALER,
            ),
            dealer,
        ),
    }


async def timed(
    call: Call, runs: int, size: str, before: Callable[[], Awaitable[Any]] | None = None
) -> dict[str, Any]:
    """p50/p99/max of ``runs`` calls after a warm-up call, and the size the warm-up answered
    (``size``: rows or bytes). ``before`` runs ahead of each call, outside the clock."""
    if before is not None:
        await before()
    answered = await call()
    samples = []
    for _ in range(runs):
        if before is not None:
            await before()
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": round(percentile(samples, 50), 1),
        "p99_ms": round(percentile(samples, 99), 1),
        "max_ms": round(max(samples), 1),
        size: answered,
    }


def view_calls(
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis | None,
    principal: Principal,
    board_dealer: str | None,
    today: date,
) -> dict[str, Call]:
    """The read functions behind each route, as the route calls them; each answers rows."""
    month = f"{today:%Y-%m}"
    yesterday = today - timedelta(days=1)
    year_ago = today - timedelta(days=364)

    async def sales_daily(days: int, per: SalesGrouping = SalesGrouping.DEALER) -> int:
        figures = await views.daily_sales(
            sessions,
            principal,
            date_from=today - timedelta(days=days - 1),
            date_to=today,
            dealer_id=None,
            per=per,
            report=WHOLE,
        )
        return len(figures)

    async def sales_meeting() -> int:
        lines = await views.sales_meeting_figures(
            sessions,
            views.figures_visible_to(principal),
            date_from=yesterday,
            date_to=yesterday,
            dealer_id=None,
        )
        return len(lines)

    async def targets_cascade() -> int:
        found = await cascade(
            sessions,
            principal,
            month=month,
            node_id=None,
            measure=Measure.UNITS,
            product_line=ALL_PRODUCT_LINES,
            today=today,
        )
        return 1 + len(found.children)

    async def kpi_values(code: str) -> int:
        kpi = predefined(code)
        assert kpi is not None, code
        definition = as_asked(kpi, Period.MONTH, None)
        values = await kpi_views.kpi_values(
            sessions,
            principal,
            definition,
            date_from=year_ago,
            date_to=today,
            compare=kpi.compare,
            today=today,
            report=WHOLE,
        )
        return len(values)

    calls: dict[str, Call] = {
        "sales_daily_30d": lambda: sales_daily(30),
        "sales_daily_365d": lambda: sales_daily(365),
        "sales_daily_365d_per_region": lambda: sales_daily(365, SalesGrouping.REGION),
        "sales_meeting_yesterday": sales_meeting,
        "targets_cascade": targets_cascade,
        "price_retention_365d": lambda: kpi_values("price_retention"),
        "conversion_per_consultant_365d": lambda: kpi_values("conversion_per_consultant"),
    }
    if redis is not None:

        async def board() -> int:
            found = await leaderboard(
                redis,
                NAMESPACE,
                sessions,
                principal,
                month=month,
                metric=Metric.UNITS,
                dealer_id=board_dealer,
            )
            return len(found.entries)

        calls["leaderboards"] = board
        calls["leaderboards_rebuild"] = board
    return calls


def http_requests(board_dealer: str | None, today: date) -> dict[str, tuple[str, dict[str, str]]]:
    """The same queries as GET requests: path and query parameters."""
    month = f"{today:%Y-%m}"
    yesterday = (today - timedelta(days=1)).isoformat()
    year = {"from": (today - timedelta(days=364)).isoformat(), "to": today.isoformat()}
    board = {"month": month, "metric": Metric.UNITS.value}
    if board_dealer is not None:
        board["dealer_id"] = board_dealer
    return {
        "sales_daily_30d": (
            "/kpi/sales/daily",
            {"from": (today - timedelta(days=29)).isoformat(), "to": today.isoformat()},
        ),
        "sales_daily_365d": ("/kpi/sales/daily", year),
        "sales_daily_365d_per_region": ("/kpi/sales/daily", {**year, "per": "region"}),
        "sales_meeting_yesterday": (
            "/kpi/reports/sales-meeting",
            {"from": yesterday, "to": yesterday, "format": "json"},
        ),
        "targets_cascade": (f"/kpi/targets/{month}", {}),
        **{
            f"{code}_365d": (f"/kpi/values/{code}", {**year, "period": Period.MONTH.value})
            for code in KPI_CODES
        },
        "leaderboards": ("/kpi/leaderboards", board),
        "leaderboards_rebuild": ("/kpi/leaderboards", board),
    }


def forget_board(
    redis: Redis, board_dealer: str | None, today: date
) -> Callable[[], Awaitable[Any]]:
    """Deletes the board so the next read rebuilds it from PostgreSQL."""
    key = board_key(NAMESPACE, TENANT, f"{today:%Y-%m}", Metric.UNITS, board_dealer or ALL_DEALERS)

    async def forget() -> None:
        await redis.delete(key)

    return forget


def settings(**extra: Any) -> Settings:
    """kpi's api as it runs: connected as the app role, under row-level security."""
    return Settings(
        env="test",
        service_name="kpi",
        database_url=app_role_url(DATABASE),
        redis_url=REDIS_URL,
        kafka_namespace=NAMESPACE,
        business_timezone=TIMEZONE,
        log_level="WARNING",
        **extra,
    )


async def time_views(
    args: argparse.Namespace, redis: Redis | None, today: date
) -> dict[str, dict[str, Any]]:
    engine = create_engine(settings())
    sessions = create_session_factory(engine)
    results: dict[str, dict[str, Any]] = {}
    try:
        for who, (principal, board_dealer) in callers(args).items():
            for name, call in view_calls(sessions, redis, principal, board_dealer, today).items():
                before = None
                if name == "leaderboards_rebuild" and redis is not None:
                    before = forget_board(redis, board_dealer, today)
                results[f"{name}.{who}"] = await timed(call, args.runs, "rows", before)
    finally:
        await engine.dispose()
    return results


async def time_http(
    args: argparse.Namespace, redis: Redis | None, today: date
) -> dict[str, dict[str, Any]]:
    """The same queries through the api in this process (auth, validation, JSON included)."""
    key = generate_private_key_pem()
    results: dict[str, dict[str, Any]] = {}
    with serve_jwks([key]) as jwks_url:
        app = create_api(settings(jwks_url=jwks_url))
        async with app.router.lifespan_context(app):
            for who, (principal, board_dealer) in callers(args).items():
                token = sign_access_token(
                    key, principal, issuer="crm-identity", audience="crm", ttl_seconds=3600
                )
                async with httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=app),
                    base_url="http://kpi",
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=300,
                ) as client:
                    for name, (path, params) in http_requests(board_dealer, today).items():
                        if name.startswith("leaderboards") and redis is None:
                            continue
                        before = None
                        if name == "leaderboards_rebuild" and redis is not None:
                            before = forget_board(redis, board_dealer, today)

                        async def get(
                            client: httpx.AsyncClient = client,
                            path: str = path,
                            params: dict[str, str] = params,
                        ) -> int:
                            response = await client.get(path, params=params)
                            response.raise_for_status()
                            return len(response.content)

                        results[f"{name}.{who}"] = await timed(get, args.http_runs, "bytes", before)
    return results


async def redis_if_up() -> Redis | None:
    redis = Redis.from_url(REDIS_URL, socket_timeout=1.0, socket_connect_timeout=1.0)
    try:
        await redis.ping()
    except (RedisError, OSError):
        await redis.aclose()
        return None
    return redis


async def forget_namespace(redis: Redis) -> int:
    keys = [k async for k in redis.scan_iter(match=f"{NAMESPACE}*", count=1000)]
    if keys:
        await redis.delete(*keys)
    return len(keys)


def over_budget(timings: dict[str, dict[str, Any]]) -> list[str]:
    return sorted(k for k, t in timings.items() if t["p99_ms"] >= BUDGET_P99_MS)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--regions", type=int, default=10)
    parser.add_argument("--dealers", type=int, default=200)
    parser.add_argument("--teams-per-dealer", type=int, default=2)
    parser.add_argument("--consultants-per-dealer", type=int, default=10)
    parser.add_argument("--deals", type=int, default=300_000, help="won deals over the year")
    parser.add_argument("--lost", type=int, default=None, help="lost deals (default: deals / 3)")
    parser.add_argument("--cancelled-percent", type=float, default=1.0, help="of the won deals")
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--activities-per-lead", type=float, default=3.0)
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query and caller")
    parser.add_argument("--http-runs", type=int, default=30, help="0: skip the HTTP timings")
    parser.add_argument("--reuse", action="store_true", help="keep the database of a last run")
    args = parser.parse_args()
    if args.lost is None:
        args.lost = args.deals // 3
    if args.runs < 1 or min(args.regions, args.dealers, args.teams_per_dealer) < 1:
        parser.error("--runs, --regions, --dealers and --teams-per-dealer must be at least 1")
    if args.consultants_per_dealer < args.teams_per_dealer:
        parser.error("--consultants-per-dealer must be at least --teams-per-dealer")
    return args


async def main() -> None:
    args = parse_args()
    now = datetime.now(UTC)
    today = now.astimezone(ZoneInfo(TIMEZONE)).date()
    populate_s = None
    if not args.reuse:
        await fresh_database(DATABASE, migrate_as="kpi")
        populate_s = round(await populate(args, today, now), 1)
    sizes = await data_sizes()
    redis = await redis_if_up()
    try:
        view_timings = await time_views(args, redis, today)
        http_timings = await time_http(args, redis, today) if args.http_runs else {}
    finally:
        if redis is not None:
            await forget_namespace(redis)
            await redis.aclose()
    who = callers(args)
    print(
        json.dumps(
            {
                "benchmark": "kpi.kpi_queries",
                "tenant": TENANT,
                "today": today.isoformat(),
                "callers": {k: p.org_node for k, (p, _) in who.items()},
                **sizes,
                "populate_s": populate_s,
                "runs": args.runs,
                "views": view_timings,
                "http_runs": args.http_runs,
                "http": http_timings,
                "leaderboards": "timed"
                if redis is not None
                else f"skipped: Redis at {REDIS_URL} did not answer",
                "budget": f"API reads p99 < {BUDGET_P99_MS:g} ms",
                "views_over_budget": over_budget(view_timings),
                "http_over_budget": over_budget(http_timings),
                "machine": f"{platform.machine()} {os.cpu_count()} cpu, "
                f"Python {platform.python_version()}",
            }
        )
    )


if __name__ == "__main__":
    with acting_for([TENANT]):  # the views read as the API does: the caller's tenant
        asyncio.run(main())
