"""A dealer deployment linked to HQ through MirrorMaker 2, end to end: what crosses at which
sharing level, what HQ counts, what the dealer's principal may not do on HQ's cluster, an
hour offline shortened to a minute (MirrorMaker stopped; later HQ's broker killed), a lead HQ
distributes worked and converted at the dealer, and what HQ configures for its dealers coming
down to those it applies to.

Each test starts from what the previous ones left (one deployment per module, as in life):
counts are taken as differences."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from datetime import date, timedelta
from typing import Any
from uuid import uuid4

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, KafkaError, TopicAuthorizationFailedError
from aiokafka.helpers import create_ssl_context
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from crm_common.auth.principal import DataScope
from crm_common.contracts import new_event
from crm_common.contracts.events.identity.v1 import ORG_TOPIC, USER_TOPIC
from crm_common.contracts.events.identity.v2 import UserChangedV2
from crm_common.contracts.events.kpi.v1 import TARGET_TOPIC
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC
from crm_common.contracts.events.service_desk.v1 import CARE_RULE_TOPIC
from crm_common.messaging.dealer_link import downlink_topic, end_offsets, hq_uplink_topic
from crm_common.messaging.headers import FROM_DEALER_HEADER
from crm_common.policy.fanout import SHARING_LEVEL_HEADER
from crm_common.testing.kafka import eventually, header

from .conftest import DEALER, TENANT, Link, rows, sharing

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.integration,
    pytest.mark.dealer_link,
    # The first test's and the first configured test's time includes starting their processes
    # (two Kafka clusters, MirrorMaker 2, 15 processes and then 4 more, side by side: see
    # ``start_together``), which a loaded 2-core machine may take well beyond the suite's
    # 600 s for. The limit only stops a run that hangs: each test returns when it is done.
    pytest.mark.timeout(1800),
]

_phones = itertools.count(13_912_345_000)
NAMES: list[str] = []
PHONES: list[str] = []


async def create_lead(link: Link, *, convert: bool) -> str:
    """A consultant of the dealer takes a walk-in in (and converts it); the lead's id."""
    name, phone = f"客户{len(NAMES):04d}号", str(next(_phones))
    NAMES.append(name)
    PHONES.append(phone)
    token = link.dealer.token(DEALER, {"sales_consultant"}, DataScope.OWN, user="c1")
    async with link.dealer.client("leads", token) as client:
        created = await client.post(
            "/leads", json={"customer_name": name, "phone": phone, "source": "walk_in"}
        )
        assert created.status_code == 201, created.text
        lead_id: str = created.json()["id"]
        if convert:
            converted = await client.post(
                f"/leads/{lead_id}/convert", json={"vehicle_interest": "SUV"}
            )
            assert converted.status_code == 200, converted.text
    return lead_id


async def hq_count(link: Link) -> int:
    """HQ's kpi: leads the dealer took in, as HQ counts them from what came up."""
    today = date.today()
    token = link.hq.token(DEALER, {"sales_manager"}, DataScope.DEALER)
    async with link.hq.client("kpi", token) as client:
        response = await client.get(
            "/kpi/leads/daily",
            params={"from": str(today - timedelta(days=2)), "to": str(today + timedelta(days=2))},
        )
    assert response.status_code == 200, response.text
    total: int = response.json()["total"]
    return total


async def hq_settles_at(link: Link, expected: int, timeout: float = 180) -> int:
    async def reached() -> bool:
        return await hq_count(link) >= expected

    await eventually(reached, timeout=timeout)
    await asyncio.sleep(2)  # time for a duplicate to show
    return await hq_count(link)


async def all_records(bootstrap: str, topics: list[str] | None = None) -> list[Any]:
    """Every record of every topic (or of ``topics``) of a cluster, from offset 0."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        names = topics or sorted(await admin.list_topics())
        described = await admin.describe_topics(names)
    finally:
        await admin.close()
    partitions = [
        TopicPartition(topic["topic"], p["partition"])
        for topic in described
        if topic["error_code"] == 0
        for p in topic["partitions"]
    ]
    if not partitions:
        return []
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest"
    )
    await consumer.start()
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        records: list[Any] = []
        while [p for p, end in ends.items() if await consumer.position(p) < end]:
            for batch in (await consumer.getmany(timeout_ms=1000)).values():
                records.extend(batch)
        return records
    finally:
        # aiokafka's consumer without a group may re-raise the cancellation of its own
        # committed-offsets task when stopped soon after starting; nothing of ours is cancelled.
        with contextlib.suppress(asyncio.CancelledError):
            await consumer.stop()


async def database_text(url: str) -> str:
    """Every row of every table of a database, as text."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT set_config('crm.all_tenants', 'on', false)"))
            tables = (
                await conn.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                )
            ).scalars()
            dumps: list[str] = []
            for table in list(tables):
                # The names come from the catalogue, not from input.
                rows = await conn.execute(text(f'SELECT t::text FROM "{table}" t'))  # noqa: S608
                dumps.extend(rows.scalars())
            return "\n".join(dumps)
    finally:
        await engine.dispose()


