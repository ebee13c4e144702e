"""A dealer deployment and HQ side by side on one machine: two Kafka clusters of the test's own
(HQ's with its SASL_SSL listener for dealers and ACLs), two sets of databases, the dealer's
MirrorMaker 2 between them, and the services and link processes of each side."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import generate_private_key_pem, sign_access_token
from crm_common.contracts import new_event
from crm_common.contracts.envelope import EventData
from crm_common.contracts.events.identity.v1 import SharingPolicyChanged
from crm_common.messaging.headers import encode_headers, event_headers
from crm_common.messaging.topics import ensure_topics, platform_topics
from crm_common.settings import Settings
from crm_common.testing.dealer_link import KafkaCluster, Mirror, kafka_libs
from crm_common.testing.infrastructure import Infrastructure, as_app_role, as_system_role
from crm_common.testing.jwks import serve_jwks
from crm_common.testing.kafka import eventually
from crm_common.testing.plugin import Databases
from crm_common.testing.processes import ServiceProcess, free_port, start_together
from crm_common.testing.services import migrated_database

TENANT = "oem-link"
DEALER = "dealer-sh-01"
ISSUER, AUDIENCE = "crm-identity", "crm"


@dataclass
class Side:
    """One installation: its Kafka, its databases, its processes, its own signing key."""

    kafka: KafkaCluster
    signing_key_pem: str
    processes: dict[str, ServiceProcess]
    urls: dict[str, str]
    database_urls: dict[str, str]

    def token(self, org: str, roles: set[str], scope: DataScope, user: str = "u1") -> str:
        principal = Principal(
            user_id=user, tenant=TENANT, org_node=org, roles=frozenset(roles), data_scope=scope
        )
        return sign_access_token(self.signing_key_pem, principal, issuer=ISSUER, audience=AUDIENCE)

    def client(self, service: str, token: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.urls[service], headers={"Authorization": f"Bearer {token}"}, timeout=30
        )

    async def build_org_tree(self, nodes: list[tuple[str, str | None, str]]) -> None:
        """HQ's admin adds the nodes in HQ's identity, which publishes each (OrgChanged)."""
        admin = self.token("hq", {"hq_admin"}, DataScope.TENANT, user="hq.admin")
        async with self.client("identity", admin) as identity:
            for node, parent, kind in nodes:
                added = await identity.post(
                    "/orgs", json={"id": node, "parent_id": parent, "kind": kind, "name": node}
                )
                assert added.status_code == 201, added.text

    async def publish(self, owner: str, data: EventData) -> None:
        """An event as this side's own service would publish it (e.g. identity's)."""
        envelope = new_event(data, tenant=TENANT, owner_org=owner, actor="admin")
        producer = AIOKafkaProducer(bootstrap_servers=self.kafka.bootstrap, acks="all")
        await producer.start()
        try:
            await producer.send_and_wait(
                data.topic,
                envelope.model_dump_json().encode(),
                key=data.aggregate_key().encode(),
                headers=encode_headers(event_headers(envelope)),
            )
        finally:
            await producer.stop()


@dataclass
class Link:
    hq: Side
    dealer: Side
    mirror: Mirror
    password_file: Path
    lag_url: str


ORG_TREE = [
    ("hq", None, "hq"),
    ("east", "hq", "region"),
    ("north", "hq", "region"),
    (DEALER, "east", "dealer"),
    ("dealer-bj-01", "east", "dealer"),
]
"""(node, parent, kind): HQ's tree, as HQ's admin builds it."""


CONFIGURATION = {
    "hq": ("service-desk-api", "service-desk-worker"),
    "dealer": ("kpi-worker", "service-desk-worker"),
}
"""The processes only the tests of what HQ configures for its dealers need (HQ's service desk,
where the dealer keeps targets and care rules): started by ``configured`` when the first such
test runs, not with the rest — nineteen processes starting at once on a loaded 2-core machine
did not get ready."""


def sharing(level: str) -> SharingPolicyChanged:
    return SharingPolicyChanged(
        data_type="lead",
        direction="dealer_to_oem",
        dealer_id=DEALER,
        partner_id="*",
        level=level,
    )


def _process(
    module: str, role: str, env: dict[str, str], log_dir: Path, *, metrics: bool = False
) -> ServiceProcess:
    """A service's api, its uplink or a link process (ready at /readyz, on the api's port or
    the link's health port), or its worker (once its metrics answer)."""
    port = env["CRM_UPLINK_METRICS_PORT" if metrics else "CRM_HTTP_PORT"]
    path = "/readyz"
    if role == "worker":
        port, path = env["CRM_WORKER_METRICS_PORT"], "/metrics"
    return ServiceProcess(module, role, env, log_dir, ready_url=f"http://127.0.0.1:{port}{path}")


