"""The signed-webhook adapter and the call records' API, in process on real PostgreSQL:
401 for a bad or stale signature, 422 naming the field of a malformed event; records
scoped and masked by the shared policy; the agent's wrap-up."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import ringing_channel
from crm_call_center.adapters.webhooks import sign
from crm_call_center.application.calls import link_ticket
from crm_call_center.application.cti import settle_calls
from crm_call_center.domain.cti import call_id_of
from crm_common.contracts.envelope import Envelope, new_event
from crm_common.contracts.events.service_desk.v1 import CallAttached
from crm_common.contracts.events.service_desk.v2 import TicketOpenedV2
from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox
from crm_common.settings import Settings
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.kafka import eventually
from crm_common.testing.services import AsUser

from .conftest import PEOPLE, TENANT, WEBHOOK_SECRET, publish

pytestmark = pytest.mark.integration
START = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)


@pytest.fixture
async def anonymous(
    call_center_api: FastAPI, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[httpx.AsyncClient]:
    """A client without a token, on a fresh tenant state (``sessions`` resets it)."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=call_center_api), base_url="http://service"
    ) as client:
        yield client


async def post_signed(
    client: httpx.AsyncClient,
    event: dict[str, object],
    *,
    secret: str = WEBHOOK_SECRET,
    sent_at: float | None = None,
) -> httpx.Response:
    body = json.dumps(event).encode()
    timestamp = str(int(sent_at if sent_at is not None else time.time()))
    return await client.post(
        "/cti/webhooks/cloud-cc",
        content=body,
        headers={
            "content-type": "application/json",
            "X-CRM-Timestamp": timestamp,
            "X-CRM-Signature": sign(secret.encode(), timestamp, body),
        },
    )


def hook(call_id: str, kind: str, seconds: float, **fields: object) -> dict[str, object]:
    at = (START + timedelta(seconds=seconds)).isoformat()
    return {"call_id": call_id, "type": kind, "at": at, "direction": "inbound", **fields}


def answered_call(call_id: str, extension: str = "8001") -> list[dict[str, object]]:
    return [
        hook(call_id, "call.created", 0, **{"from": "13800138000", "to": "4008001234"}),
        hook(call_id, "call.queued", 1, queue="hotline"),
        hook(call_id, "call.ringing", 2, agent_extension=extension),
        hook(call_id, "call.answered", 6, agent_extension=extension),
        hook(call_id, "call.recording", 6, file="s3://recordings/c1.wav"),
        hook(call_id, "call.ended", 96, agent_extension=extension),
    ]


async def test_signed_events_in_any_order_and_twice_make_one_record(
    anonymous: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    events = answered_call("cc-100")
    for event in [*reversed(events), *events]:
        response = await post_signed(anonymous, event)
        assert response.status_code == 202, response.text
    assert await settle_calls(sessions, now=datetime.now(UTC)) == 1
    async with sessions() as session:
        types = list((await session.execute(select(outbox.c.event_type))).scalars())
        completed = (
            await session.execute(
                select(outbox.c.payload).where(outbox.c.event_type == "call_center.CallCompleted")
            )
        ).scalar_one()
    assert sorted(types) == ["call_center.CallCompleted", "call_center.CallStarted"]
    data = completed["data"]
    assert data["call_id"] == str(call_id_of(TENANT, "webhook:cloud-cc", "cc-100"))
    assert (data["connected"], data["talk_seconds"], data["wait_seconds"]) == (True, 90, 6)
    assert (data["agent_user"], data["dealer_id"]) == (PEOPLE.agent1.user_id, "hq")


async def test_bad_stale_and_malformed_webhooks_are_refused(anonymous: httpx.AsyncClient) -> None:
    event = answered_call("cc-200")[0]
    bad = await post_signed(anonymous, event, secret="not-the-secret")
    stale = await post_signed(anonymous, event, sent_at=time.time() - 3600)
    unsigned = await anonymous.post("/cti/webhooks/cloud-cc", json=event)
    malformed = await post_signed(anonymous, {**event, "type": "call.teleported"})
    missing = await post_signed(anonymous, {k: v for k, v in event.items() if k != "from"})
    assert [r.status_code for r in (bad, stale, unsigned)] == [401, 401, 401]
    assert malformed.status_code == 422
    assert malformed.json()["detail"][0]["loc"] == ["body", "type"]
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "from"]


