"""Bulk lead import benchmark: a 100,000-row CSV uploaded to the leads API, imported by the
leads worker, its LeadCreated events relayed to Kafka and projected by kpi.

    .venv/bin/python bench/leads_import/run.py                    # the whole path (default)
    .venv/bin/python bench/leads_import/run.py --mode job         # only the import job, in-process

``--mode platform`` starts, in throwaway databases (``crm_bench_import_leads``,
``crm_bench_import_kpi``) and a fresh topic namespace, the real processes: leads ``api``, leads
``worker`` (import job + outbox relay) and kpi ``worker`` (consumer), plus a JWKS file server
standing in for identity. Figures (one JSON line):

- ``accepted_per_s``: rows / the time of ``POST /imports`` (upload streamed, job queued);
- ``imported_per_s``: rows / time from the upload's start until the job is ``done`` (leads,
  customers, history, outbox rows and error report committed);
- ``processed_per_s``: rows / time from the upload's start until every outbox row is published
  and kpi's ``lead_facts`` holds one fact per lead created (the DESIGN.md budget);
- ``kpi_tail_per_s``: facts/s kpi projects once everything is published (its own ceiling).

The file has ``--faulty-percent`` rows repeating an earlier phone (attached) and as many with a
bad phone (error report), Chinese headers, names and source labels.

``--mode job`` measures only the upload and the import job, in this process, on a migrated
throwaway database (no API, no Kafka).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import asyncpg
import httpx

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import generate_private_key_pem, jwks_document, sign_access_token
from crm_common.db import UnitOfWork, create_engine, create_session_factory
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.messaging.topics import ensure_topics, platform_topics
from crm_common.settings import Settings
from crm_common.testing.bench import connect_across_tenants
from crm_common.testing.processes import ServiceProcess, free_port

PG = {"host": "127.0.0.1", "port": 5432, "user": "crm", "password": "crm"}
TENANT = "oem-bench"
DEALER = "dealer-bench"
SOURCES = ["campaign", "referral", "walk_in", "phone", "web", "市场活动", "转介绍", "到店"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
PART_BYTES = 64 * 1024
LEADS_DATABASE = "crm_bench_import_leads"
KPI_DATABASE = "crm_bench_import_kpi"
FACTS = "SELECT count(*) FROM lead_facts"
UNPUBLISHED = "SELECT count(*) FROM outbox WHERE published_at IS NULL"


def database_url(name: str) -> str:
    return f"postgresql+asyncpg://{PG['user']}:{PG['password']}@{PG['host']}:{PG['port']}/{name}"


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


async def recreate_database(name: str) -> None:
    conn = await asyncpg.connect(database="postgres", **PG)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def migrate(service: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", f"crm_{service}", "migrate"],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )


async def count(database: str, query: str) -> int:
    conn = await connect_across_tenants(database)
    try:
        return int(await conn.fetchval(query))
    finally:
        await conn.close()


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

    database = LEADS_DATABASE
    await recreate_database(database)
    migrate("leads", {"CRM_SERVICE_NAME": "leads", "CRM_DATABASE_URL": database_url(database)})
    engine = create_engine(Settings(database_url=database_url(database), service_name="bench"))
    sessions = create_session_factory(engine)
    started = time.perf_counter()
    job = await start_import(
        file_parts(csv_path),
        ImportFormat.CSV,
        manager(),
        UnitOfWork(sessions),
        now=datetime.now(UTC),
    )
    uploaded = time.perf_counter()
    await work_imports(
        sessions,
        clock=lambda: datetime.now(UTC),
        slice_rows=args.slice_rows,
        seconds=3600,
    )
    imported = time.perf_counter()
    await engine.dispose()
    created = await count(database, "SELECT count(*) FROM leads")
    events = await count(
        database, "SELECT count(*) FROM outbox WHERE event_type = 'leads.LeadCreated'"
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
    }


class Platform:
    """leads api + worker and kpi worker in throwaway databases, and a JWKS file server."""

    def __init__(self, work_dir: Path, slice_rows: int) -> None:
        self.work_dir = work_dir
        self.namespace = f"bench{uuid4().hex[:6]}."
        self.signing_key = generate_private_key_pem()
        self.jwks_port = free_port()
        self.api_port = free_port()
        self.slice_rows = slice_rows
        self.processes: list[ServiceProcess] = []
        self.jwks: subprocess.Popen[bytes] | None = None

    async def start(self) -> None:
        settings = Settings(kafka_namespace=self.namespace)
        await ensure_topics(settings.kafka_bootstrap_servers, platform_topics(settings))
        jwks_dir = self.work_dir / "jwks" / ".well-known"
        jwks_dir.mkdir(parents=True)
        (jwks_dir / "jwks.json").write_text(json.dumps(jwks_document([self.signing_key])))
        self.jwks = subprocess.Popen(  # noqa: ASYNC220
            [sys.executable, "-m", "http.server", str(self.jwks_port), "--bind", "127.0.0.1"],
            cwd=self.work_dir / "jwks",
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        common = {
            "CRM_KAFKA_NAMESPACE": self.namespace,
            "CRM_JWKS_URL": f"http://127.0.0.1:{self.jwks_port}/.well-known/jwks.json",
            "CRM_LOG_LEVEL": "WARNING",
        }
        for service in ("leads", "kpi"):
            database = f"crm_bench_import_{service}"
            await recreate_database(database)
            env = {
                **common,
                "CRM_SERVICE_NAME": service,
                "CRM_DATABASE_URL": database_url(database),
                "CRM_HTTP_PORT": str(self.api_port),
                "CRM_GRPC_PORT": str(free_port()),
                "CRM_WORKER_METRICS_PORT": str(free_port()),
            }
            migrate(service, env)
            roles = ["api", "worker"] if service == "leads" else ["worker"]
            for role in roles:
                ready = (
                    f"http://127.0.0.1:{self.api_port}/readyz"
                    if role == "api"
                    else f"http://127.0.0.1:{env['CRM_WORKER_METRICS_PORT']}/metrics"
                )
                process = ServiceProcess(service, role, env, self.work_dir, ready_url=ready)
                process.start()
                self.processes.append(process)
        await asyncio.sleep(3)  # kpi's consumer joins its group before the clock starts

    def token(self) -> str:
        return sign_access_token(
            self.signing_key, manager(), issuer="crm-identity", audience="crm", ttl_seconds=3600
        )

    def stop(self) -> None:
        for process in self.processes:
            process.stop()
        if self.jwks is not None:
            self.jwks.terminate()
            self.jwks.wait()


async def run_platform(args: argparse.Namespace, csv_path: Path, work_dir: Path) -> dict[str, Any]:
    spine = Platform(work_dir, args.slice_rows)
    await spine.start()
    try:
        return await measure_platform(spine, args, csv_path)
    finally:
        spine.stop()


async def measure_platform(
    spine: Platform, args: argparse.Namespace, csv_path: Path
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {spine.token()}", "Content-Type": "text/csv"}
    base = f"http://127.0.0.1:{spine.api_port}"
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120) as client:
        started = time.perf_counter()
        response = await client.post("/imports?format=csv", content=file_parts(csv_path))
        uploaded = time.perf_counter()
        response.raise_for_status()
        import_id = response.json()["id"]
        while True:
            job = (await client.get(f"/imports/{import_id}")).json()
            if job["status"] in ("done", "failed"):
                break
            await asyncio.sleep(0.05)
        imported = time.perf_counter()
    created = job["rows_created"]
    facts_when_imported = await count(KPI_DATABASE, FACTS)
    while await count(LEADS_DATABASE, UNPUBLISHED):  # noqa: ASYNC110
        await asyncio.sleep(0.05)
    published = time.perf_counter()
    facts_when_published = await count(KPI_DATABASE, FACTS)
    while await count(KPI_DATABASE, FACTS) < created:
        if time.perf_counter() - started > 900:
            raise TimeoutError("kpi did not receive every LeadCreated within 15 minutes")
        await asyncio.sleep(0.05)
    projected = time.perf_counter()
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
        "slice_rows": args.slice_rows,
        **figures,
        "machine": f"{platform.machine()} {os.cpu_count()} cores, {platform.python_version()}",
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", choices=["platform", "job"], default="platform")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--faulty-percent", type=float, default=1.0)
    parser.add_argument("--slice-rows", type=int, default=5_000)
    with acting_for_all_tenants():  # imports run as a scheduled job across tenants
        asyncio.run(main(parser.parse_args()))
