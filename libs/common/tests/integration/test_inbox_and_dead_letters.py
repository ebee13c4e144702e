"""Consumers against real Kafka and PostgreSQL: inbox deduplication, retries, dead letters."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import uuid4

import pytest
from aiokafka import AIOKafkaProducer
from prometheus_client import REGISTRY
from sqlalchemy import Column, MetaData, String, Table, func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from crm_common.contracts import new_event
from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.leads import v1 as leads_v1
from crm_common.contracts.events.leads import v2 as leads_v2
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC, LeadCreated, LeadCreatedEvent
from crm_common.contracts.events.leads.v2 import LeadOrigin
from crm_common.db import UnitOfWork
from crm_common.inbox import process_once
from crm_common.messaging.consumer import (
    Handles,
    Subscription,
    create_broker,
    dead_letter_topic,
    subscribe,
)
from crm_common.messaging.headers import (
    DOWNLINKED_HEADER,
    FROM_DEALER_HEADER,
    encode_headers,
    event_headers,
)
from crm_common.settings import Settings
from crm_common.testing.kafka import eventually, header, read_topic

effects_metadata = MetaData()
effects = Table("effects", effects_metadata, Column("lead_id", String, nullable=False))


def lead_created() -> LeadCreatedEvent:
    return new_event(
        LeadCreated(
            lead_id=uuid4(), dealer_id="dealer-1", source="phone", created_at=datetime.now(UTC)
        ),
        tenant="oem-1",
        owner_org="dealer-1",
        actor="tester",
    )


async def create_effects_table(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.run_sync(effects_metadata.create_all)


async def count_effects(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return (await conn.execute(select(func.count()).select_from(effects))).scalar_one()


async def record_effect(uow: UnitOfWork, event: LeadCreatedEvent) -> None:
    await uow.session.execute(insert(effects).values(lead_id=str(event.data.lead_id)))


async def test_inbox_applies_an_event_once_even_when_delivered_concurrently(
    session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    await create_effects_table(engine)
    event = lead_created()

    async def deliver() -> bool:
        return await process_once(
            session_factory, "test-consumer", event, lambda uow: record_effect(uow, event)
        )

    outcomes = await asyncio.gather(*(deliver() for _ in range(10)))
    assert outcomes.count(True) == 1
    assert await count_effects(engine) == 1
    assert await deliver() is False
    # Another consumer has its own inbox and applies it once as well.
    assert await process_once(
        session_factory, "other-consumer", event, lambda uow: record_effect(uow, event)
    )
    assert await count_effects(engine) == 2


async def test_failed_effect_rolls_back_the_inbox_row_too(
    session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    await create_effects_table(engine)
    event = lead_created()

    async def failing(uow: UnitOfWork) -> None:
        await record_effect(uow, event)
        raise RuntimeError("effect failed midway")

    with pytest.raises(RuntimeError, match="midway"):
        await process_once(session_factory, "test-consumer", event, failing)
    assert await count_effects(engine) == 0
    assert await process_once(
        session_factory, "test-consumer", event, lambda uow: record_effect(uow, event)
    )
    assert await count_effects(engine) == 1


async def test_poison_events_go_to_the_dead_letter_topic_and_consumption_goes_on(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    await create_effects_table(engine)
    poison_lead = uuid4()

    async def effect(uow: UnitOfWork, event: LeadCreatedEvent) -> None:
        if event.data.lead_id == poison_lead:
            raise ValueError("this lead breaks the handler")
        await record_effect(uow, event)

    broker = create_broker(settings)
    subscribe(
        broker,
        settings,
        session_factory,
        Subscription("test-dlq", LEAD_TOPIC, [Handles(LeadCreated, effect)], "test"),
    )
    topic = settings.topic(LEAD_TOPIC)
    good_before, good_after = lead_created(), lead_created()
    failing = lead_created().model_copy(
        update={"data": lead_created().data.model_copy(update={"lead_id": poison_lead})}
    )
    other_type = good_before.model_dump(mode="json") | {"type": "leads.SomethingElse"}
    # A real event re-sent as a version nobody defined: never read as version 1.
    future_version = lead_created()
    future_body = future_version.model_dump(mode="json") | {"version": 99}
    group = settings.consumer_group("test-dlq")
    unknown_before = unknown_types_counted(group)
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        key = b"same-partition"
        for body, headers in [
            (good_before.model_dump_json().encode(), event_headers(good_before)),
            (b"{not json", {"ce-type": "leads.LeadCreated"}),
            (json.dumps({"id": "x", "type": "leads.LeadCreated"}).encode(), {}),
            (failing.model_dump_json().encode(), event_headers(failing)),
            (json.dumps(future_body).encode(), event_headers(future_version)),
            # An event type no contract defines is skipped and counted, not dead-lettered.
            (json.dumps(other_type).encode(), {}),
            (good_after.model_dump_json().encode(), event_headers(good_after)),
            # Redelivery of an event already processed: no second effect.
            (good_before.model_dump_json().encode(), event_headers(good_before)),
        ]:
            await producer.send_and_wait(topic, body, key=key, headers=encode_headers(headers))
    finally:
        await producer.stop()

    await broker.start()
    try:
        assert await eventually(lambda: _equals(count_effects(engine), 2), timeout=60)
        dead = await read_topic(
            settings.kafka_bootstrap_servers, dead_letter_topic(topic), expected=4
        )
    finally:
        await broker.stop()

    assert len(dead) == 4
    assert dead[0].value == b"{not json"
    errors = [header(r, "dlq-error") or "" for r in sorted(dead, key=lambda r: r.offset)]
    assert "Invalid JSON" in errors[0]
    assert "ValidationError" in errors[1]
    assert (
        "UnsupportedEventVersion: leads.LeadCreated version 99: this consumer reads version 1"
        in errors[2]
    )
    assert "this lead breaks the handler" in errors[3]
    assert unknown_types_counted(group) == unknown_before + 1
    assert all(header(r, "dlq-original-topic") == topic for r in dead)
    assert all(header(r, "dlq-consumer-group") == settings.consumer_group("test-dlq") for r in dead)
    assert await count_effects(engine) == 2


def unknown_types_counted(group: str) -> float:
    return (
        REGISTRY.get_sample_value(
            "crm_events_consumed_total",
            {"consumer": group, "type": "leads.SomethingElse", "outcome": "unknown_type"},
        )
        or 0.0
    )


async def _equals(value: object, expected: int) -> bool:
    return await value == expected  # type: ignore[misc]


async def test_a_batch_effect_takes_each_new_event_once_and_a_poison_one_alone(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    await create_effects_table(engine)
    poison_lead = uuid4()
    calls: list[int] = []

    async def record_all(uow: UnitOfWork, events: Sequence[LeadCreatedEvent]) -> None:
        calls.append(len(events))
        if any(e.data.lead_id == poison_lead for e in events):
            raise ValueError("this lead breaks the handler")
        await uow.session.execute(
            insert(effects), [{"lead_id": str(e.data.lead_id)} for e in events]
        )

    broker = create_broker(settings)
    subscribe(
        broker,
        settings,
        session_factory,
        Subscription(
            "test-batch", LEAD_TOPIC, [Handles(LeadCreated, batch_effect=record_all)], "t"
        ),
    )
    events = [lead_created() for _ in range(50)]
    failing = lead_created().model_copy(
        update={"data": lead_created().data.model_copy(update={"lead_id": poison_lead})}
    )
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        for event in [*events[:25], failing, *events[25:], *events[:10]]:
            await producer.send(
                settings.topic(LEAD_TOPIC),
                event.model_dump_json().encode(),
                key=b"one-partition",
                headers=encode_headers(event_headers(event)),
            )
        await producer.flush()
    finally:
        await producer.stop()

    await broker.start()
    try:
        assert await eventually(lambda: _equals(count_effects(engine), 50), timeout=60)
        dead = await read_topic(
            settings.kafka_bootstrap_servers,
            dead_letter_topic(settings.topic(LEAD_TOPIC)),
            expected=1,
        )
    finally:
        await broker.stop()
    assert await count_effects(engine) == 50, "each event once, redeliveries included"
    assert [header(r, "dlq-error") for r in dead] == ["ValueError: this lead breaks the handler"]
    assert max(calls) > 1, "events were applied in batches"


def test_a_subscription_takes_exactly_one_kind_of_effect() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        Handles(LeadCreated)
    with pytest.raises(ValueError, match="exactly one"):
        Handles(LeadCreated, record_effect, batch_effect=lambda uow, events: asyncio.sleep(0))


def lead_converted_v1() -> Envelope[leads_v1.LeadConverted]:
    return new_event(
        leads_v1.LeadConverted(
            lead_id=uuid4(),
            dealer_id="dealer-1",
            at=datetime.now(UTC),
            customer_id=uuid4(),
            owner_user="alice",
            owner_team="team-1",
            customer_name="王伟",
            phone="+8613800138000",
            vehicle_interest=None,
            source="walk_in",
            grade=None,
        ),
        tenant="oem-1",
        owner_org="dealer-1",
        actor="alice",
    )


def lead_converted_v2(origin: LeadOrigin) -> Envelope[leads_v2.LeadConvertedV2]:
    data = lead_converted_v1().data.model_dump() | {"lead_origin": origin}
    return new_event(
        leads_v2.LeadConvertedV2(**data), tenant="oem-1", owner_org="dealer-1", actor="alice"
    )


async def test_one_subscription_reads_two_versions_of_an_event_and_no_other(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """A contract's new version beside the old one: each event is read as the version it
    declares (the old one still arrives from the topic's history and older producers); a
    version the consumer has no contract for is dead-lettered, never read as another one."""
    await create_effects_table(engine)
    read_as: dict[str, str] = {}

    async def opened(
        uow: UnitOfWork,
        event: Envelope[leads_v1.LeadConverted] | Envelope[leads_v2.LeadConvertedV2],
    ) -> None:
        data = event.data
        origin = data.lead_origin if isinstance(data, leads_v2.LeadConvertedV2) else "guessed"
        read_as[str(data.lead_id)] = f"v{event.version}:{origin}"
        await record_effect(uow, event)  # type: ignore[arg-type]

    broker = create_broker(settings)
    subscribe(
        broker,
        settings,
        session_factory,
        Subscription(
            "test-versions",
            LEAD_TOPIC,
            [Handles(leads_v2.LeadConvertedV2, opened), Handles(leads_v1.LeadConverted, opened)],
            "test",
        ),
    )
    old, new = lead_converted_v1(), lead_converted_v2("pool")
    future = lead_converted_v2("oem")
    future_body = future.model_dump(mode="json") | {"version": 3}
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        for body, headers in [
            (old.model_dump_json().encode(), event_headers(old)),
            (json.dumps(future_body).encode(), event_headers(future)),
            (new.model_dump_json().encode(), event_headers(new)),
            # Version 2's body declared as version 1: version 1's contract refuses it.
            (
                json.dumps(new.model_dump(mode="json") | {"version": 1}).encode(),
                event_headers(new),
            ),
        ]:
            await producer.send_and_wait(
                settings.topic(LEAD_TOPIC), body, key=b"k", headers=encode_headers(headers)
            )
    finally:
        await producer.stop()

    await broker.start()
    try:
        assert await eventually(lambda: _equals(count_effects(engine), 2), timeout=60)
        dead = await read_topic(
            settings.kafka_bootstrap_servers,
            dead_letter_topic(settings.topic(LEAD_TOPIC)),
            expected=2,
        )
    finally:
        await broker.stop()
    assert read_as == {str(old.data.lead_id): "v1:guessed", str(new.data.lead_id): "v2:pool"}
    errors = [header(r, "dlq-error") or "" for r in sorted(dead, key=lambda r: r.offset)]
    assert errors[0].startswith(
        "UnsupportedEventVersion: leads.LeadConverted version 3: this consumer reads versions"
        " 1, 2 only"
    )
    assert "ValidationError" in errors[1]
    assert "lead_origin" in errors[1]
    assert await count_effects(engine) == 2


async def test_work_done_where_the_event_happened_skips_what_a_dealers_deployment_sent_up(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """At HQ a dealer's own deployment's events arrive on HQ's topics (marked by HQ's intake):
    a subscription that does work for an event (e.g. opens an opportunity) leaves them, the
    dealer's deployment did it; one that counts figures reads them."""
    await create_effects_table(engine)
    broker = create_broker(settings)
    for name, own_only in (("test-work", True), ("test-figures", False)):
        subscribe(
            broker,
            settings,
            session_factory,
            Subscription(
                name,
                LEAD_TOPIC,
                [Handles(LeadCreated, record_effect)],
                "test",
                own_deployment_only=own_only,
            ),
        )
    from_dealer, own = lead_created(), lead_created()
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        for event, headers in [
            (from_dealer, event_headers(from_dealer) | {FROM_DEALER_HEADER: "dealer-1"}),
            (own, event_headers(own)),
        ]:
            await producer.send_and_wait(
                settings.topic(LEAD_TOPIC),
                event.model_dump_json().encode(),
                key=b"same-partition",
                headers=encode_headers(headers),
            )
    finally:
        await producer.stop()

    await broker.start()
    try:
        assert await eventually(lambda: _equals(count_effects(engine), 3), timeout=60)
    finally:
        await broker.stop()
    async with engine.connect() as conn:
        applied = sorted((await conn.execute(select(effects.c.lead_id))).scalars())
    assert applied == sorted(
        [str(own.data.lead_id), str(own.data.lead_id), str(from_dealer.data.lead_id)]
    ), "the work once, for HQ's own event; the figures for both"


