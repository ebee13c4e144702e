"""From real events on Kafka to each reader's inbox (once, to the right people only), to the
HTTP API, and to a real SMTP server process exactly once, however many workers send."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from aiokafka import AIOKafkaProducer
from crm_notifications.adapters.tables import notifications
from crm_notifications.application.delivery import send_digests, send_due_emails
from crm_notifications.bootstrap import create_api
from crm_notifications.entrypoints.consumers import subscriptions
from sqlalchemy import select

from crm_common.auth.principal import DataScope, Principal
from crm_common.contracts.envelope import new_event
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC, LeadEscalated, LeadRecycleDue
from crm_common.db import create_engine, create_session_factory
from crm_common.mail import SmtpMailer
from crm_common.messaging.consumer import create_broker, subscribe
from crm_common.messaging.headers import encode_headers, event_headers
from crm_common.messaging.topics import ensure_topics, platform_topics
from crm_common.settings import Settings
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.plugin import Databases
from crm_common.testing.receivers import SmtpServer, smtp_server
from crm_common.testing.services import api_in_process, client_as, migrated_database, reset_tenant

pytestmark = pytest.mark.integration

TENANT = "oem-n"
ORG = [
    ("hq", "/", None),
    ("dealer-a", "/hq/", "dealer-a"),
    ("team-a1", "/hq/dealer-a/", "dealer-a"),
    ("dealer-b", "/hq/", "dealer-b"),
]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def person(user: str, org: str, role: str, scope: DataScope) -> Principal:
    return Principal(
        user_id=user, tenant=TENANT, org_node=org, roles=frozenset({role}), data_scope=scope
    )


CONSULTANT = person("c1", "team-a1", "sales_consultant", DataScope.OWN)
MANAGER = person("m1", "dealer-a", "sales_manager", DataScope.DEALER)
OTHER_MANAGER = person("bm", "dealer-b", "sales_manager", DataScope.DEALER)


@pytest.fixture(scope="module")
def smtp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SmtpServer]:
    with smtp_server(tmp_path_factory.mktemp("mail")) as server:
        yield server


@pytest.fixture(scope="module")
async def settings(
    infrastructure: Infrastructure,
    databases: Databases,
    jwks_url: str,
    run_id: str,
    smtp: SmtpServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> Settings:
    url = await migrated_database(
        "notifications", databases, "notifications_it", tmp_path_factory.mktemp("logs")
    )
    return Settings(
        env="test",
        service_name="notifications",
        database_url=url,
        kafka_bootstrap_servers=infrastructure.kafka_bootstrap_servers,
        kafka_namespace=f"t{run_id}.notify.",
        redis_url=infrastructure.redis_url,
        jwks_url=jwks_url,
        smtp_port=smtp.port,
        portal_base_url="https://crm.example",
        log_level="WARNING",
    )


@pytest.fixture(scope="module")
async def worker(settings: Settings) -> AsyncIterator[Any]:
    await ensure_topics(settings.kafka_bootstrap_servers, platform_topics(settings))
    engine = create_engine(settings)
    sessions = create_session_factory(engine)
    await reset_tenant(
        sessions,
        TENANT,
        ORG,
        ["notifications", "notification_preferences"],
        staff=[CONSULTANT, MANAGER, OTHER_MANAGER],
    )
    broker = create_broker(settings)
    for subscription in subscriptions(settings):
        subscribe(broker, settings, sessions, subscription)
    await broker.start()
    yield sessions
    await broker.stop()
    await engine.dispose()


async def test_events_reach_the_right_inboxes_and_mail_goes_out_once(
    settings: Settings, worker: Any, signing_key_pem: str, smtp: SmtpServer
) -> None:
    sessions = worker
    async with api_in_process(create_api, settings) as app:
        consultant = client_as(app, signing_key_pem, CONSULTANT)
        manager = client_as(app, signing_key_pem, MANAGER)
        other = client_as(app, signing_key_pem, OTHER_MANAGER)
        chose = await consultant.put(
            "/notification-preferences",
            json={"email": "c1@dealer-a.example", "deliveries": {"lead_recycle_due": "immediate"}},
        )
        assert chose.status_code == 200, chose.text
        assert chose.json()["deliveries"]["lead_escalated"] == "digest"
        assert (
            await manager.put("/notification-preferences", json={"email": "m1@dealer-a.example"})
        ).status_code == 200
        bad = await manager.put("/notification-preferences", json={"deliveries": {"x": "off"}})
        assert bad.status_code == 422
        assert "deliveries" in bad.text
        smuggled = await manager.put("/notification-preferences", json={"user_id": "c2"})
        assert smuggled.status_code == 422, "whose preferences comes from the token"

        lead = uuid4()
        now = datetime.now(UTC)
        due = new_event(
            LeadRecycleDue(lead_id=lead, dealer_id="dealer-a", at=now, owner_user="c1", due_by=now),
            tenant=TENANT,
            owner_org="dealer-a",
            actor=None,
        )
        escalated = new_event(
            LeadEscalated(
                lead_id=lead,
                dealer_id="dealer-a",
                at=now,
                owner_user="c1",
                grade="H",
                rule="H:3d",
                in_grade_since=now,
            ),
            tenant=TENANT,
            owner_org="dealer-a",
            actor=None,
        )
        # The recycle reminder is delivered twice (at-least-once): one notice all the same.
        await _publish(settings, [due, escalated, due])
        await _until(lambda: _count(sessions, 3))

        mine = (await consultant.get("/notifications")).json()
        assert {n["kind"] for n in mine} == {"lead_recycle_due", "lead_escalated"}
        assert (await consultant.get("/notifications/unread-count")).json() == {"unread": 2}
        assert [n["kind"] for n in (await manager.get("/notifications")).json()] == [
            "lead_escalated"
        ]
        assert (await other.get("/notifications")).json() == []

        recycle = next(n for n in mine if n["kind"] == "lead_recycle_due")
        assert (await manager.post(f"/notifications/{recycle['id']}/read")).status_code == 404
        assert (await consultant.post(f"/notifications/{recycle['id']}/read")).status_code == 204
        assert (await consultant.get("/notifications/unread-count")).json() == {"unread": 1}

    # Two workers sweep at once: the consultant's immediate notice is mailed exactly once.
    mailer = SmtpMailer(settings)
    sent = await asyncio.gather(
        send_due_emails(sessions, mailer, settings.portal_base_url, datetime.now(UTC)),
        send_due_emails(sessions, mailer, settings.portal_base_url, datetime.now(UTC)),
    )
    assert sum(sent) == 1
    mails = [m for m in smtp.messages() if m["To"] == "c1@dealer-a.example"]
    assert len(mails) == 1
    assert f"https://crm.example/leads/{lead}" in mails[0].get_payload(decode=True).decode()

    # The manager's digest the next morning, once however often the job runs.
    local = datetime.now(SHANGHAI)
    morning = local.replace(hour=9, minute=0, second=0, microsecond=0)
    if morning <= local:
        morning += timedelta(days=1)
    for _ in range(2):
        await send_digests(sessions, mailer, settings.portal_base_url, morning, SHANGHAI)
    digests = [m for m in smtp.messages() if m["To"] == "m1@dealer-a.example"]
    assert len(digests) == 1
    assert "Lead" in digests[0]["Subject"] or "digest" in digests[0]["Subject"]
    assert f"/leads/{lead}" in digests[0].get_payload(decode=True).decode()


async def _publish(settings: Settings, events: list[Any]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        for event in events:
            await producer.send_and_wait(
                settings.topic(LEAD_TOPIC),
                event.model_dump_json().encode(),
                key=str(event.data.lead_id).encode(),
                headers=encode_headers(event_headers(event)),
            )
    finally:
        await producer.stop()


async def _count(sessions: Any, expected: int) -> bool:
    async with sessions() as session:
        rows = (await session.execute(select(notifications.c.id))).all()
    return len(rows) >= expected


async def _until(check: Any, timeout: float = 60.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the notices did not arrive in time")
        await asyncio.sleep(0.2)
