"""What a unit of work of a single create's shape costs the api's process by the way it reaches
PostgreSQL (issue #23): a pool checkout (declaring the tenant scope, as every service's does),
``BEGIN``, three statements with bound parameters, ``COMMIT`` — through

- ``session``: the ``UnitOfWork`` over an ORM session, as the services run every command;
- ``core``: the same statements on a Core ``AsyncConnection`` (``engine.begin()``);
- ``driver``: the same on the pooled connection's asyncpg connection (SQL compiled beforehand).

    .venv/bin/python bench/leads/statement_overhead.py --units 2000 --rounds 6

8 concurrent clients, the three ways alternating round after round in one process; prints one
JSON line with each way's process CPU per unit of work (µs; user + system, PostgreSQL's not
included) per round and the median, and the load average. The statements are trivial
(``SELECT`` of the parameters), so the figures are the Python side's cost of a round trip, not
the database's work. Needs only the local PostgreSQL (a database ``crm_bench_statement_overhead``,
created empty).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
from collections.abc import Awaitable, Callable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from crm_common.db import UnitOfWork, create_session_factory
from crm_common.db.tenancy import act_for_tenant, scope_connections
from crm_common.testing.bench import app_role_url, fresh_database

DATABASE = "crm_bench_statement_overhead"
CLIENTS = 8
STATEMENTS = 3  # the create's book and settings, customer, and lead-history-audit-outbox
SQLALCHEMY = text("SELECT CAST(:name AS text), CAST(:number AS int), now()")
DRIVER = "SELECT CAST($1 AS text), CAST($2 AS int), now()"


async def main(args: argparse.Namespace) -> None:
    await fresh_database(DATABASE)
    engine = create_async_engine(app_role_url(DATABASE), pool_size=CLIENTS)
    scope_connections(engine)
    factory = create_session_factory(engine)

    async def session() -> None:
        async with UnitOfWork(factory) as uow:
            for number in range(STATEMENTS):
                (await uow.session.execute(SQLALCHEMY, {"name": "x", "number": number})).all()

    async def core() -> None:
        async with engine.begin() as connection:
            for number in range(STATEMENTS):
                (await connection.execute(SQLALCHEMY, {"name": "x", "number": number})).all()

    async def driver() -> None:
        async with engine.connect() as connection:
            asyncpg_connection = (await connection.get_raw_connection()).driver_connection
            if asyncpg_connection is None:
                raise RuntimeError("the pooled connection has no asyncpg connection")
            async with asyncpg_connection.transaction():
                for number in range(STATEMENTS):
                    await asyncpg_connection.fetch(DRIVER, "x", number)

    ways: dict[str, Callable[[], Awaitable[None]]] = {
        "session": session,
        "core": core,
        "driver": driver,
    }

    async def cpu_per_unit(way: Callable[[], Awaitable[None]], units: int) -> float:
        async def client() -> None:
            act_for_tenant("oem-bench")
            for _ in range(units // CLIENTS):
                await way()

        cpu = time.process_time()
        await asyncio.gather(*(client() for _ in range(CLIENTS)))
        return (time.process_time() - cpu) * 1e6 / units

    for way in ways.values():  # warm up: connections, statement caches
        await cpu_per_unit(way, 200)
    figures: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(args.rounds):
        for name, way in ways.items():
            figures[name].append(round(await cpu_per_unit(way, args.units)))
    await engine.dispose()
    print(
        json.dumps(
            {
                "benchmark": "leads.statement_overhead",
                "units": args.units,
                "statements_per_unit": STATEMENTS,
                "cpu_us_per_unit": figures,
                "median_us": {name: statistics.median(runs) for name, runs in figures.items()},
                "load_average": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=6)
    asyncio.run(main(parser.parse_args()))
