"""Creates the platform's topics (and their dead-letter topics) when they are missing.

Run as ``python -m crm_common.messaging.topics``; the broker never auto-creates topics.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from crm_common.contracts.events.registry import all_topics
from crm_common.messaging.connection import kafka_client_options
from crm_common.messaging.consumer import dead_letter_topic
from crm_common.settings import Settings


def platform_topics(settings: Settings) -> list[str]:
    return [
        settings.topic(name) for topic in all_topics() for name in (topic, dead_letter_topic(topic))
    ]


async def ensure_topics(
    bootstrap_servers: str,
    topics: list[str],
    *,
    partitions: int = 6,
    replication_factor: int = 1,
    client_options: Mapping[str, Any] | None = None,
) -> list[str]:
    """Create the missing ones; returns the names created. ``client_options``: how to connect
    (``kafka_client_options``), when more than the address is needed."""
    admin = AIOKafkaAdminClient(
        **{"bootstrap_servers": bootstrap_servers, **(client_options or {})}
    )
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in topics if t not in existing]
        if missing:
            await admin.create_topics(
                [
                    NewTopic(t, num_partitions=partitions, replication_factor=replication_factor)
                    for t in missing
                ]
            )
        return missing
    finally:
        await admin.close()


def main() -> None:
    settings = Settings()
    created = asyncio.run(
        ensure_topics(
            settings.kafka_bootstrap_servers,
            platform_topics(settings),
            partitions=settings.kafka_partitions,
            replication_factor=settings.kafka_replication_factor,
            client_options=kafka_client_options(settings),
        )
    )
    print(f"topics created: {', '.join(created) if created else 'none (all present)'}")


if __name__ == "__main__":
    main()
