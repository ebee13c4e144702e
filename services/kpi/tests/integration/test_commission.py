"""Commission through the kpi HTTP API on real PostgreSQL: deals projected from DealWon and
OrderCancelled events, a plan, targets, runs, statements citing deals and rules, split credit,
a clawback in a later month, identical reruns, the review and who sees what."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import select

from crm_common.contracts import new_event
from crm_common.contracts.events.kpi.v1 import CommissionPlanSet, CommissionPlanVersion
from crm_common.contracts.events.opportunities.v1 import CreditShare, DealWon, OrderCancelled
from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox
from crm_common.inbox.store import process_once
from crm_common.settings import Settings
from crm_kpi.adapters.commission_tables import (
    commission_lines,
    commission_statements,
    deal_credits,
)
from crm_kpi.adapters.target_tables import targets
from crm_kpi.application.commission import PlanExists, run_commission
from crm_kpi.application.projections import record_deal_outcomes
from crm_kpi.entrypoints.consumers import PLANS_FROM_HQ_CONSUMER, subscriptions
from crm_kpi.entrypoints.http import reports as reports_routes

from .conftest import PEOPLE, TENANT, AsUser, Sessions

pytestmark = pytest.mark.integration
TZ = "Asia/Shanghai"
D = Decimal
RULES = {
    "per_unit": {"M1": "1000", "M2": "1500"},
    "default_per_unit": "500",
    "gross_margin_percent": "5",
    "bands": [
        {"name": "below_80", "from_percent": "0", "multiplier": "0.8"},
        {"name": "on_target", "from_percent": "80", "multiplier": "1.0"},
        {"name": "above_100", "from_percent": "100", "from_exclusive": True, "multiplier": "1.3"},
    ],
    "no_target_multiplier": "0.9",
    "finance_bonus": "300",
    "insurance_bonus": "200",
    "origin_rates": {"pool": "0.9"},
}


def won(
    at: datetime,
    credit: list[tuple[str, str, str]],
    *,
    model: str = "M1",
    margin: str = "10000",
    finance: bool = False,
    dealer: str = "dealer-a",
) -> Any:
    order_id = uuid4()
    return new_event(
        DealWon(
            opportunity_id=uuid4(),
            dealer_id=dealer,
            at=at,
            order_id=order_id,
            lead_id=None,
            customer_id=None,
            owner_user=credit[0][0],
            owner_team=credit[0][1],
            credit=[CreditShare(user_id=u, team=t, share_percent=D(s)) for u, t, s in credit],
            lead_origin="direct",
            model_code=model,
            trim_code=None,
            units=1,
            revenue=D(200000),
            gross_margin=D(margin),
            msrp=D(210000),
            finance_attached=finance,
            insurance_attached=False,
        ),
        tenant=TENANT,
        owner_org=dealer,
        actor=credit[0][0],
    )


def cancelled(deal: Any, at: datetime) -> Any:
    return new_event(
        OrderCancelled(
            order_id=deal.data.order_id,
            opportunity_id=deal.data.opportunity_id,
            dealer_id=deal.data.dealer_id,
            at=at,
            owner_user=deal.data.owner_user,
            reason="customer withdrew",
            cancelled_by="m1",
            deposit_to_refund=D(5000),
        ),
        tenant=TENANT,
        owner_org=deal.data.dealer_id,
        actor="m1",
    )


def nov(day: int) -> datetime:
    return datetime(2026, 11, day, 4, 0, tzinfo=UTC)


async def project(sessions: Sessions, *events: Any) -> None:
    uow = UnitOfWork(sessions)
    async with uow:
        await record_deal_outcomes(uow, list(events), TZ)


async def create_plan(as_user: AsUser) -> Any:
    async with as_user(PEOPLE.dealer_admin) as client:
        response = await client.post(
            "/kpi/commission/plans",
            json={"name": "2026 sales", "effective_from": "2020-01-01", "rules": RULES},
        )
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
async def world(sessions: Sessions, as_user: AsUser) -> dict[str, Any]:
    """October: c1 sells deal 3 (cancelled in November). November: c1 sells deal 1 (finance
    attached), c1 and c2 share deal 2 60/40, c1's deal 4 is cancelled within November; c1's
    target is 2 units, c2 has none."""
    plan = await create_plan(as_user)
    async with as_user(PEOPLE.manager) as client:
        response = await client.put("/kpi/targets/consultants/c1/2026-11", json={"units": 2})
        assert response.status_code == 200, response.text
        assert response.json()["dealer_id"] == "dealer-a"
    d1 = won(nov(5), [("c1", "team-a1", "100")], finance=True)
    d2 = won(nov(6), [("c1", "team-a1", "60"), ("c2", "dealer-a", "40")], model="M2", margin="2000")
    d3 = won(datetime(2026, 10, 20, 4, tzinfo=UTC), [("c1", "team-a1", "100")], margin="4000")
    d4 = won(nov(10), [("c1", "team-a1", "100")])
    await project(sessions, d1, d2, d3, d4)
    await project(sessions, d2)  # redelivered: nothing doubles
    await project(sessions, cancelled(d4, nov(12)), cancelled(d3, nov(15)))
    async with as_user(PEOPLE.manager) as client:
        response = await client.post("/kpi/commission/runs", json={"month": "2026-10"})
        assert response.status_code == 201, response.text
    return {"plan": plan, "d1": d1, "d2": d2, "d3": d3, "d4": d4}


async def run_november(as_user: AsUser) -> Any:
    async with as_user(PEOPLE.manager) as client:
        response = await client.post("/kpi/commission/runs", json={"month": "2026-11"})
    assert response.status_code == 201, response.text
    return response.json()


async def statements(as_user: AsUser, who: Any, month: str = "2026-11") -> Any:
    async with as_user(who) as client:
        response = await client.get("/kpi/commission/statements", params={"month": month})
    assert response.status_code == 200, response.text
    return response.json()


async def statement(as_user: AsUser, who: Any, statement_id: str) -> Any:
    async with as_user(who) as client:
        return await client.get(f"/kpi/commission/statements/{statement_id}")


async def test_split_credit_is_projected_with_the_deal(
    sessions: Sessions, world: dict[str, Any]
) -> None:
    async with sessions() as session:
        rows = (
            await session.execute(
                select(deal_credits.c.user_id, deal_credits.c.share_percent).where(
                    deal_credits.c.order_id == world["d2"].data.order_id
                )
            )
        ).all()
    assert sorted(rows) == [("c1", D("60.00")), ("c2", D("40.00"))]


async def test_run_writes_lines_citing_deals_and_rules_with_split_and_clawback(
    as_user: AsUser, world: dict[str, Any]
) -> None:
    run = await run_november(as_user)
    assert run["statements"] == 2
    listed = await statements(as_user, PEOPLE.manager)
    by_user = {s["user_id"]: s for s in listed["statements"]}
    # c1: 1.6 units of a target of 2 = 80 % → on_target (x1.0, no accelerator line).
    # deal 1: M1 1000 + 10000 x 5 % = 500 + finance 300; deal 2 (60 %): 1500 x 0.6 = 900,
    # 2000 x 5 % x 0.6 = 60. October's deal 3 (no target there: x0.9) paid 1000 + 200 - 120,
    # clawed back: -1000 - 200 + 120. Total 1000 + 500 + 300 + 900 + 60 - 1080 = 1680.00.
    c1 = by_user["c1"]
    assert (D(c1["units"]), D(c1["attainment_percent"]), D(c1["total"])) == (
        D("1.6"),
        D("80"),
        D("1680.00"),
    )
    # c2: deal 2 at 40 %: 600 + 40, no target → x0.9: -64.00. Total 576.00.
    assert D(by_user["c2"]["total"]) == D("576.00")
    assert by_user["c2"]["attainment_percent"] is None

    response = await statement(as_user, PEOPLE.consultant1, c1["id"])
    assert response.status_code == 200
    items = response.json()["items"]
    plan_id = world["plan"]["id"]
    assert all(item["plan_id"] == plan_id and item["plan_version"] == 1 for item in items)
    cited = {(item["order_id"], item["rule"], item["kind"]): D(item["amount"]) for item in items}
    d1, d2, d3 = (str(world[k].data.order_id) for k in ("d1", "d2", "d3"))
    assert cited == {
        (d1, "per_unit:M1", "per_unit"): D("1000.00"),
        (d1, "gross_margin_percent", "gross_margin"): D("500.00"),
        (d1, "finance_bonus", "finance_bonus"): D("300.00"),
        (d2, "per_unit:M2", "per_unit"): D("900.00"),
        (d2, "gross_margin_percent", "gross_margin"): D("60.00"),
        (d3, "per_unit:M1", "clawback"): D("-1000.00"),
        (d3, "gross_margin_percent", "clawback"): D("-200.00"),
        (d3, "attainment:no_target", "clawback"): D("120.00"),
    }
    october = await statements(as_user, PEOPLE.consultant1, "2026-10")
    [paid_in] = october["statements"]
    assert {i["clawback_of"] for i in items if i["kind"] == "clawback"} == {paid_in["id"]}
    assert str(world["d4"].data.order_id) not in {i["order_id"] for i in items}


async def test_the_month_s_statements_come_a_page_at_a_time(
    as_user: AsUser, world: dict[str, Any]
) -> None:
    """Both lists of the month (statements, totals per dealer) take the page's limit and
    offset: HQ's month is every consultant of the tenant."""
    await run_november(as_user)
    whole = await statements(as_user, PEOPLE.manager)
    assert [s["user_id"] for s in whole["statements"]] == ["c1", "c2"]
    async with as_user(PEOPLE.manager) as client:
        pages = [
            (
                await client.get(
                    "/kpi/commission/statements",
                    params={"month": "2026-11", "limit": 1, "offset": offset},
                )
            ).json()
            for offset in (0, 1, 2)
        ]
        too_many = await client.get(
            "/kpi/commission/statements", params={"month": "2026-11", "limit": 501}
        )
    assert [[s["user_id"] for s in p["statements"]] for p in pages] == [["c1"], ["c2"], []]
    assert [len(p["dealers"]) for p in pages] == [1, 0, 0]
    assert too_many.status_code == 422