async def level_at_dealer(link: Link, level: int) -> bool:
    engine = create_async_engine(link.dealer.database_urls["leads"])
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT set_config('crm.all_tenants', 'on', false)"))
            found = await conn.scalar(
                text(
                    "SELECT level FROM sharing_levels WHERE dealer_id = :d"
                    " AND data_type = 'lead' AND direction = 'dealer_to_oem'"
                ),
                {"d": DEALER},
            )
            return bool(found == level)
    finally:
        await engine.dispose()


def converted_at_hq(records: list[Any], lead_ids: set[str]) -> dict[str, Any]:
    found = {}
    for record in records:
        body = json.loads(record.value)
        if body.get("type") == "leads.LeadConverted" and body["data"]["lead_id"] in lead_ids:
            found[body["data"]["lead_id"]] = record
    return found


def dealer_client(link: Link, password: str | None = None) -> dict[str, Any]:
    return {
        "bootstrap_servers": link.hq.kafka.dealer_bootstrap,
        "security_protocol": "SASL_SSL",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": DEALER,
        "sasl_plain_password": password or link.password_file.read_text().strip(),
        "ssl_context": create_ssl_context(cafile=str(link.hq.kafka.ca_file)),
        "request_timeout_ms": 10_000,
    }


async def test_the_dealers_principal_is_held_to_its_prefixes_on_hqs_cluster(link: Link) -> None:
    admin = AIOKafkaAdminClient(**dealer_client(link))
    await admin.start()
    try:
        visible = set(await admin.list_topics())
        assert LEAD_TOPIC not in visible, "HQ's own topics are not even listed"
        refused = await admin.create_topics([NewTopic("dealer-bj-01.uplink.x", 1, 1)])
        assert refused.topic_errors[0][1] == TopicAuthorizationFailedError.errno
    finally:
        await admin.close()

    producer = AIOKafkaProducer(**dealer_client(link))
    await producer.start()
    try:
        for topic in ("dealer-bj-01.uplink.crm.leads.lead.v1", LEAD_TOPIC):
            with pytest.raises(KafkaError):
                await asyncio.wait_for(producer.send_and_wait(topic, b"{}"), 30)
    finally:
        await producer.stop()

    # HQ's org topic holds records (the tree it sent down): the dealer may read none directly.
    internal = TopicPartition(ORG_TOPIC, 0)
    consumer = AIOKafkaConsumer(**dealer_client(link), group_id=None)
    await consumer.start()
    try:
        with pytest.raises(KafkaError):
            await asyncio.wait_for(consumer.beginning_offsets([internal]), 30)
        consumer.assign([internal])
        assert await consumer.getmany(timeout_ms=5000) == {}
    finally:
        await consumer.stop()

    intruder = AIOKafkaProducer(**dealer_client(link, password="not-the-password"))
    with pytest.raises(KafkaConnectionError):
        await intruder.start()
    await intruder.stop()


async def test_a_dealer_token_is_not_accepted_by_hq(link: Link) -> None:
    """No shared signing key: the dealer's identity vouches for its users at the dealer only."""
    token = link.dealer.token(DEALER, {"sales_manager"}, DataScope.DEALER)
    async with link.hq.client("kpi", token) as client:
        assert (
            await client.get("/kpi/leads/daily", params={"from": "2026-01-01", "to": "2026-01-02"})
        ).status_code == 401


