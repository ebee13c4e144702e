"""Service-desk benchmarks: the SLA/escalation sweep over open tickets, ticket search with
Chinese text, and the customer-care scan.

    .venv/bin/python bench/service_desk/service_desk.py --tickets 1000000 --due-percent 1 \
        --customers 1000000

Builds a throwaway service-desk database (``crm_bench_service_desk``) on the local PostgreSQL,
migrated as the owner (which grants the services' roles their rights), and fills it as the
owner with ``generate_series``: ``--tickets`` open tickets over 50 dealers (subjects and
descriptions drawn from Chinese and English phrases, Chinese customer names, phones, VINs), of
which ``--due-percent`` have an escalation step due; ``--customers`` after-sales profiles with
a vehicle each. Then runs, connected as the services run them (the worker's system role for
system work, the api's app role for a user's read):

- the escalation sweep (``crm_service_desk.application.escalations.sweep_escalations``), then
  again with nothing due;
- searches through the read side (``crm_service_desk.views.tickets.tickets_of``) as a dealer's
  service advisor: by phone, VIN, ticket number, two- and four-character Chinese words, a
  phrase, a word no ticket has and an English word; and as a team lead (the team data scope:
  the 5,000 tickets of the team's two advisors) their list and two words — ``--searches`` of
  each, p50/p99 in process and PostgreSQL's own time (``EXPLAIN ANALYZE`` of the statement);
- the same searches over HTTP (``http``): ``GET /tickets`` of a real service-desk api process
  (uvicorn) with signed tokens, one request at a time, p50/p99 end to end and the CPU the api
  and PostgreSQL spent per request;
- the care scan (``crm_service_desk.application.care.scan``) with a maintenance, an
  insurance-renewal and a birthday rule, then again (every action taken already).

The sweep and the scans print their wall time with the CPU seconds this process (the worker's
part) and the database's PostgreSQL backends spent, and the statements sent: on a machine
shared with other work the CPU moves far less with the load than the wall time.

``--reuse`` keeps a database an earlier run filled with as many tickets and customers (the
sweep's due tickets are put back as they were, the care actions, history and events removed);
``--only sweep,search,http,care`` runs some of them (``--only none``: fill only). Prints one
JSON line of figures, with the machine's load average before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import asyncpg
import httpx
from sqlalchemy import event, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import generate_private_key_pem, sign_access_token
from crm_common.db import create_engine, create_session_factory
from crm_common.db.tenancy import acting_for, acting_for_all_tenants
from crm_common.settings import Settings
from crm_common.testing.bench import (
    connect_across_tenants,
    fresh_database,
    percentile,
    service_database_env,
)
from crm_common.testing.jwks import serve_jwks
from crm_common.testing.processes import ServiceProcess, free_port
from crm_service_desk.application import care
from crm_service_desk.application.escalations import sweep_escalations
from crm_service_desk.domain.search import grams
from crm_service_desk.views.tickets import TicketFilter, ticket_list_query, tickets_of

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: bench/ importable

from bench.cpu import backends_cpu_seconds, cpu_spent_since, process_cpu_seconds

DATABASE = "crm_bench_service_desk"
TENANT = "oem-bench"
DEALERS = 50
TEAMS = 4
CHUNK = 100_000
ZONE = "Asia/Shanghai"
EXPLAINED = 40
PHRASES = [
    ("刹车异响", "前轮刹车片磨损, 行驶时有异响, 客户要求尽快检查"),
    ("空调不制冷", "空调开启后出风口温度偏高, 可能缺少制冷剂"),
    ("预约保养", "客户预约一万公里常规保养, 更换机油和机滤"),
    ("发动机故障灯亮", "仪表盘发动机故障灯常亮, 需要读取故障码"),
    ("变速箱顿挫", "低速换挡时有明显顿挫感, 怀疑变速箱油老化"),
    ("轮胎漏气", "右后轮胎压报警, 检查发现轮胎扎钉"),
    ("车窗升降异常", "左前车窗升降缓慢并有卡顿"),
    ("投诉服务态度", "客户投诉前台接待态度冷淡, 等待时间过长"),
    ("Brake noise", "Squeal from the front brakes when stopping at low speed"),
    ("Battery drains overnight", "The battery is flat every morning after parking"),
    ("导航系统死机", "中控屏幕导航经常死机需要重启"),
    ("雨刮器不工作", "下雨时雨刮器无法启动, 保险丝正常"),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"]


async def populate_tickets(tickets: int, due_percent: float, now: datetime) -> float:
    started = time.perf_counter()
    conn = await connect_across_tenants(DATABASE)
    try:
        await conn.execute(
            "CREATE TEMP TABLE phrases (idx int, subject text, description text, grams text[])"
        )
        await conn.executemany(
            "INSERT INTO phrases VALUES ($1, $2, $3, $4)",
            [(i, s, d, grams(f"{s} {d}")) for i, (s, d) in enumerate(PHRASES)],
        )
        names = [s + g for s in SURNAMES for g in GIVEN]
        await conn.execute("CREATE TEMP TABLE names (idx int, name text, grams text[])")
        await conn.executemany(
            "INSERT INTO names VALUES ($1, $2, $3)",
            [(i, n, grams(n)) for i, n in enumerate(names)],
        )
        await conn.execute(
            "INSERT INTO org_directory (id, tenant, parent_id, kind, path, dealer_id, active)"
            " VALUES ('hq', $1, NULL, 'node', '/hq/', NULL, true),"
            " ('east', $1, 'hq', 'node', '/hq/east/', NULL, true)",
            TENANT,
        )
        await conn.executemany(
            "INSERT INTO org_directory (id, tenant, parent_id, kind, path, dealer_id, active)"
            " VALUES ($1::varchar, $2, 'east', 'dealer', '/hq/east/' || $1::varchar || '/',"
            " $1::varchar, true)",
            [(f"dealer-{d:02d}", TENANT) for d in range(DEALERS)],
        )
        # Each dealer's service teams (an advisor works in one; a team lead lists its tickets).
        await conn.executemany(
            "INSERT INTO org_directory (id, tenant, parent_id, kind, path, dealer_id, active)"
            " VALUES ($1::varchar || '-t' || $2::varchar, $3, $1::varchar, 'node',"
            " '/hq/east/' || $1::varchar || '/' || $1::varchar || '-t' || $2::varchar || '/',"
            " $1::varchar, true)",
            [(f"dealer-{d:02d}", str(t), TENANT) for d in range(DEALERS) for t in range(TEAMS)],
        )
        due_every = max(1, round(100 / due_percent)) if due_percent > 0 else 0
        for start in range(0, tickets, CHUNK):
            end = min(start + CHUNK, tickets)
            await conn.execute(
                """
                INSERT INTO tickets (
                  id, number, tenant, owner_org, owner_user, owner_team, kind, channel,
                  priority, status, subject, description, customer_name, customer_phone, vin,
                  created_by, opened_at, updated_at, paused, first_response_target,
                  resolution_target, response_due_at, resolve_due_at, escalation_steps,
                  next_escalation_at, search_grams)
                SELECT gen_random_uuid(), 'SD-' || lpad(g::text, 8, '0'), $3::varchar,
                       'dealer-' || lpad((g % 50)::text, 2, '0'), 'advisor-' || (g % 400),
                       'dealer-' || lpad((g % 50)::text, 2, '0') || '-t' || ((g % 400) / 50 % 4),
                       CASE WHEN g % 10 = 0 THEN 'complaint' ELSE 'service_request' END,
                       'phone', 'normal', 'open', p.subject, p.description, n.name,
                       '+86138' || lpad(g::text, 8, '0'),
                       'LSV' || lpad(g::text, 14, '0'), 'bench',
                       $4::timestamptz - (g % 2000) * interval '1 hour',
                       $4::timestamptz, interval '0',
                       interval '4 hours', interval '27 hours', NULL,
                       $4::timestamptz + interval '1 day',
                       ARRAY['response_breach_notify_owner']::varchar[],
                       CASE WHEN $5::int > 0 AND g % $5::int = 0
                            THEN $4::timestamptz - interval '1 minute'
                            ELSE $4::timestamptz + (1 + g % 500) * interval '1 hour' END,
                       ARRAY(SELECT DISTINCT unnest(p.grams || n.grams))
                FROM generate_series($1::int, $2::int - 1) AS g
                JOIN phrases p ON p.idx = g % 12
                JOIN names n ON n.idx = g % 300
                """,
                start,
                end,
                TENANT,
                now,
                due_every,
            )
        await conn.execute("VACUUM ANALYZE tickets")
    finally:
        await conn.close()
    return time.perf_counter() - started


async def populate_customers(customers: int, now: datetime) -> float:
    started = time.perf_counter()
    conn = await connect_across_tenants(DATABASE)
    today = now.date()
    try:
        for start in range(0, customers, CHUNK):
            end = min(start + CHUNK, customers)
            await conn.execute(
                """
                WITH p AS (
                  INSERT INTO customer_profiles (
                    tenant, customer_id, owner_org, name, phone, email, birthday, segment,
                    insurance_expires_on, updated_at)
                  SELECT $3::varchar, gen_random_uuid(), 'dealer-' || lpad((g % 50)::text, 2, '0'),
                         'customer ' || g, '+86139' || lpad(g::text, 8, '0'),
                         CASE WHEN g % 3 = 0 THEN 'c' || g || '@example.cn' END,
                         date '1970-01-01' + (g % 15000), CASE WHEN g % 5 = 0 THEN 'tob'
                         ELSE 'toc' END, $4::date + (g % 365), $5::timestamptz
                  FROM generate_series($1::int, $2::int - 1) AS g
                  RETURNING customer_id, owner_org, name
                )
                INSERT INTO vehicles (tenant, vin, owner_org, customer_id, model, delivered_on,
                                      last_service_on, mileage_km)
                SELECT $3::varchar, 'LSV' || lpad(substr(p.name, 10), 14, '0'), p.owner_org,
                       p.customer_id, 'SUV-X', $4::date - (substr(p.name, 10)::int % 900),
                       $4::date - (substr(p.name, 10)::int % 200),
                       (substr(p.name, 10)::int % 30000)
                FROM p
                """,
                start,
                end,
                TENANT,
                today,
                now,
            )
        await conn.execute(
            """
            INSERT INTO care_rules (id, tenant, owner_org, kind, segment, action, message,
                                    months, km, days_before, window_days, complaints, active,
                                    created_by, created_at)
            VALUES
              (gen_random_uuid(), $1, 'hq', 'maintenance_due', 'toc', 'call', '{vin} 保养',
               6, NULL, 7, 30, 3, true, 'bench', $2),
              (gen_random_uuid(), $1, 'hq', 'insurance_renewal', 'toc', 'sms', '保险到期',
               NULL, NULL, 30, 30, 3, true, 'bench', $2),
              (gen_random_uuid(), $1, 'hq', 'birthday', 'toc', 'email', '生日快乐',
               NULL, NULL, 3, 30, 3, true, 'bench', $2)
            """,
            TENANT,
            now,
        )
        await conn.execute("VACUUM ANALYZE customer_profiles")
        await conn.execute("VACUUM ANALYZE vehicles")
    finally:
        await conn.close()
    return time.perf_counter() - started


ADVISOR = Principal(
    user_id="advisor-7",
    tenant=TENANT,
    org_node="dealer-07",
    roles=frozenset({"service_advisor"}),
    data_scope=DataScope.DEALER,
)
TEAM_LEAD = Principal(
    user_id="lead-07-t0",
    tenant=TENANT,
    org_node="dealer-07-t0",
    roles=frozenset({"service_advisor"}),
    data_scope=DataScope.TEAM,
)
"""A team lead sees the tickets its team's members own (``owner_team``): advisors 7 and 207
of dealer 07, 5,000 of the million."""


def search_kinds() -> dict[str, tuple[Principal, Callable[[int], TicketFilter]]]:
    """What is searched, by whom: a ticket ``g`` of the advisor's book picks the exact ones."""
    return {
        "phone": (ADVISOR, lambda g: TicketFilter(phone="+86138" + f"{g:08d}")),
        "vin": (ADVISOR, lambda g: TicketFilter(vin="LSV" + f"{g:014d}")),
        "number": (ADVISOR, lambda g: TicketFilter(number=f"SD-{g:08d}")),
        "chinese_2": (
            ADVISOR,
            lambda g: TicketFilter(text=["刹车", "空调", "保养", "轮胎"][g % 4]),
        ),
        "chinese_4": (
            ADVISOR,
            lambda g: TicketFilter(text=["刹车异响", "导航系统", "服务态度"][g % 3]),
        ),
        "chinese_phrase": (ADVISOR, lambda g: TicketFilter(text="雨刮器无法启动")),
        "chinese_absent": (ADVISOR, lambda g: TicketFilter(text="天窗漏水")),
        "english": (ADVISOR, lambda g: TicketFilter(text=["brake", "battery"][g % 2])),
        "team_list": (TEAM_LEAD, lambda g: TicketFilter()),
        "team_chinese_2": (TEAM_LEAD, lambda g: TicketFilter(text=["服务", "故障", "雨刮"][g % 3])),
        "team_chinese_absent": (TEAM_LEAD, lambda g: TicketFilter(text="天窗漏水")),
    }