async def test_rerun_gives_identical_statements(as_user: AsUser, world: dict[str, Any]) -> None:
    await run_november(as_user)
    first = await statements(as_user, PEOPLE.manager)
    lines_first = [
        (await statement(as_user, PEOPLE.manager, s["id"])).json()["items"]
        for s in first["statements"]
    ]
    await run_november(as_user)
    again = await statements(as_user, PEOPLE.manager)

    def figures(listing: dict[str, Any]) -> list[tuple[Any, ...]]:
        return [(s["id"], s["total"], s["units"], s["lines"]) for s in listing["statements"]]

    assert figures(again) == figures(first)
    lines_again = [
        (await statement(as_user, PEOPLE.manager, s["id"])).json()["items"]
        for s in again["statements"]
    ]
    assert lines_again == lines_first


async def month_written(sessions: Sessions, month: str) -> list[Any]:
    """Every statement of the month with its lines in the order they were written."""
    s, line = commission_statements, commission_lines
    async with sessions() as session:
        rows = await session.execute(
            select(
                s.c.id,
                s.c.user_id,
                s.c.team,
                s.c.units,
                s.c.target_units,
                s.c.attainment_percent,
                s.c.total,
                s.c.lines,
                *(c for c in line.c if c.name != "id"),
            )
            .join(line, line.c.statement_id == s.c.id)
            .where(s.c.month == month)
            .order_by(s.c.user_id, line.c.id)
        )
        return [tuple(r) for r in rows]


