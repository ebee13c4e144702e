"""A leaver's hand-over through the API on real PostgreSQL: a dealer's manager hands a
consultant's open leads (a reported loss too) to a named successor or spreads them by a
strategy, and announces the rest for the other services; a deactivation without a hand-over
returns the leads to the pool and has the rest spread over the book's consultants."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope
from crm_common.contracts.envelope import new_event
from crm_common.contracts.events.identity.v2 import UserChangedV2
from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox
from crm_common.policy.staff import record_staff
from crm_common.testing.services import client_as, tenant_user
from crm_leads.entrypoints.consumers import hand_back_if_deactivated

from .conftest import PEOPLE, TENANT

Sessions = async_sessionmaker[AsyncSession]


async def published(sessions: Sessions, event_type: str) -> list[dict[str, Any]]:
    async with sessions() as session:
        rows = await session.execute(
            select(outbox.c.payload).where(outbox.c.event_type == event_type).order_by(outbox.c.id)
        )
        return [row[0] for row in rows]


async def take_in(app: FastAPI, key: str, who: Any, phones: list[str]) -> list[str]:
    async with client_as(app, key, who) as http:
        ids = []
        for phone in phones:
            created = await http.post(
                "/leads", json={"customer_name": "秦岚", "phone": phone, "source": "walk_in"}
            )
            assert created.status_code == 201, created.text
            ids.append(created.json()["id"])
        return ids


async def test_a_manager_hands_a_leaver_s_leads_to_a_named_successor(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    kept, lost = await take_in(
        leads_api, signing_key_pem, PEOPLE.consultant1, ["13700000001", "13700000002"]
    )
    [colleague_s] = await take_in(leads_api, signing_key_pem, PEOPLE.consultant2, ["13700000003"])
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as leaver:
        reported = await leaver.post(f"/leads/{lost}/loss", json={"reason": "bought elsewhere"})
        assert reported.status_code == 200, reported.text

    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        done = await manager.post("/hand-overs", json={"leaver": "c1", "successor": "c2"})
        assert done.status_code == 200, done.text
        answer = done.json()
        assert (answer["book"], answer["successors"], answer["strategy"]) == (
            "dealer-a",
            ["c2"],
            "named",
        )
        assert answer["leads_moved"] == {"c2": 2}
        for lead in (kept, lost):
            shown = (await manager.get(f"/leads/{lead}")).json()
            assert shown["owner_user"] == "c2"
        assert (await manager.get(f"/leads/{lost}")).json()["status"] == "loss_pending"
        history = (await manager.get(f"/leads/{kept}/history")).json()
        assert [(h["kind"], h["from_user"], h["to_user"]) for h in history][-1] == (
            "handed_over",
            "c1",
            "c2",
        )
        # Nothing of the leaver's is left to move: a second hand-over moves no lead.
        again = await manager.post("/hand-overs", json={"leaver": "c1", "successor": "c3"})
        assert again.json()["leads_moved"] == {}

    [first, second] = await published(sessions, "leads.ConsultantHandedOver")
    data = first["data"]
    assert (first["owner_org"], first["actor"], data["consultant"], data["reason"]) == (
        "dealer-a",
        "m1",
        "c1",
        "hand_over",
    )
    assert data["leads"] == {kept: "c2", lost: "c2"}
    assert sorted(data["customers"].values()) == ["c2", "c2"]
    assert (data["successors"], data["part"], data["final"]) == (
        [{"user_id": "c2", "org_node": "dealer-a"}],
        0,
        True,
    )
    assert (second["data"]["leads"], second["data"]["final"]) == ({}, True)
    assigned = [
        e["data"]
        for e in await published(sessions, "leads.LeadAssigned")
        if e["data"]["lead_id"] in (kept, lost) and e["data"]["previous_owner"] is not None
    ]
    assert (
        sorted((a["previous_owner"], a["owner_user"], a["reason"]) for a in assigned)
        == [("c1", "c2", "handed over from c1")] * 2
    )
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant2) as successor:
        assert (await successor.get(f"/leads/{colleague_s}")).json()["owner_user"] == "c2"


async def test_a_strategy_spreads_the_leads_over_the_book_s_consultants(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    await take_in(
        leads_api, signing_key_pem, PEOPLE.consultant1, [f"1370000001{i}" for i in range(3)]
    )
    await take_in(leads_api, signing_key_pem, PEOPLE.consultant2, ["13700000020"])
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        done = await manager.post("/hand-overs", json={"leaver": "c1", "strategy": "least_loaded"})
        assert done.status_code == 200, done.text
        # c3 owned none, c2 one: the least loaded first, then in turn.
        assert done.json()["leads_moved"] == {"c3": 2, "c2": 1}
        assert sorted(done.json()["successors"]) == ["c2", "c3"]
    [event] = await published(sessions, "leads.ConsultantHandedOver")
    assert sorted(event["data"]["leads"].values()) == ["c2", "c3", "c3"]


async def test_hand_overs_stay_in_the_caller_s_book_and_say_what_is_wrong(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    async with client_as(leads_api, signing_key_pem, PEOPLE.other_dealer_manager) as other:
        foreign = await other.post("/hand-overs", json={"leaver": "c1", "successor": "b1"})
        assert foreign.status_code == 404, "a consultant of another dealer"
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        cases = {
            "to another dealer's consultant": ({"leaver": "c1", "successor": "b1"}, 404),
            "of nobody we know": ({"leaver": "nobody", "successor": "c2"}, 404),
            "to themselves": ({"leaver": "c1", "successor": "c1"}, 422),
            "both at once": ({"leaver": "c1", "successor": "c2", "strategy": "weighted"}, 422),
            "neither": ({"leaver": "c1"}, 422),
            "no strategy": ({"leaver": "c1", "strategy": "none"}, 422),
            "a pool of another book": (
                {"leaver": "c1", "strategy": "round_robin", "pool_id": str(uuid4())},
                422,
            ),
        }
        for case, (body, expected) in cases.items():
            response = await manager.post("/hand-overs", json=body)
            assert response.status_code == expected, f"{case}: {response.text}"
        named = (await manager.post("/hand-overs", json={"leaver": "c1"})).json()["detail"]
        assert named[0]["loc"][-1] == "successor"
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant2) as consultant:
        assert (
            await consultant.post("/hand-overs", json={"leaver": "c1", "successor": "c2"})
        ).status_code == 403
    assert await published(sessions, "leads.ConsultantHandedOver") == []


async def test_a_deactivation_returns_the_leads_and_spreads_the_rest(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    leaver_id = uuid4()
    leaver = tenant_user(TENANT, str(leaver_id), "team-a1", "sales_consultant", DataScope.OWN)
    async with sessions() as session, session.begin():
        await record_staff(
            session,
            tenant=TENANT,
            user_id=str(leaver_id),
            org_node="team-a1",
            roles=["sales_consultant"],
            active=True,
        )
    [lead] = await take_in(leads_api, signing_key_pem, leaver, ["13700000030"])
    deactivated = new_event(
        UserChangedV2(
            user_id=leaver_id,
            org_id="team-a1",
            dealer_id="dealer-a",
            username="leaver",
            display_name="Leaver",
            roles=["sales_consultant"],
            active=False,
            change="deactivated",
        ),
        tenant=TENANT,
        owner_org="dealer-a",
        actor="admin",
    )
    async with UnitOfWork(sessions) as uow:
        await hand_back_if_deactivated(uow, deactivated)

    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        shown = (await manager.get(f"/leads/{lead}")).json()
        assert (shown["owner_user"], shown["status"]) == (None, "open"), "back in the pool"
    [event] = await published(sessions, "leads.ConsultantHandedOver")
    data = event["data"]
    assert (data["consultant"], data["reason"], data["strategy"]) == (
        str(leaver_id),
        "deactivated",
        "spread",
    )
    assert (data["leads"], data["final"]) == ({}, True)
    assert sorted(s["user_id"] for s in data["successors"]) == ["c1", "c2", "c3"], (
        "the book's other consultants take the rest"
    )
