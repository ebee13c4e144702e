"""The outbox relay against real PostgreSQL and Kafka."""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from datetime import UTC, datetime
from uuid import UUID, uuid4

from aiokafka import AIOKafkaProducer
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from crm_common.contracts import new_event
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC, LeadCreated
from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox
from crm_common.outbox.relay import OutboxRelay, parked_rows, replay_parked
from crm_common.settings import Settings
from crm_common.testing.kafka import header, read_topic


def lead_event(lead_id: UUID, source: str = "walk_in") -> object:
    return new_event(
        LeadCreated(
            lead_id=lead_id, dealer_id="dealer-1", source=source, created_at=datetime.now(UTC)
        ),
        tenant="oem-1",
        owner_org="dealer-1",
        actor="tester",
    )


async def pending(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        query = select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))
        return (await conn.execute(query)).scalar_one()


async def drain(relays: list[OutboxRelay], engine: AsyncEngine, timeout: float = 60) -> None:
    tasks = [asyncio.create_task(r.run()) for r in relays]
    try:
        async with asyncio.timeout(timeout):
            while await pending(engine):
                await asyncio.sleep(0.05)
    finally:
        for relay in relays:
            relay.stop()
        await asyncio.gather(*tasks)


async def test_events_published_together_are_rows_in_the_order_given(
    session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """One statement writes a bulk import's thousands of events: the outbox ids (the relay's
    order per key) follow the order they were given in, payload and headers intact."""
    events = [lead_event(uuid4(), source=f"s{n}") for n in range(500)]
    async with UnitOfWork(session_factory) as uow:
        await uow.publish(*events)  # type: ignore[arg-type]
    async with engine.connect() as conn:
        rows = (await conn.execute(select(outbox).order_by(outbox.c.id))).all()
    assert [row.event_id for row in rows] == [event.id for event in events]  # type: ignore[attr-defined]
    assert [row.payload["data"]["source"] for row in rows] == [f"s{n}" for n in range(500)]
    assert all(row.headers and row.topic and row.key for row in rows)


async def test_rolled_back_transaction_leaves_no_event(
    session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    class Boom(Exception):
        pass

    try:
        async with UnitOfWork(session_factory) as uow:
            await uow.publish(lead_event(uuid4()))  # type: ignore[arg-type]
            raise Boom
    except Boom:
        pass
    async with engine.connect() as conn:
        assert (await conn.execute(select(func.count()).select_from(outbox))).scalar_one() == 0


async def test_concurrent_relays_publish_every_row_once_in_order_per_key(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    keys = [uuid4() for _ in range(12)]
    expected_order: dict[str, list[str]] = defaultdict(list)
    for round_ in range(25):
        async with UnitOfWork(session_factory) as uow:
            for key in keys:
                event = lead_event(key, source=f"seq-{round_:03d}")
                expected_order[str(key)].append(str(event.id))  # type: ignore[attr-defined]
                await uow.publish(event)  # type: ignore[arg-type]

    # Small batches and three relays make their claims interleave within one key.
    small_batches = settings.model_copy(update={"outbox_batch_size": 7})
    await drain([OutboxRelay(engine, small_batches) for _ in range(3)], engine)

    total = len(keys) * 25
    records = await read_topic(
        settings.kafka_bootstrap_servers, settings.topic(LEAD_TOPIC), expected=total
    )
    ids = [header(r, "ce-id") for r in records]
    assert len(ids) == total
    assert len(set(ids)) == total, "a row was published twice"
    seen_order: dict[str, list[str]] = defaultdict(list)
    for record in sorted(records, key=lambda r: (r.partition, r.offset)):
        body = json.loads(record.value)
        assert record.key.decode() == body["data"]["lead_id"]
        seen_order[body["data"]["lead_id"]].append(body["id"])
    assert seen_order == expected_order


async def test_a_key_goes_to_the_partition_a_single_send_gives_it(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """The relay sends a round's rows as a record batch per partition: each key must land where
    ``producer.send`` puts it (events of a key sent either way stay in one partition, in order)."""
    keys = [uuid4() for _ in range(40)]
    async with UnitOfWork(session_factory) as uow:
        await uow.publish(*(lead_event(key) for key in keys))  # type: ignore[arg-type]
    await drain([OutboxRelay(engine, settings)], engine)
    topic = settings.topic(LEAD_TOPIC)
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        sent_alone = {
            str(key): (await (await producer.send(topic, b"{}", key=str(key).encode()))).partition
            for key in keys
        }
    finally:
        await producer.stop()
    records = await read_topic(settings.kafka_bootstrap_servers, topic, expected=2 * len(keys))
    relayed = {r.key.decode(): r.partition for r in records if r.value != b"{}"}
    assert relayed == sent_alone
    assert len(set(relayed.values())) > 1, "the keys spread over the topic's partitions"


async def test_rows_that_fail_to_publish_are_retried(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    async with UnitOfWork(session_factory) as uow:
        for _ in range(5):
            await uow.publish(lead_event(uuid4()))  # type: ignore[arg-type]

    unreachable = settings.model_copy(update={"kafka_bootstrap_servers": "127.0.0.1:1"})
    broken = OutboxRelay(engine, unreachable)
    task = asyncio.create_task(broken.run())
    await asyncio.sleep(3)
    broken.stop()
    await task
    assert await pending(engine) == 5

    await drain([OutboxRelay(engine, settings)], engine)
    records = await read_topic(
        settings.kafka_bootstrap_servers, settings.topic(LEAD_TOPIC), expected=5
    )
    assert len({header(r, "ce-id") for r in records}) == 5


async def test_a_key_waits_behind_a_row_another_relay_holds(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """Relay A claims rows 1 and 3 of a key while relay B holds row 2: A sends only row 1."""
    key, other_key = uuid4(), uuid4()
    events = [lead_event(key) for _ in range(3)]
    async with UnitOfWork(session_factory) as uow:
        await uow.publish(*events, lead_event(other_key))  # type: ignore[arg-type]
    async with engine.connect() as conn:
        ids = (await conn.execute(select(outbox.c.id).order_by(outbox.c.id))).scalars().all()

    relay = OutboxRelay(engine, settings)
    async with engine.connect() as other_relay:
        await other_relay.execute(
            select(outbox.c.id).where(outbox.c.id == ids[1]).with_for_update()
        )
        result = await relay.publish_round()
        assert (result.published, result.deferred) == (2, 1)
        await other_relay.rollback()

    assert (await relay.publish_round()).published == 2
    await drain([relay], engine)
    records = await read_topic(
        settings.kafka_bootstrap_servers, settings.topic(LEAD_TOPIC), expected=4
    )
    of_key = [
        header(r, "ce-id")
        for r in sorted(records, key=lambda r: r.offset)
        if r.key == str(key).encode()
    ]
    assert of_key == [str(e.id) for e in events]  # type: ignore[attr-defined]


async def insert_oversized_event(engine: AsyncEngine, key: UUID) -> int:
    """A LeadCreated of key ``key`` whose envelope is 2 MiB: over the producer's request size."""
    event = lead_event(key, source="x" * (2 * 1024 * 1024))
    async with engine.begin() as conn:
        result = await conn.execute(
            outbox.insert().returning(outbox.c.id),
            {
                "event_id": event.id,  # type: ignore[attr-defined]
                "topic": LEAD_TOPIC,
                "key": str(key),
                "event_type": "leads.LeadCreated",
                "payload": event.model_dump(mode="json"),  # type: ignore[attr-defined]
                "headers": {"ce-id": str(event.id)},  # type: ignore[attr-defined]
            },
        )
        return result.scalar_one()


async def test_an_unsendable_row_is_parked_and_other_keys_flow(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """A 2 MiB event first, then 5 of other keys: the 5 are published, the big one parked."""
    big = await insert_oversized_event(engine, uuid4())
    normal = [lead_event(uuid4()) for _ in range(5)]
    async with UnitOfWork(session_factory) as uow:
        await uow.publish(*normal)  # type: ignore[arg-type]

    relay = OutboxRelay(engine, settings)
    await relay.publish_round()
    records = await read_topic(
        settings.kafka_bootstrap_servers, settings.topic(LEAD_TOPIC), expected=5
    )
    assert sorted(header(r, "ce-id") for r in records) == sorted(
        str(e.id)  # type: ignore[attr-defined]
        for e in normal
    )
    parked = await parked_rows(engine)
    assert [(p.id, p.attempts) for p in parked] == [(big, 1)]
    assert "MessageSizeTooLarge" in (parked[0].last_error or "")
    assert (await relay.publish_round()).published == 0, "a parked row is not retried"
    assert await pending(engine) == 1, "the 5 sent are marked published by the next round"
    await relay.close()


async def test_closing_the_relay_marks_what_its_last_round_sent(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """A round's sent rows are marked published with the next round's claim; a relay that
    stops after a round marks them as it closes, so a restart sends none of them again."""
    async with UnitOfWork(session_factory) as uow:
        await uow.publish(lead_event(uuid4()), lead_event(uuid4()))  # type: ignore[arg-type]
    relay = OutboxRelay(engine, settings)
    assert (await relay.publish_round()).published == 2
    await relay.close()
    assert await pending(engine) == 0
    restarted = OutboxRelay(engine, settings)
    assert (await restarted.publish_round()).published == 0
    await restarted.close()


async def test_a_failed_row_holds_its_key_back_and_replay_keeps_the_order(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """Row 1 of key K fails, row 2 of K would succeed: row 2 waits; after the replay of the
    repaired row 1, Kafka holds K's rows in their order."""
    key, other = uuid4(), uuid4()
    first = await insert_oversized_event(engine, key)
    second, unrelated = lead_event(key), lead_event(other)
    async with UnitOfWork(session_factory) as uow:
        await uow.publish(second, unrelated)  # type: ignore[arg-type]

    relay = OutboxRelay(engine, settings)
    result = await relay.publish_round()
    assert (result.published, result.failed) == (1, 1)
    assert (await relay.publish_round()).published == 0, "K's second row waits behind the first"
    assert await pending(engine) == 2

    # An operator repairs the row and replays it.
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE outbox SET payload = jsonb_set(payload, '{data,source}', '\"walk_in\"')"
                " WHERE id = :id"
            ),
            {"id": first},
        )
    assert await replay_parked(engine, [first]) == [first]
    await drain([relay], engine)

    records = await read_topic(
        settings.kafka_bootstrap_servers, settings.topic(LEAD_TOPIC), expected=3
    )
    of_key = [
        json.loads(r.value)["id"]
        for r in sorted(records, key=lambda r: r.offset)
        if r.key == str(key).encode()
    ]
    async with engine.connect() as conn:
        first_event = (
            await conn.execute(select(outbox.c.event_id).where(outbox.c.id == first))
        ).scalar_one()
    assert of_key == [str(first_event), str(second.id)]  # type: ignore[attr-defined]


async def test_no_transaction_stays_open_while_kafka_acknowledges(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """While a round waits for acks its rows are leased, not locked: another connection can
    update them (a held claim would block it)."""
    async with UnitOfWork(session_factory) as uow:
        await uow.publish(lead_event(uuid4()))  # type: ignore[arg-type]
    relay = OutboxRelay(engine, settings)
    sending = asyncio.Event()
    release = asyncio.Event()
    original = relay._send_wave

    async def slow_send(producer: object, rows: object) -> list[BaseException | None]:
        sending.set()
        await release.wait()
        return await original(producer, rows)  # type: ignore[arg-type]

    relay._send_wave = slow_send  # type: ignore[method-assign]
    round_ = asyncio.create_task(relay.publish_round())
    await asyncio.wait_for(sending.wait(), 30)
    async with engine.begin() as conn:
        await conn.execute(text("SET LOCAL lock_timeout = '2s'"))
        leased = (
            await conn.execute(
                text("UPDATE outbox SET last_error = 'touched' WHERE leased_by IS NOT NULL")
            )
        ).rowcount
    assert leased == 1
    release.set()
    assert (await round_).published == 1
    await relay.close()
