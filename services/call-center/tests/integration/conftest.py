"""The call center on a real, migrated PostgreSQL database: the org tree as identity's events
would leave it, the hotline queue and its agents."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import partial
from typing import Any
from uuid import UUID, uuid4

import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters.tables import agents, queues
from crm_call_center.bootstrap import create_api
from crm_call_center.entrypoints.consumers import subscriptions
from crm_common.auth.principal import DataScope, Principal
from crm_common.contracts.envelope import Envelope
from crm_common.messaging.consumer import create_broker, subscribe
from crm_common.messaging.headers import encode_headers, event_headers
from crm_common.messaging.topics import ensure_topics, platform_topics
from crm_common.settings import Settings
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.service_fixtures import TENANT, ServiceUnderTest, Sessions, alias
from crm_common.testing.services import api_settings, tenant_user

pytestmark = pytest.mark.integration

WEBHOOK_SECRET = "test-webhook-secret"
ORG = [
    ("hq", "/", None),
    ("east", "/hq/", None),
    ("dealer-a", "/hq/east/", "dealer-a"),
    ("dealer-b", "/hq/east/", "dealer-b"),
]
HOTLINE = UUID("00000000-0000-4000-8000-00000000a001")
TABLES = (
    "hand_overs",
    "import_jobs",
    "agent_states",
    "call_reviews",
    "call_comments",
    "call_tasks",
    "calls",
    "cti_events",
    "agents",
    "queues",
)


principal = partial(tenant_user, TENANT)


@dataclass(frozen=True)
class People:
    agent1: Principal
    agent2: Principal
    renewal: Principal
    supervisor: Principal
    dealer_manager: Principal
    other_dealer_manager: Principal


PEOPLE = People(
    agent1=principal("agent-1", "hq", "call_center_agent", DataScope.OWN),
    agent2=principal("agent-2", "hq", "call_center_agent", DataScope.OWN),
    renewal=principal("renewal-a", "dealer-a", "renewal_specialist", DataScope.OWN),
    supervisor=principal("sup-1", "hq", "call_center_supervisor", DataScope.SUBTREE),
    dealer_manager=principal("m-a", "dealer-a", "sales_manager", DataScope.DEALER),
    other_dealer_manager=principal("m-b", "dealer-b", "sales_manager", DataScope.DEALER),
)
# extension → who answers it
EXTENSIONS = {"8001": PEOPLE.agent1, "8002": PEOPLE.agent2, "8003": PEOPLE.renewal}


def call_center_settings(
    database_url: str,
    *,
    redis_url: str = Settings.model_fields["redis_url"].default,
    jwks_url: str = Settings.model_fields["jwks_url"].default,
    **overrides: object,
) -> Settings:
    """An api's settings (its database as the app role, as in production, so row-level
    security holds in these tests too) with the CTI settings of the tests' PBX; Redis and the
    JWKS the settings' defaults where a test does not use them."""
    cti: dict[str, object] = {
        "cti_tenant": TENANT,
        "cti_default_org": "hq",
        "cti_settle_seconds": 0.0,
        "cti_webhook_secret": WEBHOOK_SECRET,
    }
    return api_settings("call-center", database_url, redis_url, jwks_url, **{**cti, **overrides})


async def hotline_and_agents(sessions: Sessions) -> None:
    """The brand hotline and the agents answering its extensions."""
    async with sessions() as session, session.begin():
        await session.execute(
            insert(queues).values(
                id=HOTLINE, tenant=TENANT, owner_org="hq", name="Brand hotline", pbx_queue="hotline"
            )
        )
        await session.execute(
            insert(agents),
            [
                {
                    "tenant": TENANT,
                    "user_id": who.user_id,
                    "owner_org": who.org_node,
                    "display_name": who.user_id,
                    "extension": extension,
                }
                for extension, who in EXTENSIONS.items()
            ],
        )


@pytest.fixture(scope="module")
def service_under_test() -> ServiceUnderTest:
    """The call center's api on the tenant's org tree, the hotline and its agents."""
    return ServiceUnderTest(
        "call-center", create_api, TENANT, ORG, TABLES, arrange=hotline_and_agents
    )


@pytest.fixture(scope="module")
def service_settings(
    service_database: str,
    infrastructure: Infrastructure,
    jwks_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Settings:
    """The CTI settings of the tests' PBX; the database as the app role; files (call lists
    waiting to be imported) in a folder of the module's own."""
    return call_center_settings(
        service_database,
        redis_url=infrastructure.redis_url,
        jwks_url=jwks_url,
        file_storage=str(tmp_path_factory.mktemp("call-center-files")),
    )


call_center_database = alias("call_center_database", "service_database")
call_center_api = alias("call_center_api", "service_api")


@pytest.fixture
async def worker(
    infrastructure: Infrastructure,
    call_center_database: str,
    run_id: str,
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[Settings]:
    """The worker's Kafka consumers on topics of the test's own (what ``publish`` sends to)."""
    settings = call_center_settings(
        call_center_database,
        kafka_bootstrap_servers=infrastructure.kafka_bootstrap_servers,
        kafka_namespace=f"t{run_id}.cc-{uuid4().hex[:8]}.",
        redis_url=infrastructure.redis_url,
    )
    await ensure_topics(settings.kafka_bootstrap_servers, platform_topics(settings))
    broker = create_broker(settings)
    for subscription in subscriptions(settings):
        subscribe(broker, settings, sessions, subscription)
    await broker.start()
    yield settings
    await broker.stop()


async def publish(settings: Settings, events: list[Envelope[Any]]) -> None:
    """The events on their topics, as another service's relay sends them."""
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        for event in events:
            await producer.send_and_wait(
                settings.topic(event.data.topic),
                event.model_dump_json().encode(),
                key=event.data.aggregate_key().encode(),
                headers=encode_headers(event_headers(event)),
            )
    finally:
        await producer.stop()