async def test_a_user_the_dealers_admin_creates_goes_up_and_logs_in_at_the_dealer_only(
    link: Link,
) -> None:
    """The dealer's identity places its users in HQ's tree, come down; a user its admin adds
    logs in there, goes up, and HQ's directory lists them — to be neither logged in nor
    deactivated at HQ."""
    admin = link.dealer.token(DEALER, {"dealer_admin"}, DataScope.DEALER, user="a1")
    new_user = {
        "username": "sh01.new-consultant",
        "display_name": "新顾问",
        "password": "a-long-enough-password",
        "org_node": DEALER,
        "roles": ["sales_consultant"],
    }
    answers: dict[str, str] = {}
    async with link.dealer.client("identity", admin) as dealer_identity:

        async def added() -> dict[str, Any] | None:  # 404 until the tree came down
            response = await dealer_identity.post("/users", json=new_user)
            answers["add"] = f"{response.status_code} {response.text}"
            return response.json() if response.status_code == 201 else None

        user = await eventually(added, timeout=120, interval=1)
        assert user is not None, ("HQ's tree came down to the dealer's identity", answers)
        login = {"username": new_user["username"], "password": new_user["password"]}
        assert (await dealer_identity.post("/auth/token", json=login)).status_code == 200

    hq_admin = link.hq.token("hq", {"hq_admin"}, DataScope.TENANT, user="hq.admin")
    async with link.hq.client("identity", hq_admin) as hq_identity:

        async def listed_at_hq() -> dict[str, Any] | None:
            users = (await hq_identity.get("/users", params={"limit": 500})).json()
            return next((u for u in users if u["id"] == user["id"]), None)

        at_hq = await eventually(listed_at_hq, timeout=180, interval=1)
        assert at_hq is not None, "the dealer's user went up to HQ's directory"
        assert {k: at_hq[k] for k in ("username", "org_node", "roles", "active")} == {
            "username": "sh01.new-consultant",
            "org_node": DEALER,
            "roles": ["sales_consultant"],
            "active": True,
        }
        assert (await hq_identity.post("/auth/token", json=login)).status_code == 401
        refused = await hq_identity.post(f"/users/{user['id']}/deactivate")
        assert refused.status_code == 409, "the dealer's deployment manages its users"

    # A user the dealer places at another dealer's node (its event naming itself): HQ's intake
    # refuses it for every HQ service, whose staff copies take HQ's user topic as it is.
    elsewhere = new_event(
        UserChangedV2(
            user_id=uuid4(),
            org_id="dealer-bj-01",
            dealer_id=DEALER,
            username="sh01.elsewhere",
            display_name="别处",
            roles=["sales_consultant"],
            active=True,
            change="created",
        ),
        tenant=TENANT,
        owner_org=DEALER,
        actor="a1",
    )
    await send_up(
        link, elsewhere.model_dump_json().encode(), key=str(elsewhere.id), topic=USER_TOPIC
    )

    async def dead_lettered() -> bool:
        dead = await all_records(
            link.hq.kafka.bootstrap, [f"{hq_uplink_topic(DEALER, USER_TOPIC)}.dlq"]
        )
        return any(json.loads(r.value)["id"] == str(elsewhere.id) for r in dead)

    assert await eventually(dead_lettered, timeout=180, interval=1), "HQ's intake refused it"
    on_hq = await all_records(link.hq.kafka.bootstrap, [USER_TOPIC])
    assert str(elsewhere.id) not in {json.loads(r.value)["id"] for r in on_hq}


async def test_figures_then_masked_records_then_figures_again(link: Link) -> None:
    assert await eventually(lambda: level_at_dealer(link, 1), timeout=180), (
        "HQ's org tree and the dealer's agreement (aggregate) came down"
    )
    before = await hq_count(link)
    figures = {await create_lead(link, convert=True) for _ in range(3)}
    assert await hq_settles_at(link, before + 3) == before + 3

    hq_records = await all_records(link.hq.kafka.bootstrap)
    hq_text = b"\n".join(r.value or b"" for r in hq_records).decode(errors="replace")
    for url in link.hq.database_urls.values():
        hq_text += await database_text(url)
    assert all(lead_id in hq_text for lead_id in figures), "the scan saw the figures"
    leaked = [v for v in NAMES + PHONES if v in hq_text or v[-8:] in hq_text]
    assert leaked == [], "none of the dealer's customers' names or numbers reached HQ"
    arrived = converted_at_hq(await all_records(link.hq.kafka.bootstrap, [LEAD_TOPIC]), figures)
    assert set(arrived) == figures
    assert {header(r, SHARING_LEVEL_HEADER) for r in arrived.values()} == {"aggregate"}
    assert {header(r, FROM_DEALER_HEADER) for r in arrived.values()} == {DEALER}

    # The dealer's admin shares leads masked (the dealer's identity publishes it at the dealer).
    await link.dealer.publish(DEALER, sharing("masked"))
    assert await eventually(lambda: level_at_dealer(link, 2), timeout=60)
    masked = {await create_lead(link, convert=True) for _ in range(2)}

    async def cut_by_the_uplink() -> bool:
        records = await all_records(link.dealer.kafka.bootstrap, [f"uplink.{LEAD_TOPIC}"])
        return len(converted_at_hq(records, masked)) == 2

    # The level applies when the uplink cuts an event: wait for it before the next change.
    assert await eventually(cut_by_the_uplink, timeout=60)
    # Back to figures only.
    await link.dealer.publish(DEALER, sharing("aggregate"))
    assert await eventually(lambda: level_at_dealer(link, 1), timeout=60)
    again = {await create_lead(link, convert=True)}

    async def all_arrived() -> dict[str, Any] | None:
        records = await all_records(link.hq.kafka.bootstrap, [LEAD_TOPIC])
        found = converted_at_hq(records, masked | again)
        return found if len(found) == 3 else None

    arrived = await eventually(all_arrived, timeout=180)
    assert arrived is not None
    for lead_id in masked:
        data = json.loads(arrived[lead_id].value)["data"]
        assert header(arrived[lead_id], SHARING_LEVEL_HEADER) == "masked"
        assert "****" in data["phone"]
        assert data["phone"][-4:] in {p[-4:] for p in PHONES}
        assert data["customer_name"].startswith("客")
        assert data["customer_name"] not in NAMES
    (last,) = again
    assert header(arrived[last], SHARING_LEVEL_HEADER) == "aggregate"
    assert json.loads(arrived[last].value)["data"]["phone"] == "***"


