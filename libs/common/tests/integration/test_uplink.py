"""A dealer deployment's uplink on real Kafka and PostgreSQL, with the org tree and the sharing
agreements under row-level security as in the services: what may leave for HQ is cut by the
dealer's agreements — withheld, figures only, masked or whole — and written to the uplink
topics; a malformed record is dead-lettered and the flow goes on.

The uplink runs in a context with no tenant scope at all (the tests' session-wide scope is not
inherited), as ``crm-<service> uplink`` runs in production: it must declare its own."""

from __future__ import annotations

import asyncio
import contextvars
import json
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import insert, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from crm_common.contracts import new_event
from crm_common.contracts.envelope import EventData
from crm_common.contracts.events.leads.v1 import ALL as LEAD_EVENTS
from crm_common.contracts.events.leads.v1 import LeadConverted, LeadCreated, LeadFollowedUp
from crm_common.db.tables import org_directory, sharing_levels
from crm_common.db.tenancy import isolation_statements
from crm_common.messaging.consumer import dead_letter_topic
from crm_common.messaging.headers import DOWNLINKED_HEADER, encode_headers, event_headers
from crm_common.messaging.uplink import Uplink, uplink_topic
from crm_common.policy.fanout import SHARING_LEVEL_HEADER
from crm_common.policy.sharing import ALL_ORGS, DataType, Direction, SharingLevel
from crm_common.settings import Settings
from crm_common.testing.kafka import header, read_topic

TENANT = "oem-t"
AT = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
NAME, PHONE = "王小明", "+8613812345678"


def converted(dealer: str) -> LeadConverted:
    return LeadConverted(
        lead_id=uuid4(),
        dealer_id=dealer,
        at=AT,
        customer_id=uuid4(),
        owner_user="c1",
        owner_team=dealer,
        customer_name=NAME,
        phone=PHONE,
        vehicle_interest="SUV",
        source="walk_in",
        grade="intent",
    )


