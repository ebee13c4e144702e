"""Sales targets through the kpi HTTP API on real PostgreSQL: HQ sets its regions, a region its
dealers, a dealer manager its team and consultants; over-allocation; nodes outside the caller's
subtree; deals, cancellations, collections and product lines projected from events moving the
attainment; the run-rate on a fixed day; the month by day; commission reading the leaf."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select, update

from crm_common.auth.principal import DataScope
from crm_common.contracts import new_event
from crm_common.contracts.events.kpi.v1 import TargetSet
from crm_common.contracts.events.opportunities.v1 import CatalogPublished, OrderStepCompleted
from crm_common.db import UnitOfWork, create_engine, create_session_factory
from crm_common.db.tables import org_directory, outbox
from crm_common.inbox.store import process_once
from crm_common.settings import Settings
from crm_common.testing.services import reset_tenant
from crm_kpi.application.projections import record_collections, record_product_lines
from crm_kpi.entrypoints.consumers import TARGETS_FROM_HQ_CONSUMER, subscriptions

from .conftest import PEOPLE, TABLES, TENANT, AsUser, Sessions, principal
from .test_commission import RULES, cancelled, nov, project, won

pytestmark = pytest.mark.integration
TZ = "Asia/Shanghai"
D = Decimal
ORG = [
    ("hq", "/", None),
    ("east", "/hq/", None),
    ("west", "/hq/", None),
    ("dealer-a", "/hq/east/", "dealer-a"),
    ("team-a1", "/hq/east/dealer-a/", "dealer-a"),
    ("dealer-b", "/hq/east/", "dealer-b"),
    ("dealer-w", "/hq/west/", "dealer-w"),
    ("bank", "/hq/", None),
]
HQ = principal("h1", "hq", "hq_admin", DataScope.TENANT)
EAST = principal("r1", "east", "region_manager", DataScope.SUBTREE)
OTHER_CONSULTANT = principal("cb", "dealer-b", "sales_consultant", DataScope.OWN)
MONTH = "/kpi/targets/2026-11"


@pytest.fixture
async def sessions(kpi_database: str) -> AsyncIterator[Sessions]:
    """A second region (west) beside the shared tree, and a partner (a bank) below HQ."""
    engine = create_engine(Settings(env="test", database_url=kpi_database, database_pool_size=10))
    factory = create_session_factory(engine)
    people = [*vars(PEOPLE).values(), HQ, EAST, OTHER_CONSULTANT]
    await reset_tenant(factory, TENANT, ORG, TABLES, staff=people)
    async with factory() as session, session.begin():
        d = org_directory
        await session.execute(update(d).where(d.c.id == "bank").values(kind="partner"))
    yield factory
    await engine.dispose()


@pytest.fixture(autouse=True)
def today(sessions: Sessions, kpi_api: FastAPI) -> Iterator[None]:
    """A fresh tree; today is the 10th of November 2026 in Shanghai (02:00 UTC): 10 of 30 days
    elapsed."""
    real = kpi_api.state.clock
    kpi_api.state.clock = lambda: datetime(2026, 11, 10, 2, tzinfo=UTC)
    yield
    kpi_api.state.clock = real


def units(node: str, amount: int | str, user_id: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"node": node, "user_id": user_id, "measure": "units", "amount": amount, **extra}


async def put(as_user: AsUser, who: Any, *items: dict[str, Any]) -> Any:
    async with as_user(who) as client:
        return await client.put(MONTH, json={"targets": list(items)})


async def get(as_user: AsUser, who: Any, path: str = MONTH, **params: str) -> Any:
    async with as_user(who) as client:
        return await client.get(path, params=params)


def by_position(cascade: dict[str, Any]) -> dict[tuple[str, str | None], dict[str, Any]]:
    return {(line["node"], line["user_id"]): line for line in cascade["children"]}


async def cascade_down(as_user: AsUser) -> None:
    response = await put(as_user, HQ, units("hq", 100), units("east", 60), units("west", 50))
    assert response.status_code == 200, response.text
    [hq] = response.json()
    # HQ handed down 110 of its 100: over-allocated by 10.
    assert (hq["node"]["target"], hq["node"]["allocated"], hq["node"]["unallocated"]) == (
        "100",
        "110",
        "-10",
    )
    # The regions, not the partner beside them.
    assert set(by_position(hq)) == {("east", None), ("west", None)}
    response = await put(as_user, EAST, units("dealer-a", 40), units("dealer-b", 15))
    assert response.status_code == 200, response.text
    [east] = response.json()
    assert (east["node"]["target"], east["node"]["unallocated"]) == ("60", "5")
    response = await put(
        as_user,
        PEOPLE.manager,
        units("team-a1", 25),
        units("team-a1", 20, "c1"),
        units("dealer-a", 10, "c2"),
    )
    assert response.status_code == 200, response.text


async def test_each_level_sets_the_level_below_and_sees_what_is_left(as_user: AsUser) -> None:
    await cascade_down(as_user)
    response = await get(as_user, PEOPLE.manager)
    assert response.status_code == 200, response.text
    dealer = response.json()
    assert (dealer["node"]["node"], dealer["node"]["target"]) == ("dealer-a", "40")
    assert (dealer["node"]["allocated"], dealer["node"]["unallocated"]) == ("35", "5")
    children = by_position(dealer)
    assert set(children) == {("team-a1", None), ("dealer-a", "c2")}
    team = children[("team-a1", None)]
    assert (team["target"], team["allocated"], team["unallocated"]) == ("25", "20", "5")
    assert children[("dealer-a", "c2")]["allocated"] is None
    # Replacing a target is an upsert: the cascade follows.
    assert (await put(as_user, EAST, units("dealer-a", 50))).status_code == 200
    east = (await get(as_user, EAST)).json()
    assert (east["node"]["allocated"], east["node"]["unallocated"]) == ("65", "-5")


async def test_targets_only_for_nodes_below_the_caller(as_user: AsUser) -> None:
    cases = [
        (EAST, units("dealer-b", 5), units("dealer-w", 5), "targets[1].node"),
        (HQ, units("east", 5), units("bank", 5), "targets[1].node"),
        (EAST, units("east", 5), None, "targets[0].node"),
        (EAST, units("nowhere", 5), None, "targets[0].node"),
        (EAST, units("dealer-a", 5, "c1"), units("dealer-a", 5, "c1"), "targets[1].node"),
        (EAST, units("east", 5, "c1"), None, "targets[0].user_id"),
        (PEOPLE.manager, units("dealer-b", 5), None, "targets[0].node"),
        (PEOPLE.manager, units("dealer-a", 5), None, "targets[0].node"),
        (PEOPLE.manager, units("team-a1", "1.5"), None, "targets[0].amount"),
    ]
    for who, first, second, field in cases:
        items = [first] if second is None else [first, second]
        response = await put(as_user, who, *items)
        assert response.status_code == 422, (who.user_id, items, response.text)
        assert response.json()["detail"][0]["loc"] == ["body", field], response.text
    # Nothing of a refused body was kept.
    assert (await get(as_user, EAST, node="dealer-b")).json()["node"]["target"] is None
    async with as_user(PEOPLE.consultant1) as consultant:
        refused = await consultant.put(MONTH, json={"targets": [units("team-a1", 5)]})
    assert refused.status_code == 403


async def test_callers_see_their_node_and_below_only(as_user: AsUser) -> None:
    await cascade_down(as_user)
    assert (await get(as_user, EAST, node="dealer-w")).status_code == 404
    assert (await get(as_user, EAST, node="hq")).status_code == 404
    assert (await get(as_user, HQ, node="bank")).status_code == 404
    assert (await get(as_user, PEOPLE.manager, node="dealer-b")).status_code == 404
    assert (await get(as_user, PEOPLE.manager, node="nowhere")).status_code == 404
    assert (await get(as_user, PEOPLE.hq_analyst, node="team-a1")).status_code == 200
    assert (await get(as_user, OTHER_CONSULTANT, node="dealer-a")).status_code == 404
    assert (
        await get(as_user, OTHER_CONSULTANT, f"{MONTH}/daily", node="dealer-a")
    ).status_code == 404
    # A consultant: their node's figures and their own leaf, nobody else's.
    assert (await get(as_user, PEOPLE.consultant1, node="dealer-a")).status_code == 404
    own = (await get(as_user, PEOPLE.consultant1)).json()
    assert own["node"]["node"] == "team-a1"
    assert list(by_position(own)) == [("team-a1", "c1")]
    c2 = (await get(as_user, PEOPLE.consultant2)).json()
    assert (c2["node"]["node"], list(by_position(c2))) == ("dealer-a", [("dealer-a", "c2")])
    assert by_position(c2)[("dealer-a", "c2")]["target"] == "10"
    other = await get(as_user, PEOPLE.consultant1, f"{MONTH}/daily", consultant="c2")
    assert other.status_code == 404


async def collected(sessions: Sessions, deal: Any, amount: str, at: datetime) -> None:
    event = new_event(
        OrderStepCompleted(
            order_id=deal.data.order_id,
            opportunity_id=deal.data.opportunity_id,
            dealer_id=deal.data.dealer_id,
            at=at,
            step="deposit_paid",
            amount=D(amount),
            recorded_by="cashier",
        ),
        tenant=TENANT,
        owner_org=deal.data.dealer_id,
        actor="cashier",
    )
    async with UnitOfWork(sessions) as uow:
        await record_collections(uow, [event, event], TZ)


async def published(sessions: Sessions, lines: dict[str, str]) -> None:
    event = new_event(
        CatalogPublished(
            catalog_version=1,
            published_at=nov(1),
            catalog={
                "models": [{"code": code, "product_line": line} for code, line in lines.items()]
            },
        ),
        tenant=TENANT,
        owner_org="hq",
        actor="h1",
    )
    async with UnitOfWork(sessions) as uow:
        await record_product_lines(uow, [event])


@pytest.fixture
async def sold(sessions: Sessions, as_user: AsUser) -> dict[str, Any]:
    """November: c1 (team-a1) wins three sedans, one cancelled; c2 (dealer-a) an SUV; dealer-b
    one sedan; a deposit of 5000 on c1's first order. The 10th is today."""
    await cascade_down(as_user)
    await published(sessions, {"M1": "sedan", "M2": "suv"})
    c1_deals = [won(nov(day), [("c1", "team-a1", "100")]) for day in (2, 3, 5)]
    c2_deal = won(nov(5), [("c2", "dealer-a", "100")], model="M2")
    b_deal = won(nov(6), [("cb", "dealer-b", "100")], dealer="dealer-b")
    await project(sessions, *c1_deals, c2_deal, b_deal)
    await project(sessions, cancelled(c1_deals[1], nov(8)))
    await collected(sessions, c1_deals[0], "5000", nov(4))
    return {"c1": c1_deals, "c2": c2_deal}