async def test_a_minute_offline_everything_arrives_once(link: Link) -> None:
    before = await hq_count(link)
    mirror_pid = link.mirror.pid
    assert mirror_pid is not None
    await asyncio.to_thread(link.mirror.stop)
    created: list[str] = []
    try:
        started = time.monotonic()
        while time.monotonic() - started < 60:
            created.append(await create_lead(link, convert=False))
            await asyncio.sleep(0.5)

        async def lag() -> float:
            async with httpx.AsyncClient() as client:
                body = (await client.get(link.lag_url)).text
            for line in body.splitlines():
                if line.startswith('crm_dealer_link_lag_records{direction="uplink"}'):
                    return float(line.split()[-1])
            return 0.0

        assert await eventually(lag, timeout=30), "the backlog shows as replication lag"
        assert await hq_count(link) == before, "nothing crossed while the link was down"
    finally:
        await asyncio.to_thread(link.mirror.start)
    expected = before + len(created)
    assert await hq_settles_at(link, expected, timeout=240) == expected

    records = await all_records(link.hq.kafka.bootstrap, [hq_uplink_topic(DEALER, LEAD_TOPIC)])
    created_ids = [
        json.loads(r.value)["id"]
        for r in records
        if json.loads(r.value)["type"] == "leads.LeadCreated"
        and json.loads(r.value)["data"]["lead_id"] in set(created)
    ]
    assert len(created_ids) == len(created) == len(set(created_ids)), "each once, no duplicate"
    # In order per key: each lead's events reached HQ in the order the dealer sent them up.
    sent = in_key_order(
        await all_records(link.dealer.kafka.bootstrap, [f"uplink.{LEAD_TOPIC}"]), set(created)
    )

    async def replicated_in_order() -> bool:
        records = await all_records(link.hq.kafka.bootstrap, [hq_uplink_topic(DEALER, LEAD_TOPIC)])
        return in_key_order(records, set(created)) == sent

    assert await eventually(replicated_in_order, timeout=60)


def in_key_order(records: list[Any], lead_ids: set[str]) -> dict[str, list[str]]:
    order: dict[str, list[str]] = {}
    for record in records:
        try:
            body = json.loads(record.value)
        except ValueError:
            continue  # the record that is no event, sent up on purpose by a test before
        if body["data"].get("lead_id") in lead_ids:
            order.setdefault(body["data"]["lead_id"], []).append(body["id"])
    return order


async def test_a_lead_hq_distributes_is_worked_at_the_dealer_and_hq_sees_it_converted(
    link: Link,
) -> None:
    """The dealer shares nothing of its own leads: what it does with the lead HQ handed it goes
    back to HQ all the same, in full (OEM-originated leads), so HQ sees who works it, its grade
    and its conversion."""
    await link.dealer.publish(DEALER, sharing("none"))
    assert await eventually(lambda: level_at_dealer(link, 0), timeout=60)
    try:
        await a_lead_hq_distributes_is_worked_at_the_dealer(link)
    finally:
        await link.dealer.publish(DEALER, sharing("aggregate"))