def search_picks(tickets: int, rounds: int) -> list[int]:
    rng = random.Random(7)
    return [rng.randrange(tickets) // 50 * 50 + 7 for _ in range(rounds)]


async def searches(
    sessions: async_sessionmaker[AsyncSession], tickets: int, rounds: int
) -> dict[str, dict[str, float]]:
    """In process (``tickets_of``: a session, the tenant declaration, the statement, masking)
    and PostgreSQL's own time for the same statement."""
    picks = search_picks(tickets, rounds)
    figures = {}
    for name, (who, make) in search_kinds().items():
        times, executed = [], []
        for g in picks:
            started = time.perf_counter()
            with acting_for([TENANT]):
                await tickets_of(sessions, who, make(g), limit=20, offset=0)
            times.append((time.perf_counter() - started) * 1000)
        # What PostgreSQL itself spends on the statement (the planner's and executor's time),
        # apart from the client's share of a loaded machine.
        for g in picks[:EXPLAINED]:
            statement = ticket_list_query(who, make(g), limit=20, offset=0)
            with acting_for([TENANT]):
                async with sessions() as session:
                    await session.execute(text("SET LOCAL jit = off"))  # as tickets_of runs it
                    plan = (
                        await session.execute(
                            text("EXPLAIN (ANALYZE, FORMAT JSON) " + compiled(statement))
                        )
                    ).scalar_one()
            executed.append(plan[0]["Planning Time"] + plan[0]["Execution Time"])
        figures[name] = {
            "p50_ms": round(percentile(times, 50), 2),
            "p99_ms": round(percentile(times, 99), 2),
            "db_p50_ms": round(percentile(executed, 50), 2),
            "db_p99_ms": round(percentile(executed, 99), 2),
        }
    return figures


def query_of(wanted: TicketFilter) -> dict[str, str]:
    """``GET /tickets``' query for a filter of ``search_kinds``."""
    asked = {"phone": wanted.phone, "vin": wanted.vin, "number": wanted.number, "q": wanted.text}
    return {"limit": "20"} | {name: value for name, value in asked.items() if value is not None}


async def http_searches(tickets: int, rounds: int) -> dict[str, Any]:
    """The same searches over HTTP against a real service-desk api process (uvicorn, as
    ``python -m crm_service_desk api``; tokens checked against a loopback JWKS), one request
    at a time: the budget's end-to-end figure. With the CPU the api process and the database's
    backends spent per request."""
    key_pem = generate_private_key_pem()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    work = Path(tempfile.mkdtemp(prefix="bench-service-desk-"))
    picks = search_picks(tickets, rounds)
    figures: dict[str, Any] = {}
    with serve_jwks([key_pem]) as jwks_url:
        env = {
            "CRM_ENV": "test",
            "CRM_SERVICE_NAME": "service-desk",
            **service_database_env(DATABASE),
            "CRM_HTTP_PORT": str(port),
            "CRM_JWKS_URL": jwks_url,
            "CRM_FILE_STORAGE": str(work / "files"),
            "CRM_LOG_LEVEL": "WARNING",
        }
        api = ServiceProcess("service-desk", "api", env, work, ready_url=f"{url}/readyz")
        await asyncio.to_thread(api.start, 180)
        try:
            async with httpx.AsyncClient(base_url=url, timeout=30) as client:
                for name, (who, make) in search_kinds().items():
                    token = sign_access_token(key_pem, who, issuer="crm-identity", audience="crm")
                    headers = {"Authorization": f"Bearer {token}"}
                    # One request first: the api's first use of a statement compiles it.
                    await client.get("/tickets", params=query_of(make(picks[0])), headers=headers)
                    times = []
                    api_cpu = process_cpu_seconds(api.pid)
                    postgres_cpu = await backends_cpu_seconds(DATABASE)
                    for g in picks:
                        started = time.perf_counter()
                        response = await client.get(
                            "/tickets", params=query_of(make(g)), headers=headers
                        )
                        times.append((time.perf_counter() - started) * 1000)
                        response.raise_for_status()
                    api_cpu = process_cpu_seconds(api.pid) - api_cpu
                    postgres_cpu = cpu_spent_since(
                        postgres_cpu, await backends_cpu_seconds(DATABASE)
                    )
                    figures[name] = {
                        "p50_ms": round(percentile(times, 50), 2),
                        "p99_ms": round(percentile(times, 99), 2),
                        "max_ms": round(max(times), 2),
                        "cpu_ms_per_request": {
                            "api": round(api_cpu * 1000 / len(picks), 2),
                            "postgres": round(postgres_cpu * 1000 / len(picks), 2),
                        },
                    }
        finally:
            await asyncio.to_thread(api.stop)
    return figures


def compiled(statement: Any) -> str:
    return str(
        statement.compile(
            dialect=postgresql.dialect(),  # type: ignore[no-untyped-call]
            compile_kwargs={"literal_binds": True},
        )
    )


async def filled(tickets: int, customers: int) -> bool:
    """Whether an earlier run left this database with as many tickets and customers."""
    try:
        conn = await connect_across_tenants(DATABASE)
    except asyncpg.InvalidCatalogNameError:
        return False
    try:
        has = await conn.fetchval("SELECT count(*) FROM tickets")
        profiles = await conn.fetchval("SELECT count(*) FROM customer_profiles")
    except asyncpg.UndefinedTableError:
        return False
    finally:
        await conn.close()
    return bool(has == tickets and profiles == customers)


async def rearm(due_percent: float, now: datetime) -> None:
    """Puts an earlier run's swept tickets back as the filler made them and removes what the
    sweep and the care scan wrote (history, actions, messages, events)."""
    due_every = max(1, round(100 / due_percent)) if due_percent > 0 else 0
    conn = await connect_across_tenants(DATABASE)
    try:
        await conn.execute(
            """
            UPDATE tickets SET
              owner_user = 'advisor-' || (substr(number, 4)::int % 400),
              raised_to_org = NULL, updated_at = $1::timestamptz,
              escalation_steps = ARRAY['response_breach_notify_owner']::varchar[],
              next_escalation_at =
                CASE WHEN $2::int > 0 AND substr(number, 4)::int % $2::int = 0
                     THEN $1::timestamptz - interval '1 minute'
                     ELSE $1::timestamptz + (1 + substr(number, 4)::int % 500) * interval '1 hour'
                END
            WHERE cardinality(escalation_steps) > 1
               OR (next_escalation_at <= $1::timestamptz) IS DISTINCT FROM
                  ($2::int > 0 AND substr(number, 4)::int % $2::int = 0)
            """,
            now,
            due_every,
        )
        # What the sweep and the care scan wrote.
        await conn.execute("DELETE FROM ticket_history")
        await conn.execute("DELETE FROM care_actions")
        await conn.execute("DELETE FROM notifications")
        await conn.execute("DELETE FROM outbox")
        for table in ("tickets", "ticket_history", "care_actions", "notifications", "outbox"):
            await conn.execute(f"VACUUM ANALYZE {table}")
    finally:
        await conn.close()


async def published() -> dict[str, int]:
    """The events in the outbox by type (the sweep's or the care scan's, after ``rearm``)."""
    conn = await connect_across_tenants(DATABASE)
    try:
        rows = await conn.fetch("SELECT event_type, count(*) AS n FROM outbox GROUP BY 1")
    finally:
        await conn.close()
    return {row["event_type"]: row["n"] for row in rows}


async def measured(engine: AsyncEngine, work: Callable[[], Awaitable[int]]) -> dict[str, Any]:
    """Runs ``work`` (the sweep, the scan): its wall time, the CPU this process (the worker)
    and the database's PostgreSQL backends spent on it, and the statements it sent — on a
    machine shared with other work the CPU moves far less with the load than the wall time."""
    statements = 0

    def count(*_: Any) -> None:
        nonlocal statements
        statements += 1

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    postgres_cpu = await backends_cpu_seconds(DATABASE)
    worker_cpu = time.process_time()
    started = time.perf_counter()
    try:
        done = await work()
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
    wall = time.perf_counter() - started
    worker_cpu = time.process_time() - worker_cpu
    postgres_cpu = cpu_spent_since(postgres_cpu, await backends_cpu_seconds(DATABASE))
    return {
        "done": done,
        "wall_s": round(wall, 2),
        "worker_cpu_s": round(worker_cpu, 2),
        "postgres_cpu_s": round(postgres_cpu, 2),
        "statements": statements,
    }


def role_sessions(role: str) -> tuple[AsyncEngine, async_sessionmaker[AsyncSession]]:
    """Sessions as the services' ``role`` (``CRM_DATABASE_URL``: the api's app role,
    ``CRM_DATABASE_SYSTEM_URL``: the worker's system role)."""
    settings = Settings(env="test", database_url=service_database_env(DATABASE)[role])
    engine = create_engine(settings.model_copy(update={"database_pool_size": 4}))
    return engine, create_session_factory(engine)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--due-percent", type=float, default=1.0)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--only", default="sweep,search,http,care")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    now = datetime(2026, 11, 4, 3, 0, tzinfo=UTC)  # Wednesday 11:00 in Shanghai
    load_before = os.getloadavg()
    figures: dict[str, Any] = {
        "tickets": args.tickets,
        "due_percent": args.due_percent,
        "customers": args.customers,
    }
    if args.reuse and await filled(args.tickets, args.customers):
        await rearm(args.due_percent, now)
        figures["reused"] = True
    else:
        await fresh_database(DATABASE, migrate_as="service-desk")
        tickets_seconds = await populate_tickets(args.tickets, args.due_percent, now)
        customers_seconds = await populate_customers(args.customers, now)
        figures["populate_s"] = round(tickets_seconds + customers_seconds, 1)
    worker, system = role_sessions("CRM_DATABASE_SYSTEM_URL")
    api, app = role_sessions("CRM_DATABASE_URL")
    try:
        if "sweep" in parts:
            with acting_for_all_tenants():
                sweep = await measured(
                    worker, lambda: sweep_escalations(system, now=now, timezone=ZONE)
                )
                again = await measured(
                    worker, lambda: sweep_escalations(system, now=now, timezone=ZONE)
                )
            figures |= {
                "sweep_steps": sweep.pop("done"),
                "sweep_events": await published(),
                "sweep": sweep,
                "second_sweep_steps": again.pop("done"),
                "second_sweep": again,
            }
        if "search" in parts:
            figures["search"] = await searches(app, args.tickets, args.searches)
        if "http" in parts:
            figures["search_http"] = await http_searches(args.tickets, args.searches)
        if "care" in parts:
            with acting_for_all_tenants():
                first = await measured(worker, lambda: care.scan(system, now=now, timezone=ZONE))
                daily = await measured(worker, lambda: care.scan(system, now=now, timezone=ZONE))
            figures |= {
                "care_actions": first.pop("done"),
                "care_events": await published(),
                "care_scan": first,
                "second_care_scan_actions": daily.pop("done"),
                "second_care_scan": daily,
            }
    finally:
        await worker.dispose()
        await api.dispose()
    figures |= {
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "run_id": str(uuid4())[:8],
    }
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    asyncio.run(main())
