"""Predictive lead scoring on real PostgreSQL (issue 22 item 15): each dealer's model learns
from its own generated history, where the signal is planted, and finds it; scores and their
factors travel with the open leads, sorted by score in the pool and in "my leads"; a book with
too little history shows no score, or its region's model, which learns from the OEM's leads
only; no model learns from or reaches another dealer's leads."""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from fastapi import FastAPI
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts.envelope import Envelope, EventData, new_event
from crm_common.contracts.events.opportunities.v1 import OpportunityOpened, TestDriveRecorded
from crm_common.db import UnitOfWork
from crm_common.testing.services import client_as
from crm_leads.adapters import score_store
from crm_leads.adapters.scoring_history import plant_closed_history
from crm_leads.adapters.tables import (
    customer_links,
    customer_timeline,
    follow_ups,
    lead_history,
    lead_score_models,
    lead_scores,
    leads,
)
from crm_leads.application import handlers
from crm_leads.application.customer_file import record_customer_event
from crm_leads.application.handlers import CreateLead
from crm_leads.application.lead_scoring import score_open_leads, train_lead_scoring
from crm_leads.domain.lead import LeadSource

from .conftest import PEOPLE, TENANT

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
_arrivals = itertools.count(1)


async def plant_history(
    sessions: Sessions,
    book: str,
    count: int,
    now: datetime,
    *,
    seed: int,
    interest: str,
    walk_in_converts: bool = True,
) -> None:
    """``count`` closed leads of ``book`` over the last 200 days whose outcome depends, as
    planted, on test drives and on the source (walk-ins convert, or the opposite)."""
    async with sessions() as session, session.begin():
        await plant_closed_history(
            session,
            tenant=TENANT,
            book=book,
            consultant="c2",
            count=count,
            now=now,
            seed=seed,
            vehicle_interest=interest,
            walk_in_converts=walk_in_converts,
        )


async def open_lead(
    sessions: Sessions,
    who: Any,
    now: datetime,
    *,
    source: str,
    test_drives: int = 0,
) -> UUID:
    """A lead that came in a moment after the previous one (newest first is the default order)."""
    number = next(_arrivals)
    registration = await handlers.create_lead(
        CreateLead("许晴", f"1370000{number:04d}", LeadSource(source), "Model S"),
        who,
        UnitOfWork(sessions),
        via="test",
        now=now + timedelta(seconds=number),
    )
    lead_id = registration.lead.id
    async with sessions() as session, session.begin():
        for hour in range(test_drives):
            await session.execute(
                insert(follow_ups).values(
                    id=uuid4(),
                    lead_id=lead_id,
                    tenant=TENANT,
                    owner_org=registration.lead.owner_org,
                    kind="test_drive",
                    outcome="drove it",
                    verified=True,
                    resets_clock=True,
                    by_user="c2",
                    at=now + timedelta(minutes=hour),
                )
            )
    return lead_id


async def weights_of(sessions: Sessions, book: str) -> dict[str, float]:
    async with sessions() as session:
        parameters = (
            (
                await session.execute(
                    select(lead_score_models.c.parameters)
                    .where(lead_score_models.c.owner_org == book)
                    .order_by(lead_score_models.c.version.desc())
                )
            )
            .scalars()
            .first()
        )
    assert parameters is not None
    return dict(parameters["weights"])


async def models_seen_by(leads_api: FastAPI, key: str, who: Any) -> list[dict[str, Any]]:
    async with client_as(leads_api, key, who) as client:
        response = await client.get("/lead-scoring/models")
    assert response.status_code == 200, response.text
    return list(response.json())


