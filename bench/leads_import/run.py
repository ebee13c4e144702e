"""Bulk lead import benchmark: a 100,000-row CSV uploaded to the leads API, imported by the
leads worker, its LeadCreated events relayed to Kafka and projected by kpi.

    .venv/bin/python bench/leads_import/run.py                    # the whole path (default)
    .venv/bin/python bench/leads_import/run.py --mode job         # only the import job, in-process

``--mode platform`` starts (``bench/leads_platform.py``), in throwaway databases
(``crm_bench_import_leads``, ``crm_bench_import_kpi``) and a fresh topic namespace, the real
processes: leads ``api``, leads ``worker`` (import job + outbox relay) and kpi ``worker``
(consumer), plus a JWKS file server standing in for identity. Figures (one JSON line):

- ``accepted_per_s``: rows / the time of ``POST /imports`` (upload streamed, job queued);
- ``imported_per_s``: rows / time from the upload's start until the job is ``done`` (leads,
  customers, history, outbox rows and error report committed);
- ``processed_per_s``: rows / time from the upload's start until every outbox row is published
  and kpi's ``lead_facts`` holds one fact per lead created (the DESIGN.md budget);
- ``kpi_tail_per_s``: facts/s kpi projects once everything is published (its own ceiling);
- ``cpu_us_per_row``: CPU each part spent from the upload's start until kpi had every fact,
  per row of the file: the leads api, the leads worker (import job and outbox relay), the kpi
  worker, the PostgreSQL backends serving each of the two databases (``bench/cpu.py``) and the
  Kafka broker (only when one broker runs: it serves the machine's other work too). On a
  machine shared with other work these move far less with the load than the wall times do
  (issue #23); ``load_average`` is the machine's before and after;
- ``idle_cpu_percent``: what each part spends idle (consumers polling, the relay's empty
  rounds), measured for ``--idle-seconds`` before the upload, and ``cpu_us_per_row_beyond_idle``
  what the import cost each part beyond that over the run (a slow run on a loaded machine
  otherwise counts its idle polling per row).

``--profile DIR`` samples the leads worker and the kpi worker with py-spy (``--py-spy``, on
PyPI) while the import runs, one raw collapsed-stack file each in DIR.

The file has ``--faulty-percent`` rows repeating an earlier phone (attached) and as many with a
bad phone (error report), Chinese headers, names and source labels.

``--mode job`` measures only the upload and the import job, in this process, on a migrated
throwaway database (no API, no Kafka).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from crm_common.auth.principal import DataScope, Principal
from crm_common.db import UnitOfWork, create_engine, create_session_factory
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.settings import Settings
from crm_common.testing.bench import connect_across_tenants, fresh_database

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: bench/ importable

from bench.cpu import (
    backends_cpu_seconds,
    cpu_spent_since,
    kafka_broker_pid,
    process_cpu_seconds,
)
from bench.leads_platform import FACTS, UNPUBLISHED, LeadsPlatform, count

TENANT = "oem-bench"
DEALER = "dealer-bench"
SOURCES = ["campaign", "referral", "walk_in", "phone", "web", "市场活动", "转介绍", "到店"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
PART_BYTES = 64 * 1024
DATABASES = "crm_bench_import"
LEADS_DATABASE = f"{DATABASES}_leads"
KPI_DATABASE = f"{DATABASES}_kpi"


def write_csv(path: Path, rows: int, faulty_percent: float) -> None:
    """Distinct mobile numbers; ``faulty_percent`` of the rows repeat an earlier phone and as
    many have a bad phone (they attach or land in the error report)."""
    pick = random.Random(4)
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write("姓名,手机,来源,意向车型\n")
        for i in range(rows):
            name = pick.choice(SURNAMES) + pick.choice(GIVEN) + pick.choice(GIVEN)
            phone = f"13{i:09d}"
            roll = pick.random() * 100
            if roll < faulty_percent and i:
                phone = f"13{pick.randrange(i):09d}"
            elif roll < 2 * faulty_percent:
                phone = f"12-{i}"
            file.write(f"{name},{phone},{pick.choice(SOURCES)},Model {i % 9}\n")


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


async def run_job_only(args: argparse.Namespace, csv_path: Path) -> dict[str, Any]:
    from crm_leads.application.imports import start_import, work_imports
    from crm_leads.domain.lead_import import ImportFormat

    url = await fresh_database(LEADS_DATABASE, migrate_as="leads")
    engine = create_engine(Settings(database_url=url, service_name="bench"))
    sessions = create_session_factory(engine)
    load_before = os.getloadavg()
    started = time.perf_counter()
    job = await start_import(
        file_parts(csv_path),
        ImportFormat.CSV,
        manager(),
        UnitOfWork(sessions),
        now=datetime.now(UTC),
    )
    uploaded = time.perf_counter()
    backends = await backends_cpu_seconds(LEADS_DATABASE)
    cpu = process_cpu_seconds(os.getpid(), reaped_children=True)
    await work_imports(
        sessions,
        clock=lambda: datetime.now(UTC),
        slice_rows=args.slice_rows,
        seconds=3600,
    )
    imported = time.perf_counter()
    job_cpu = process_cpu_seconds(os.getpid(), reaped_children=True) - cpu
    postgres_cpu = cpu_spent_since(backends, await backends_cpu_seconds(LEADS_DATABASE))
    await engine.dispose()
    created = await count(LEADS_DATABASE, "SELECT count(*) FROM leads")
    events = await count(
        LEADS_DATABASE, "SELECT count(*) FROM outbox WHERE event_type = 'leads.LeadCreated'"
    )
    return {
        "import_id": str(job.id),
        "leads_created": created,
        "lead_created_events": events,
        "upload_s": round(uploaded - started, 3),
        "accepted_per_s": round(args.rows / (uploaded - started)),
        "import_s": round(imported - uploaded, 3),
        "imported_per_s": round(args.rows / (imported - started)),
        "job_only_per_s": round(args.rows / (imported - uploaded)),
        "cpu_us_per_row": {
            "import job": round(job_cpu * 1e6 / args.rows, 1),
            "postgres leads": round(postgres_cpu * 1e6 / args.rows, 1),
        },
        "load_average": [round(load_before[0], 1), round(os.getloadavg()[0], 1)],
    }


async def run_platform(args: argparse.Namespace, csv_path: Path, work_dir: Path) -> dict[str, Any]:
    async with LeadsPlatform(work_dir, DATABASES) as spine:
        return await measure_platform(spine, args, csv_path)


class _Cpu:
    """CPU the platform's parts spent since ``start`` (``bench/cpu.py``), in seconds."""

    def __init__(self, spine: LeadsPlatform) -> None:
        self.processes = {f"{p.service} {p.role}": p.pid for p in spine.processes}
        broker = kafka_broker_pid()
        if broker is not None:
            self.processes["kafka broker"] = broker
        self.databases = {f"postgres {s}": spine.database(s) for s in ("leads", "kpi")}
        self.before: dict[str, float] = {}
        self.backends: dict[str, dict[int, float]] = {}

    async def start(self) -> None:
        self.before = {
            name: process_cpu_seconds(pid, reaped_children=True)
            for name, pid in self.processes.items()
        }
        self.backends = {
            name: await backends_cpu_seconds(database) for name, database in self.databases.items()
        }

    async def spent(self) -> dict[str, float]:
        spent = {
            name: process_cpu_seconds(pid, reaped_children=True) - self.before[name]
            for name, pid in self.processes.items()
        }
        for name, database in self.databases.items():
            spent[name] = cpu_spent_since(self.backends[name], await backends_cpu_seconds(database))
        return spent