async def test_deals_move_attainment_and_the_run_rate(as_user: AsUser, sold: Any) -> None:
    dealer = (await get(as_user, PEOPLE.manager)).json()
    assert dealer["today"] == "2026-11-10"
    # Net units: c1 3 - 1 cancelled + c2 1 = 3 of 40 → 7.5 %; 3 in 10 of 30 days → 9.
    node = dealer["node"]
    assert (node["actual"], node["attainment_percent"], node["forecast"]) == (
        "3.00",
        "7.50",
        "9.00",
    )
    children = by_position(dealer)
    assert children[("team-a1", None)]["actual"] == "2.00"
    assert (
        children[("dealer-a", "c2")]["actual"],
        children[("dealer-a", "c2")]["attainment_percent"],
    ) == ("1.00", "10.00")
    c1 = by_position((await get(as_user, PEOPLE.consultant1)).json())[("team-a1", "c1")]
    assert (c1["target"], c1["actual"], c1["attainment_percent"]) == ("20", "2.00", "10.00")
    hq = (await get(as_user, HQ)).json()
    assert (hq["node"]["actual"], hq["node"]["attainment_percent"]) == ("4.00", "4.00")
    assert by_position(hq)[("east", None)]["actual"] == "4.00"
    assert by_position(hq)[("west", None)]["actual"] == "0.00"
    revenue = (await get(as_user, PEOPLE.manager, measure="revenue")).json()
    assert revenue["node"]["actual"] == "600000.00"
    assert revenue["node"]["target"] is None
    sedans = (await get(as_user, PEOPLE.manager, product_line="sedan")).json()
    assert sedans["node"]["actual"] == "2.00"
    suvs = (await get(as_user, EAST, node="dealer-a", product_line="suv")).json()
    assert suvs["node"]["actual"] == "1.00"
    money = (await get(as_user, PEOPLE.manager, measure="collections")).json()
    assert money["node"]["actual"] == "5000.00"
    assert by_position(money)[("team-a1", None)]["actual"] == "5000.00"


