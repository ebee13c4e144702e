"""The call center on a real, migrated PostgreSQL database: the org tree as identity's events
would leave it, the hotline queue and its agents."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from uuid import UUID

import pytest
from sqlalchemy import insert

from crm_call_center.adapters.tables import agents, queues
from crm_call_center.bootstrap import create_api
from crm_common.auth.principal import DataScope, Principal
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
    service_database: str, infrastructure: Infrastructure, jwks_url: str
) -> Settings:
    """The CTI settings of the tests' PBX; the database as the app role."""
    return call_center_settings(
        service_database, redis_url=infrastructure.redis_url, jwks_url=jwks_url
    )


call_center_database = alias("call_center_database", "service_database")
call_center_api = alias("call_center_api", "service_api")
