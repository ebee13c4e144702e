"""The path a lead takes through the platform, started for a benchmark: the real leads ``api``
and ``worker`` (outbox relay, import job) and the kpi ``worker`` (consumer) as processes, each
service in a throwaway database of its own and all on a fresh Kafka topic namespace, with a
JWKS file server standing in for identity. One way to start it, shared by the lead benchmarks.

A script run as ``.venv/bin/python bench/<area>/<script>.py`` imports it after putting the
repository root on ``sys.path`` (``from bench.leads_platform import ...``).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from types import TracebackType
from uuid import uuid4

from crm_common.auth.principal import Principal
from crm_common.auth.tokens import generate_private_key_pem, jwks_document, sign_access_token
from crm_common.messaging.topics import ensure_topics, platform_topics
from crm_common.settings import Settings
from crm_common.testing.bench import (
    connect_across_tenants,
    fresh_database,
    service_database_env,
)
from crm_common.testing.processes import ServiceProcess, free_port

FACTS = "SELECT count(*) FROM lead_facts"
UNPUBLISHED = "SELECT count(*) FROM outbox WHERE published_at IS NULL"


async def count(database: str, query: str) -> int:
    conn = await connect_across_tenants(database)
    try:
        return int(await conn.fetchval(query))
    finally:
        await conn.close()


class LeadsPlatform:
    """leads api + worker and kpi worker in the databases ``<prefix>_leads`` and
    ``<prefix>_kpi``, and a JWKS file server; stopped on leaving ``async with``."""

    def __init__(self, work_dir: Path, database_prefix: str) -> None:
        self.work_dir = work_dir
        self.database_prefix = database_prefix
        self.namespace = f"bench{uuid4().hex[:6]}."
        self.signing_key = generate_private_key_pem()
        self.jwks_port = free_port()
        self.api_port = free_port()
        self.processes: list[ServiceProcess] = []
        self.jwks: subprocess.Popen[bytes] | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    def database(self, service: str) -> str:
        return f"{self.database_prefix}_{service}"

    async def start(self) -> None:
        settings = Settings(kafka_namespace=self.namespace)
        await ensure_topics(settings.kafka_bootstrap_servers, platform_topics(settings))
        jwks_dir = self.work_dir / "jwks" / ".well-known"
        jwks_dir.mkdir(parents=True)
        (jwks_dir / "jwks.json").write_text(json.dumps(jwks_document([self.signing_key])))
        self.jwks = subprocess.Popen(  # noqa: ASYNC220 - a server for the whole run
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
            database = self.database(service)
            # Dropped here, at the next start, not at the end: a finished run can be inspected.
            await fresh_database(database, migrate_as=service)
            env = {
                **common,
                "CRM_SERVICE_NAME": service,
                **service_database_env(database),
                "CRM_HTTP_PORT": str(self.api_port),
                "CRM_GRPC_PORT": str(free_port()),
                "CRM_WORKER_METRICS_PORT": str(free_port()),
            }
            roles = ["api", "worker"] if service == "leads" else ["worker"]
            for role in roles:
                ready = (
                    f"{self.api_url}/readyz"
                    if role == "api"
                    else f"http://127.0.0.1:{env['CRM_WORKER_METRICS_PORT']}/metrics"
                )
                process = ServiceProcess(service, role, env, self.work_dir, ready_url=ready)
                self.processes.append(process)
                process.start()
        await asyncio.sleep(3)  # kpi's consumer joins its group before the clock starts

    def token(self, principal: Principal) -> str:
        return sign_access_token(
            self.signing_key, principal, issuer="crm-identity", audience="crm", ttl_seconds=3600
        )

    def stop(self) -> None:
        for process in self.processes:
            process.stop()
        if self.jwks is not None:
            self.jwks.terminate()
            self.jwks.wait()

    async def __aenter__(self) -> LeadsPlatform:
        try:
            await self.start()
        except BaseException:
            self.stop()  # what did start, a process failing to get ready among them
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
