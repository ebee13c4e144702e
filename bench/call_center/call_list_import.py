"""Big call-list import benchmark: a renewal list uploaded and imported in the background on
the shared import job (``crm_common.import_jobs``), every row fully processed.

    .venv/bin/python bench/call_center/call_list_import.py --rows 100000 --members 20

A throwaway migrated call-center database (``crm_bench_call_list_import``): one dealer's
renewal desk taking ``policy_renewal`` tasks with ``--members`` agents. A CSV of ``--rows``
policies (Chinese headers and names, ``--faulty-percent`` rows with a bad phone and as many
repeating an earlier customer and date) is uploaded in 64 KiB parts through the application
function the API calls (``start_import``: the job and the file's chunks in one transaction),
then imported by the worker's own loop (``work_call_lists``: the reader process, a slice of
``--slice-rows`` rows per transaction with its tasks dealt out by the queue, each
``CallTaskCreated`` in the outbox, the rejected rows and the progress). Fully processed means
the import is ``done``: every task, rejected row and outbox row committed (publishing them to
Kafka is the relay's, measured by bench/events). Prints one JSON line with the load average
(the machine is shared).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import tempfile
import time
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import uuid4
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select

from crm_call_center.adapters.tables import agents, call_tasks, queues
from crm_call_center.application.call_lists import (
    ImportCallList,
    import_of,
    start_import,
    work_call_lists,
)
from crm_call_center.domain.tasks import TaskKind
from crm_common.auth.principal import DataScope, Principal
from crm_common.db import UnitOfWork, create_engine, create_session_factory
from crm_common.db.tables import outbox
from crm_common.db.tenancy import acting_for
from crm_common.settings import Settings
from crm_common.testing.bench import app_role_url, fresh_database, system_role_url

DATABASE = "crm_bench_call_list_import"
TENANT = "oem-bench"
DEALER = "dealer-01"
PART_BYTES = 64 * 1024
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"


def write_csv(path: Path, rows: int, faulty_percent: float) -> None:
    pick = random.Random(18)
    first = date.today() + timedelta(days=40)
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write("姓名,手机,保险到期日,备注\n")
        for i in range(rows):
            name = pick.choice(SURNAMES) + pick.choice(GIVEN) + pick.choice(GIVEN)
            phone, due = f"139{i:08d}", first + timedelta(days=i % 300)
            roll = pick.random() * 100
            if roll < faulty_percent and i:
                earlier = pick.randrange(i)
                phone, due = f"139{earlier:08d}", first + timedelta(days=earlier % 300)
            elif roll < 2 * faulty_percent:
                phone = f"no-{i}"
            file.write(f"{name},{phone},{due.isoformat()},交强险\n")


async def file_parts(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as file:
        while part := file.read(PART_BYTES):
            yield part


def manager() -> Principal:
    return Principal(
        user_id="bench.manager",
        tenant=TENANT,
        org_node=DEALER,
        roles=frozenset({"sales_manager"}),
        data_scope=DataScope.DEALER,
    )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--slice-rows", type=int, default=2_000)
    parser.add_argument("--faulty-percent", type=float, default=1.0)
    args = parser.parse_args()
    await fresh_database(DATABASE, migrate_as="call-center")
    # The upload is the api's (the app role), the import the worker's (the system role).
    api_engine = create_engine(
        Settings(env="test", database_url=app_role_url(DATABASE), database_pool_size=2)
    )
    engine = create_engine(
        Settings(env="test", database_url=system_role_url(DATABASE), database_pool_size=4)
    )
    api_sessions, sessions = create_session_factory(api_engine), create_session_factory(engine)
    queue_id = uuid4()
    load_before = os.getloadavg()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-call-list-") as folder:
            csv_path = Path(folder) / "renewals.csv"
            write_csv(csv_path, args.rows, args.faulty_percent)
            with acting_for([TENANT]):
                async with sessions() as session, session.begin():
                    await session.execute(
                        insert(queues).values(
                            id=queue_id,
                            tenant=TENANT,
                            owner_org=DEALER,
                            name="Renewal desk",
                            pbx_queue="renewal",
                            strategy="round_robin",
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
                started = time.perf_counter()
                job = await start_import(
                    UnitOfWork(api_sessions),
                    manager(),
                    file_parts(csv_path),
                    ImportCallList(file_format="csv", kind=TaskKind.POLICY_RENEWAL, days_before=30),
                    now=datetime.now(UTC),
                )
                uploaded = time.perf_counter()
                await work_call_lists(
                    sessions,
                    clock=lambda: datetime.now(UTC),
                    business_tz=ZoneInfo("Asia/Shanghai"),
                    slice_rows=args.slice_rows,
                    seconds=3600,
                )
                done = time.perf_counter()
                async with sessions() as session:
                    tasks = await session.scalar(select(func.count()).select_from(call_tasks))
                    events = await session.scalar(
                        select(func.count()).where(
                            outbox.c.event_type == "call_center.CallTaskCreated"
                        )
                    )
                finished = await import_of(api_sessions, manager(), job.id)
    finally:
        await engine.dispose()
        await api_engine.dispose()
    print(
        json.dumps(
            {
                "rows": args.rows,
                "slice_rows": args.slice_rows,
                "status": finished.status.value,
                "rows_read": finished.rows_read,
                "tasks_created": finished.tasks_created,
                "already_imported": finished.already_imported,
                "rows_rejected": finished.rows_rejected,
                "tasks_in_database": tasks,
                "task_created_events": events,
                "upload_s": round(uploaded - started, 2),
                "import_s": round(done - uploaded, 2),
                "processed_per_s": round(args.rows / (done - started)),
                "cpus": os.cpu_count(),
                "load_average_before": load_before,
                "load_average_after": os.getloadavg(),
                "python": platform.python_version(),
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
