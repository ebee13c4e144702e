"""The knowledge base through the HTTP API on real PostgreSQL: articles written by HQ reach
every dealer, a dealer's stay in its book, drafts stay with their writer; search in Chinese
and English; suggestions for a ticket being written; each ticket an article helped counted
once."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.testing.services import AsUser
from crm_service_desk.adapters.tables import ticket_history

from .conftest import PEOPLE

Sessions = async_sessionmaker[AsyncSession]

WIPERS = {
    "title": "雨刮器无法启动",
    "problem": "冬季雨刮器无法启动、仪表无报警",
    "solution": "检查雨刮电机保险丝 F23、更换后复位",
    "category": "electrics",
}
BRAKES = {
    "title": "刹车异响 brake squeal",
    "problem": "低速制动时刹车异响",
    "solution": "打磨刹车片并涂抹消音膏",
}


async def write(as_user: AsUser, who: Any, body: dict[str, Any]) -> dict[str, Any]:
    async with as_user(who) as client:
        response = await client.post("/knowledge-articles", json=body)
    assert response.status_code == 201, response.text
    article: dict[str, Any] = response.json()
    return article


async def test_articles_flow_down_the_tree_and_are_searched_like_tickets(
    as_user: AsUser,
) -> None:
    async with as_user(PEOPLE.hq_admin) as hq:
        category = await hq.post("/ticket-categories", json={"code": "electrics", "name": "电器"})
        assert category.status_code == 201
    network = await write(as_user, PEOPLE.hq_admin, WIPERS)
    assert (network["owner_org"], network["category"], network["uses"]) == ("hq", "electrics", 0)
    own = await write(as_user, PEOPLE.dealer_admin, BRAKES)
    draft = await write(
        as_user, PEOPLE.dealer_admin, {**BRAKES, "title": "草稿", "published": False}
    )
    async with as_user(PEOPLE.advisor2) as client:
        listed = {a["id"] for a in (await client.get("/knowledge-articles")).json()}
        assert listed == {network["id"], own["id"], draft["id"]}
        found = await client.get("/knowledge-articles", params={"q": "雨刮"})
        assert [a["id"] for a in found.json()] == [network["id"]]
        english = await client.get("/knowledge-articles", params={"q": "squeal"})
        assert [a["id"] for a in english.json()] == [own["id"]]
        by_category = await client.get("/knowledge-articles", params={"category": "electrics"})
        assert [a["id"] for a in by_category.json()] == [network["id"]]
        assert (await client.get(f"/knowledge-articles/{network['id']}")).status_code == 200
    async with as_user(PEOPLE.other_advisor) as other:
        # Another dealer reads HQ's article, neither the dealer's nor its draft.
        listed = {a["id"] for a in (await other.get("/knowledge-articles")).json()}
        assert listed == {network["id"]}
        assert (await other.get(f"/knowledge-articles/{own['id']}")).status_code == 404
    async with as_user(PEOPLE.hq_admin) as hq:
        # Articles flow down, not up.
        assert (await hq.get(f"/knowledge-articles/{own['id']}")).status_code == 404
    async with as_user(PEOPLE.dealer_admin) as admin:
        # A dealer reads HQ's article but revises only its own.
        revised = await admin.put(f"/knowledge-articles/{network['id']}", json=WIPERS)
        assert revised.status_code == 404
        revised = await admin.put(
            f"/knowledge-articles/{own['id']}", json={**BRAKES, "solution": "更换刹车片"}
        )
        assert revised.status_code == 200
        assert revised.json()["solution"] == "更换刹车片"
        unknown = await admin.post("/knowledge-articles", json={**BRAKES, "category": "nope"})
        assert unknown.status_code == 422
        assert unknown.json()["detail"][0]["loc"] == ["body", "category"]
    async with as_user(PEOPLE.advisor) as advisor:
        # Writing articles is configuration: an advisor reads them.
        assert (await advisor.post("/knowledge-articles", json=BRAKES)).status_code == 403


async def test_suggestions_while_writing_and_uses_counted_once_per_ticket(
    as_user: AsUser, sessions: Sessions
) -> None:
    wipers = await write(as_user, PEOPLE.hq_admin, {**WIPERS, "category": None})
    brakes = await write(as_user, PEOPLE.dealer_admin, BRAKES)
    async with as_user(PEOPLE.advisor) as client:
        suggested = await client.get(
            "/knowledge-articles/suggestions", params={"text": "客户反映雨刮器不动了"}
        )
        assert [a["id"] for a in suggested.json()] == [wipers["id"]]
        both = await client.get(
            "/knowledge-articles/suggestions", params={"text": "刹车异响、雨刮器也坏了"}
        )
        # The brake article shares more keys (刹车, 车异, 异响) than the wiper one (雨刮, 刮器).
        assert [a["id"] for a in both.json()] == [brakes["id"], wipers["id"]]
        assert both.json()[0]["shared_keys"] > both.json()[1]["shared_keys"]
        ticket = (await client.post("/tickets", json={"subject": "雨刮器无法启动"})).json()
        url = f"/knowledge-articles/{wipers['id']}/uses"
        first = await client.post(url, json={"ticket_id": ticket["id"]})
        again = await client.post(url, json={"ticket_id": ticket["id"]})
        assert (first.json(), again.json()) == ({"uses": 1}, {"uses": 1})
        other = (await client.post("/tickets", json={"subject": "雨刮"})).json()
        assert (await client.post(url, json={"ticket_id": other["id"]})).json() == {"uses": 2}
        listed = await client.get("/knowledge-articles")
        assert [a["id"] for a in listed.json()] == [wipers["id"], brakes["id"]]
        missing = await client.post(
            f"/knowledge-articles/{uuid.uuid4()}/uses", json={"ticket_id": ticket["id"]}
        )
        assert missing.status_code == 404
    async with as_user(PEOPLE.other_advisor) as other_dealer:
        # Another dealer's ticket: 404, nothing counted.
        refused = await other_dealer.post(url, json={"ticket_id": ticket["id"]})
        assert refused.status_code == 404
    async with sessions() as session:
        history = await session.execute(
            select(ticket_history.c.action).where(ticket_history.c.ticket_id == ticket["id"])
        )
        assert list(history.scalars()) == ["opened", "article_used"]
