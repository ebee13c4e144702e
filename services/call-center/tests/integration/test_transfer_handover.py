"""A hotline call transferred to a dealer's consultant (the AMI server replays a blind transfer
from 8001, the hotline's agent, to 8002 — here a consultant of dealer-a) is handed to the
dealer: the record is in the dealer's book too, so the consultant sees it as the agent who took
it does and the dealer's manager sees it in full; another dealer does not. The part the
consultant handled is a call of the dealer's own (counted there, wrapped up by the consultant);
the hotline's call keeps the talk before the transfer. A transfer within the hotline hands
nothing over. The phone a transfer rings pops the caller up on that consultant's console as the
first ring did on the agent's. The part is linked to the lead and customer its call was linked
to."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI
from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import call_store
from crm_call_center.adapters.tables import agents, calls
from crm_call_center.application.cti import settle_calls
from crm_call_center.domain.cti import Ringing, call_id_of
from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.testing.ami_server import AmiReplayServer
from crm_common.testing.kafka import eventually
from crm_common.testing.services import AsUser

from ..transcripts import transcript
from .conftest import PEOPLE, TENANT
from .test_ami_adapter import BASE, call_row, connected, linked_id, until_ended

TRANSFER_RINGS = 13
"""The transcript up to the transferred caller ringing 8002 (its DialBegin)."""

pytestmark = pytest.mark.integration


async def transferred_call(
    sessions: async_sessionmaker[AsyncSession], database: str
) -> dict[str, object]:
    async with AmiReplayServer() as server, connected(server, sessions, database):
        await server.play(transcript("transferred"), base_time=BASE)
        return await until_ended(sessions, linked_id(transcript("transferred")))


async def test_a_call_transferred_to_a_dealers_consultant_is_handed_to_the_dealer(
    sessions: async_sessionmaker[AsyncSession],
    call_center_database: str,
    call_center_api: FastAPI,
    signing_key_pem: str,
) -> None:
    consultant = PEOPLE.agent2  # ext. 8002, made a consultant of dealer-a
    async with sessions() as session, session.begin():
        await session.execute(
            update(agents)
            .where(agents.c.tenant == TENANT, agents.c.user_id == consultant.user_id)
            .values(owner_org="dealer-a")
        )
    row = await transferred_call(sessions, call_center_database)
    assert (row["owner_org"], row["agent_user"]) == ("hq", PEOPLE.agent1.user_id)
    assert (row["handed_to"], row["handed_to_org"]) == (consultant.user_id, "dealer-a")
    assert row["talk_seconds"] == 30, "the hotline's agent talked 5-35 s"
    async with sessions() as session:
        (part,) = (
            (await session.execute(select(calls).where(calls.c.part_of == row["id"])))
            .mappings()
            .all()
        )
    assert (part["owner_org"], part["agent_user"], part["queue_id"]) == (
        "dealer-a",
        consultant.user_id,
        None,
    )
    assert (part["talk_seconds"], part["wait_seconds"], part["connected"]) == (60, 5, True)
    assert (part["handed_to"], part["ended_at"]) == (None, row["ended_at"])

    as_user = AsUser(call_center_api, signing_key_pem)
    dealers_consultant = consultant.model_copy(
        update={"org_node": "dealer-a", "roles": frozenset({"sales_consultant"})}
    )
    call_id = row["id"]
    async with (
        as_user(dealers_consultant) as handed_to,
        as_user(PEOPLE.dealer_manager) as dealer_manager,
        as_user(PEOPLE.other_dealer_manager) as other_dealer,
        as_user(PEOPLE.agent1) as took_it,
        as_user(PEOPLE.supervisor) as supervisor,
    ):
        seen = {
            name: await client.get(f"/calls/{call_id}")
            for name, client in {
                "handed_to": handed_to,
                "dealer_manager": dealer_manager,
                "other_dealer": other_dealer,
                "took_it": took_it,
                "supervisor": supervisor,
            }.items()
        }
        listed = {
            name: (await client.get("/calls", params={"limit": 10})).json()
            for name, client in {
                "dealer_manager": dealer_manager,
                "handed_to": handed_to,
                "took_it": took_it,
            }.items()
        }
        wrap_up = {"disposition": "test_drive_booked", "notes": "comes Saturday"}
        not_the_hotline_s = await took_it.post(f"/calls/{part['id']}/disposition", json=wrap_up)
        wrapped = await handed_to.post(f"/calls/{part['id']}/disposition", json=wrap_up)
        day = datetime.fromtimestamp(BASE, UTC).astimezone(ZoneInfo("Asia/Shanghai")).date()
        figures = {
            name: (await client.get("/call-statistics", params={"day": str(day)})).json()
            for name, client in {"dealer": dealer_manager, "supervisor": supervisor}.items()
        }
    assert {name: answer.status_code for name, answer in seen.items()} == {
        "handed_to": 200,
        "dealer_manager": 200,
        "other_dealer": 404,
        "took_it": 200,
        "supervisor": 200,
    }
    call = seen["dealer_manager"].json()
    assert (call["handed_to"], call["handed_to_org"]) == (consultant.user_id, "dealer-a")
    assert call["customer_phone"] == "13600136000", "the dealer's manager sees it in full"
    assert seen["handed_to"].json()["customer_phone"] == "13600136000"
    # Who sees the hotline's call and the dealer's part sees one call, the part in it.
    assert {
        name: [(c["id"], [p["id"] for p in c["parts"]]) for c in rows]
        for name, rows in listed.items()
    } == {
        "dealer_manager": [(str(call_id), [str(part["id"])])],
        "handed_to": [(str(call_id), [str(part["id"])])],
        "took_it": [(str(call_id), [])],
    }
    assert listed["dealer_manager"][0]["parts"][0]["customer_phone"] == "13600136000"
    assert seen["dealer_manager"].json()["parts"][0]["id"] == str(part["id"])
    assert seen["took_it"].json()["parts"] == [], "the hotline's agent does not see the part"
    assert not_the_hotline_s.status_code == 404, "the dealer's part is not the hotline's to wrap"
    assert wrapped.status_code == 204, wrapped.text
    dealer = figures["dealer"]
    assert [(d["dealer_id"], d["stats"]["answered"]) for d in dealer["dealers"]] == [
        ("dealer-a", 1)
    ], "the dealer's figures count its part, not the hotline's call"
    assert [(a["agent_user"], a["stats"]["handled"]) for a in dealer["agents"]] == [
        (consultant.user_id, 1)
    ]
    hotline = figures["supervisor"]
    assert [(d["dealer_id"], d["stats"]["answered"]) for d in hotline["dealers"]] == [("hq", 1)]
    assert [a["agent_user"] for a in hotline["agents"]] == [PEOPLE.agent1.user_id]


async def test_a_transfer_within_the_hotline_hands_nothing_over(
    sessions: async_sessionmaker[AsyncSession], call_center_database: str
) -> None:
    row = await transferred_call(sessions, call_center_database)
    assert (row["owner_org"], row["handed_to"], row["handed_to_org"]) == ("hq", None, None)


async def test_the_phone_a_transfer_rings_gets_the_screen_pop(
    sessions: async_sessionmaker[AsyncSession], call_center_database: str
) -> None:
    """The first ring pops the caller up for the agent; once the agent transferred the answered
    call, 8002's ringing pops it up for them too — not again for the agent, who talked already,
    nor for 8002 once they answered."""
    ringing: list[Ringing] = []
    messages = transcript("transferred")
    assert messages[TRANSFER_RINGS - 1]["Event"] == "DialBegin"
    assert messages[TRANSFER_RINGS - 1]["DestChannel"].startswith("PJSIP/8002-")

    async def rung(count: int) -> None:
        for _ in range(200):
            if len(ringing) >= count:
                return
            await asyncio.sleep(0.05)

    async with (
        AmiReplayServer() as server,
        connected(server, sessions, call_center_database, ringing),
    ):
        await server.play(messages[:4], base_time=BASE)  # up to DialBegin: 8001 rings
        await rung(1)
        await server.play(messages[4:TRANSFER_RINGS], base_time=BASE)
        await rung(2)
        await server.play(messages[TRANSFER_RINGS:], base_time=BASE)
        await until_ended(sessions, linked_id(messages))
    assert [(r.agent_user, r.customer_phone) for r in ringing] == [
        (PEOPLE.agent1.user_id, "13600136000"),
        (PEOPLE.agent2.user_id, "13600136000"),
    ]


@pytest.mark.parametrize("linked", ["when it rang", "after the hand-over"])
async def test_the_dealer_s_part_is_linked_to_the_lead_and_customer_of_its_call(
    sessions: async_sessionmaker[AsyncSession], call_center_database: str, linked: str
) -> None:
    """The screen pop linked the hotline's call to a lead and customer; the part a dealer's
    consultant handled after the transfer is linked to them too — made after the link, or
    linked with its call — so the part's CallCompleted counts as contact with that lead in
    leads and shows on that customer's file."""
    async with sessions() as session, session.begin():
        await session.execute(
            update(agents)
            .where(agents.c.tenant == TENANT, agents.c.user_id == PEOPLE.agent2.user_id)
            .values(owner_org="dealer-a")
        )
    lead, customer = uuid4(), uuid4()
    messages = transcript("transferred")
    call_key = linked_id(messages)
    call_id = call_id_of(TENANT, "pbx", call_key)

    async def link() -> None:
        async with UnitOfWork(sessions) as uow:
            await call_store.link_call(uow.session, call_id, lead, customer)

    async with AmiReplayServer() as server, connected(server, sessions, call_center_database):
        await server.play(messages[:TRANSFER_RINGS], base_time=BASE)
        if linked == "when it rang":
            assert await eventually(lambda: call_row(sessions, call_key), timeout=30)
            await link()
        await server.play(messages[TRANSFER_RINGS:], base_time=BASE)
        await until_ended(sessions, call_key)
    if linked == "after the hand-over":
        await link()
    with acting_for_all_tenants():
        await settle_calls(sessions, now=datetime.now(UTC) + timedelta(minutes=1))
    async with sessions() as session:
        part = (
            (await session.execute(select(calls).where(calls.c.part_of == call_id)))
            .mappings()
            .one()
        )
        completed = {
            UUID(p["data"]["call_id"]): p["data"]
            for p in (
                await session.execute(
                    select(outbox.c.payload).where(
                        outbox.c.event_type == "call_center.CallCompleted"
                    )
                )
            ).scalars()
        }
    assert (part["lead_id"], part["customer_id"]) == (lead, customer)
    assert (completed[part["id"]]["lead_id"], completed[part["id"]]["customer_id"]) == (
        str(lead),
        str(customer),
    )
    assert completed[call_id]["lead_id"] == str(lead), "the hotline's call keeps its link"