async def test_worker_processes_write_what_this_process_writes(
    sessions: Sessions, world: dict[str, Any]
) -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    months = []
    for workers in (0, 2):
        [run] = await run_commission(
            sessions,
            tenant=TENANT,
            month="2026-11",
            dealers=None,
            run_by="m1",
            now=now,
            workers=workers,
        )
        assert (run.statements, run.total) == (2, D("2256.00"))
        months.append(await month_written(sessions, "2026-11"))
    in_process, in_workers = months
    assert len(in_process) == 11  # c1: 8 lines, c2: 3
    assert in_workers == in_process


async def test_each_role_sees_what_it_may(as_user: AsUser, world: dict[str, Any]) -> None:
    await run_november(as_user)
    own = await statements(as_user, PEOPLE.consultant1)
    assert [s["user_id"] for s in own["statements"]] == ["c1"]
    manager = await statements(as_user, PEOPLE.manager)
    c2_id = next(s["id"] for s in manager["statements"] if s["user_id"] == "c2")
    assert (await statement(as_user, PEOPLE.consultant1, c2_id)).status_code == 404
    assert (await statement(as_user, PEOPLE.other_dealer_manager, c2_id)).status_code == 404
    other = await statements(as_user, PEOPLE.other_dealer_manager)
    assert other == {"month": "2026-11", "statements": [], "dealers": []}
    hq = await statements(as_user, PEOPLE.hq_analyst)
    assert hq["statements"] == []
    assert hq["dealers"] == [
        {"dealer_id": "dealer-a", "statements": 2, "total": "2256.00", "issued_total": "0.00"}
    ]
    assert (await statement(as_user, PEOPLE.hq_analyst, c2_id)).status_code == 404


