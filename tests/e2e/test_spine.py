"""The event spine end to end: leads api → outbox → relay → Kafka → kpi inbox → kpi api.

Real processes, real Kafka, real PostgreSQL. Each test works in its own tenant so their counts
are independent; they share one set of service processes, as production would.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import uuid
from datetime import date, timedelta

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from crm_common.auth.principal import DataScope
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC
from crm_common.messaging.consumer import dead_letter_topic
from crm_common.testing.infrastructure import infra_script
from crm_common.testing.kafka import eventually, header, read_topic

from .conftest import Spine

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

KPI_GROUP = "kpi.lead-facts"
_phones = itertools.count(13_000_000_000)


async def create_leads(spine: Spine, tenant: str, dealer: str, count: int) -> int:
    """POST ``count`` leads from 8 concurrent clients; returns how many were accepted (201)."""
    token = spine.token(tenant, dealer)
    accepted = 0
    queue = iter(range(count))

    async def client_loop() -> None:
        nonlocal accepted
        async with spine.client("leads", token) as client:
            for _ in queue:
                response = await client.post(
                    "/leads",
                    json={
                        "customer_name": "测试 客户",
                        "phone": str(next(_phones)),
                        "source": "phone",
                    },
                )
                assert response.status_code == 201, response.text
                accepted += 1

    await asyncio.gather(*(client_loop() for _ in range(8)))
    return accepted


async def kpi_total(spine: Spine, tenant: str, dealer: str) -> int:
    """The dealer's own figure (these tenants have no org tree, so no HQ view of them)."""
    today = date.today()
    async with spine.client("kpi", spine.token(tenant, dealer)) as client:
        response = await client.get(
            "/kpi/leads/daily",
            params={"from": str(today - timedelta(days=2)), "to": str(today + timedelta(days=2))},
        )
        assert response.status_code == 200, response.text
        total: int = response.json()["total"]
        return total


async def settles_at(
    spine: Spine, tenant: str, dealer: str, expected: int, timeout: float = 120
) -> int:
    """Wait until kpi reports ``expected``, then give duplicates time to show; the final count."""
    await eventually(lambda: _reached(spine, tenant, dealer, expected), timeout=timeout)
    await asyncio.sleep(2)
    return await kpi_total(spine, tenant, dealer)


async def _reached(spine: Spine, tenant: str, dealer: str, expected: int) -> bool:
    return await kpi_total(spine, tenant, dealer) >= expected


async def test_bad_requests_are_refused_clearly(spine: Spine) -> None:
    async with spine.client("leads") as anonymous:
        response = await anonymous.post("/leads", json={})
        assert response.status_code == 401
    async with spine.client("kpi") as anonymous:
        assert (
            await anonymous.get("/kpi/leads/daily?from=2026-01-01&to=2026-01-02")
        ).status_code == 401

    token = spine.token("oem-e2e-bad", "dealer-1")
    async with spine.client("leads", token) as client:
        response = await client.post(
            "/leads", json={"customer_name": "王伟", "phone": "not a phone", "source": "phone"}
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "phone"]
        response = await client.post(
            "/leads",
            json={
                "customer_name": "王伟",
                "phone": "13800138000",
                "source": "phone",
                "tenant": "another-oem",
            },
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "tenant"]

    forged = spine.token("oem-e2e-bad", "dealer-1").split(".")
    forged[1] = forged[1][:-4] + ("AAAA" if not forged[1].endswith("AAAA") else "BBBB")
    async with spine.client("leads", ".".join(forged)) as client:
        assert (await client.get("/leads/00000000-0000-0000-0000-000000000000")).status_code == 401


