"""A dealer deployment's uplink on real Kafka and PostgreSQL: what leaves for HQ is cut by the
dealer's sharing agreements — withheld, masked or whole — and HQ's own records pass as they are."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from uuid import uuid4

from aiokafka import AIOKafkaProducer
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts import new_event
from crm_common.contracts.envelope import EventData
from crm_common.contracts.events.leads.v1 import ALL as LEAD_EVENTS
from crm_common.contracts.events.leads.v1 import LeadConverted, LeadCreated
from crm_common.db.tables import org_directory, sharing_levels
from crm_common.messaging.headers import encode_headers, event_headers
from crm_common.messaging.topics import ensure_topics
from crm_common.messaging.uplink import Uplink
from crm_common.policy.fanout import SHARING_LEVEL_HEADER
from crm_common.policy.sharing import ALL_ORGS, DataType, Direction, SharingLevel
from crm_common.settings import Settings
from crm_common.testing.kafka import header, read_topic

TENANT = "oem-t"
AT = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def converted(dealer: str) -> LeadConverted:
    return LeadConverted(
        lead_id=uuid4(),
        dealer_id=dealer,
        at=AT,
        customer_id=uuid4(),
        owner_user="c1",
        owner_team=dealer,
        customer_name="王小明",
        phone="+8613812345678",
        vehicle_interest="SUV",
        source="walk_in",
        grade="intent",
    )


async def test_the_uplink_withholds_masks_or_forwards_by_agreement(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session, session.begin():
        await session.execute(
            insert(org_directory),
            [
                {
                    "id": node,
                    "tenant": TENANT,
                    "parent_id": None,
                    "kind": "dealer",
                    "path": f"/hq/{node}/",
                    "dealer_id": dealer,
                    "active": True,
                }
                for node, dealer in [
                    ("hq", None),
                    ("dealer-full", "dealer-full"),
                    ("dealer-masked", "dealer-masked"),
                    ("dealer-none", "dealer-none"),
                ]
            ],
        )
        await session.execute(
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
                    ("dealer-none", SharingLevel.NONE),
                ]
            ],
        )
    hq_namespace = f"{settings.kafka_namespace}hq."
    dealer_side = settings.model_copy(
        update={
            "uplink_bootstrap_servers": settings.kafka_bootstrap_servers,
            "uplink_namespace": hq_namespace,
        }
    )
    hq_topic = f"{hq_namespace}{LeadConverted.topic}"
    await ensure_topics(settings.kafka_bootstrap_servers, [hq_topic], partitions=3)

    events: list[tuple[str, EventData]] = [
        ("dealer-full", converted("dealer-full")),
        ("dealer-masked", converted("dealer-masked")),
        ("dealer-none", converted("dealer-none")),
        ("hq", converted("hq")),
        (
            "dealer-none",
            LeadCreated(lead_id=uuid4(), dealer_id="dealer-none", source="phone", created_at=AT),
        ),
    ]
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        for owner, data in events:
            envelope = new_event(data, tenant=TENANT, owner_org=owner, actor="c1")
            await producer.send_and_wait(
                settings.topic(data.topic),
                envelope.model_dump_json().encode(),
                key=data.aggregate_key().encode(),
                headers=encode_headers(event_headers(envelope)),
            )
    finally:
        await producer.stop()

    stop = asyncio.Event()
    uplink = Uplink(dealer_side, session_factory, LEAD_EVENTS)
    running = asyncio.create_task(uplink.run(stop))
    try:
        records = await read_topic(settings.kafka_bootstrap_servers, hq_topic, expected=3)
    finally:
        stop.set()
        await running

    arrived = {json.loads(r.value)["owner_org"]: r for r in records}
    assert sorted(arrived) == ["dealer-full", "dealer-masked", "hq"], "dealer-none kept its own"
    data = {owner: json.loads(r.value)["data"] for owner, r in arrived.items()}
    assert (data["dealer-full"]["phone"], data["dealer-full"]["customer_name"]) == (
        "+8613812345678",
        "王小明",
    )
    assert data["dealer-masked"]["phone"] == "138****5678"
    assert "小明" not in data["dealer-masked"]["customer_name"]
    assert data["hq"]["phone"] == "+8613812345678", "HQ's own records are not a dealer's"
    assert [
        header(arrived[o], SHARING_LEVEL_HEADER) for o in ("dealer-full", "dealer-masked", "hq")
    ] == ["full", "masked", "full"]
    assert (
        header(arrived["dealer-masked"], "ce-id")
        == json.loads(arrived["dealer-masked"].value)["id"]
    )