async def test_each_dealer_learns_its_own_history_and_finds_the_planted_signal(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str, now: datetime
) -> None:
    await plant_history(sessions, "dealer-a", 500, now, seed=1, interest="Model A")
    await plant_history(
        sessions, "dealer-b", 500, now, seed=2, walk_in_converts=False, interest="Dealer-B Special"
    )

    assert await train_lead_scoring(sessions, now=now) == {"trained": 2}, (
        "the dealers; the region and HQ hold no leads of the OEM's to learn from"
    )

    a = await weights_of(sessions, "dealer-a")
    b = await weights_of(sessions, "dealer-b")
    assert a["test_drives"] > 0.8
    assert b["test_drives"] > 0.8
    assert a["source=walk_in"] > 0.5, "dealer-a's walk-ins convert"
    assert b["source=walk_in"] < -0.5, "dealer-b's do not: each model learnt its own book"
    assert "interest=dealer-b special" in b
    assert not any(name.startswith("interest=dealer-b") for name in a), (
        "no lead of dealer-b reached dealer-a's model"
    )

    everything = await models_seen_by(leads_api, signing_key_pem, PEOPLE.hq_admin)
    assert {m["owner_org"] for m in everything} == {"dealer-a", "dealer-b"}, (
        "HQ sees each dealer's model as a figure (the aggregate level dealers share)"
    )
    [own] = await models_seen_by(leads_api, signing_key_pem, PEOPLE.manager)
    assert (own["owner_org"], own["scope"], own["version"]) == ("dealer-a", "dealer", 1)
    assert own["converted"] + own["lost"] == 500
    assert own["auc"] > 0.7, own
    assert own["in_use"]
    assert own["held_out_from"].startswith((now - timedelta(days=30)).date().isoformat())
    assert sum(b["leads"] for b in own["calibration"]) == own["held_out_leads"] > 0
    assert "test_drives" in {f["factor"] for f in own["strongest_factors"][:3]}
    [theirs] = await models_seen_by(leads_api, signing_key_pem, PEOPLE.other_dealer_manager)
    assert theirs["owner_org"] == "dealer-b"

    assert await train_lead_scoring(sessions, now=now + timedelta(hours=1)) == {"trained": 0}, (
        "trained once a day"
    )
    assert await train_lead_scoring(sessions, now=now + timedelta(days=1)) == {"trained": 2}
    versions = await models_seen_by(leads_api, signing_key_pem, PEOPLE.manager)
    assert [(m["version"], m["in_use"]) for m in versions] == [(2, True), (1, False)]


async def test_open_leads_carry_their_score_and_sort_by_it_in_the_pool_and_my_leads(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str, now: datetime
) -> None:
    await plant_history(sessions, "dealer-a", 500, now, seed=3, interest="Model A")
    await train_lead_scoring(sessions, now=now)
    # A manager's intake waits in the pool; a consultant's own leads are theirs.
    cold = await open_lead(sessions, PEOPLE.manager, now, source="flyer")
    hot = await open_lead(sessions, PEOPLE.manager, now, source="walk_in", test_drives=2)
    mine_cold = await open_lead(sessions, PEOPLE.consultant2, now, source="flyer")
    mine_hot = await open_lead(sessions, PEOPLE.consultant2, now, source="walk_in", test_drives=1)
    other_dealer = await open_lead(sessions, PEOPLE.other_dealer_consultant, now, source="walk_in")

    assert await score_open_leads(sessions, now=now) == {"scored": 4, "dropped": 0}, (
        "dealer-b has no model and no region's: its lead gets no score"
    )
    assert await score_open_leads(sessions, now=now) == {"scored": 0, "dropped": 0}, (
        "nothing changed, nothing written"
    )

    async with sessions() as session:
        pool_id = (
            await session.execute(select(leads.c.pool_id).where(leads.c.id == hot))
        ).scalar_one()
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as member:
        listed = await member.get(f"/pools/{pool_id}/leads", params={"sort": "score"})
        assert listed.status_code == 200, listed.text
        rows = listed.json()
        assert [r["id"] for r in rows] == [str(hot), str(cold)]
        top = rows[0]["score"]
        assert top["score"] > rows[1]["score"]["score"] + 20
        assert (top["model_scope"], top["model_version"]) == ("dealer", 1)
        assert top["factors"][0]["factor"] in {"test_drives", "source=walk_in"}
        assert top["factors"][0]["effect"] > 0
        refused = await member.get(f"/pools/{pool_id}/leads", params={"sort": "by_luck"})
        assert refused.status_code == 422
        assert "sort" in refused.text

    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant2) as consultant:
        by_score = await consultant.get("/leads", params={"status": "open", "sort": "score"})
        assert by_score.status_code == 200, by_score.text
        assert [r["id"] for r in by_score.json()] == [str(mine_hot), str(mine_cold)]
        newest = (await consultant.get("/leads", params={"status": "open"})).json()
        assert [r["id"] for r in newest] == [str(mine_hot), str(mine_cold)]
        assert all(r["score"] is not None for r in newest)
    async with client_as(leads_api, signing_key_pem, PEOPLE.other_dealer_consultant) as b:
        [theirs] = (await b.get("/leads", params={"status": "open"})).json()
        assert (theirs["id"], theirs["score"]) == (str(other_dealer), None), "no score yet"

    # A lead that closes, or leaves the book, loses its score: the next run drops it.
    async with sessions() as session, session.begin():
        await session.execute(
            update(leads).where(leads.c.id == mine_hot).values(status="converted")
        )
        await session.execute(update(leads).where(leads.c.id == cold).values(owner_org="dealer-b"))
    assert await score_open_leads(sessions, now=now) == {"scored": 0, "dropped": 2}
    async with sessions() as session:
        left = set((await session.execute(select(lead_scores.c.lead_id))).scalars())
    assert left == {hot, mine_cold}