@pytest.fixture(scope="module")
def clusters(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[KafkaCluster, KafkaCluster]]:
    """HQ's cluster and the dealer's, started side by side, stopped by their pid files."""
    libs = kafka_libs()
    root = tmp_path_factory.mktemp("link")
    hq = KafkaCluster(root / "hq", libs, for_dealers=True)
    dealer = KafkaCluster(root / "dealer", libs)
    started: list[KafkaCluster] = []
    try:
        for cluster in (hq, dealer):
            cluster.start()
            started.append(cluster)
        yield hq, dealer
    finally:
        for cluster in started:
            cluster.stop()


@pytest.fixture(scope="module")
async def link(
    clusters: tuple[KafkaCluster, KafkaCluster],
    infrastructure: Infrastructure,
    databases: Databases,
    signing_key_encryption_key: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[Link]:
    hq_kafka, dealer_kafka = clusters
    # Each side's processes log apart (both run the same services under the same names).
    log_dir = Path(tmp_path_factory.mktemp("link-logs"))
    hq_logs, dealer_logs = log_dir / "hq", log_dir / "dealer"
    hq_logs.mkdir()
    dealer_logs.mkdir()
    password_file = await asyncio.to_thread(hq_kafka.grant, DEALER)
    for cluster in clusters:
        await ensure_topics(cluster.bootstrap, platform_topics(Settings()), partitions=3)

    hq_key, dealer_key = generate_private_key_pem(), generate_private_key_pem()
    dealer_db = await migrated_database("leads", databases, "link_dealer_leads", dealer_logs)
    dealer_identity_db = await migrated_database(
        "identity", databases, "link_dealer_identity", dealer_logs
    )
    hq_db = await migrated_database("kpi", databases, "link_hq_kpi", hq_logs)
    hq_leads_db = await migrated_database("leads", databases, "link_hq_leads", hq_logs)
    hq_identity_db = await migrated_database("identity", databases, "link_hq_identity", hq_logs)
    # What HQ configures for its dealers (targets, care rules) and where a dealer keeps it.
    hq_desk_db = await migrated_database("service-desk", databases, "link_hq_desk", hq_logs)
    dealer_kpi_db = await migrated_database("kpi", databases, "link_dealer_kpi", dealer_logs)
    dealer_desk_db = await migrated_database(
        "service-desk", databases, "link_dealer_desk", dealer_logs
    )
    redis_base = infrastructure.redis_url.rsplit("/", 1)[0]

    with ExitStack() as stack:
        hq_jwks = stack.enter_context(serve_jwks([hq_key]))
        dealer_jwks = stack.enter_context(serve_jwks([dealer_key]))

        def env(
            service: str, kafka: KafkaCluster, jwks: str, db: str, redis_db: int
        ) -> dict[str, str]:
            return {
                "CRM_ENV": "test",
                "CRM_SERVICE_NAME": service,
                "CRM_DATABASE_URL": as_app_role(db),
                "CRM_DATABASE_SYSTEM_URL": as_system_role(db),
                "CRM_KAFKA_BOOTSTRAP_SERVERS": kafka.bootstrap,
                "CRM_KAFKA_PARTITIONS": "3",
                "CRM_REDIS_URL": f"{redis_base}/{redis_db}",
                "CRM_JWKS_URL": jwks,
                "CRM_JWT_ISSUER": ISSUER,
                "CRM_JWT_AUDIENCE": AUDIENCE,
                "CRM_PERSONAL_DATA_HASH_KEY": "link-personal-data-hash-key",
                "CRM_LOG_LEVEL": "WARNING",
                "CRM_DEALER_ID": DEALER,
                "CRM_HTTP_PORT": str(free_port()),
                "CRM_GRPC_PORT": str(free_port()),
                "CRM_WORKER_METRICS_PORT": str(free_port()),
                "CRM_UPLINK_METRICS_PORT": str(free_port()),
            }

        def identity_env(
            kafka: KafkaCluster, jwks: str, db: str, redis_db: int, key: str
        ) -> dict[str, str]:
            """Each side's identity signs with its own key (the one its services' JWKS has)."""
            return {
                **env("identity", kafka, jwks, db, redis_db),
                "CRM_SIGNING_KEY_PEM": key,
                "CRM_SIGNING_KEY_ENCRYPTION_KEY": signing_key_encryption_key,
            }

        dealer_env = env("leads", dealer_kafka, dealer_jwks, dealer_db, 1)
        dealer_identity_env = identity_env(
            dealer_kafka, dealer_jwks, dealer_identity_db, 1, dealer_key
        )
        hq_identity_env = identity_env(hq_kafka, hq_jwks, hq_identity_db, 2, hq_key)
        link_env = {
            **env("dealer-link", dealer_kafka, dealer_jwks, dealer_db, 1),
            "CRM_HQ_KAFKA_BOOTSTRAP_SERVERS": hq_kafka.dealer_bootstrap,
            "CRM_HQ_KAFKA_PASSWORD_FILE": str(password_file),
            "CRM_HQ_KAFKA_CA_FILE": str(hq_kafka.ca_file),
        }
        hq_env = env("kpi", hq_kafka, hq_jwks, hq_db, 2)
        hq_desk_env = env("service-desk", hq_kafka, hq_jwks, hq_desk_db, 2)
        dealer_kpi_env = env("kpi", dealer_kafka, dealer_jwks, dealer_kpi_db, 1)
        dealer_desk_env = env("service-desk", dealer_kafka, dealer_jwks, dealer_desk_db, 1)
        # HQ's leads: it distributes leads to the dealer and sees what became of them.
        hq_leads_env = env("leads", hq_kafka, hq_jwks, hq_leads_db, 2)
        hq_link_env = env("hq-link", hq_kafka, hq_jwks, hq_db, 2)
        dealer_processes = {
            "leads-api": _process("leads", "api", dealer_env, dealer_logs),
            "leads-worker": _process("leads", "worker", dealer_env, dealer_logs),
            "leads-uplink": _process("leads", "uplink", dealer_env, dealer_logs, metrics=True),
            "identity-api": _process("identity", "api", dealer_identity_env, dealer_logs),
            "identity-worker": _process("identity", "worker", dealer_identity_env, dealer_logs),
            "identity-uplink": _process(
                "identity", "uplink", dealer_identity_env, dealer_logs, metrics=True
            ),
            "dealer-intake": _process(
                "common.messaging.dealer_link", "dealer-intake", link_env, dealer_logs, metrics=True
            ),
            "kpi-worker": _process("kpi", "worker", dealer_kpi_env, dealer_logs),
            "service-desk-worker": _process("service-desk", "worker", dealer_desk_env, dealer_logs),
        }
        hq_processes = {
            "kpi-api": _process("kpi", "api", hq_env, hq_logs),
            "kpi-worker": _process("kpi", "worker", hq_env, hq_logs),
            "leads-api": _process("leads", "api", hq_leads_env, hq_logs),
            "leads-worker": _process("leads", "worker", hq_leads_env, hq_logs),
            "identity-api": _process("identity", "api", hq_identity_env, hq_logs),
            "identity-worker": _process("identity", "worker", hq_identity_env, hq_logs),
            "service-desk-api": _process("service-desk", "api", hq_desk_env, hq_logs),
            "service-desk-worker": _process("service-desk", "worker", hq_desk_env, hq_logs),
            "hq-intake": _process(
                "common.messaging.dealer_link",
                "hq-intake",
                {**hq_link_env, "CRM_UPLINK_METRICS_PORT": str(free_port())},
                hq_logs,
                metrics=True,
            ),
            "hq-downlink": _process(
                "common.messaging.dealer_link",
                "hq-downlink",
                {**hq_link_env, "CRM_UPLINK_METRICS_PORT": str(free_port())},
                hq_logs,
                metrics=True,
            ),
        }
        mirror = Mirror(DEALER, dealer_kafka, hq_kafka, password_file)
        everything = [*dealer_processes.values(), *hq_processes.values()]
        try:
            await asyncio.to_thread(
                start_together,
                [
                    *(p for n, p in dealer_processes.items() if n not in CONFIGURATION["dealer"]),
                    *(p for n, p in hq_processes.items() if n not in CONFIGURATION["hq"]),
                ],
            )
            await asyncio.to_thread(mirror.start)
            hq = Side(
                hq_kafka,
                hq_key,
                hq_processes,
                {
                    "kpi": f"http://127.0.0.1:{hq_env['CRM_HTTP_PORT']}",
                    "leads": f"http://127.0.0.1:{hq_leads_env['CRM_HTTP_PORT']}",
                    "identity": f"http://127.0.0.1:{hq_identity_env['CRM_HTTP_PORT']}",
                    "service-desk": f"http://127.0.0.1:{hq_desk_env['CRM_HTTP_PORT']}",
                },
                {
                    "kpi": hq_db,
                    "leads": hq_leads_db,
                    "identity": hq_identity_db,
                    "service-desk": hq_desk_db,
                },
            )
            dealer = Side(
                dealer_kafka,
                dealer_key,
                dealer_processes,
                {
                    "leads": f"http://127.0.0.1:{dealer_env['CRM_HTTP_PORT']}",
                    "identity": f"http://127.0.0.1:{dealer_identity_env['CRM_HTTP_PORT']}",
                },
                {
                    "leads": dealer_db,
                    "identity": dealer_identity_db,
                    "kpi": dealer_kpi_db,
                    "service-desk": dealer_desk_db,
                },
            )
            # HQ's admin builds the org tree in HQ's identity, which publishes it; it comes
            # down to the dealer (its identity and its services). The dealer's agreement as
            # HQ's identity would publish it.
            await hq.build_org_tree(ORG_TREE)
            await hq.publish("hq", sharing("aggregate"))
            yield Link(
                hq,
                dealer,
                mirror,
                password_file,
                f"http://127.0.0.1:{link_env['CRM_UPLINK_METRICS_PORT']}/metrics",
            )
        finally:
            await asyncio.to_thread(mirror.stop)
            for process in everything:
                process.stop()


@pytest.fixture(scope="module")
async def configured(link: Link) -> Link:
    """The link with HQ's service desk and the dealer's kpi and service-desk workers running,
    once HQ's service desk knows HQ's tree (a rule's book is found in it)."""
    await asyncio.to_thread(
        start_together,
        [
            *(link.hq.processes[name] for name in CONFIGURATION["hq"]),
            *(link.dealer.processes[name] for name in CONFIGURATION["dealer"]),
        ],
    )

    async def knows_the_tree() -> bool:
        nodes = await rows(link.hq.database_urls["service-desk"], "SELECT id FROM org_directory")
        return {node for node, _, _ in ORG_TREE} <= {row.id for row in nodes}

    assert await eventually(knows_the_tree, timeout=180, interval=1), "HQ's desk has the tree"
    return link


async def rows(database_url: str, query: str, **params: str) -> list[Any]:
    """Rows of a query over every tenant of a service's database."""
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT set_config('crm.all_tenants', 'on', false)"))
            return list(await conn.execute(text(query), params))
    finally:
        await engine.dispose()


def now() -> datetime:
    return datetime.now(UTC)