async def test_calls_are_scoped_and_the_number_masked_by_the_policy(
    anonymous: httpx.AsyncClient, as_user: AsUser
) -> None:
    for event in answered_call("cc-300"):
        assert (await post_signed(anonymous, event)).status_code == 202
    call_id = str(call_id_of(TENANT, "webhook:cloud-cc", "cc-300"))
    async with as_user(PEOPLE.agent1) as agent, as_user(PEOPLE.agent2) as colleague:
        mine = await agent.get(f"/calls/{call_id}")
        listed = await agent.get("/calls")
        theirs = await colleague.get(f"/calls/{call_id}")
    async with as_user(PEOPLE.supervisor) as supervisor:
        reviewed = await supervisor.get(f"/calls/{call_id}")
    async with as_user(PEOPLE.other_dealer_manager) as outsider:
        foreign = await outsider.get(f"/calls/{call_id}")
    assert mine.status_code == 200
    assert mine.json()["customer_phone"] == "13800138000"
    assert mine.json()["has_recording"] is True
    assert [c["id"] for c in listed.json()] == [call_id]
    assert theirs.status_code == 404
    assert reviewed.status_code == 200
    assert reviewed.json()["customer_phone"] == "138****8000"
    assert foreign.status_code == 404


async def test_the_agent_wraps_a_finished_call_up_once(
    anonymous: httpx.AsyncClient, as_user: AsUser, sessions: async_sessionmaker[AsyncSession]
) -> None:
    events = answered_call("cc-400")
    for event in events[:-1]:
        assert (await post_signed(anonymous, event)).status_code == 202
    call_id = str(call_id_of(TENANT, "webhook:cloud-cc", "cc-400"))
    body = {"disposition": "interested", "notes": "Wants a test drive of the SUV X"}
    async with as_user(PEOPLE.agent1) as agent, as_user(PEOPLE.agent2) as colleague:
        still_going = await agent.post(f"/calls/{call_id}/disposition", json=body)
        assert (await post_signed(anonymous, events[-1])).status_code == 202
        not_theirs = await colleague.post(f"/calls/{call_id}/disposition", json=body)
        wrapped = await agent.post(f"/calls/{call_id}/disposition", json=body)
        again = await agent.post(f"/calls/{call_id}/disposition", json=body)
        record = (await agent.get(f"/calls/{call_id}")).json()
    assert [r.status_code for r in (still_going, not_theirs, wrapped, again)] == [
        409,
        404,
        204,
        409,
    ]
    assert (record["disposition"], record["notes"]) == ("interested", body["notes"])
    assert record["wrap_seconds"] is not None
    async with sessions() as session:
        recorded = (
            await session.execute(
                select(outbox.c.payload).where(
                    outbox.c.event_type == "call_center.CallDispositionRecorded"
                )
            )
        ).scalar_one()
    assert recorded["data"]["disposition"] == "interested"


async def test_an_agent_asks_the_service_desk_for_a_ticket_of_the_call(
    anonymous: httpx.AsyncClient, as_user: AsUser, sessions: async_sessionmaker[AsyncSession]
) -> None:
    for event in answered_call("cc-400"):
        assert (await post_signed(anonymous, event)).status_code == 202
    call_id = call_id_of(TENANT, "webhook:cloud-cc", "cc-400")
    ask = {"kind": "complaint", "subject": "空调不制冷", "notes": "从昨天开始不制冷"}
    async with as_user(PEOPLE.agent1) as agent, as_user(PEOPLE.renewal) as outsider:
        foreign = await outsider.post(f"/calls/{call_id}/ticket-request", json=ask)
        bad = await agent.post(f"/calls/{call_id}/ticket-request", json={**ask, "kind": "x"})
        asked = await agent.post(f"/calls/{call_id}/ticket-request", json=ask)
    assert (foreign.status_code, bad.status_code, asked.status_code) == (404, 422, 202)
    async with sessions() as session:
        payload = (
            await session.execute(
                select(outbox.c.payload).where(
                    outbox.c.event_type == "call_center.CallTicketRequested"
                )
            )
        ).scalar_one()
    data = payload["data"]
    assert (data["call_id"], data["ticket_kind"], data["requested_by"]) == (
        str(call_id),
        "complaint",
        PEOPLE.agent1.user_id,
    )
    assert (data["dealer_id"], data["customer_phone"], data["attach_to"]) == (
        "hq",
        "13800138000",
        None,
    )
    # The service desk opened the ticket (TicketOpened version 2 names the call): the call's
    # record links it; a second ticket for the same call leaves the first linked.
    ticket, second = uuid.uuid4(), uuid.uuid4()
    for ticket_id in (ticket, second):
        async with UnitOfWork(sessions) as uow:
            await link_ticket(uow, ticket_opened(ticket_id, call_id=str(call_id)))
    async with as_user(PEOPLE.agent1) as agent:
        record = (await agent.get(f"/calls/{call_id}")).json()
    assert record["ticket_id"] == str(ticket)