async def test_too_little_history_means_no_score_yet_then_the_regions_model(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str, now: datetime
) -> None:
    await plant_history(sessions, "dealer-b", 40, now, seed=4, interest="Dealer-B Special")
    waiting = await open_lead(sessions, PEOPLE.other_dealer_consultant, now, source="walk_in")

    assert await train_lead_scoring(sessions, now=now) == {"trained": 0}
    assert await score_open_leads(sessions, now=now) == {"scored": 0, "dropped": 0}
    assert await models_seen_by(leads_api, signing_key_pem, PEOPLE.hq_admin) == []
    async with client_as(leads_api, signing_key_pem, PEOPLE.other_dealer_consultant) as b:
        [lead] = (await b.get("/leads")).json()
        assert (lead["id"], lead["score"]) == (str(waiting), None)

    # The region holds the OEM's own history; dealer-a its own prospects, many of them.
    await plant_history(sessions, "east", 400, now, seed=5, interest="OEM Model")
    await plant_history(sessions, "dealer-a", 400, now, seed=6, interest="Dealer-A Own")
    assert await train_lead_scoring(sessions, now=now + timedelta(days=1)) == {"trained": 3}, (
        "dealer-a, and east and HQ on the OEM's leads; dealer-b still has too little"
    )
    east = await weights_of(sessions, "east")
    assert "interest=oem model" in east
    assert not any(name.startswith("interest=dealer-") for name in east), (
        "no dealer's own prospect trains the model that scores other dealers"
    )

    assert (await score_open_leads(sessions, now=now))["scored"] == 1
    async with client_as(leads_api, signing_key_pem, PEOPLE.other_dealer_consultant) as b:
        [lead] = (await b.get("/leads")).json()
        assert lead["score"]["model_scope"] == "region", "east's, the nearest node above"
    region_models = [
        m
        for m in await models_seen_by(leads_api, signing_key_pem, PEOPLE.hq_admin)
        if m["scope"] == "region"
    ]
    assert {m["owner_org"] for m in region_models} == {"east", "hq"}
    assert [
        m["owner_org"]
        for m in await models_seen_by(leads_api, signing_key_pem, PEOPLE.other_dealer_manager)
    ] == [], "a dealer's manager sees its own book's figures, not the region's"


def _event(data: EventData, book: str) -> Envelope[Any]:
    return new_event(data, tenant=TENANT, owner_org=book, actor="c2")


async def customer_drove(
    sessions: Sessions, customer_id: UUID, *, at: datetime, book: str = "dealer-a"
) -> None:
    """An opportunity of ``book`` opened for the customer and a test drive of it at ``at``,
    as leads' worker takes them from opportunities' events into the customer's file."""
    opportunity = uuid4()
    opened = OpportunityOpened(
        opportunity_id=opportunity,
        dealer_id=book,
        at=at - timedelta(days=1),
        lead_id=None,
        customer_id=customer_id,
        owner_user="c2",
        owner_team=book,
        pipeline_id=uuid4(),
        stage="intent",
        vehicle_interest="SUV X",
        lead_origin="direct",
        source="walk_in",
    )
    drove = TestDriveRecorded(
        opportunity_id=opportunity,
        dealer_id=book,
        at=at,
        test_drive_id=uuid4(),
        model_code="SUV-X",
        owner_user="c2",
        rating=5,
    )
    # The drive first: its entry waits for the opening that names the customer.
    for data in (drove, opened):
        async with UnitOfWork(sessions) as uow:
            await record_customer_event(uow, _event(data, book))


