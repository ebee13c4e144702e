"""Commission run benchmark: a month's statements for 10,000 consultants over 1,000,000 deals.

    .venv/bin/python bench/kpi/commission_run.py --consultants 10000 --deals 1000000

Builds a throwaway, migrated kpi database (``crm_bench_kpi``) on the local PostgreSQL
(`deploy/local/infra.sh up`): ``--dealers`` dealers with 20 consultants each (``--consultants``
in all), one plan per dealer with the same rules (per-unit amounts by model, 5 % of gross margin,
attainment bands 0.8/1.0/1.3, origin rates, finance and insurance bonuses), a units target per
consultant, and won deals with their split credit (10 % of deals split 60/40), loaded set-based
(INSERT … SELECT generate_series): ``--deals`` in November, a tenth of that in October. 1 % of
November's deals are cancelled within November (they earn nothing) and 5 % of October's are
cancelled in November (clawed back). Runs October (so there are lines to claw back), then times
the run the API starts for every dealer of the tenant for November
(``crm_kpi.application.commission.run_commission``, in the tenant's scope), and a rerun that
replaces it. Prints one JSON line of figures, with a digest of each month's statements and lines
(equal digests on the same data: identical results; ``--reuse`` reruns on the data populated
before, to compare code changes).
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
from crm_common.db.tenancy import acting_for
from crm_common.settings import Settings
from crm_common.testing.bench import app_role_url, connect_across_tenants, fresh_database
from crm_kpi.application.commission import run_commission
from crm_kpi.domain.commission import PlanRules

DATABASE = "crm_bench_kpi"
"""The default database (``--database`` names another, e.g. to keep two versions' data)."""
TENANT = "oem-bench"
CHUNK = 250_000
RULES = PlanRules.model_validate(
    {
        "per_unit": {"M1": "800", "M2": "1000", "M3": "1200", "M4": "1500"},
        "default_per_unit": "500",
        "gross_margin_percent": "5",
        "bands": [
            {"name": "below_80", "from_percent": "0", "multiplier": "0.8"},
            {"name": "on_target", "from_percent": "80", "multiplier": "1.0"},
            {
                "name": "above_100",
                "from_percent": "100",
                "from_exclusive": True,
                "multiplier": "1.3",
            },
        ],
        "no_target_multiplier": "1.0",
        "finance_bonus": "300",
        "insurance_bonus": "200",
        "origin_rates": {"self_sourced": "1.2", "pool": "0.9", "oem": "0.8"},
    }
)


# Deal g goes to consultant g % consultants, who works at dealer (g % consultants) / 20; a tenth
# of deals are split 60/40 with the next consultant of the same dealer.
_DEALS = """
INSERT INTO deal_facts (event_id, outcome, opportunity_id, order_id, tenant, owner_org, dealer_id,
  consultant, team, model_code, lead_origin, units, revenue, gross_margin, msrp,
  finance_attached, insurance_attached, day, occurred_at)
SELECT gen_random_uuid(), 'won', gen_random_uuid(), gen_random_uuid(), $1,
       'd' || (g % $2) / 20, 'd' || (g % $2) / 20, 'c' || g % $2, 't' || (g % $2) / 5,
       'M' || (1 + g % 5), (ARRAY['self_sourced', 'pool', 'oem', 'direct'])[1 + g % 4], 1,
       150000 + g % 50000, 3000 + (g::bigint * 7919) % 12000 + ((g % 100) / 100.0),
       160000 + g % 50000,
       g % 5 < 2, g % 10 < 3, $3::date + (g % $4), $5
FROM generate_series($6::int, $7::int - 1) AS g
"""
_CREDITS = """
INSERT INTO deal_credits (event_id, user_id, order_id, team, share_percent)
SELECT f.event_id, c.user_id, f.order_id, f.team, c.share
FROM deal_facts f
CROSS JOIN LATERAL (
  SELECT f.consultant AS user_id,
         CASE WHEN abs(hashtext(f.order_id::text)) % 10 = 0 THEN 60 ELSE 100 END AS share
  UNION ALL
  SELECT 'c' || ((substr(f.consultant, 2)::int / 20) * 20
                 + (substr(f.consultant, 2)::int + 1) % 20), 40
  WHERE abs(hashtext(f.order_id::text)) % 10 = 0
) c
WHERE f.day BETWEEN $1 AND $2
"""


async def populate(database: str, consultants: int, deals: int, now: datetime) -> float:
    started = time.perf_counter()
    conn = await connect_across_tenants(database)
    try:
        dealers = consultants // 20
        for month_start, days, count in (
            (datetime(2026, 10, 1).date(), 31, deals // 10),
            (datetime(2026, 11, 1).date(), 30, deals),
        ):
            for start in range(0, count, CHUNK):
                await conn.execute(
                    _DEALS,
                    TENANT,
                    consultants,
                    month_start,
                    days,
                    now,
                    start,
                    min(start + CHUNK, count),
                )
        for first, last in (("2026-10-01", "2026-10-31"), ("2026-11-01", "2026-11-30")):
            await conn.execute(
                _CREDITS, datetime.fromisoformat(first).date(), datetime.fromisoformat(last).date()
            )
        # Cancelled within November (1 % of November's deals) and October's deals cancelled in
        # November (5 %): the second are clawed back.
        await conn.execute(
            """
            INSERT INTO deal_facts (event_id, outcome, opportunity_id, order_id, tenant, owner_org,
              dealer_id, consultant, units, revenue, gross_margin, msrp, finance_attached,
              insurance_attached, day, occurred_at)
            SELECT gen_random_uuid(), 'cancelled', opportunity_id, order_id, tenant, owner_org,
                   dealer_id, consultant, 0, 0, 0, 0, false, false,
                   CASE WHEN day < '2026-11-01' THEN date '2026-11-20'
                        ELSE least(day + 3, date '2026-11-30') END,
                   occurred_at
            FROM deal_facts
            WHERE outcome = 'won' AND (
              (day >= '2026-11-01' AND abs(hashtext(order_id::text)) % 100 = 1)
              OR (day < '2026-11-01' AND abs(hashtext(order_id::text)) % 20 = 1))
            """
        )
        await conn.execute(
            """
            INSERT INTO commission_plans (id, tenant, owner_org, dealer_id, name, currency,
              created_by, created_at)
            SELECT gen_random_uuid(), $1, 'd' || d, 'd' || d, 'bench plan', 'CNY', 'bench', $3
            FROM generate_series(0, $2 - 1) AS d
            """,
            TENANT,
            dealers,
            now,
        )
        await conn.execute(
            """
            INSERT INTO commission_plan_versions (plan_id, version, effective_from, effective_to,
              rules, created_by, created_at)
            SELECT id, 1, date '2026-01-01', NULL, $1::jsonb, 'bench', $2 FROM commission_plans
            """,
            RULES.model_dump_json(),
            now,
        )
        # Targets around each consultant's share of the month: attainment spreads over the bands.
        # They are the consultant leaves of the sales targets, under their dealer's org node.
        per_consultant = max(1, deals // consultants)
        await conn.execute(
            """
            INSERT INTO org_directory (id, tenant, parent_id, kind, path, dealer_id, active)
            SELECT 'd' || d, $1, NULL, 'dealer', '/d' || d || '/', 'd' || d, true
            FROM generate_series(0, ($2 - 1) / 20) AS d
            """,
            TENANT,
            consultants,
        )
        await conn.execute(
            """
            INSERT INTO targets (tenant, org_node, user_id, product_line, month, measure, amount,
              set_by, set_at)
            SELECT $1, 'd' || c / 20, 'c' || c, '*', '2026-11', 'units',
                   greatest(1, $3 * (70 + c % 50) / 100), 'bench', $4
            FROM generate_series(0, $2 - 1) AS c
            """,
            TENANT,
            consultants,
            per_consultant,
            now,
        )
        for table in ("deal_facts", "deal_credits", "targets", "commission_plans"):
            await conn.execute(f"VACUUM ANALYZE {table}")
    finally:
        await conn.close()
    return time.perf_counter() - started


# A digest of a month's statements and their lines in the order the API lists them (lines by
# id), independent of run ids and timestamps: equal digests mean identical statements.
_DIGEST = """
SELECT md5(string_agg(h, '' ORDER BY dealer_id, user_id)) FROM (
  SELECT s.dealer_id, s.user_id,
         md5(concat_ws('|', s.id, s.team, s.units, s.target_units, s.attainment_percent, s.total,
                       s.lines, string_agg(concat_ws('|', l.kind, l.order_id, l.opportunity_id,
                         l.deal_day, l.plan_id, l.plan_version, l.rule, l.basis, l.rate,
                         l.origin_rate, l.share_percent, l.amount, l.clawback_of), ','
                         ORDER BY l.id))) AS h
  FROM commission_statements s LEFT JOIN commission_lines l ON l.statement_id = s.id
  WHERE s.month = $1
  GROUP BY s.id) per_statement
"""


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--consultants", type=int, default=10_000)
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="run on the database a previous run populated (same sizes) instead of a fresh one",
    )
    parser.add_argument("--database", default=DATABASE)
    parser.add_argument(
        "--november-only",
        action="store_true",
        help="with --reuse: only November's run (October's lines are there to claw back; a"
        " rerun is the same work again), for A/B runs on a busy machine",
    )
    args = parser.parse_args()
    now = datetime.now(UTC)
    populate_seconds = 0.0
    if not args.reuse:
        await fresh_database(args.database, migrate_as="kpi")
        populate_seconds = await populate(args.database, args.consultants, args.deals, now)
    # The run as the api starts it: the app role, in the tenant's scope.
    engine = create_engine(
        Settings(env="test", service_name="kpi-bench", database_url=app_role_url(args.database))
    )
    sessions = create_session_factory(engine)
    figures: dict[str, object] = {}
    try:
        months = [("october", "2026-10"), ("november", "2026-11"), ("rerun", "2026-11")]
        if args.november_only:
            months = months[1:2]
        for label, month in months:
            started = time.perf_counter()
            # The run the API starts for a tenant, in that tenant's scope.
            with acting_for([TENANT]):
                runs = await run_commission(
                    sessions, tenant=TENANT, month=month, dealers=None, run_by="bench", now=now
                )
            figures[f"{label}_s"] = round(time.perf_counter() - started, 2)
            figures[f"{label}_statements"] = sum(r.statements for r in runs)
            figures[f"{label}_lines"] = sum(r.lines for r in runs)
            if label != "october":
                figures[f"{label}_total"] = str(sum(r.total for r in runs))
    finally:
        await engine.dispose()
    conn = await connect_across_tenants(args.database)
    try:
        counts = await conn.fetchrow(
            """
            SELECT
              (SELECT count(*) FROM deal_facts
                 WHERE outcome = 'won' AND day >= '2026-11-01') AS won,
              (SELECT count(*) FROM deal_facts WHERE outcome = 'cancelled') AS cancelled,
              (SELECT count(*) FROM commission_lines l JOIN commission_statements s
                 ON s.id = l.statement_id WHERE s.month = '2026-11' AND l.kind = 'clawback')
                 AS clawback_lines,
              (SELECT count(DISTINCT user_id) FROM commission_statements WHERE month = '2026-11')
                 AS consultants
            """
        )
        digests = {
            month: await conn.fetchval(_DIGEST, month)
            for month in ("2026-10", "2026-11")
            if month == "2026-11" or not args.november_only
        }
    finally:
        await conn.close()
    print(
        json.dumps(
            {
                "benchmark": "kpi.commission_run",
                "consultants": counts["consultants"],
                "dealers": args.consultants // 20,
                "november_won_deals": counts["won"],
                "cancelled": counts["cancelled"],
                "clawback_lines": counts["clawback_lines"],
                "populate_s": round(populate_seconds, 1),
                **figures,
                "october_digest": digests.get("2026-10"),
                "november_digest": digests["2026-11"],
                "machine": f"{platform.machine()} {os.cpu_count()} cpu, "
                f"Python {platform.python_version()}",
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