@contextlib.contextmanager
def profiled(spine: LeadsPlatform, py_spy: str, folder: Path | None) -> Iterator[None]:
    """py-spy sampling the leads and kpi workers meanwhile, when ``folder`` is given."""
    samplers: list[subprocess.Popen[bytes]] = []
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        for process in spine.processes:
            if process.role != "worker":
                continue
            output = folder / f"{process.service}-{process.role}.txt"
            samplers.append(
                subprocess.Popen(
                    [
                        *(py_spy, "record", "--pid", str(process.pid), "--rate", "200"),
                        *("--format", "raw", "--nonblocking", "--output", str(output)),
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
    try:
        yield
    finally:
        for sampler in samplers:
            sampler.send_signal(signal.SIGINT)  # py-spy writes what it sampled on SIGINT
            sampler.wait(timeout=60)


async def measure_platform(
    spine: LeadsPlatform, args: argparse.Namespace, csv_path: Path
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {spine.token(manager())}", "Content-Type": "text/csv"}
    cpu = _Cpu(spine)
    load_before = os.getloadavg()
    leads_db = await connect_across_tenants(LEADS_DATABASE)
    kpi_db = await connect_across_tenants(KPI_DATABASE)
    try:
        async with httpx.AsyncClient(
            base_url=spine.api_url, headers=headers, timeout=120
        ) as client:
            with profiled(spine, args.py_spy, args.profile):
                # What each part spends idle (consumers polling, the relay's empty rounds):
                # on a loaded machine a run lasts long enough for it to count per row.
                await cpu.start()
                await asyncio.sleep(args.idle_seconds)
                idle_spent = await cpu.spent()
                idle = {name: spent / args.idle_seconds for name, spent in idle_spent.items()}
                await cpu.start()
                started = time.perf_counter()
                response = await client.post("/imports?format=csv", content=file_parts(csv_path))
                uploaded = time.perf_counter()
                response.raise_for_status()
                import_id = response.json()["id"]
                while True:
                    job = (await client.get(f"/imports/{import_id}")).json()
                    if job["status"] in ("done", "failed"):
                        break
                    await asyncio.sleep(0.2)
                imported = time.perf_counter()
                created = job["rows_created"]
                facts_when_imported = await kpi_db.fetchval(FACTS)
                while await leads_db.fetchval(UNPUBLISHED):  # noqa: ASYNC110
                    await asyncio.sleep(0.05)
                published = time.perf_counter()
                facts_when_published = await kpi_db.fetchval(FACTS)
                while await kpi_db.fetchval(FACTS) < created:
                    if time.perf_counter() - started > 900:
                        raise TimeoutError(
                            "kpi did not receive every LeadCreated within 15 minutes"
                        )
                    await asyncio.sleep(0.05)
                projected = time.perf_counter()
                spent = await cpu.spent()
    finally:
        await leads_db.close()
        await kpi_db.close()
    return {
        "import_id": import_id,
        "status": job["status"],
        "rows_created": created,
        "rows_attached": job["rows_attached"],
        "rows_failed": job["rows_failed"],
        "upload_s": round(uploaded - started, 3),
        "accepted_per_s": round(args.rows / (uploaded - started)),
        "import_done_s": round(imported - started, 3),
        "imported_per_s": round(args.rows / (imported - started)),
        "all_published_s": round(published - started, 3),
        "kpi_projected_s": round(projected - started, 3),
        "processed_per_s": round(args.rows / (projected - started)),
        "kpi_facts_when_imported": facts_when_imported,
        "kpi_facts_when_published": facts_when_published,
        "kpi_tail_per_s": round(
            (created - facts_when_published) / max(projected - published, 1e-3)
        ),
        "cpu_us_per_row": {
            name: round(seconds * 1e6 / args.rows, 1) for name, seconds in sorted(spent.items())
        },
        "cpu_us_per_row_total": round(sum(spent.values()) * 1e6 / args.rows, 1),
        "idle_cpu_percent": {name: round(rate * 100, 1) for name, rate in sorted(idle.items())},
        "cpu_us_per_row_beyond_idle": {
            name: round((seconds - idle[name] * (projected - started)) * 1e6 / args.rows, 1)
            for name, seconds in sorted(spent.items())
        },
        "load_average": [round(load_before[0], 1), round(os.getloadavg()[0], 1)],
    }


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        work_dir = Path(folder)
        csv_path = work_dir / "leads.csv"
        write_csv(csv_path, args.rows, args.faulty_percent)
        file_bytes = csv_path.stat().st_size
        if args.mode == "job":
            figures = await run_job_only(args, csv_path)
        else:
            figures = await run_platform(args, csv_path, work_dir)
    result = {
        "benchmark": "leads_import",
        "mode": args.mode,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "rows": args.rows,
        "file_bytes": file_bytes,
        **({"slice_rows": args.slice_rows} if args.mode == "job" else {}),
        **figures,
        "machine": f"{platform.machine()} {os.cpu_count()} cores, {platform.python_version()}",
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", choices=["platform", "job"], default="platform")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--faulty-percent", type=float, default=1.0)
    parser.add_argument(
        "--slice-rows", type=int, default=5_000, help="--mode job only (the worker uses its own)"
    )
    parser.add_argument(
        "--profile", type=Path, help="--mode platform: py-spy the workers into this folder"
    )
    parser.add_argument("--py-spy", default="py-spy", help="the py-spy command (--profile)")
    parser.add_argument(
        "--idle-seconds", type=float, default=10, help="--mode platform: idle CPU measured first"
    )
    with acting_for_all_tenants():  # imports run as a scheduled job across tenants
        asyncio.run(main(parser.parse_args()))
