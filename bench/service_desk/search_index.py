"""Which index serves a dealer's free-text ticket search in Chinese: EXPLAIN ANALYZE of the read
side's own statement (``crm_service_desk.views.tickets.ticket_list_query``, a dealer's service
advisor, newest 20 matches) over the same tickets with the indexes the migrations make, then
with ``btree_gin`` indexes that put the dealer's book in front of the text; and, to tell the
predicate's shape from the index, the same search with the book as one equality
(``owner_org = dealer``) on the table (row-level security forced, as in production) and on a
copy of it without row-level security.

    .venv/bin/python bench/service_desk/search_index.py --tickets 100000 --runs 15

Builds a throwaway, migrated service-desk database (``crm_bench_service_desk_search``) filled
like ``service_desk.py`` does (50 dealers, Chinese and English phrases, Chinese names). Prints
one JSON line: per index variant and query, PostgreSQL's planning + execution time (p50 and
max of ``--runs``) and the indexes the plan used.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
from datetime import UTC, datetime
from typing import Any

import service_desk  # type: ignore[import-not-found]  # this folder's filler, reused
from sqlalchemy import text

from crm_common.auth.principal import DataScope, Principal
from crm_common.db import create_engine, create_session_factory
from crm_common.db.tenancy import acting_for
from crm_common.settings import Settings
from crm_common.testing.bench import connect_across_tenants, fresh_database
from crm_service_desk.domain.search import query_grams
from crm_service_desk.views.tickets import TicketFilter, ticket_list_query

DATABASE = "crm_bench_service_desk_search"
QUERIES = {
    "chinese_2_common": "刹车",
    "chinese_4": "空调不制冷",
    "chinese_rare_phrase": "雨刮器无法启动",
    "chinese_absent": "天窗漏水",
    "english_word": "battery",
}
VARIANTS = {
    "migrations": [],
    "btree_gin (owner_org, search_grams)": [
        "CREATE EXTENSION IF NOT EXISTS btree_gin",
        "CREATE INDEX ix_bench_book_grams ON tickets USING gin (owner_org, search_grams)",
    ],
    "+ btree_gin (owner_org, search_text gin_trgm_ops)": [
        "CREATE INDEX ix_bench_book_text ON tickets USING gin (owner_org, search_text gin_trgm_ops)"
    ],
}


BOOK_ONLY = (
    "SELECT id FROM {table} WHERE tenant = 'oem-bench' AND owner_org = 'dealer-07'"
    " AND search_text LIKE '%{like}%' {grams} ORDER BY opened_at DESC LIMIT 20"
)


def book_only(table: str, words: str) -> str:
    """The search with the dealer's book as one equality (what an index can start with)."""
    pairs = query_grams(words)
    grams = (
        ""
        if pairs is None
        else "AND search_grams @> ARRAY[{}]".format(", ".join(f"'{p}'" for p in pairs))
    )
    return BOOK_ONLY.format(table=table, like=words.lower(), grams=grams)


async def explain_book_only(table: str, words: str, runs: int) -> dict[str, Any]:
    conn = await connect_across_tenants(DATABASE)
    try:
        times, plan = [], {}
        for _ in range(runs):
            raw = await conn.fetchval("EXPLAIN (ANALYZE, FORMAT JSON) " + book_only(table, words))
            plan = json.loads(raw)[0]
            times.append(plan["Planning Time"] + plan["Execution Time"])
    finally:
        await conn.close()
    return {
        "p50_ms": round(statistics.median(times), 2),
        "max_ms": round(max(times), 2),
        "indexes": indexes_used(plan),
    }


def indexes_used(plan: dict[str, Any]) -> list[str]:
    found = set(re.findall(r'"Index Name": "([^"]+)"', json.dumps(plan)))
    return sorted(found)


async def explain(sessions: Any, advisor: Principal, words: str, runs: int) -> dict[str, Any]:
    statement = service_desk.compiled(
        ticket_list_query(advisor, TicketFilter(text=words), limit=20, offset=0)
    )
    times, plan = [], {}
    for _ in range(runs):
        with acting_for([service_desk.TENANT]):
            async with sessions() as session:
                plan = (
                    await session.execute(text("EXPLAIN (ANALYZE, FORMAT JSON) " + statement))
                ).scalar_one()[0]
        times.append(plan["Planning Time"] + plan["Execution Time"])
    return {
        "p50_ms": round(statistics.median(times), 2),
        "max_ms": round(max(times), 2),
        "rows": plan["Plan"].get("Actual Rows"),
        "indexes": indexes_used(plan),
    }


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    now = datetime(2026, 11, 4, 3, 0, tzinfo=UTC)
    url = await fresh_database(DATABASE, migrate_as="service-desk")
    service_desk.DATABASE = DATABASE  # its filler writes to this run's database
    populate_s = await service_desk.populate_tickets(args.tickets, 0, now)
    advisor = Principal(
        user_id="advisor-7",
        tenant=service_desk.TENANT,
        org_node="dealer-07",
        roles=frozenset({"service_advisor"}),
        data_scope=DataScope.DEALER,
    )
    engine = create_engine(Settings(env="test", database_url=url, database_pool_size=2))
    sessions = create_session_factory(engine)
    figures: dict[str, Any] = {}
    try:
        for variant, statements in VARIANTS.items():
            conn = await connect_across_tenants(DATABASE)
            try:
                for statement in statements:
                    await conn.execute(statement)
                await conn.execute("ANALYZE tickets")
            finally:
                await conn.close()
            figures[variant] = {
                name: await explain(sessions, advisor, words, args.runs)
                for name, words in QUERIES.items()
            }
        conn = await connect_across_tenants(DATABASE)
        try:
            await conn.execute("CREATE TABLE tickets_without_rls AS SELECT * FROM tickets")
            for columns in (
                "(tenant, owner_org, opened_at)",
                "USING gin (owner_org, search_grams)",
            ):
                await conn.execute(f"CREATE INDEX ON tickets_without_rls {columns}")
            await conn.execute("ANALYZE tickets_without_rls")
        finally:
            await conn.close()
        for table in ("tickets", "tickets_without_rls"):
            figures[f"book as one equality, {table}"] = {
                name: await explain_book_only(table, words, args.runs)
                for name, words in QUERIES.items()
            }
    finally:
        await engine.dispose()
    print(
        json.dumps(
            {
                "tickets": args.tickets,
                "populate_s": round(populate_s, 1),
                "variants": figures,
                "cpus": os.cpu_count(),
                "load_average": os.getloadavg(),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