async def a_lead_hq_distributes_is_worked_at_the_dealer(link: Link) -> None:
    hq_admin = link.hq.token("hq", {"hq_admin"}, DataScope.TENANT, user="hq.admin")
    async with link.hq.client("leads", hq_admin) as hq:
        created = await hq.post(
            "/leads",
            json={"customer_name": "总部线索", "phone": "13700001234", "source": "campaign_form"},
        )
        assert created.status_code == 201, created.text
        lead_id = created.json()["id"]

        async def distributed() -> bool:  # once HQ's leads knows the dealer (the org tree)
            sent = await hq.post(f"/leads/{lead_id}/distribute", json={"dealer_id": DEALER})
            assert sent.status_code in (200, 404), sent.text
            return sent.status_code == 200

        assert await eventually(distributed, timeout=60, interval=1)

        consultant = link.dealer.token(DEALER, {"sales_consultant"}, DataScope.OWN, user="c9")
        async with link.dealer.client("leads", consultant) as dealer:

            async def claimed() -> bool:
                return (await dealer.post(f"/leads/{lead_id}/claim")).status_code == 200

            assert await eventually(claimed, timeout=120, interval=1), "it came down to its pool"
            lead = (await dealer.get(f"/leads/{lead_id}")).json()
            assert (lead["customer_name"], lead["origin_org"]) == ("总部线索", "hq")
            followed = await dealer.post(
                f"/leads/{lead_id}/follow-ups",
                json={"kind": "call", "outcome": "talked", "call_seconds": 90, "grade": "intent"},
            )
            assert followed.status_code == 201, followed.text
            # On the way up, ahead of the conversion: a record that is no event, and an event
            # about another dealer. HQ's intake dead-letters both and goes on.
            await send_up(link, b"not an event", key=lead_id)
            await send_up(
                link,
                json.dumps(
                    {"type": "leads.LeadLost", "data": {"dealer_id": "dealer-bj-01"}}
                ).encode(),
                key=lead_id,
            )
            converted = await dealer.post(
                f"/leads/{lead_id}/convert", json={"vehicle_interest": "SUV"}
            )
            assert converted.status_code == 200, converted.text

        async def seen_converted() -> dict[str, Any] | None:
            lead = (await hq.get(f"/leads/{lead_id}")).json()
            return lead if lead["status"] == "converted" else None

        at_hq = await eventually(seen_converted, timeout=120, interval=1)
        assert at_hq is not None, "HQ's copy follows the dealer's conversion"
        assert (at_hq["owner_org"], at_hq["work_by"]) == (DEALER, None)
        # HQ reads a distributed lead masked, as always (field permissions): its customer is
        # HQ's own record, whatever the dealer's events carry.
        assert at_hq["customer_name"] == "总***"
        assert at_hq["grade"] == "intent", "the grade given at the dealer"
        history = (await hq.get(f"/leads/{lead_id}/history")).json()
        assert ("claimed_at_dealer", "c9") in {(h["kind"], h["to_user"]) for h in history}
    [conversion] = converted_at_hq(
        await all_records(link.hq.kafka.bootstrap, [LEAD_TOPIC]), {lead_id}
    ).values()
    assert header(conversion, SHARING_LEVEL_HEADER) == "full", "HQ's own lead comes back whole"
    assert json.loads(conversion.value)["data"]["phone"] == "+8613700001234"
    dead = await all_records(
        link.hq.kafka.bootstrap, [f"{hq_uplink_topic(DEALER, LEAD_TOPIC)}.dlq"]
    )
    assert [r.value for r in dead if r.key == lead_id.encode()] == [
        b"not an event",
        b'{"type": "leads.LeadLost", "data": {"dealer_id": "dealer-bj-01"}}',
    ]