async def test_review_consultant_manager_finance(
    sessions: Sessions, as_user: AsUser, world: dict[str, Any]
) -> None:
    await run_november(as_user)
    listed = await statements(as_user, PEOPLE.manager)
    c1 = next(s["id"] for s in listed["statements"] if s["user_id"] == "c1")
    c2 = next(s["id"] for s in listed["statements"] if s["user_id"] == "c2")
    base = "/kpi/commission/statements"
    async with as_user(PEOPLE.manager) as manager:
        assert (await manager.post(f"{base}/{c1}/approval")).status_code == 409
        assert (await manager.post(f"{base}/{c1}/acknowledgement")).status_code == 404
    async with as_user(PEOPLE.consultant2) as consultant2:
        assert (await consultant2.post(f"{base}/{c1}/acknowledgement")).status_code == 404
        empty = await consultant2.post(f"{base}/{c2}/dispute", json={"note": " "})
        assert empty.status_code == 422
        assert "note" in empty.text
        disputed = await consultant2.post(f"{base}/{c2}/dispute", json={"note": "deal 2 was 50/50"})
        assert disputed.json()["status"] == "disputed"
    async with as_user(PEOPLE.consultant1) as consultant1:
        acknowledged = await consultant1.post(f"{base}/{c1}/acknowledgement")
        assert acknowledged.json()["status"] == "acknowledged"
        assert (await consultant1.post(f"{base}/{c1}/acknowledgement")).status_code == 409
        assert (await consultant1.post(f"{base}/{c1}/approval")).status_code == 403
    async with as_user(PEOPLE.dealer_admin) as finance:
        assert (await finance.post(f"{base}/{c1}/issue")).status_code == 409
        assert (await finance.post(f"{base}/{c1}/approval")).status_code == 403
    async with as_user(PEOPLE.manager) as manager:
        assert (await manager.post(f"{base}/{c1}/approval")).json()["status"] == "approved"
        assert (await manager.post(f"{base}/{c1}/issue")).status_code == 403
    async with as_user(PEOPLE.other_dealer_manager) as other:
        assert (await other.post(f"{base}/{c2}/approval")).status_code == 404
    async with as_user(PEOPLE.dealer_admin) as finance:
        issued = await finance.post(f"{base}/{c1}/issue")
        assert issued.json()["status"] == "issued", issued.text
    async with sessions() as session:
        [event] = (
            await session.execute(
                select(outbox.c.topic, outbox.c.key, outbox.c.payload).where(
                    outbox.c.event_type == "kpi.CommissionStatementIssued"
                )
            )
        ).all()
    assert event.topic == "crm.kpi.commission.v1"
    assert event.key == c1
    assert event.payload["data"]["total"] == "1680.00"
    # The month is closed to reruns once a statement of it is issued.
    async with as_user(PEOPLE.manager) as manager:
        rerun = await manager.post("/kpi/commission/runs", json={"month": "2026-11"})
    assert rerun.status_code == 409
    hq = await statements(as_user, PEOPLE.hq_analyst)
    assert hq["dealers"][0]["issued_total"] == "1680.00"