async def test_the_month_by_day_adds_up(as_user: AsUser, sold: Any) -> None:
    response = await get(as_user, PEOPLE.manager, f"{MONTH}/daily")
    assert response.status_code == 200, response.text
    daily = response.json()
    days = daily["days"]
    assert (daily["node"], daily["target"], len(days)) == ("dealer-a", "40", 30)
    assert sum(D(d["target"]) for d in days) == 40
    actual = {d["day"]: d["actual"] for d in days if D(d["actual"])}
    assert actual == {
        "2026-11-02": "1.00",
        "2026-11-03": "1.00",
        "2026-11-05": "2.00",
        "2026-11-08": "-1.00",
    }
    assert days[-1]["actual_so_far"] == "3.00"
    assert days[-1]["target_so_far"] == "40"
    assert days[-1]["attainment_percent"] == "7.50"
    weighted = await get(
        as_user,
        PEOPLE.manager,
        f"{MONTH}/daily",
        node="team-a1",
        consultant="c1",
        weekday_weights="0,1,1,1,1,2,2",
    )
    leaf = weighted.json()
    assert (leaf["user_id"], leaf["target"]) == ("c1", "20")
    assert sum(D(d["target"]) for d in leaf["days"]) == 20
    assert leaf["days"][1]["target"] == "0"  # the 2nd is a Monday: weighs 0
    assert leaf["days"][-1]["actual_so_far"] == "2.00"
    own = (await get(as_user, PEOPLE.consultant1, f"{MONTH}/daily", consultant="c1")).json()
    assert (own["node"], own["user_id"], own["target"]) == ("team-a1", "c1", "20")
    assert own["days"][-1]["actual_so_far"] == "2.00"