async def test_hq_distributes_a_lead_again_to_the_dealer_that_sent_it_back(link: Link) -> None:
    hq_admin = link.hq.token("hq", {"hq_admin"}, DataScope.TENANT, user="hq.admin")
    manager = link.dealer.token(DEALER, {"sales_manager"}, DataScope.DEALER, user="m1")
    consultant = link.dealer.token(DEALER, {"sales_consultant"}, DataScope.OWN, user="c9")
    answers: dict[str, str] = {}
    async with (
        link.hq.client("leads", hq_admin) as hq,
        link.dealer.client("leads", manager) as dealer_manager,
        link.dealer.client("leads", consultant) as dealer,
    ):
        created = await hq.post(
            "/leads",
            json={"customer_name": "再次下发", "phone": "13700004321", "source": "campaign_form"},
        )
        assert created.status_code == 201, created.text
        lead_id = created.json()["id"]

        async def distributed() -> bool:
            sent = await hq.post(f"/leads/{lead_id}/distribute", json={"dealer_id": DEALER})
            answers["distribute"] = f"{sent.status_code} {sent.text}"
            assert sent.status_code in (200, 404, 409), sent.text
            return sent.status_code == 200

        async def rejected() -> bool:
            sent_back = await dealer_manager.post(
                f"/leads/{lead_id}/reject-distribution", json={"reason": "no room this week"}
            )
            answers["reject"] = f"{sent_back.status_code} {sent_back.text}"
            return sent_back.status_code == 200

        async def back_at_hq() -> bool:
            owner: str = (await hq.get(f"/leads/{lead_id}")).json()["owner_org"]
            return owner == "hq"

        async def claimed() -> bool:
            taken = await dealer.post(f"/leads/{lead_id}/claim")
            answers["claim"] = f"{taken.status_code} {taken.text}"
            return taken.status_code == 200

        assert await eventually(distributed, timeout=60, interval=1), answers
        assert await eventually(rejected, timeout=120, interval=1), ("it came down", answers)
        assert await eventually(back_at_hq, timeout=120, interval=1), "the rejection went up"
        assert await eventually(distributed, timeout=60, interval=1), ("sent again", answers)
        assert await eventually(claimed, timeout=120, interval=1), ("in its pool again", answers)


async def test_what_hq_configures_for_its_dealers_comes_down_to_those_it_applies_to(
    configured: Link,
) -> None:
    """Targets set for the dealer, and the care rules of the nodes above it, come down to the
    dealer's own deployment, which keeps them as HQ set them; another dealer's, another
    region's and a region's own target stay at HQ."""
    link = configured
    month = date.today().strftime("%Y-%m")
    hq_admin = link.hq.token("hq", {"hq_admin"}, DataScope.TENANT, user="hq.admin")
    north = link.hq.token("north", {"region_manager"}, DataScope.SUBTREE, user="north.manager")
    other_dealer = link.hq.token("dealer-bj-01", {"dealer_admin"}, DataScope.DEALER, user="bj.a")
    answers: dict[str, str] = {}
    async with link.hq.client("kpi", hq_admin) as kpi:

        async def targets_set() -> bool:  # once HQ's kpi knows the tree
            response = await kpi.put(
                f"/kpi/targets/{month}",
                json={
                    "targets": [
                        {"node": node, "measure": "units", "amount": amount}
                        for node, amount in (("east", 100), (DEALER, 40), ("dealer-bj-01", 30))
                    ]
                },
            )
            answers["targets"] = f"{response.status_code} {response.text}"
            return response.status_code == 200

        assert await eventually(targets_set, timeout=120, interval=1), answers
    birthday = {"kind": "birthday", "segment": "toc", "action": "sms", "message": "生日快乐"}
    rules = {}
    for name, token in (("hq", hq_admin), ("north", north), ("dealer-bj-01", other_dealer)):
        async with link.hq.client("service-desk", token) as desk:
            added = await desk.post("/care-rules", json=birthday)
            assert added.status_code == 201, added.text
            rules[name] = added.json()
    async with link.hq.client("service-desk", hq_admin) as desk:
        terms = ("segment", "action", "message", "months", "km", "days_before", "window_days")
        stopped = await desk.put(
            f"/care-rules/{rules['hq']['id']}",
            json={**{k: rules["hq"][k] for k in (*terms, "complaints")}, "active": False},
        )
        assert stopped.status_code == 200, stopped.text

    async def at_the_dealer() -> tuple[list[Any], list[Any]] | None:
        targets = await rows_at_dealer(
            link, "kpi", "SELECT org_node, amount FROM targets WHERE month = :m", m=month
        )
        care = await rows_at_dealer(
            link, "service-desk", "SELECT id, owner_org, active FROM care_rules"
        )
        if targets and care and not care[0].active:
            return targets, care
        return None

    arrived = await eventually(at_the_dealer, timeout=180, interval=1)
    assert arrived is not None, "HQ's target and its rule's change came down"
    sources = [TARGET_TOPIC, CARE_RULE_TOPIC]
    assert await eventually(lambda: decided_by_the_downlink(link, sources), timeout=120)
    targets, care = await eventually(at_the_dealer, timeout=10) or ([], [])
    assert [(t.org_node, t.amount) for t in targets] == [(DEALER, 40)]
    assert [(str(r.id), r.owner_org, r.active) for r in care] == [(rules["hq"]["id"], "hq", False)]
    # What HQ sent down, as its downlink topics hold it: only that.
    sent = await all_records(
        link.hq.kafka.bootstrap, [downlink_topic(DEALER, topic) for topic in sources]
    )
    assert sorted(
        (json.loads(r.value)["type"], json.loads(r.value)["data"]["org_node"]) for r in sent
    ) == [("kpi.TargetSet", DEALER), *[("service-desk.CareRuleSet", "hq")] * 2]