def ticket_opened(ticket_id: uuid.UUID, *, call_id: str | None) -> Envelope[TicketOpenedV2]:
    return new_event(
        TicketOpenedV2(
            ticket_id=ticket_id,
            number="SD-00000001",
            dealer_id="hq",
            kind="complaint",
            at=START,
            channel="phone",
            category=None,
            priority="normal",
            customer_id=None,
            vin=None,
            owner_user=PEOPLE.agent1.user_id,
            opened_by=PEOPLE.agent1.user_id,
            resolve_due_at=None,
            survey_response_id=None,
            call_id=call_id,
        ),
        tenant=TENANT,
        owner_org="hq",
        actor=PEOPLE.agent1.user_id,
    )


async def test_the_ticket_a_call_opened_or_joined_reaches_the_call_record_through_kafka(
    anonymous: httpx.AsyncClient,
    as_user: AsUser,
    sessions: async_sessionmaker[AsyncSession],
    worker: Settings,
) -> None:
    """The service desk tells the call center which ticket a call got: a new ticket
    (``TicketOpened`` version 2 names the call) or the open ticket the call joined
    (``CallAttached``). Both go on the call's record through the worker's consumer; an event
    naming no call of the tenant links nothing; a redelivered one changes nothing."""
    for source in ("cc-500", "cc-501"):
        for event in answered_call(source):
            assert (await post_signed(anonymous, event)).status_code == 202
    opened_for = call_id_of(TENANT, "webhook:cloud-cc", "cc-500")
    joined_by = call_id_of(TENANT, "webhook:cloud-cc", "cc-501")
    new_ticket, joined = uuid.uuid4(), uuid.uuid4()
    attached = call_attached(joined, call_id=str(joined_by))
    await publish(
        worker,
        [
            ticket_opened(new_ticket, call_id=str(opened_for)),
            attached,
            call_attached(uuid.uuid4(), call_id=str(uuid.uuid4())),
            call_attached(uuid.uuid4(), call_id="typed by hand"),
            attached,
        ],
    )

    async def linked() -> dict[str, str | None] | None:
        async with as_user(PEOPLE.agent1) as agent:
            records = {
                call: (await agent.get(f"/calls/{call}")).json()["ticket_id"]
                for call in (opened_for, joined_by)
            }
        return records if all(records.values()) else None

    assert await eventually(linked) == {opened_for: str(new_ticket), joined_by: str(joined)}


def call_attached(ticket_id: uuid.UUID, *, call_id: str) -> Envelope[CallAttached]:
    return new_event(
        CallAttached(
            ticket_id=ticket_id,
            number="SD-00000002",
            dealer_id="hq",
            kind="inquiry",
            at=START,
            call_id=call_id,
            attached_by=PEOPLE.agent1.user_id,
        ),
        tenant=TENANT,
        owner_org="hq",
        actor=PEOPLE.agent1.user_id,
    )


async def test_a_ringing_webhook_pops_the_call_up_on_the_agents_screen(
    anonymous: httpx.AsyncClient, infrastructure: Infrastructure
) -> None:
    redis = Redis.from_url(infrastructure.redis_url)
    async with ringing_channel.listening(redis, TENANT, PEOPLE.agent1.user_id) as pops:

        async def first_pop() -> ringing_channel.Ringing:
            async for ringing in pops:
                if ringing is not ringing_channel.HEARTBEAT:
                    return ringing
            raise AssertionError("the stream ended")

        # Listening once entered: the call rings once, right away, and is not missed.
        first = asyncio.ensure_future(first_pop())
        for event in answered_call("cc-pop")[:3]:
            assert (await post_signed(anonymous, event)).status_code == 202
        popped = await asyncio.wait_for(first, timeout=10)
    assert popped.call_id == call_id_of(TENANT, "webhook:cloud-cc", "cc-pop")
    assert popped.customer_phone.endswith("13800138000")
    await redis.aclose()
