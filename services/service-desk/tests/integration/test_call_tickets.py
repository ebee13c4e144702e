"""The call center's ticket requests consumed from Kafka through the shared inbox on real
PostgreSQL: a call opens a phone ticket in its book (worked by the agent when they work there,
else unassigned), or joins the open ticket of its book it names (a note, the call linked); a
ticket of another book is never touched — a new one is opened instead; a redelivered request
changes nothing. A call that joined a ticket is told to the call center (``CallAttached``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts.envelope import Envelope, new_event
from crm_common.contracts.events.call_center.v1 import CallTicketRequested
from crm_common.db.tables import outbox
from crm_common.messaging.consumer import create_broker, subscribe
from crm_common.messaging.headers import encode_headers, event_headers
from crm_common.messaging.topics import ensure_topics, platform_topics
from crm_common.settings import Settings
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.kafka import eventually
from crm_common.testing.services import AsUser
from crm_service_desk.adapters.tables import ticket_entries, ticket_history, tickets
from crm_service_desk.entrypoints.consumers import subscriptions

from .conftest import PEOPLE, TENANT

pytestmark = pytest.mark.integration


@pytest.fixture
async def worker(
    infrastructure: Infrastructure,
    desk_database: str,
    run_id: str,
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[Settings]:
    settings = Settings(
        env="test",
        service_name="service-desk",
        database_url=desk_database,
        kafka_bootstrap_servers=infrastructure.kafka_bootstrap_servers,
        kafka_namespace=f"t{run_id}.desk-{uuid4().hex[:8]}.",
        redis_url=infrastructure.redis_url,
        log_level="WARNING",
    )
    await ensure_topics(settings.kafka_bootstrap_servers, platform_topics(settings))
    broker = create_broker(settings)
    for subscription in subscriptions(settings):
        subscribe(broker, settings, sessions, subscription)
    await broker.start()
    yield settings
    await broker.stop()


def requested(
    dealer: str, agent: str, *, attach_to: UUID | None = None, kind: str = "complaint"
) -> Envelope[Any]:
    return new_event(
        CallTicketRequested(
            call_id=uuid4(),
            dealer_id=dealer,
            direction="inbound",
            customer_phone="138 0013 8000",
            agent_user=agent,
            queue_id=None,
            lead_id=None,
            customer_id=None,
            task_id=None,
            ticket_kind=kind,  # type: ignore[arg-type]
            subject="空调不制冷",
            notes="客户说空调从昨天开始不制冷",
            attach_to=attach_to,
            requested_by=agent,
            at=datetime.now(UTC),
        ),
        tenant=TENANT,
        owner_org=dealer,
        actor=agent,
    )


async def publish(settings: Settings, events: list[Envelope[Any]]) -> None:
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


async def test_a_call_opens_a_phone_ticket_or_joins_an_open_one_of_its_book(
    as_user: AsUser, sessions: async_sessionmaker[AsyncSession], worker: Settings
) -> None:
    body = {"subject": "刹车异响", "phone": "13900139000", "customer_name": "王芳"}
    async with as_user(PEOPLE.advisor) as advisor, as_user(PEOPLE.other_advisor) as other:
        mine = (await advisor.post("/tickets", json=body)).json()["id"]
        theirs = (await other.post("/tickets", json=body)).json()["id"]
    by_advisor = requested("dealer-a", PEOPLE.advisor.user_id)
    by_hotline = requested("dealer-a", PEOPLE.agent.user_id, kind="inquiry")
    joins = requested("dealer-a", PEOPLE.advisor.user_id, attach_to=UUID(mine))
    foreign = requested("dealer-a", PEOPLE.advisor.user_id, attach_to=UUID(theirs))
    await publish(worker, [by_advisor, by_hotline, joins, foreign, by_advisor, joins])

    async def settled() -> list[Any] | None:
        async with sessions() as session:
            found = (
                (
                    await session.execute(
                        select(tickets)
                        .where(tickets.c.channel == "phone")
                        .order_by(tickets.c.number)
                    )
                )
                .mappings()
                .all()
            )
            notes = await session.scalar(
                select(func.count()).where(ticket_entries.c.ticket_id == UUID(mine))
            )
        return list(found) if len(found) >= 3 and notes else None

    opened = {row["call_id"]: row for row in await eventually(settled)}
    assert set(opened) == {
        str(by_advisor.data.call_id),
        str(by_hotline.data.call_id),
        str(foreign.data.call_id),
    }
    first = opened[str(by_advisor.data.call_id)]
    assert (first["owner_org"], first["owner_user"], first["kind"]) == (
        "dealer-a",
        PEOPLE.advisor.user_id,
        "complaint",
    )
    assert first["customer_phone"] == "+8613800138000"
    assert first["description"].startswith(f"Phone call {by_advisor.data.call_id} (inbound):")
    # The hotline's agent works no ticket of the dealer's book: the ticket waits unassigned.
    hotline = opened[str(by_hotline.data.call_id)]
    assert (hotline["owner_org"], hotline["owner_user"], hotline["kind"]) == (
        "dealer-a",
        None,
        "inquiry",
    )
    async with sessions() as session:
        joined = (
            (await session.execute(select(tickets).where(tickets.c.id == UUID(mine))))
            .mappings()
            .one()
        )
        entries = (
            await session.execute(
                select(ticket_entries.c.kind, ticket_entries.c.body).where(
                    ticket_entries.c.ticket_id == UUID(mine)
                )
            )
        ).all()
        untouched = (
            (await session.execute(select(tickets).where(tickets.c.id == UUID(theirs))))
            .mappings()
            .one()
        )
        refused = (
            await session.execute(
                select(ticket_history.c.action, ticket_history.c.detail).where(
                    ticket_history.c.ticket_id == opened[str(foreign.data.call_id)]["id"]
                )
            )
        ).all()
    assert joined["call_id"] == str(joins.data.call_id)
    assert [(e.kind, e.body.split(":")[0]) for e in entries] == [
        ("note", f"Phone call {joins.data.call_id} (inbound)")
    ]
    assert untouched["call_id"] is None
    # The call that joined the ticket is told to the call center once, redelivered or not.
    async with sessions() as session:
        attached = (
            await session.execute(
                select(outbox.c.key, outbox.c.payload).where(
                    outbox.c.event_type == "service-desk.CallAttached"
                )
            )
        ).all()
    assert [(key, p["data"]["call_id"], p["data"]["attached_by"]) for key, p in attached] == [
        (mine, str(joins.data.call_id), PEOPLE.advisor.user_id)
    ]
    assert (
        "attach_refused",
        {"ticket_id": theirs, "why": "not an open ticket of the call's book"},
    ) in [(h.action, h.detail) for h in refused]
    async with sessions() as session:
        opened_events = await session.scalar(
            select(func.count()).where(tickets.c.channel == "phone")
        )
    assert opened_events == 3