async def test_a_lead_of_another_org_answers_404(spine: Spine) -> None:
    async with spine.client("leads", spine.token("oem-e2e-404", "dealer-a")) as owner:
        created = await owner.post(
            "/leads", json={"customer_name": "李娜", "phone": "13900139000", "source": "walk_in"}
        )
        lead_id = created.json()["id"]
        assert (await owner.get(f"/leads/{lead_id}")).status_code == 200
        assert (await owner.get(f"/leads/{lead_id}")).json()["phone"] == "+8613900139000"
    # A colleague of the same dealer sees the lead, with personal data masked.
    colleague = spine.token("oem-e2e-404", "dealer-a", roles={"sales_consultant"}, user="colleague")
    async with spine.client("leads", colleague) as client:
        seen = (await client.get(f"/leads/{lead_id}")).json()
        assert (seen["phone"], seen["customer_name"]) == ("139****9000", "李*")
    async with spine.client("leads", spine.token("oem-e2e-404", "dealer-b")) as other_dealer:
        assert (await other_dealer.get(f"/leads/{lead_id}")).status_code == 404
    async with spine.client("leads", spine.token("oem-other", "dealer-a")) as other_tenant:
        assert (await other_tenant.get(f"/leads/{lead_id}")).status_code == 404

    # Every read and change of the personal data is on record, for the dealer's admin only.
    admin = spine.token("oem-e2e-404", "dealer-a", roles={"dealer_admin"}, user="admin-a")
    async with spine.client("leads", admin) as client:
        trail = (await client.get(f"/leads/{lead_id}/audit")).json()
    assert [(e["action"], e["actor"], e["level"]) for e in trail] == [
        ("create", "user-of-dealer-a", "full"),
        ("read", "user-of-dealer-a", "full"),
        ("read", "user-of-dealer-a", "full"),
        ("read", "colleague", "masked"),
    ]
    assert trail[1]["endpoint"] == "GET /leads/{lead_id}"
    foreign_admin = spine.token("oem-e2e-404", "dealer-b", roles={"dealer_admin"})
    async with spine.client("leads", foreign_admin) as client:
        # Another dealer's lead does not exist for its admin: 404, like any foreign record.
        assert (await client.get(f"/leads/{lead_id}/audit")).status_code == 404
    engine = create_async_engine(spine.database_urls["leads"])
    try:
        async with engine.begin() as conn:
            with pytest.raises(DBAPIError, match="append-only"):
                await conn.execute(text("DELETE FROM personal_data_audit"))
    finally:
        await engine.dispose()


async def test_thousand_leads_reach_kpi_exactly_once_and_survive_a_replay(spine: Spine) -> None:
    tenant = "oem-e2e-1000"
    accepted = await create_leads(spine, tenant, "dealer-sh-01", 1000)
    assert accepted == 1000
    assert await settles_at(spine, tenant, "dealer-sh-01", 1000) == 1000

    # Replay the whole topic from offset 0 into kpi: the inbox must absorb every duplicate.
    worker = spine.processes["kpi-worker"]
    worker.stop()
    group = spine.settings.consumer_group(KPI_GROUP)
    topic = spine.settings.topic(LEAD_TOPIC)
    end_offsets = await rewind_group(spine, group, topic)
    worker.start()
    assert await eventually(lambda: committed_at(spine, group, end_offsets), timeout=120)
    assert await kpi_total(spine, tenant, "dealer-sh-01") == 1000


async def test_broker_outage_loses_and_duplicates_nothing(spine: Spine) -> None:
    if spine.infrastructure.kind != "local":
        pytest.skip("bouncing the broker needs the local infrastructure")
    tenant = "oem-e2e-outage"
    pids = {name: p.pid for name, p in spine.processes.items()}

    before = await create_leads(spine, tenant, "dealer-sh-02", 200)
    await asyncio.to_thread(infra_script, "kafka-stop")
    try:
        during = await create_leads(spine, tenant, "dealer-sh-02", 300)
    finally:
        await asyncio.to_thread(infra_script, "kafka-start")
    after = await create_leads(spine, tenant, "dealer-sh-02", 200)

    expected = before + during + after
    assert expected == 700
    assert await settles_at(spine, tenant, "dealer-sh-02", expected, timeout=180) == expected
    assert {name: p.pid for name, p in spine.processes.items()} == pids, "a service restarted"
    for process in spine.processes.values():
        assert process.process is not None
        assert process.process.poll() is None


async def test_kpi_worker_killed_mid_stream_counts_exactly(spine: Spine) -> None:
    tenant = "oem-e2e-kill"
    worker = spine.processes["kpi-worker"]
    worker.stop()
    assert await create_leads(spine, tenant, "dealer-bj-01", 3000) == 3000
    worker.start()
    assert await eventually(lambda: _reached(spine, tenant, "dealer-bj-01", 1), timeout=60)
    killed_at = await kpi_total(spine, tenant, "dealer-bj-01")
    os.kill(worker.pid, signal.SIGKILL)
    worker.process.wait(timeout=10)  # type: ignore[union-attr]
    worker.process = None
    assert killed_at < 3000, "the worker finished before it could be killed mid-stream"
    worker.start()
    assert await settles_at(spine, tenant, "dealer-bj-01", 3000) == 3000


async def test_malformed_event_is_dead_lettered_and_kpi_goes_on(spine: Spine) -> None:
    tenant = "oem-e2e-dlq"
    topic = spine.settings.topic(LEAD_TOPIC)
    producer = AIOKafkaProducer(bootstrap_servers=spine.settings.kafka_bootstrap_servers)
    await producer.start()
    key = f"malformed-{uuid.uuid4()}".encode()
    try:
        await producer.send_and_wait(topic, b'{"type": "leads.LeadCreated", "data": 42}', key=key)
    finally:
        await producer.stop()
    assert await create_leads(spine, tenant, "dealer-sh-01", 5) == 5
    assert await settles_at(spine, tenant, "dealer-sh-01", 5) == 5
    # Other tests share this spine's topics: only the record this test sent is its concern.
    dead = [
        r
        for r in await read_topic(
            spine.settings.kafka_bootstrap_servers, dead_letter_topic(topic), expected=1
        )
        if r.key == key
    ]
    assert [r.value for r in dead] == [b'{"type": "leads.LeadCreated", "data": 42}']
    assert header(dead[0], "dlq-consumer-group") == spine.settings.consumer_group(KPI_GROUP)
    assert "ValidationError" in (header(dead[0], "dlq-error") or "")