async def customer_of(sessions: Sessions, lead_id: UUID) -> UUID:
    async with sessions() as session:
        found: UUID = (
            await session.execute(select(leads.c.customer_id).where(leads.c.id == lead_id))
        ).scalar_one()
    return found


async def test_test_drives_at_the_book_s_opportunities_are_facts_of_the_customer_s_lead(
    sessions: Sessions, now: datetime
) -> None:
    """Issue 22 item 15: opportunities' test drives reach scoring through the events leads
    keeps in the customer's file; only the lead's book's, only before the lead closed."""
    lead_id = await open_lead(sessions, PEOPLE.manager, now, source="phone")
    customer = await customer_of(sessions, lead_id)
    await customer_drove(sessions, customer, at=now - timedelta(days=3))
    await customer_drove(sessions, customer, at=now - timedelta(days=2), book="dealer-b")
    await customer_drove(sessions, uuid4(), at=now - timedelta(days=2))
    async with sessions() as session:
        open_ones = await score_store.open_leads(
            session, TENANT, ["dealer-a"], after=None, limit=100
        )
    [facts] = [lead.facts for lead in open_ones if lead.id == lead_id]
    assert (facts.opportunity_test_drives, facts.test_drives) == (1, 0)

    # The lead converts; the test drives of the opportunity it became come after its closing.
    async with sessions() as session, session.begin():
        await session.execute(update(leads).where(leads.c.id == lead_id).values(status="converted"))
        await session.execute(
            insert(lead_history).values(
                lead_id=lead_id,
                tenant=TENANT,
                owner_org="dealer-a",
                kind="converted",
                actor="m1",
                at=now,
            )
        )
    await customer_drove(sessions, customer, at=now + timedelta(days=1))
    async with sessions() as session:
        [book] = [b for b in await score_store.books(session) if b.node.id == "dealer-a"]
        [closed] = await score_store.closed_leads(
            session, book, now - timedelta(days=365), most=100
        )
    assert closed.facts.opportunity_test_drives == 1


async def test_a_model_learns_what_test_drives_at_opportunities_say(
    sessions: Sessions, now: datetime
) -> None:
    """A book where customers who drove our cars in an earlier sale mostly convert: its model
    weighs that, and an open lead whose customer did scores above its twin."""
    await plant_history(sessions, "dealer-a", 400, now, seed=7, interest="Model A")
    async with sessions() as session:
        closed = (
            await session.execute(
                select(leads.c.customer_id, leads.c.status, leads.c.created_at).where(
                    leads.c.owner_org == "dealer-a", leads.c.status.in_(["converted", "lost"])
                )
            )
        ).all()
    rng = random.Random(8)
    drove = [row for row in closed if rng.random() < (0.8 if row.status == "converted" else 0.1)]
    opportunities = {row.customer_id: uuid4() for row in drove}
    async with sessions() as session, session.begin():
        await session.execute(
            insert(customer_links),
            [
                {"subject_id": opportunity, "tenant": TENANT, "customer_id": customer}
                for customer, opportunity in opportunities.items()
            ],
        )
        await session.execute(
            insert(customer_timeline),
            [
                {
                    "event_id": uuid4(),
                    "tenant": TENANT,
                    "owner_org": "dealer-a",
                    "subject_id": opportunities[row.customer_id],
                    "kind": "test_drive",
                    "at": row.created_at + timedelta(hours=2),
                    "model_code": "SUV-X",
                    "details": {},
                }
                for row in drove
            ],
        )

    assert await train_lead_scoring(sessions, now=now) == {"trained": 1}
    assert (await weights_of(sessions, "dealer-a"))["opportunity_test_drives"] > 0.8

    twin = await open_lead(sessions, PEOPLE.manager, now, source="flyer")
    driven = await open_lead(sessions, PEOPLE.manager, now, source="flyer")
    await customer_drove(sessions, await customer_of(sessions, driven), at=now - timedelta(days=5))
    await score_open_leads(sessions, now=now)
    async with sessions() as session:
        scores = dict(
            (await session.execute(select(lead_scores.c.lead_id, lead_scores.c.score))).all()
        )
    assert scores[driven] > scores[twin]