async def rows_at_dealer(link: Link, service: str, query: str, **params: str) -> list[Any]:
    return await rows(link.dealer.database_urls[service], query, **params)


async def decided_by_the_downlink(link: Link, topics: list[str]) -> bool:
    """HQ's downlink for the dealer has decided on every record ``topics`` hold (its
    committed offsets reached their ends): what did not go down will not."""
    admin = AIOKafkaAdminClient(bootstrap_servers=link.hq.kafka.bootstrap)
    await admin.start()
    try:
        committed = await admin.list_consumer_group_offsets(f"dealer-link.hq-downlink.{DEALER}")
    finally:
        await admin.close()
    done: dict[str, int] = {}
    for partition, offset in committed.items():
        done[partition.topic] = done.get(partition.topic, 0) + max(offset.offset, 0)
    ends = await end_offsets({"bootstrap_servers": link.hq.kafka.bootstrap}, topics)
    return all(done.get(topic, 0) >= end for topic, end in ends.items())


async def send_up(link: Link, value: bytes, *, key: str, topic: str = LEAD_TOPIC) -> None:
    """A record on the dealer's uplink topic, as if the uplink had written it."""
    producer = AIOKafkaProducer(bootstrap_servers=link.dealer.kafka.bootstrap, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(f"uplink.{topic}", value, key=key.encode())
    finally:
        await producer.stop()


async def test_the_dealer_moved_to_another_region_gets_what_its_new_region_configures(
    configured: Link,
) -> None:
    """HQ's admin moves the dealer from east to north in HQ's identity: the move comes down
    (the dealer's identity places it below north), north's care rule, set before the dealer
    came below north, comes down with it, and from then on north's rules come down and
    east's stay at HQ."""
    link = configured
    hq_admin = link.hq.token("hq", {"hq_admin"}, DataScope.TENANT, user="hq.admin")
    async with link.hq.client("identity", hq_admin) as identity:
        moved = await identity.post(f"/orgs/{DEALER}/move", json={"parent_id": "north"})
        assert moved.status_code == 200, moved.text
        assert moved.json()["path"] == f"/hq/north/{DEALER}/"

    async def placed_at_the_dealer() -> bool:
        nodes = await rows_at_dealer(
            link, "identity", "SELECT path FROM org_nodes WHERE id = :d", d=DEALER
        )
        return [n.path for n in nodes] == [f"/hq/north/{DEALER}/"]

    assert await eventually(placed_at_the_dealer, timeout=180, interval=1), "the move came down"
    north_rules = await rows(
        link.hq.database_urls["service-desk"],
        "SELECT id FROM care_rules WHERE owner_org = 'north' AND active",
    )
    assert len(north_rules) == 1, "the north manager's rule of the test before"

    async def care_at_the_dealer() -> dict[str, str]:
        care = await rows_at_dealer(link, "service-desk", "SELECT id, owner_org FROM care_rules")
        return {str(r.id): r.owner_org for r in care}

    async def north_rule_came_down() -> bool:
        return str(north_rules[0].id) in await care_at_the_dealer()

    assert await eventually(north_rule_came_down, timeout=180, interval=1), (
        "north's rule, set before the move, came down with it"
    )
    # From now on: north's new rules come down, east's stay at HQ.
    birthday = {"kind": "birthday", "segment": "toc", "action": "sms", "message": "生日快乐"}
    added = {}
    for region in ("east", "north"):
        manager = link.hq.token(region, {"region_manager"}, DataScope.SUBTREE, user=f"{region}.m")
        async with link.hq.client("service-desk", manager) as desk:
            rule = await desk.post("/care-rules", json={**birthday, "message": f"{region}生日"})
            assert rule.status_code == 201, rule.text
            added[region] = rule.json()["id"]

    async def north_new_rule_came_down() -> bool:
        return added["north"] in await care_at_the_dealer()

    assert await eventually(north_new_rule_came_down, timeout=180, interval=1)
    assert await eventually(lambda: decided_by_the_downlink(link, [CARE_RULE_TOPIC]), timeout=120)
    care = await care_at_the_dealer()
    assert added["east"] not in care, "the dealer's old region's rule stays at HQ"
    assert {owner for owner in care.values()} == {"hq", "north"}


async def test_hqs_broker_down_and_back_everything_arrives_once_in_order_both_ways(
    link: Link,
) -> None:
    """HQ's Kafka broker killed by its pid for a minute: the dealer keeps taking leads in and
    HQ keeps distributing leads to it (HQ's outbox holds its events). With the broker back,
    each crosses once — HQ counts each lead once, the dealer takes each distributed lead in —
    in order per key, both ways, MirrorMaker 2 running all along."""
    # Run alone, the broker would otherwise go down before the dealer's agreement came down,
    # and nothing would leave the dealer.
    assert await eventually(lambda: level_at_dealer(link, 1), timeout=180), (
        "HQ's org tree and the dealer's agreement (aggregate) came down"
    )
    before = await hq_count(link)
    hq_admin = link.hq.token("hq", {"hq_admin"}, DataScope.TENANT, user="hq.admin")
    created: list[str] = []
    distributed: list[str] = []
    mirror = link.mirror.pid
    await asyncio.to_thread(link.hq.kafka.kill)
    try:
        async with link.hq.client("leads", hq_admin) as hq:
            started = time.monotonic()
            while time.monotonic() - started < 60:
                created.append(await create_lead(link, convert=False))
                if len(distributed) < 3:
                    distributed.append(await distribute_to_the_dealer(hq, len(distributed)))
                await asyncio.sleep(0.5)
    finally:
        await asyncio.to_thread(link.hq.kafka.start)

    # Up: HQ's kpi counts each lead once; its replica holds each event, in the dealer's order.
    expected = before + len(created)
    assert await hq_settles_at(link, expected, timeout=240) == expected
    sent_up = first_arrivals(
        await all_records(link.dealer.kafka.bootstrap, [f"uplink.{LEAD_TOPIC}"]), set(created)
    )

    async def replicated_in_order() -> bool:
        records = await all_records(link.hq.kafka.bootstrap, [hq_uplink_topic(DEALER, LEAD_TOPIC)])
        return first_arrivals(records, set(created)) == sent_up

    assert await eventually(replicated_in_order, timeout=120)

    # Down: every lead HQ distributed meanwhile reaches the dealer's pool, once, in order.
    consultant = link.dealer.token(DEALER, {"sales_consultant"}, DataScope.OWN, user="c7")
    async with link.dealer.client("leads", consultant) as dealer:
        for lead_id in distributed:

            async def claimed(lead_id: str = lead_id) -> bool:
                return (await dealer.post(f"/leads/{lead_id}/claim")).status_code == 200

            assert await eventually(claimed, timeout=300, interval=1), ("came down", lead_id)
    # HQ's downlink may send a record twice too (a batch sent again when its commit failed as
    # HQ's broker came back): the order is that of the first copies on each side.
    sent_down = first_arrivals(
        await all_records(link.hq.kafka.bootstrap, [downlink_topic(DEALER, LEAD_TOPIC)]),
        set(distributed),
    )
    arrived = first_arrivals(
        await all_records(link.dealer.kafka.bootstrap, [LEAD_TOPIC]), set(distributed)
    )
    assert {
        lead_id: [event for event in events if event in sent_down[lead_id]]
        for lead_id, events in arrived.items()
    } == sent_down
    assert link.mirror.pid == mirror, "the same MirrorMaker all along: nothing restarted it"


def first_arrivals(records: list[Any], lead_ids: set[str]) -> dict[str, list[str]]:
    """``in_key_order`` of the events' first copies: at least once, a copy may come twice,
    which the consumers' inboxes drop."""
    return {
        lead_id: list(dict.fromkeys(events))
        for lead_id, events in in_key_order(records, lead_ids).items()
    }


async def distribute_to_the_dealer(hq: httpx.AsyncClient, number: int) -> str:
    """HQ takes a lead in and distributes it to the dealer (HQ's api only: no broker needed)."""
    created = await hq.post(
        "/leads",
        json={
            "customer_name": f"总部{number}",
            "phone": f"1370002{number:04d}",
            "source": "campaign_form",
        },
    )
    assert created.status_code == 201, created.text
    lead_id: str = created.json()["id"]
    sent = await hq.post(f"/leads/{lead_id}/distribute", json={"dealer_id": DEALER})
    assert sent.status_code == 200, sent.text
    return lead_id