async def test_a_region_manager_sees_the_dealers_of_the_region_only(spine: Spine) -> None:
    """The org tree flows identity → Kafka → each service's org directory; subtree scope uses it."""
    tenant = "oem-demo"
    async with spine.client("leads", spine.token(tenant, "dealer-sh-01")) as east:
        east_lead = (
            await east.post(
                "/leads", json={"customer_name": "周杰", "phone": "13700137000", "source": "phone"}
            )
        ).json()["id"]
    async with spine.client("leads", spine.token(tenant, "dealer-bj-01")) as north:
        north_lead = (
            await north.post(
                "/leads", json={"customer_name": "吴芳", "phone": "13600136000", "source": "phone"}
            )
        ).json()["id"]
    region = spine.token(tenant, "region-east", DataScope.SUBTREE, roles={"region_manager"})

    async def kpi_dealers() -> set[str]:
        today = date.today()
        async with spine.client("kpi", region) as client:
            body = (
                await client.get(
                    "/kpi/leads/daily",
                    params={
                        "from": str(today - timedelta(days=2)),
                        "to": str(today + timedelta(days=2)),
                    },
                )
            ).json()
        return {row["dealer_id"] for row in body["rows"]}

    assert await eventually(lambda: _has(kpi_dealers(), "dealer-sh-01"), timeout=60)
    # Other tests of the session add east dealers and their leads (the commission screen's
    # dealer among them): the region's dealers are those of its subtree in identity's tree, and
    # north ones never show.
    async with spine.client("identity", region) as client:
        east = {n["id"] for n in (await client.get("/orgs")).json() if n["kind"] == "dealer"}
    assert {"dealer-sh-01", "dealer-sh-02", "dealer-hz-01"} <= east
    assert "dealer-bj-01" not in east
    assert await kpi_dealers() <= east
    async with spine.client("leads", region) as client:
        # By default a dealer shares its own prospects with the OEM as figures only.
        assert (await client.get(f"/leads/{east_lead}")).status_code == 404
        assert (await client.get(f"/leads/{north_lead}")).status_code == 404

    # The dealer's admin agrees to share its leads with the OEM, masked.
    dealer_admin = spine.token(tenant, "dealer-sh-01", roles={"dealer_admin"})
    async with spine.client("identity", dealer_admin) as client:
        agreed = await client.put(
            "/sharing",
            json={
                "data_type": "lead",
                "direction": "dealer_to_oem",
                "dealer_id": "dealer-sh-01",
                "level": "masked",
            },
        )
        assert agreed.status_code == 204, agreed.text

    async def region_sees_east_lead() -> bool:
        async with spine.client("leads", region) as client:
            return (await client.get(f"/leads/{east_lead}")).status_code == 200

    assert await eventually(region_sees_east_lead, timeout=60)
    async with spine.client("leads", region) as client:
        seen = (await client.get(f"/leads/{east_lead}")).json()
        assert seen["phone"] == "137****7000"
        assert (await client.get(f"/leads/{north_lead}")).status_code == 404


async def _has(values: object, wanted: str) -> bool:
    return wanted in await values  # type: ignore[operator]


async def rewind_group(spine: Spine, group: str, topic: str) -> dict[TopicPartition, int]:
    """Commit offset 0 on every partition for ``group``; returns the partitions' end offsets."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=spine.settings.kafka_bootstrap_servers,
        group_id=group,
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        if not partitions:
            await consumer._client.force_metadata_update()
            partitions = [
                TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()
            ]
        consumer.assign(partitions)
        await consumer.commit({tp: 0 for tp in partitions})
        end: dict[TopicPartition, int] = await consumer.end_offsets(partitions)
        return end
    finally:
        await consumer.stop()


async def committed_at(spine: Spine, group: str, end_offsets: dict[TopicPartition, int]) -> bool:
    admin = AIOKafkaAdminClient(bootstrap_servers=spine.settings.kafka_bootstrap_servers)
    await admin.start()
    try:
        committed = await admin.list_consumer_group_offsets(group)
    finally:
        await admin.close()
    return all(
        tp in committed and committed[tp].offset >= offset for tp, offset in end_offsets.items()
    )
