"""The spine as real processes: identity (JWKS), leads, opportunities, service-desk, kpi, the
call center and notifications, each api + worker; the portal's BFF in front of them when a test
asks for it. The call center is connected to an Asterisk PBX: the in-repo AMI server, which
plays the call flows a test gives it and takes the call center's actions."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import sign_access_token
from crm_common.messaging.topics import ensure_topics, platform_topics
from crm_common.settings import Settings
from crm_common.testing.ami_server import AmiReplayServer
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.plugin import Databases
from crm_common.testing.processes import ServiceProcess, free_port, run_command
from crm_common.testing.receivers import SmtpServer, smtp_server
from crm_portal.settings import PortalSettings

ISSUER, AUDIENCE = "crm-identity", "crm"
SERVICES = (
    "identity",
    "leads",
    "opportunities",
    "service-desk",
    "kpi",
    "call-center",
    "notifications",
)
CTI_WEBHOOK_SECRET = "e2e-cti-webhook-secret"
"""The spine's call center takes the demo tenant's calls as a cloud contact center's webhooks
signed with this (the hotline's: a call nobody claims belongs to HQ)."""
SPINE_READY_SECONDS = 240.0
CAMPAIGN_FORM_LIMIT = 20
"""Submissions per campaign and minute in the spine (small, so a test can reach it)."""
SWEEP_SECONDS = 2.0
"""The service desk's escalation sweep and care scan run this often in the spine (a test
waits seconds, not the production 30 s and hour, for a step or a care action)."""


@dataclass
class Spine:
    infrastructure: Infrastructure
    settings: Settings
    """Shared settings of the processes (namespace, bootstrap servers) for test-side clients."""
    signing_key_pem: str
    processes: dict[str, ServiceProcess]
    urls: dict[str, str]
    database_urls: dict[str, str]
    file_storage: Path
    """The services' file store (CRM_FILE_STORAGE): the PBX's recordings go below it."""
    pbx: AmiReplayServer
    """The demo tenant's Asterisk PBX (AMI) the call center is logged in to: a test plays its
    calls' events and sees the transfers, hang-ups and dials the call center asked for."""
    mail: SmtpServer
    """The SMTP relay every service sends its e-mail to (a local aiosmtpd process): a test
    reads what arrived."""

    def token(
        self,
        tenant: str,
        org: str,
        scope: DataScope = DataScope.DEALER,
        roles: set[str] | None = None,
        user: str | None = None,
    ) -> str:
        return sign_access_token(
            self.signing_key_pem,
            Principal(
                user_id=user or f"user-of-{org}",
                tenant=tenant,
                org_node=org,
                roles=frozenset(roles or {"sales_manager"}),
                data_scope=scope,
            ),
            issuer=ISSUER,
            audience=AUDIENCE,
        )

    def client(self, service: str, token: str | None = None) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.AsyncClient(base_url=self.urls[service], headers=headers, timeout=30)


@pytest.fixture(scope="session")
async def pbx() -> AsyncIterator[AmiReplayServer]:
    async with AmiReplayServer() as server:
        yield server


@pytest.fixture(scope="session")
def mail(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SmtpServer]:
    with smtp_server(tmp_path_factory.mktemp("spine-mail")) as server:
        yield server


@pytest.fixture(scope="session")
async def spine(
    pbx: AmiReplayServer,
    mail: SmtpServer,
    infrastructure: Infrastructure,
    databases: Databases,
    run_id: str,
    signing_key_pem: str,
    signing_key_encryption_key: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[Spine]:
    log_dir = Path(tmp_path_factory.mktemp("spine-logs"))
    file_storage = Path(tmp_path_factory.mktemp("spine-files"))
    namespace = f"t{run_id}."
    settings = Settings(
        env="test",
        kafka_bootstrap_servers=infrastructure.kafka_bootstrap_servers,
        kafka_namespace=namespace,
    )
    await ensure_topics(settings.kafka_bootstrap_servers, platform_topics(settings))
    ports = {name: free_port() for name in SERVICES}
    grpc_ports = {name: free_port() for name in SERVICES}
    urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    common_env = {
        "CRM_ENV": "test",
        "CRM_KAFKA_BOOTSTRAP_SERVERS": infrastructure.kafka_bootstrap_servers,
        "CRM_KAFKA_NAMESPACE": namespace,
        "CRM_REDIS_URL": infrastructure.redis_url,
        "CRM_JWKS_URL": f"{urls['identity']}/.well-known/jwks.json",
        "CRM_JWT_ISSUER": ISSUER,
        "CRM_JWT_AUDIENCE": AUDIENCE,
        "CRM_SIGNING_KEY_PEM": signing_key_pem,
        "CRM_SIGNING_KEY_ENCRYPTION_KEY": signing_key_encryption_key,
        "CRM_PERSONAL_DATA_HASH_KEY": "e2e-personal-data-hash-key",
        "CRM_LOG_LEVEL": "WARNING",
        "CRM_CAMPAIGN_FORM_RATE_LIMIT_PER_MINUTE": str(CAMPAIGN_FORM_LIMIT),
        "CRM_CTI_TENANT": "oem-demo",
        "CRM_CTI_DEFAULT_ORG": "demo-hq",
        "CRM_CTI_WEBHOOK_SECRET": CTI_WEBHOOK_SECRET,
        "CRM_CTI_SETTLE_SECONDS": "0.5",
        "CRM_CTI_AMI_HOST": pbx.host,
        "CRM_CTI_AMI_PORT": str(pbx.port),
        "CRM_CTI_AMI_USERNAME": pbx.username,
        "CRM_CTI_AMI_SECRET": pbx.secret,
        # Every test client shares one address: the campaign's own limit is the one reached.
        "CRM_CAMPAIGN_FORM_CLIENT_RATE_LIMIT_PER_MINUTE": str(2 * CAMPAIGN_FORM_LIMIT),
        "CRM_LEADS_GRPC_TARGET": f"127.0.0.1:{grpc_ports['leads']}",
        "CRM_FILE_STORAGE": str(file_storage),
        "CRM_SMTP_HOST": mail.host,
        "CRM_SMTP_PORT": str(mail.port),
        # The survey links the service desk sends open its own public form.
        "CRM_SURVEY_LINK_BASE_URL": urls["service-desk"],
        "CRM_ESCALATION_SWEEP_SECONDS": str(SWEEP_SECONDS),
        "CRM_CARE_SCAN_SECONDS": str(SWEEP_SECONDS),
    }
    processes: dict[str, ServiceProcess] = {}
    for name in SERVICES:
        await databases.create(name)
        env = {
            **common_env,
            "CRM_SERVICE_NAME": name,
            # The api connects as the app role, the worker as the system role (the only one
            # acting across tenants); only the migration is the owner's.
            "CRM_DATABASE_URL": databases.app_url(name),
            "CRM_DATABASE_SYSTEM_URL": databases.system_url(name),
            "CRM_HTTP_PORT": str(ports[name]),
            "CRM_GRPC_PORT": str(grpc_ports[name]),
            "CRM_WORKER_METRICS_PORT": str(free_port()),
        }
        run_command(
            name, "migrate", {**env, "CRM_DATABASE_OWNER_URL": databases.url(name)}, log_dir
        )
        if name == "identity":
            run_command(
                name, "seed-demo", {**env, "CRM_DEMO_PASSWORD": "e2e-demo-password"}, log_dir
            )
        processes[f"{name}-api"] = ServiceProcess(
            name, "api", env, log_dir, ready_url=f"{urls[name]}/readyz"
        )
        processes[f"{name}-worker"] = ServiceProcess(
            name,
            "worker",
            env,
            log_dir,
            ready_url=f"http://127.0.0.1:{env['CRM_WORKER_METRICS_PORT']}/metrics",
        )
    try:
        # Launched side by side, then waited for: each process's start-up (imports, pools)
        # overlaps the others', and a loaded machine gets time to bring ten of them up.
        for process in processes.values():
            process.launch()
        for process in processes.values():
            process.wait_until_ready(timeout=SPINE_READY_SECONDS)
        database_urls = {name: databases.url(name) for name in SERVICES}
        yield Spine(
            infrastructure,
            settings,
            signing_key_pem,
            processes,
            urls,
            database_urls,
            file_storage,
            pbx,
            mail,
        )
    finally:
        for process in processes.values():
            process.stop()


@pytest.fixture(scope="session")
def portal(spine: Spine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The portal's BFF (serving the built web application) on the spine's services: its URL.
    The build is `npm run build` in services/portal/web (`./platform test` runs it first)."""
    assets = PortalSettings().portal_assets_dir
    if not (assets / "index.html").is_file():
        raise RuntimeError(f"{assets}/index.html missing: build the portal (./platform test does)")
    port = free_port()
    upstreams = {name: spine.urls[name] for name in SERVICES}
    process = ServiceProcess(
        "portal",
        "api",
        {
            "CRM_ENV": "test",
            "CRM_REDIS_URL": spine.infrastructure.redis_url,
            "CRM_HTTP_PORT": str(port),
            "CRM_PORTAL_UPSTREAMS": json.dumps(upstreams),
            "CRM_LOG_LEVEL": "WARNING",
        },
        Path(tmp_path_factory.mktemp("portal-logs")),
        ready_url=f"http://127.0.0.1:{port}/readyz",
    )
    process.start(timeout=SPINE_READY_SECONDS)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.stop()