async def test_plans_targets_and_runs_need_their_functions(
    as_user: AsUser, sessions: Sessions
) -> None:
    async with as_user(PEOPLE.consultant1) as consultant:
        body = {"name": "x", "effective_from": "2026-01-01", "rules": RULES}
        assert (await consultant.post("/kpi/commission/plans", json=body)).status_code == 403
        assert (
            await consultant.put("/kpi/targets/consultants/c1/2026-11", json={"units": 9})
        ).status_code == 403
        runs = await consultant.post("/kpi/commission/runs", json={"month": "2026-11"})
        assert runs.status_code == 403
    async with as_user(PEOPLE.manager) as manager:
        no_plan = await manager.post("/kpi/commission/runs", json={"month": "2026-11"})
        assert no_plan.status_code == 409
        other = await manager.post(
            "/kpi/commission/runs", json={"month": "2026-11", "dealer_id": "dealer-b"}
        )
        assert other.status_code == 404
        bad = dict(RULES, bands=[{"name": "x", "from_percent": "5", "multiplier": "1"}])
        invalid = await manager.post(
            "/kpi/commission/plans",
            json={"name": "x", "effective_from": "2026-01-01", "rules": bad},
        )
        assert invalid.status_code == 422
        assert "rules" in invalid.text
    plan = await create_plan(as_user)
    async with as_user(PEOPLE.dealer_admin) as admin:
        again = await admin.post(
            "/kpi/commission/plans",
            json={"name": "again", "effective_from": "2026-01-01", "rules": RULES},
        )
        assert again.status_code == 409
        version = await admin.post(
            f"/kpi/commission/plans/{plan['id']}/versions",
            json={"effective_from": "2026-12-01", "rules": dict(RULES, default_per_unit="600")},
        )
        assert version.status_code == 201
        assert version.json()["version"] == 2
        overlapping = await admin.post(
            f"/kpi/commission/plans/{plan['id']}/versions",
            json={"effective_from": "2026-12-01", "rules": RULES},
        )
        assert overlapping.status_code == 409
        listed = (await admin.get("/kpi/commission/plans")).json()
        beyond = await admin.get("/kpi/commission/plans", params={"offset": len(listed)})
        assert beyond.json() == []
    assert [(v["version"], v["effective_to"]) for v in listed[0]["versions"]] == [
        (1, "2026-11-30"),
        (2, None),
    ]
    async with as_user(PEOPLE.other_dealer_manager) as other_manager:
        assert (await other_manager.get("/kpi/commission/plans")).json() == []
        hidden = await other_manager.post(
            f"/kpi/commission/plans/{plan['id']}/versions",
            json={"effective_from": "2027-01-01", "rules": RULES},
        )
        assert hidden.status_code == 404


