from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from crm_common.db import create_engine, create_session_factory
from crm_common.db.tables import messaging_metadata
from crm_common.messaging.topics import ensure_topics, platform_topics
from crm_common.settings import Settings
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.plugin import Databases

pytestmark = pytest.mark.integration


@pytest.fixture
async def settings(
    infrastructure: Infrastructure, databases: Databases, request: pytest.FixtureRequest
) -> Settings:
    """A fresh database with the shared tables and a fresh Kafka namespace per test."""
    purpose = f"common_{request.node.name[:30]}".lower()
    await databases.create(purpose)
    namespace = f"{databases.name(purpose)}."
    settings = Settings(
        env="test",
        service_name="common-test",
        database_url=databases.url(purpose),
        kafka_bootstrap_servers=infrastructure.kafka_bootstrap_servers,
        kafka_namespace=namespace,
        redis_url=infrastructure.redis_url,
        outbox_batch_size=50,
        consumer_max_attempts=2,
    )
    await ensure_topics(settings.kafka_bootstrap_servers, platform_topics(settings), partitions=3)
    return settings


@pytest.fixture
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings)
    async with engine.begin() as conn:
        await conn.run_sync(messaging_metadata.create_all)
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)