async def test_configuration_from_hq_is_applied_only_as_it_came_down(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """At a dealer's deployment, what HQ configured for it comes down over the link (marked by
    the dealer's intake): a subscription that keeps HQ's configuration applies only that, not
    the installation's own events nor what a dealer sent up."""
    await create_effects_table(engine)
    broker = create_broker(settings)
    subscribe(
        broker,
        settings,
        session_factory,
        Subscription(
            "test-from-hq",
            LEAD_TOPIC,
            [Handles(LeadCreated, record_effect)],
            "test",
            downlinked_only=True,
        ),
    )
    from_hq, from_dealer, own = lead_created(), lead_created(), lead_created()
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        for event, headers in [
            (own, event_headers(own)),
            (from_dealer, event_headers(from_dealer) | {FROM_DEALER_HEADER: "dealer-1"}),
            (from_hq, event_headers(from_hq) | {DOWNLINKED_HEADER: "hq"}),
        ]:
            await producer.send_and_wait(
                settings.topic(LEAD_TOPIC),
                event.model_dump_json().encode(),
                key=b"same-partition",
                headers=encode_headers(headers),
            )
    finally:
        await producer.stop()

    await broker.start()
    try:
        assert await eventually(lambda: _equals(count_effects(engine), 1), timeout=60)
    finally:
        await broker.stop()
    async with engine.connect() as conn:
        applied = list((await conn.execute(select(effects.c.lead_id))).scalars())
    assert applied == [str(from_hq.data.lead_id)]
