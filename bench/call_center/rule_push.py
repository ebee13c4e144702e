"""Call-list push benchmark: rule-pushed renewal calls dealt out by a dealer's queue.

    .venv/bin/python bench/call_center/rule_push.py --tasks 100000 --members 20 --strategy skill

A throwaway migrated call-center database (``crm_bench_rule_push``): one dealer's renewal
desk taking ``policy_renewal`` tasks with ``--members`` agents. ``--tasks`` renewal calls (what
the service desk's ``CareDue`` events ask for) go through the consumer's own effect,
``push_rule_calls``, in batches of the consumer's batch size, one transaction each (as the
shared inbox applies a batch): seconds, tasks/s, the spread between the busiest and the idlest
member, ``CallTaskCreated`` rows in the outbox; then the same calls again (a redelivery: no
task may be made twice). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from sqlalchemy import func, insert, select

from crm_call_center.adapters.tables import agents, call_tasks, queues
from crm_call_center.application.distribution import RuleCall, push_rule_calls
from crm_call_center.domain.tasks import TaskKind
from crm_common.db import UnitOfWork, create_engine, create_session_factory
from crm_common.db.tables import outbox
from crm_common.db.tenancy import acting_for
from crm_common.messaging.consumer import MAX_BATCH_RECORDS
from crm_common.settings import Settings
from crm_common.testing.bench import fresh_database, system_role_url

DATABASE = "crm_bench_rule_push"
TENANT = "oem-bench"
DEALER = "dealer-01"


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--strategy", choices=("round_robin", "skill"), default="skill")
    args = parser.parse_args()
    await fresh_database(DATABASE, migrate_as="call-center")
    # Rules' tasks are pushed by the worker: the system role.
    engine = create_engine(
        Settings(env="test", database_url=system_role_url(DATABASE), database_pool_size=2)
    )
    sessions = create_session_factory(engine)
    queue_id = uuid4()
    due = datetime.now(UTC) + timedelta(days=30)
    calls = [
        RuleCall(
            tenant=TENANT,
            owner_org=DEALER,
            kind=TaskKind.POLICY_RENEWAL,
            due_at=due,
            customer_name=f"客户{n}",
            phone=f"139{n:08d}",
            rule="care:insurance_renewal",
            reason="The compulsory insurance expires within 30 days",
            source_key=f"care:{uuid4()}",
            customer_id=uuid4(),
        )
        for n in range(args.tasks)
    ]
    try:
        with acting_for([TENANT]):
            async with sessions() as session, session.begin():
                await session.execute(
                    insert(queues).values(
                        id=queue_id,
                        tenant=TENANT,
                        owner_org=DEALER,
                        name="Renewal desk",
                        pbx_queue="renewal",
                        strategy=args.strategy,
                        task_kinds=["policy_renewal"],
                    )
                )
                await session.execute(
                    insert(agents),
                    [
                        {
                            "tenant": TENANT,
                            "user_id": f"renewal-{m:03d}",
                            "owner_org": DEALER,
                            "display_name": f"renewal {m}",
                            "extension": f"{8000 + m}",
                            "skills": ["renewal"],
                            "queue_ids": [queue_id],
                        }
                        for m in range(args.members)
                    ],
                )

            async def push_all() -> tuple[int, float]:
                started, dealt = time.perf_counter(), 0
                for start in range(0, len(calls), MAX_BATCH_RECORDS):
                    async with UnitOfWork(sessions) as uow:
                        pushed = await push_rule_calls(
                            uow, calls[start : start + MAX_BATCH_RECORDS]
                        )
                    dealt += pushed.dealt
                return dealt, time.perf_counter() - started

            dealt, seconds = await push_all()
            again, again_seconds = await push_all()
            async with sessions() as session:
                rows = await session.execute(
                    select(call_tasks.c.assignee, func.count()).group_by(call_tasks.c.assignee)
                )
                per_member = Counter({assignee: count for assignee, count in rows.all()})
                created = await session.scalar(
                    select(func.count()).where(outbox.c.event_type == "call_center.CallTaskCreated")
                )
    finally:
        await engine.dispose()
    print(
        json.dumps(
            {
                "tasks": args.tasks,
                "members": args.members,
                "strategy": args.strategy,
                "batch": MAX_BATCH_RECORDS,
                "dealt": dealt,
                "seconds": round(seconds, 2),
                "tasks_per_s": round(dealt / seconds),
                "busiest_minus_idlest": max(per_member.values()) - min(per_member.values()),
                "task_created_events": created,
                "redelivered_dealt": again,
                "redelivered_seconds": round(again_seconds, 2),
                "cpus": os.cpu_count(),
                "load_average": os.getloadavg(),
                "python": platform.python_version(),
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