async def test_commission_reads_the_consultants_leaf(as_user: AsUser, sold: Any) -> None:
    async with as_user(PEOPLE.dealer_admin) as admin:
        plan = await admin.post(
            "/kpi/commission/plans",
            json={"name": "2026", "effective_from": "2020-01-01", "rules": RULES},
        )
        assert plan.status_code == 201, plan.text
    # The commission API's target writes the same leaf the cascade shows.
    async with as_user(PEOPLE.manager) as manager:
        legacy = await manager.put("/kpi/targets/consultants/c2/2026-11", json={"units": 4})
        assert legacy.status_code == 200, legacy.text
        run = await manager.post("/kpi/commission/runs", json={"month": "2026-11"})
        assert run.status_code == 201, run.text
        listed = await manager.get("/kpi/commission/statements", params={"month": "2026-11"})
    statements = {s["user_id"]: s for s in listed.json()["statements"]}
    assert statements["c1"]["target_units"] == 20
    assert statements["c2"]["target_units"] == 4
    c2 = by_position((await get(as_user, PEOPLE.manager)).json())[("dealer-a", "c2")]
    assert c2["target"] == "4"
    # Moved under the team, the leaf leaves the dealer node: still one target for commission.
    assert (await put(as_user, PEOPLE.manager, units("team-a1", 6, "c2"))).status_code == 200
    team = by_position((await get(as_user, PEOPLE.manager, node="team-a1")).json())
    assert team[("team-a1", "c2")]["target"] == "6"
    assert ("dealer-a", "c2") not in by_position((await get(as_user, PEOPLE.manager)).json())


async def test_each_target_set_is_published_for_the_dealer_it_belongs_to(
    as_user: AsUser, sessions: Sessions
) -> None:
    await cascade_down(as_user)
    async with sessions() as session:
        rows = (
            await session.execute(
                select(outbox.c.key, outbox.c.payload)
                .where(outbox.c.event_type == TargetSet.event_type)
                .order_by(outbox.c.id)
            )
        ).all()
    published = [
        (row.key, row.payload["data"]["org_node"], row.payload["data"]["user_id"]) for row in rows
    ]
    # Keyed by dealer (a consultant's target moves between its dealer's nodes, in order).
    assert published == [
        ("hq", "hq", None),
        ("east", "east", None),
        ("west", "west", None),
        ("dealer-a", "dealer-a", None),
        ("dealer-b", "dealer-b", None),
        ("dealer-a", "team-a1", None),
        ("dealer-a", "team-a1", "c1"),
        ("dealer-a", "dealer-a", "c2"),
    ]
    last = rows[-1].payload
    assert (last["data"]["amount"], last["data"]["set_by"], last["owner_org"]) == (
        "10",
        PEOPLE.manager.user_id,
        "dealer-a",
    )


async def test_a_dealer_keeps_the_targets_hq_sets_for_it_once(
    as_user: AsUser, sessions: Sessions
) -> None:
    """At a dealer's own deployment, what came down from HQ: stored as set there, once."""
    [subscription] = [
        s for s in subscriptions(Settings(env="test")) if s.consumer == TARGETS_FROM_HQ_CONSUMER
    ]
    assert subscription.downlinked_only, "HQ's own targets and a dealer's stay where set"
    [handles] = subscription.handles

    def from_hq(amount: str, at: datetime, user_id: str | None = None) -> Any:
        data = TargetSet(
            org_node="team-a1",
            dealer_id="dealer-a",
            user_id=user_id,
            product_line="*",
            month="2026-11",
            measure="units",
            amount=D(amount),
            set_by="h1",
            at=at,
        )
        return new_event(data, tenant=TENANT, owner_org="team-a1", actor="h1")

    first = from_hq("25", datetime(2026, 11, 1, tzinfo=UTC))
    again = from_hq("30", datetime(2026, 11, 2, tzinfo=UTC))
    consultant = from_hq("20", datetime(2026, 11, 2, tzinfo=UTC), user_id="c1")
    for event in (first, first, again, again, consultant):
        await process_once(
            sessions, subscription.consumer, event, lambda uow, e=event: handles.apply(uow, [e])
        )
    response = await get(as_user, PEOPLE.manager)
    assert response.status_code == 200, response.text
    team = by_position(response.json())[("team-a1", None)]
    assert (team["target"], team["allocated"]) == ("30", "20")
