"""Opportunities on real PostgreSQL through the HTTP API: opened directly or from a converted
lead (once), moved through the pipeline's gates, test drives, loss, reassignment, scoping."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from uuid import uuid4

from sqlalchemy import func, select

from crm_common.contracts import new_event
from crm_common.contracts.events.leads.v1 import LeadConverted
from crm_common.contracts.events.leads.v2 import LeadConvertedV2
from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox
from crm_opportunities.adapters.tables import activities, opportunities, stage_history
from crm_opportunities.application.opportunities import open_from_converted_lead
from crm_opportunities.views.opportunities import MOST_ACTIVITY_KINDS, MOST_MOVES

from .conftest import PEOPLE, TENANT, AsUser, Sessions

DRIVE = {
    "model_code": "SUV-X",
    "licence_number": "310101199001011234",
    "licence_checked": True,
    "started_at": "2026-11-02T02:00:00Z",
    "rating": 5,
    "feedback": "liked the quiet cabin",
}


async def events(sessions: Sessions, event_type: str) -> list[dict]:  # type: ignore[type-arg]
    async with sessions() as session:
        rows = await session.execute(
            select(outbox.c.payload).where(outbox.c.event_type == event_type).order_by(outbox.c.id)
        )
        return [row[0]["data"] for row in rows]


async def test_an_opportunity_moves_through_its_gates_to_a_loss(
    sessions: Sessions, as_user: AsUser
) -> None:
    async with as_user(PEOPLE.consultant1) as http:
        created = await http.post(
            "/opportunities",
            json={"customer_name": "周杰", "phone": "+8613811112222", "amount": "230000"},
        )
        assert created.status_code == 201, created.text
        opportunity = created.json()
        assert (opportunity["stage"], opportunity["probability"]) == ("reception", 10)
        assert opportunity["phone"] == "+8613811112222", "the owner sees it in full"
        path = f"/opportunities/{opportunity['id']}"

        gated = await http.post(f"{path}/stage", json={"stage": "quote"})
        assert gated.status_code == 409
        assert "test_drive" in gated.json()["detail"]
        # What the portal words it by, in the user's language.
        assert (gated.json()["code"], gated.json()["params"]) == (
            "stage_gate_not_met",
            {"activities": ["test_drive"], "stage": "Quote 报价"},
        )
        unchecked = await http.post(f"{path}/test-drives", json={**DRIVE, "licence_checked": False})
        assert unchecked.status_code == 422
        assert "licence_checked" in unchecked.text
        assert (await http.post(f"{path}/test-drives", json=DRIVE)).status_code == 201
        moved = await http.post(f"{path}/stage", json={"stage": "quote"})
        assert (moved.status_code, moved.json()["probability"]) == (200, 60)
        assert (await http.post(f"{path}/stage", json={"stage": "nowhere"})).status_code == 422
        lost = await http.post(
            f"{path}/loss",
            json={"reason": "price", "competitor": "Brand B", "competitor_model": "B5"},
        )
        assert (lost.status_code, lost.json()["status"]) == (200, "lost")
        assert [h["to_stage"] for h in lost.json()["history"]] == ["reception", "quote"]
        assert (await http.post(f"{path}/stage", json={"stage": "order"})).status_code == 409

    async with as_user(PEOPLE.manager) as http:
        seen = (await http.get(path)).json()
        assert seen["phone"] == "+8613811112222", "the dealer's manager sees it in full"
    async with as_user(PEOPLE.consultant2) as http:
        assert (await http.get(path)).status_code == 404, "another consultant's"
    async with as_user(PEOPLE.other_dealer_manager) as http:
        assert (await http.get(path)).status_code == 404
    async with as_user(PEOPLE.hq_analyst) as http:
        assert (await http.get(path)).status_code == 404, "dealers share figures only"
        assert (await http.post("/opportunities", json={"customer_name": "x"})).status_code == 403
    [lost_event] = await events(sessions, "opportunities.DealLost")
    assert (lost_event["reason"], lost_event["competitor"], lost_event["stage"]) == (
        "price",
        "Brand B",
        "quote",
    )
    assert [e["to_stage"] for e in await events(sessions, "opportunities.StageChanged")] == [
        "quote"
    ]


async def test_a_manager_reassigns_only_to_a_consultant_of_the_dealer(
    sessions: Sessions, as_user: AsUser
) -> None:
    async with as_user(PEOPLE.consultant1) as http:
        opportunity = (await http.post("/opportunities", json={"customer_name": "吴磊"})).json()
    path = f"/opportunities/{opportunity['id']}/reassignment"
    async with as_user(PEOPLE.manager) as http:
        assert (await http.post(path, json={"to_user": "b1"})).status_code == 404
        moved = await http.post(path, json={"to_user": "c2"})
        assert (moved.status_code, moved.json()["owner_user"]) == (200, "c2")
    async with as_user(PEOPLE.consultant1) as http:
        assert (await http.post(path, json={"to_user": "c1"})).status_code == 403


async def test_a_converted_lead_opens_one_opportunity_however_often_it_arrives(
    sessions: Sessions,
) -> None:
    converted = new_event(
        LeadConverted(
            lead_id=uuid4(),
            dealer_id="dealer-a",
            at=datetime(2026, 11, 2, 3, 0, tzinfo=UTC),
            customer_id=uuid4(),
            owner_user="c1",
            owner_team="team-a1",
            customer_name="郑爽",
            phone="+8613900001111",
            vehicle_interest="SUV X 2.0T",
            source="campaign_form",
            grade="ready_to_buy",
        ),
        tenant=TENANT,
        owner_org="dealer-a",
        actor="c1",
    )
    for _ in range(2):
        async with UnitOfWork(sessions) as uow:
            await open_from_converted_lead(uow, converted)
    async with sessions() as session:
        rows = (await session.execute(select(opportunities))).mappings().all()
        entered = (await session.execute(select(func.count()).select_from(stage_history))).scalar()
    assert len(rows) == 1
    assert (rows[0]["owner_user"], rows[0]["stage"], rows[0]["lead_origin"]) == (
        "c1",
        "reception",
        "oem",
    )
    assert entered == 1
    [opened] = await events(sessions, "opportunities.OpportunityOpened")
    assert opened["lead_id"] == str(converted.data.lead_id)


async def test_a_lead_s_recorded_origin_is_the_opportunity_s_and_a_version_1_one_is_guessed(
    sessions: Sessions,
) -> None:
    """A walk-in a colleague released and c1 claimed from the pool: version 2 says so, and the
    opportunity keeps the pool origin its DealWon will carry, where the walk-in source alone
    (all a version 1 event says) reads as self-sourced."""
    v1 = LeadConverted(
        lead_id=uuid4(),
        dealer_id="dealer-a",
        at=datetime(2026, 11, 2, 3, 0, tzinfo=UTC),
        customer_id=uuid4(),
        owner_user="c1",
        owner_team="team-a1",
        customer_name="郑爽",
        phone="+8613900001111",
        vehicle_interest=None,
        source="walk_in",
        grade=None,
    )
    v2 = LeadConvertedV2(
        **v1.model_dump() | {"lead_id": uuid4(), "customer_id": uuid4(), "lead_origin": "pool"}
    )
    for data in (v1, v2):
        async with UnitOfWork(sessions) as uow:
            await open_from_converted_lead(
                uow, new_event(data, tenant=TENANT, owner_org="dealer-a", actor="c1")
            )
    async with sessions() as session:
        origins = dict(
            (
                await session.execute(select(opportunities.c.lead_id, opportunities.c.lead_origin))
            ).all()
        )
    assert origins == {v1.lead_id: "self_sourced", v2.lead_id: "pool"}
    opened = await events(sessions, "opportunities.OpportunityOpened")
    assert {o["lead_id"]: o["lead_origin"] for o in opened} == {
        str(v1.lead_id): "self_sourced",
        str(v2.lead_id): "pool",
    }


async def test_a_dealer_defines_its_pipeline_and_trade_ins_are_appraised(
    sessions: Sessions, as_user: AsUser
) -> None:
    stages = [
        {"code": "first_visit", "name": "First visit", "probability": 15},
        {"code": "test_drive", "name": "Test drive", "probability": 50},
        {
            "code": "contract",
            "name": "Contract",
            "probability": 90,
            "required_activities": ["test_drive"],
        },
    ]
    async with as_user(PEOPLE.manager) as http:
        falling = [*stages[:2], {**stages[2], "probability": 40}]
        refused = await http.post("/pipelines", json={"name": "Fleet", "stages": falling})
        assert refused.status_code == 422
        assert "probability falls" in refused.text
        assert (
            await http.post("/pipelines", json={"name": "Fleet", "stages": stages})
        ).status_code == 201
        defaults = [p for p in (await http.get("/pipelines")).json() if p["is_default"]]
        assert [s["code"] for s in defaults[0]["stages"]] == [
            "first_visit",
            "test_drive",
            "contract",
        ]
    async with as_user(PEOPLE.consultant1) as http:
        assert (
            await http.post("/pipelines", json={"name": "x", "stages": stages})
        ).status_code == 403
        opportunity = (await http.post("/opportunities", json={"customer_name": "韩梅"})).json()
        assert (opportunity["stage"], opportunity["probability"]) == ("first_visit", 15)
        appraised = await http.post(
            f"/opportunities/{opportunity['id']}/trade-ins",
            json={
                "make": "VW",
                "model": "Lavida",
                "year": 2017,
                "mileage_km": 98000,
                "appraised_value": "42000",
            },
        )
        assert appraised.status_code == 201, appraised.text
    [trade_in] = await events(sessions, "opportunities.TradeInAppraised")
    assert Decimal(trade_in["appraised_value"]) == Decimal(42000)


async def test_hq_publishes_a_pipeline_template_dealers_start_from_and_adopt(
    sessions: Sessions, as_user: AsUser
) -> None:
    template = [
        {"code": "welcome", "name": "Welcome", "probability": 10},
        {"code": "test_drive", "name": "Test drive", "probability": 40, "rot_days": 7},
        {"code": "deal", "name": "Deal", "probability": 90, "required_activities": ["test_drive"]},
    ]
    async with as_user(PEOPLE.hq_admin) as http:
        published = await http.post("/pipelines", json={"name": "OEM standard", "stages": template})
        assert published.status_code == 201, published.text
        [own] = (await http.get("/pipelines")).json()
        assert (own["is_template"], own["owner_org"]) == (True, "hq")
    async with as_user(PEOPLE.consultant1) as http:
        opened = (await http.post("/opportunities", json={"customer_name": "赵敏"})).json()
        assert opened["stage"] == "welcome", "a dealer without a pipeline starts from HQ's"

    async with as_user(PEOPLE.other_dealer_manager) as http:
        own_stages = [{**s, "code": f"b_{s['code']}"} for s in template]
        own_stages[2]["required_activities"] = []
        await http.post("/pipelines", json={"name": "B's own", "stages": own_stages})
        listed = (await http.get("/pipelines")).json()
        [default] = [p for p in listed if p["is_default"]]
        assert default["name"] == "B's own"
        [offered] = [p for p in listed if p["is_template"]]
        assert offered["id"] == published.json()["id"]
        adopted = await http.post(f"/pipelines/{offered['id']}/adoption")
        assert adopted.status_code == 201, adopted.text
        [default] = [p for p in (await http.get("/pipelines")).json() if p["is_default"]]
        assert (default["name"], default["owner_org"]) == ("OEM standard", "dealer-b")
        assert [s["code"] for s in default["stages"]] == ["welcome", "test_drive", "deal"]
        own_id = next(p["id"] for p in listed if p["name"] == "B's own")
        assert (await http.post(f"/pipelines/{own_id}/adoption")).status_code == 404
        # A page at a time: the book's own pipelines, oldest first, then the templates above.
        everything = (await http.get("/pipelines")).json()
        assert [p["is_template"] for p in everything][-1], "the templates come last"
        pages = [
            (await http.get("/pipelines", params={"limit": 1, "offset": offset})).json()
            for offset in range(len(everything) + 1)
        ]
        assert [p for page in pages for p in page] == everything
        assert (await http.get("/pipelines", params={"limit": 501})).status_code == 422
    async with as_user(PEOPLE.manager) as http:
        assert (await http.post(f"/pipelines/{own_id}/adoption")).status_code == 404


async def test_an_opportunity_shows_its_latest_moves_and_a_bounded_list_of_kinds(
    sessions: Sessions, as_user: AsUser
) -> None:
    """Stage history and activity kinds grow with the opportunity's life: the answer shows the
    latest moves and the first kinds, and says when it left some out."""
    async with as_user(PEOPLE.consultant1) as http:
        created = await http.post("/opportunities", json={"customer_name": "吴磊"})
        assert created.status_code == 201, created.text
        opened = created.json()
        fresh = (await http.get(f"/opportunities/{opened['id']}")).json()
        assert (fresh["history_truncated"], fresh["activities_truncated"]) == (False, False)
    book = {
        "tenant": TENANT,
        "owner_org": opened["owner_org"],
        "opportunity_id": opened["id"],
    }
    at = datetime(2026, 11, 2, tzinfo=UTC)
    async with sessions() as session, session.begin():
        await session.execute(
            stage_history.insert(),
            [
                book
                | {"from_stage": "reception", "to_stage": f"s{n}", "changed_by": "c1"}
                | {"changed_at": at}
                for n in range(MOST_MOVES + 5)
            ],
        )
        await session.execute(
            activities.insert(),
            [
                book | {"id": uuid4(), "kind": f"k{n:03d}", "recorded_by": "c1", "at": at}
                for n in range(MOST_ACTIVITY_KINDS + 1)
            ],
        )
    async with as_user(PEOPLE.consultant1) as http:
        shown = (await http.get(f"/opportunities/{opened['id']}")).json()
    assert len(shown["history"]) == MOST_MOVES
    assert shown["history"][-1]["to_stage"] == f"s{MOST_MOVES + 4}", "the latest move last"
    assert shown["history_truncated"]
    assert shown["activities"] == [f"k{n:03d}" for n in range(MOST_ACTIVITY_KINDS)]
    assert shown["activities_truncated"]