async def test_the_consultant_s_pop_links_their_part_and_the_call_says_how_it_hangs_together(
    sessions: async_sessionmaker[AsyncSession], call_center_database: str
) -> None:
    """The hotline's pop found no lead of the dealer's customer; the pop of the consultant the
    transfer rang finds it and links their own part (made after the pop), not the hotline's
    call. The part's ``CallCompleted`` (version 2) names the call it is part of, the
    hotline's names the dealer it was handed to, each its agent by name."""
    async with sessions() as session, session.begin():
        await session.execute(
            update(agents)
            .where(agents.c.tenant == TENANT, agents.c.user_id == PEOPLE.agent2.user_id)
            .values(owner_org="dealer-a")
        )
    lead, customer = uuid4(), uuid4()
    messages = transcript("transferred")
    call_key = linked_id(messages)
    call_id = call_id_of(TENANT, "pbx", call_key)

    async with AmiReplayServer() as server, connected(server, sessions, call_center_database):
        await server.play(messages[:TRANSFER_RINGS], base_time=BASE)
        assert await eventually(lambda: call_row(sessions, call_key), timeout=30)
        async with UnitOfWork(sessions) as uow:
            await call_store.link_call(
                uow.session, call_id, lead, customer, popped_for=PEOPLE.agent2.user_id
            )
        await server.play(messages[TRANSFER_RINGS:], base_time=BASE)
        await until_ended(sessions, call_key)
    with acting_for_all_tenants():
        await settle_calls(sessions, now=datetime.now(UTC) + timedelta(minutes=1))
    async with sessions() as session:
        rows = {
            r["id"]: r
            for r in (
                await session.execute(
                    select(calls).where(or_(calls.c.id == call_id, calls.c.part_of == call_id))
                )
            ).mappings()
        }
        completed = {
            UUID(p["data"]["call_id"]): p
            for p in (
                await session.execute(
                    select(outbox.c.payload).where(
                        outbox.c.event_type == "call_center.CallCompleted"
                    )
                )
            ).scalars()
        }
    (part_id,) = (i for i, r in rows.items() if r["part_of"] == call_id)
    assert (rows[part_id]["lead_id"], rows[part_id]["customer_id"]) == (lead, customer)
    assert rows[call_id]["lead_id"] is None, "the hotline's call keeps what its own pop found"
    part, hotline = completed[part_id], completed[call_id]
    assert (part["version"], hotline["version"]) == (2, 2)
    assert (part["data"]["part_of"], part["data"]["lead_id"]) == (str(call_id), str(lead))
    assert (hotline["data"]["part_of"], hotline["data"]["handed_to_org"]) == (None, "dealer-a")
    assert part["data"]["agent_name"]
    assert hotline["data"]["agent_name"]
