"""Reading topics in tests, the way an independent observer would."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRecord
from aiokafka.admin import AIOKafkaAdminClient


async def read_topic(
    bootstrap_servers: str, topic: str, *, expected: int, timeout: float = 60.0
) -> list[ConsumerRecord[bytes, bytes]]:
    """All records of ``topic`` from offset 0, waiting until at least ``expected`` arrived."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap_servers,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    records: list[ConsumerRecord[bytes, bytes]] = []
    deadline = time.monotonic() + timeout
    try:
        while len(records) < expected and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            for partition_records in batch.values():
                records.extend(partition_records)
        # Anything beyond the expected count (a duplicate) must show up too.
        extra = await consumer.getmany(timeout_ms=1000)
        for partition_records in extra.values():
            records.extend(partition_records)
    finally:
        await consumer.stop()
    return records


async def delete_topics(bootstrap_servers: str, prefixes: tuple[str, ...]) -> int:
    """Deletes the topics a test session created (named with its prefixes), so a developer's
    broker does not pile up thousands of partitions over many runs. Returns how many."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        doomed = [t for t in await admin.list_topics() if t.startswith(prefixes)]
        if doomed:
            await admin.delete_topics(doomed)
        return len(doomed)
    finally:
        await admin.close()


def header(record: ConsumerRecord[Any, Any], name: str) -> str | None:
    for key, value in record.headers or ():
        if key == name:
            return bytes(value).decode()
    return None


async def eventually(check: Any, *, timeout: float = 60.0, interval: float = 0.2) -> Any:
    """Poll an async ``check`` until it returns a truthy value; returns the last value."""
    deadline = time.monotonic() + timeout
    value = await check()
    while not value and time.monotonic() < deadline:
        await asyncio.sleep(interval)
        value = await check()
    return value