@pytest.fixture
async def policy_tables(engine: AsyncEngine) -> None:
    """The org tree and the agreements of the dealer, under row-level security as every
    service's migrations put them (crm_common.db.migration_ops.isolate_tenants)."""
    async with engine.begin() as conn:
        for table in ("org_directory", "sharing_levels"):
            for statement in isolation_statements(table):
                await conn.execute(text(statement))
        bypasses = await conn.scalar(
            text("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
        )
    assert not bypasses, "the test's role must be subject to row-level security"
    async with engine.begin() as conn:
        await conn.execute(
            insert(org_directory),
            [
                {
                    "id": node,
                    "tenant": TENANT,
                    "parent_id": None,
                    "kind": "dealer" if dealer else "oem",
                    "path": f"/hq/{node}/",
                    "dealer_id": dealer,
                    "active": True,
                }
                for node, dealer in [
                    ("hq", None),
                    ("dealer-full", "dealer-full"),
                    ("dealer-masked", "dealer-masked"),
                    ("dealer-figures", "dealer-figures"),
                    ("dealer-none", "dealer-none"),
                ]
            ],
        )
        await conn.execute(
            insert(sharing_levels),
            [
                {
                    "tenant": TENANT,
                    "data_type": DataType.LEAD.value,
                    "direction": Direction.DEALER_TO_OEM.value,
                    "dealer_id": dealer,
                    "partner_id": ALL_ORGS,
                    "level": level.value,
                }
                for dealer, level in [
                    ("dealer-full", SharingLevel.FULL),
                    ("dealer-masked", SharingLevel.MASKED),
                    ("dealer-figures", SharingLevel.AGGREGATE),
                    ("dealer-none", SharingLevel.NONE),
                ]
            ],
        )


@pytest.fixture
async def producer(settings: Settings) -> AsyncIterator[AIOKafkaProducer]:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    yield producer
    await producer.stop()


async def publish(
    settings: Settings,
    producer: AIOKafkaProducer,
    owner: str,
    data: EventData,
    *,
    downlinked: bool = False,
) -> str:
    envelope = new_event(data, tenant=TENANT, owner_org=owner, actor="c1")
    headers = event_headers(envelope)
    if downlinked:
        headers[DOWNLINKED_HEADER] = "hq"
    await producer.send_and_wait(
        settings.topic(data.topic),
        envelope.model_dump_json().encode(),
        key=data.aggregate_key().encode(),
        headers=encode_headers(headers),
    )
    return str(envelope.id)


def start_without_scope(uplink: Uplink, stop: asyncio.Event) -> asyncio.Task[None]:
    """As `crm-<service> uplink` starts: no tenant scope declared anywhere around it."""
    return asyncio.get_running_loop().create_task(uplink.run(stop), context=contextvars.Context())


@pytest.mark.usefixtures("policy_tables")
async def test_what_leaves_is_cut_to_each_dealers_agreement_under_row_level_security(
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    producer: AIOKafkaProducer,
) -> None:
    topic = uplink_topic(settings, LeadConverted.topic)
    for owner in ("dealer-full", "dealer-masked", "dealer-figures", "dealer-none", "hq"):
        await publish(settings, producer, owner, converted(owner))
    await publish(
        settings,
        producer,
        "dealer-none",
        LeadCreated(lead_id=uuid4(), dealer_id="dealer-none", source="phone", created_at=AT),
    )
    await publish(settings, producer, "hq", converted("hq"), downlinked=True)

    stop = asyncio.Event()
    running = start_without_scope(Uplink(settings, session_factory, LEAD_EVENTS), stop)
    try:
        records = await read_topic(settings.kafka_bootstrap_servers, topic, expected=4)
    finally:
        stop.set()
        await running

    arrived = {json.loads(r.value)["owner_org"]: r for r in records}
    assert sorted(arrived) == ["dealer-figures", "dealer-full", "dealer-masked", "hq"], (
        "dealer-none keeps its own, and what came down from HQ does not go back up"
    )
    data = {owner: json.loads(r.value)["data"] for owner, r in arrived.items()}
    assert (data["dealer-full"]["phone"], data["dealer-full"]["customer_name"]) == (PHONE, NAME)
    assert (data["dealer-masked"]["phone"], data["dealer-masked"]["customer_name"]) == (
        "138****5678",
        "王**",
    )
    assert (data["dealer-figures"]["phone"], data["dealer-figures"]["customer_name"]) == (
        "***",
        "***",
    )
    assert data["dealer-figures"]["source"] == "walk_in", "the figure kpi counts leaves"
    assert data["hq"]["phone"] == PHONE, "HQ's own records are not a dealer's"
    assert {o: header(arrived[o], SHARING_LEVEL_HEADER) for o in arrived} == {
        "dealer-full": "full",
        "dealer-masked": "masked",
        "dealer-figures": "aggregate",
        "hq": "full",
    }
    for record in records:
        assert header(record, "ce-id") == json.loads(record.value)["id"]
        if header(record, SHARING_LEVEL_HEADER) != "full":
            assert NAME.encode() not in record.value
            assert b"13812345678" not in record.value


@pytest.mark.usefixtures("policy_tables")
async def test_a_malformed_record_is_dead_lettered_and_a_changed_agreement_applies_at_once(
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    producer: AIOKafkaProducer,
) -> None:
    source = settings.topic(LeadConverted.topic)
    topic = uplink_topic(settings, LeadConverted.topic)
    stop = asyncio.Event()
    running = start_without_scope(Uplink(settings, session_factory, LEAD_EVENTS), stop)
    try:
        first = await publish(settings, producer, "dealer-figures", converted("dealer-figures"))
        await producer.send_and_wait(source, b"{not json", key=b"k")
        await producer.send_and_wait(
            source, json.dumps({"type": "leads.LeadConverted", "data": {}}).encode(), key=b"k"
        )
        before = await read_topic(settings.kafka_bootstrap_servers, topic, expected=1)
        assert [json.loads(r.value)["id"] for r in before] == [first]

        # The dealer's admin shares leads masked from now on.
        async with session_factory() as session, session.begin():
            await session.execute(
                update(sharing_levels)
                .where(sharing_levels.c.dealer_id == "dealer-figures")
                .values(level=SharingLevel.MASKED.value)
            )
        second = await publish(settings, producer, "dealer-figures", converted("dealer-figures"))
        after = await read_topic(settings.kafka_bootstrap_servers, topic, expected=2)
    finally:
        stop.set()
        await running

    levels = {json.loads(r.value)["id"]: header(r, SHARING_LEVEL_HEADER) for r in after}
    assert levels == {first: "aggregate", second: "masked"}, "the flow went on, at the new level"
    dead = await read_topic(settings.kafka_bootstrap_servers, dead_letter_topic(source), expected=2)
    assert sorted(r.value for r in dead) == sorted(
        [b"{not json", json.dumps({"type": "leads.LeadConverted", "data": {}}).encode()]
    )
    group = f"{settings.kafka_namespace}common-test.uplink"
    assert [header(r, "dlq-consumer-group") for r in dead] == [group, group]


@pytest.mark.usefixtures("policy_tables")
async def test_what_a_dealer_does_with_a_lead_hq_handed_down_goes_back_to_hq_in_full(
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    producer: AIOKafkaProducer,
) -> None:
    """The dealer shares nothing of its own leads (``none``), yet what it does with a lead HQ
    distributed to it goes back to HQ whole (DESIGN.md: OEM-originated leads are ``full`` back
    to the OEM); a lead "handed down" by another dealer counts for nothing."""
    handed, own, by_a_dealer = uuid4(), uuid4(), uuid4()
    full_dealers = uuid4()

    async def handed_down(session: AsyncSession, keys: Sequence[str]) -> Mapping[str, str]:
        origins = {handed: "hq", full_dealers: "hq", by_a_dealer: "dealer-full"}
        return {k: origins[UUID(k)] for k in keys if UUID(k) in origins}

    def about(lead_id: UUID, dealer: str) -> LeadConverted:
        return converted(dealer).model_copy(update={"lead_id": lead_id})

    followed = LeadFollowedUp(
        lead_id=handed,
        dealer_id="dealer-none",
        at=AT,
        follow_up_id=uuid4(),
        owner_user="c1",
        kind="call",
        resets_clock=True,
        real_contact=True,
    )
    sent = [
        await publish(settings, producer, "dealer-none", followed),
        await publish(settings, producer, "dealer-none", about(handed, "dealer-none")),
        await publish(settings, producer, "dealer-none", about(own, "dealer-none")),
        await publish(settings, producer, "dealer-none", about(by_a_dealer, "dealer-none")),
        await publish(settings, producer, "dealer-full", about(full_dealers, "dealer-full")),
    ]
    topic = uplink_topic(settings, LeadConverted.topic)
    stop = asyncio.Event()
    uplink = Uplink(settings, session_factory, LEAD_EVENTS, {DataType.LEAD.value: handed_down})
    running = start_without_scope(uplink, stop)
    try:
        records = await read_topic(settings.kafka_bootstrap_servers, topic, expected=3)
    finally:
        stop.set()
        await running

    arrived = {json.loads(r.value)["id"]: r for r in records}
    assert set(arrived) == {sent[0], sent[1], sent[4]}, "the dealer's own leads stay"
    assert {i: header(arrived[i], SHARING_LEVEL_HEADER) for i in arrived} == {
        sent[0]: "full",
        sent[1]: "full",
        sent[4]: "full",
    }
    status = json.loads(arrived[sent[1]].value)["data"]
    assert (status["customer_name"], status["phone"], status["owner_user"]) == (NAME, PHONE, "c1")
    assert json.loads(arrived[sent[4]].value)["data"]["phone"] == PHONE