async def test_estimate_of_an_open_quote(as_user: AsUser, sessions: Sessions) -> None:
    await create_plan(as_user)
    async with as_user(PEOPLE.consultant1) as consultant:
        response = await consultant.get(
            "/kpi/commission/estimate",
            params={
                "model_code": "M1",
                "gross_margin": "10000",
                "lead_origin": "pool",
                "finance_attached": "true",
            },
        )
    assert response.status_code == 200, response.text
    estimate = response.json()
    # No deals and no target this month → no_target (x0.9). pool x0.9: 1000 → 900,
    # 10000 x 5 % → 450; base 1350 x -0.1 = -135; finance 300. Total 1515.00.
    assert estimate["band"] == "no_target"
    assert D(estimate["total"]) == D("1515.00")
    assert {line["rule"] for line in estimate["lines"]} == {
        "per_unit:M1",
        "gross_margin_percent",
        "attainment:no_target",
        "finance_bonus",
    }
    _ = UUID(estimate["plan_id"])


async def test_a_consultant_s_target_names_a_consultant_the_caller_manages(
    as_user: AsUser, sessions: Sessions
) -> None:
    """Another dealer's consultant, a made-up user and a manager (no consultant) are not
    found: nothing is stored under the caller's dealer for them."""
    async with as_user(PEOPLE.other_dealer_manager) as other:
        foreign = await other.put("/kpi/targets/consultants/c1/2026-11", json={"units": 9})
        made_up = await other.put(f"/kpi/targets/consultants/{uuid4()}/2026-11", json={"units": 9})
    async with as_user(PEOPLE.manager) as manager:
        not_a_consultant = await manager.put(
            "/kpi/targets/consultants/m1/2026-11", json={"units": 9}
        )
        elsewhere = await manager.put(
            "/kpi/targets/consultants/c1/2026-11", json={"units": 9, "dealer_id": "dealer-b"}
        )
        own = await manager.put("/kpi/targets/consultants/c1/2026-11", json={"units": 9})
    statuses = [r.status_code for r in (foreign, made_up, not_a_consultant, elsewhere, own)]
    assert statuses == [404, 404, 404, 404, 200]
    assert own.json()["dealer_id"] == "dealer-a"
    async with sessions() as session:
        stored = (await session.execute(select(targets.c.org_node, targets.c.user_id))).all()
    assert [tuple(row) for row in stored] == [("dealer-a", "c1")]


async def test_figures_narrowed_to_a_dealer_the_caller_may_not_see_are_not_found(
    as_user: AsUser,
) -> None:
    month = {"from": "2026-11-01", "to": "2026-11-30"}
    paths = ("/kpi/leads/daily", "/kpi/sales/daily", "/kpi/reports/sales-meeting")
    for person, statuses in (
        (PEOPLE.other_dealer_manager, {"dealer-a": 404, "dealer-zz": 404, "dealer-b": 200}),
        (PEOPLE.consultant1, {"dealer-a": 200, "dealer-b": 404}),
        (PEOPLE.hq_analyst, {"dealer-a": 200, "team-a1": 404}),
    ):
        async with as_user(person) as client:
            for path in paths:
                found = {
                    dealer: (
                        await client.get(path, params={**month, "dealer_id": dealer})
                    ).status_code
                    for dealer in statuses
                }
                assert found == statuses, (person.user_id, path)


async def test_a_sales_meeting_too_large_for_one_answer_is_refused_naming_the_limit(
    as_user: AsUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reports_routes, "MAX_SALES_MEETING_LINES", -1)
    async with as_user(PEOPLE.hq_analyst) as client:
        refused = await client.get(
            "/kpi/reports/sales-meeting", params={"from": "2026-11-01", "to": "2026-11-30"}
        )
    assert refused.status_code == 422
    detail = refused.json()["detail"][0]
    assert detail["loc"] == ["query", "dealer_id"]
    assert "more rows than the -1 one answer carries: ask per dealer" in detail["msg"]


async def test_each_change_of_a_plan_is_published_whole_for_its_dealer(
    as_user: AsUser, sessions: Sessions
) -> None:
    plan = await create_plan(as_user)
    async with as_user(PEOPLE.dealer_admin) as admin:
        version = await admin.post(
            f"/kpi/commission/plans/{plan['id']}/versions",
            json={"effective_from": "2026-12-01", "rules": dict(RULES, default_per_unit="600")},
        )
        assert version.status_code == 201, version.text
    async with sessions() as session:
        published = (
            await session.execute(
                select(outbox.c.key, outbox.c.payload)
                .where(outbox.c.event_type == CommissionPlanSet.event_type)
                .order_by(outbox.c.id)
            )
        ).all()
    assert [(p.key, p.payload["owner_org"]) for p in published] == [(plan["id"], "dealer-a")] * 2
    assert [
        [(v["version"], v["effective_to"], v["rules"]["default_per_unit"]) for v in versions]
        for versions in (p.payload["data"]["versions"] for p in published)
    ] == [[(1, None, "500")], [(1, "2026-11-30", "500"), (2, None, "600")]]
    assert published[-1].payload["data"]["dealer_id"] == "dealer-a"


async def test_a_dealer_keeps_the_plan_hq_sets_for_it_as_it_is_there(
    as_user: AsUser, sessions: Sessions
) -> None:
    """At a dealer's own deployment: HQ's plan for the dealer, come down, under its id with
    every version; a redelivery or the next state replaces it; a plan of the dealer's own under
    another id is not overwritten."""
    [subscription] = [
        s for s in subscriptions(Settings(env="test")) if s.consumer == PLANS_FROM_HQ_CONSUMER
    ]
    assert subscription.downlinked_only, "HQ's own plans and a dealer's stay where set"
    [handles] = subscription.handles
    plan_id = uuid4()

    def from_hq(*versions: tuple[str, str | None, str], dealer: str = "dealer-a") -> Any:
        data = CommissionPlanSet(
            plan_id=plan_id,
            dealer_id=dealer,
            name="HQ 2026",
            currency="CNY",
            versions=[
                CommissionPlanVersion(
                    version=n,
                    effective_from=date.fromisoformat(start),
                    effective_to=date.fromisoformat(end) if end else None,
                    rules=dict(RULES, default_per_unit=per_unit),
                )
                for n, (start, end, per_unit) in enumerate(versions, start=1)
            ],
            set_by="h1",
            at=nov(1),
        )
        return new_event(data, tenant=TENANT, owner_org=dealer, actor="h1")

    first = from_hq(("2026-01-01", None, "500"))
    second = from_hq(("2026-01-01", "2026-11-30", "500"), ("2026-12-01", None, "700"))
    for event in (first, first, second):
        await process_once(
            sessions, subscription.consumer, event, lambda uow, e=event: handles.apply(uow, [e])
        )
    async with as_user(PEOPLE.dealer_admin) as admin:
        listed = (await admin.get("/kpi/commission/plans")).json()
    assert [(p["id"], p["name"]) for p in listed] == [(str(plan_id), "HQ 2026")]
    assert [
        (v["version"], v["effective_to"], v["rules"]["default_per_unit"])
        for v in listed[0]["versions"]
    ] == [(1, "2026-11-30", "500"), (2, None, "700")]

    # dealer-b made a plan of its own: HQ's, under another id, is refused, not merged.
    async with as_user(PEOPLE.other_dealer_manager) as other:
        own = await other.post(
            "/kpi/commission/plans",
            json={"name": "own", "effective_from": "2026-01-01", "rules": RULES},
        )
    assert own.status_code == 201, own.text
    uow = UnitOfWork(sessions)
    with pytest.raises(PlanExists):
        async with uow:
            await handles.apply(uow, [from_hq(("2026-01-01", None, "900"), dealer="dealer-b")])
    async with as_user(PEOPLE.other_dealer_manager) as other:
        kept = (await other.get("/kpi/commission/plans")).json()
    assert [(p["name"], len(p["versions"])) for p in kept] == [("own", 1)]
