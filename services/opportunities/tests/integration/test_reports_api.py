"""The sales views over HTTP on real PostgreSQL: a handful of opportunities of dealer-a and
dealer-b (region east), seen by consultants, managers, a region manager and HQ — the pipeline
board, funnel, forecast, stale list and win/loss, each scoped by the sharing policy."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, insert, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import Principal
from crm_common.db.tables import org_directory, sharing_levels
from crm_common.policy import SharingLevel
from crm_common.testing.services import AsUser
from crm_opportunities.adapters.tables import (
    opportunities,
    pipelines,
    planned_collections,
    stage_history,
)
from crm_opportunities.views import pipeline as pipeline_views

from .conftest import PEOPLE, TENANT

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]

STAGES = [
    {"code": "reception", "name": "Reception", "probability": 10, "rot_days": 3},
    {"code": "needs_analysis", "name": "Needs analysis", "probability": 20, "rot_days": 5},
    {"code": "test_drive", "name": "Test drive", "probability": 40, "rot_days": 7},
    {"code": "quote", "name": "Quote", "probability": 60, "rot_days": 7},
    {"code": "negotiation", "name": "Negotiation", "probability": 80, "rot_days": 5},
    {"code": "order", "name": "Order", "probability": 90, "rot_days": 10},
    {"code": "delivery", "name": "Delivery", "probability": 100, "rot_days": None},
]
for _stage in STAGES:
    _stage["required_activities"] = ["test_drive"] if _stage["code"] == "quote" else []
CODES = [str(s["code"]) for s in STAGES]
PROBABILITY = {s["code"]: s["probability"] for s in STAGES}


def path_to(stage: str) -> list[str]:
    return CODES[: CODES.index(stage) + 1]


def utc(day: str, hour: int = 2) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


@dataclass
class Deal:
    dealer: str
    owner: Principal
    customer: str
    created_at: datetime
    stage: str
    amount: int
    status: str = "open"
    expected_close_on: date | None = None
    days_in_stage: int = 0
    closed_at: datetime | None = None
    lost_reason: str | None = None
    competitor: str | None = None
    competitor_model: str | None = None
    id: UUID = field(default_factory=uuid4)


P = PEOPLE
DEALS = {
    "A1": Deal("dealer-a", P.consultant1, "王伟", utc("2026-10-05"), "quote", 200_000,
               expected_close_on=date(2026, 11, 15), days_in_stage=10),
    "A2": Deal("dealer-a", P.consultant1, "李娜", utc("2026-10-12"), "reception", 150_000,
               expected_close_on=date(2026, 12, 10), days_in_stage=1),
    "A3": Deal("dealer-a", P.consultant2, "张强", utc("2026-10-20"), "order", 180_000,
               status="won", closed_at=utc("2026-10-30", 3)),
    "A4": Deal("dealer-a", P.consultant2, "刘洋", utc("2026-10-03"), "test_drive", 160_000,
               status="lost", closed_at=utc("2026-10-25"), lost_reason="price",
               competitor="BYD", competitor_model="Han"),
    # Opened in September: outside October's funnel, inside November's forecast.
    "A5": Deal("dealer-a", P.consultant1, "陈静", utc("2026-09-20"), "needs_analysis", 100_000,
               expected_close_on=date(2026, 11, 25), days_in_stage=2),
    "A6": Deal("dealer-a", P.consultant1, "杨帆", utc("2026-10-10"), "quote", 260_000,
               status="lost", closed_at=utc("2026-10-26"), lost_reason="chose competitor",
               competitor="Tesla", competitor_model="Model Y"),
    "B1": Deal("dealer-b", P.other_dealer_consultant, "赵敏", utc("2026-10-08"), "negotiation",
               300_000, expected_close_on=date(2026, 11, 20), days_in_stage=20),
    "B2": Deal("dealer-b", P.other_dealer_consultant, "周杰", utc("2026-10-15"), "needs_analysis",
               120_000, status="lost", closed_at=utc("2026-10-28"), lost_reason="price",
               competitor="BYD", competitor_model="Seal"),
    # 2026-09-30 17:00 UTC is 1 October, 01:00 in Shanghai: an October business day.
    "B3": Deal("dealer-b", P.other_dealer_consultant, "吴磊", utc("2026-09-30", 17), "order",
               250_000, status="won", closed_at=utc("2026-10-20")),
}  # fmt: skip
PIPELINE = {"dealer-a": uuid4(), "dealer-b": uuid4()}
OCTOBER = {"from": "2026-10-01", "to": "2026-10-31"}


@pytest.fixture
async def sales(sessions: Sessions) -> None:
    """The deals above as the commands would leave them; days in stage count back from the
    real clock, which is what the API reads. No sharing agreement: the defaults apply (the
    conftest leaves the agreements of earlier tests in place)."""
    now = datetime.now(UTC)
    async with sessions() as session, session.begin():
        await session.execute(delete(sharing_levels).where(sharing_levels.c.tenant == TENANT))
        # The org kinds identity sends (the conftest's tree knows only dealers): east is a region.
        for node, kind in (("hq", "hq"), ("east", "region"), ("team-a1", "team")):
            await session.execute(
                update(org_directory).where(org_directory.c.id == node).values(kind=kind)
            )
        await session.execute(
            insert(pipelines),
            [
                {
                    "id": pipeline_id,
                    "tenant": TENANT,
                    "owner_org": dealer,
                    "name": f"{dealer} sales",
                    "stages": STAGES,
                    "is_default": True,
                    "created_at": utc("2026-01-01"),
                    "updated_at": utc("2026-01-01"),
                }
                for dealer, pipeline_id in PIPELINE.items()
            ],
        )
        history = []
        for deal in DEALS.values():
            steps = path_to(deal.stage)
            entered = (
                now - timedelta(days=deal.days_in_stage, hours=1)
                if deal.status == "open"
                else deal.created_at + timedelta(days=len(steps))
            )
            await session.execute(
                insert(opportunities).values(
                    id=deal.id,
                    tenant=TENANT,
                    owner_org=deal.dealer,
                    owner_user=deal.owner.user_id,
                    owner_team=deal.owner.org_node,
                    customer_name=deal.customer,
                    phone="13800138000",
                    lead_origin="dealer",
                    pipeline_id=PIPELINE[deal.dealer],
                    stage=deal.stage,
                    probability=PROBABILITY[deal.stage],
                    stage_entered_at=entered,
                    amount=Decimal(deal.amount),
                    expected_close_on=deal.expected_close_on,
                    status=deal.status,
                    closed_at=deal.closed_at,
                    lost_reason=deal.lost_reason,
                    competitor=deal.competitor,
                    competitor_model=deal.competitor_model,
                    created_at=deal.created_at,
                    updated_at=deal.closed_at or deal.created_at,
                    reached_stages=steps,
                )
            )
            history += [
                {
                    "tenant": TENANT,
                    "owner_org": deal.dealer,
                    "opportunity_id": deal.id,
                    "from_stage": steps[i - 1] if i else None,
                    "to_stage": stage,
                    "changed_by": deal.owner.user_id,
                    "changed_at": deal.created_at + timedelta(days=i),
                }
                for i, stage in enumerate(steps)
            ]
        await session.execute(insert(stage_history), history)
        await session.execute(
            insert(planned_collections),
            [
                collection("A3", date(2026, 11, 5), 50_000, collected=(date(2026, 11, 4), 50_000)),
                collection("A3", date(2026, 12, 5), 130_000),
                collection("B3", date(2026, 11, 10), 250_000, (date(2026, 11, 9), 200_000)),
            ],
        )


def collection(
    deal: str, due_on: date, amount: int, collected: tuple[date, int] | None = None
) -> dict[str, Any]:
    return {
        "id": uuid4(),
        "tenant": TENANT,
        "owner_org": DEALS[deal].dealer,
        "opportunity_id": DEALS[deal].id,
        "due_on": due_on,
        "amount": Decimal(amount),
        "collected_on": collected[0] if collected else None,
        "collected_amount": Decimal(collected[1]) if collected else None,
    }


async def share_with_oem(sessions: Sessions, dealer: str, level: SharingLevel) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            insert(sharing_levels).values(
                tenant=TENANT,
                data_type="opportunity",
                direction="dealer_to_oem",
                dealer_id=dealer,
                partner_id="*",
                level=level.value,
            )
        )


async def get(as_user: AsUser, who: Principal, path: str, **params: Any) -> Any:
    async with as_user(who) as client:
        response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def money(value: str) -> int:
    """An amount of the API in whole yuan (the deals here have no fen: any would fail)."""
    amount = Decimal(value)
    assert amount == amount.to_integral_value(), value
    return int(amount)


def funnel_steps(figures: dict[str, Any]) -> list[tuple[str, int, int | None, float | None]]:
    return [
        (s["code"], s["reached"], s["converted"], s["conversion_rate"]) for s in figures["stages"]
    ]


def by_group(report: dict[str, Any]) -> dict[str | None, dict[str, Any]]:
    return {g["group"]: g for g in report["groups"]}


# --- pipeline board -----------------------------------------------------------------------------


@pytest.mark.usefixtures("sales")
async def test_the_board_shows_a_manager_the_dealer_s_open_deals_stage_by_stage(
    as_user: AsUser,
) -> None:
    board = await get(as_user, P.manager, "/opportunities/board")
    assert board["pipeline_id"] == str(PIPELINE["dealer-a"])
    assert [s["code"] for s in board["stages"]] == CODES
    columns = {s["code"]: s for s in board["stages"]}
    assert {code: (c["count"], money(c["amount"])) for code, c in columns.items()} == {
        "reception": (1, 150_000),
        "needs_analysis": (1, 100_000),
        "test_drive": (0, 0),
        "quote": (1, 200_000),
        "negotiation": (0, 0),
        "order": (0, 0),
        "delivery": (0, 0),
    }
    [card] = columns["quote"]["cards"]
    now = datetime.now(UTC)
    assert card["id"] == str(DEALS["A1"].id)
    assert card["customer_name"] == "王伟"  # the dealer's manager sees its customers in full
    assert card["days_in_stage"] == 10
    assert card["stale"] is True  # 10 days in a stage that rots after 7
    assert card["age_days"] == (now - DEALS["A1"].created_at).days
    assert card["owner_user"] == "c1"
    assert [c["stale"] for c in columns["reception"]["cards"]] == [False]


@pytest.mark.usefixtures("sales")
async def test_a_consultant_s_board_holds_only_their_own_deals(as_user: AsUser) -> None:
    mine = await get(as_user, P.consultant1, "/opportunities/board")
    assert sum(s["count"] for s in mine["stages"]) == 3
    others = await get(
        as_user, P.consultant2, "/opportunities/board", pipeline_id=str(PIPELINE["dealer-a"])
    )
    assert [s["count"] for s in others["stages"]] == [0] * len(CODES)


@pytest.mark.usefixtures("sales")
async def test_another_dealer_s_board_is_not_found(as_user: AsUser) -> None:
    async with as_user(P.other_dealer_manager) as client:
        response = await client.get(
            "/opportunities/board", params={"pipeline_id": str(PIPELINE["dealer-a"])}
        )
    assert response.status_code == 404


async def test_hq_sees_a_dealer_s_board_only_once_the_dealer_shares_records_and_then_masked(
    as_user: AsUser, sessions: Sessions, sales: None
) -> None:
    board_b = {"pipeline_id": str(PIPELINE["dealer-b"])}
    async with as_user(P.hq_admin) as client:
        assert (await client.get("/opportunities/board", params=board_b)).status_code == 404
    await share_with_oem(sessions, "dealer-b", SharingLevel.MASKED)
    board = await get(as_user, P.hq_admin, "/opportunities/board", **board_b)
    [card] = next(s for s in board["stages"] if s["code"] == "negotiation")["cards"]
    assert card["customer_name"] == "赵*"
    assert card["stale"] is True


@pytest.mark.usefixtures("sessions")
async def test_the_board_route_is_not_taken_for_an_opportunity_id(as_user: AsUser) -> None:
    async with as_user(P.manager) as client:
        response = await client.get("/opportunities/board")
    # No pipeline yet: the board answers (404 of the board, not a 422 of a malformed id).
    assert response.status_code == 404
    assert response.json() == {"detail": "pipeline not found"}


# --- funnel ---------------------------------------------------------------------------------------

DEALER_A_FUNNEL = [
    ("reception", 5, 4, 0.8),
    ("needs_analysis", 4, 4, 1.0),
    ("test_drive", 4, 3, 0.75),
    ("quote", 3, 1, 0.3333),
    ("negotiation", 1, 1, 1.0),
    ("order", 1, 0, 0.0),
    ("delivery", 0, None, None),
]
DEALER_B_FUNNEL = [
    ("reception", 3, 3, 1.0),
    ("needs_analysis", 3, 2, 0.6667),
    ("test_drive", 2, 2, 1.0),
    ("quote", 2, 2, 1.0),
    ("negotiation", 2, 1, 0.5),
    ("order", 1, 0, 0.0),
    ("delivery", 0, None, None),
]


@pytest.mark.usefixtures("sales")
async def test_a_manager_s_funnel_counts_the_dealer_s_deals_opened_in_the_period(
    as_user: AsUser,
) -> None:
    report = await get(as_user, P.manager, "/reports/funnel", **OCTOBER, group_by="consultant")
    total = report["total"]
    assert [s["code"] for s in report["stages"]] == CODES
    assert report["stages"][0] == {"code": "reception", "name": "Reception"}
    assert funnel_steps(total) == DEALER_A_FUNNEL
    assert (total["created"], money(total["amount"])) == (5, 950_000)
    assert (total["open"], money(total["open_amount"])) == (2, 350_000)
    assert (total["won"], money(total["won_amount"])) == (1, 180_000)
    assert (total["lost"], money(total["lost_amount"])) == (2, 420_000)
    open_in = {s["code"]: (s["open"], money(s["open_amount"])) for s in total["stages"]}
    assert open_in["reception"] == (1, 150_000)
    assert open_in["quote"] == (1, 200_000)
    groups = by_group(report)
    assert {user: g["created"] for user, g in groups.items()} == {"c1": 3, "c2": 2}
    assert [s[1] for s in funnel_steps(groups["c1"])] == [3, 2, 2, 2, 0, 0, 0]


@pytest.mark.usefixtures("sales")
async def test_a_report_of_more_groups_than_one_answer_carries_is_refused(
    as_user: AsUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Grouped per consultant over HQ's tenant a report has a row per consultant: past the
    limit it is refused naming ``group_by``, whichever report and format."""
    monkeypatch.setattr(pipeline_views, "MOST_GROUPS", 0)
    async with as_user(P.manager) as client:
        for path in ("/reports/funnel", "/reports/forecast", "/reports/win-loss"):
            for format in ("json", "xlsx"):
                params = {**OCTOBER, "group_by": "consultant", "format": format}
                refused = await client.get(path, params=params)
                assert refused.status_code == 422, (path, format, refused.text)
                detail = refused.json()["detail"][0]
                assert detail["loc"] == ["query", "group_by"], path
                assert "more rows than the 0 one answer carries: group by a wider" in detail["msg"]
            whole = await client.get(path, params=OCTOBER)
            assert whole.status_code == 200, (path, whole.text)


@pytest.mark.usefixtures("sales")
async def test_a_consultant_s_funnel_holds_only_their_own_deals(as_user: AsUser) -> None:
    report = await get(as_user, P.consultant1, "/reports/funnel", **OCTOBER)
    assert report["total"]["created"] == 3
    assert money(report["total"]["amount"]) == 610_000
    assert report["groups"] == []


@pytest.mark.usefixtures("sales")
async def test_hq_sees_every_dealer_s_funnel_figures_shared_in_aggregate(as_user: AsUser) -> None:
    report = await get(as_user, P.hq_analyst, "/reports/funnel", **OCTOBER, group_by="dealer")
    groups = by_group(report)
    assert set(groups) == {"dealer-a", "dealer-b"}
    assert funnel_steps(groups["dealer-a"]) == DEALER_A_FUNNEL
    assert funnel_steps(groups["dealer-b"]) == DEALER_B_FUNNEL
    assert (groups["dealer-b"]["created"], money(groups["dealer-b"]["amount"])) == (3, 670_000)
    assert [s[1] for s in funnel_steps(report["total"])] == [8, 7, 6, 5, 3, 2, 0]
    by_region = await get(
        as_user, P.region_manager, "/reports/funnel", **OCTOBER, group_by="region"
    )
    assert [(g["group"], g["created"]) for g in by_region["groups"]] == [("east", 8)]


async def test_a_dealer_that_shares_nothing_drops_out_of_hq_s_figures(
    as_user: AsUser, sessions: Sessions, sales: None
) -> None:
    await share_with_oem(sessions, "dealer-b", SharingLevel.NONE)
    report = await get(as_user, P.hq_admin, "/reports/funnel", **OCTOBER, group_by="team")
    assert report["total"]["created"] == 5
    assert {g["group"] for g in report["groups"]} == {"team-a1", "dealer-a"}


# --- forecast -------------------------------------------------------------------------------------


def forecast_rows(periods: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    """period start → (weighted, won, planned, collected, expected) as Decimals."""
    return {
        p["period_start"]: tuple(
            money(p[name])
            for name in (
                "weighted_amount",
                "won_amount",
                "planned_amount",
                "collected_amount",
                "expected_amount",
            )
        )
        for p in periods
    }


@pytest.mark.usefixtures("sales")
async def test_a_manager_s_forecast_weighs_the_open_pipeline_and_counts_collections(
    as_user: AsUser,
) -> None:
    report = await get(
        as_user, P.manager, "/reports/forecast", **{"from": "2026-10-01", "to": "2026-12-31"}
    )
    assert report["period"] == "month"
    assert forecast_rows(report["periods"]) == {
        "2026-10-01": (0, 180_000, 0, 0, 180_000),
        # A1 200,000 at 60 % + A5 100,000 at 20 %
        "2026-11-01": (140_000, 0, 50_000, 50_000, 140_000),
        "2026-12-01": (15_000, 0, 130_000, 0, 15_000),
    }
    november = report["periods"][1]
    assert (november["open_count"], money(november["pipeline_amount"])) == (2, 300_000)


@pytest.mark.usefixtures("sales")
async def test_forecasts_per_consultant_and_for_hq_by_week(as_user: AsUser) -> None:
    report = await get(
        as_user,
        P.manager,
        "/reports/forecast",
        **{"from": "2026-10-01", "to": "2026-12-31"},
        group_by="consultant",
    )
    groups = {g["group"]: forecast_rows(g["periods"]) for g in report["groups"]}
    assert groups["c1"]["2026-11-01"] == (140_000, 0, 0, 0, 140_000)
    assert groups["c2"]["2026-11-01"] == (0, 0, 50_000, 50_000, 0)
    weekly = await get(
        as_user,
        P.hq_admin,
        "/reports/forecast",
        **{"from": "2026-11-01", "to": "2026-11-30"},
        period="week",
    )
    assert forecast_rows(weekly["periods"]) == {
        "2026-10-26": (0, 0, 0, 0, 0),
        "2026-11-02": (0, 0, 50_000, 50_000, 0),
        "2026-11-09": (120_000, 0, 250_000, 200_000, 120_000),  # dealer-b's collection
        "2026-11-16": (240_000, 0, 0, 0, 240_000),  # dealer-b's B1: 300,000 at 80 %
        "2026-11-23": (20_000, 0, 0, 0, 20_000),
        "2026-11-30": (0, 0, 0, 0, 0),
    }


@pytest.mark.usefixtures("sales")
async def test_hq_s_monthly_forecast_holds_both_dealers(as_user: AsUser) -> None:
    report = await get(
        as_user,
        P.hq_admin,
        "/reports/forecast",
        **{"from": "2026-10-01", "to": "2026-11-30"},
        group_by="dealer",
    )
    assert forecast_rows(report["periods"]) == {
        "2026-10-01": (0, 430_000, 0, 0, 430_000),
        "2026-11-01": (380_000, 0, 300_000, 250_000, 380_000),
    }
    groups = {g["group"]: forecast_rows(g["periods"]) for g in report["groups"]}
    assert groups["dealer-b"]["2026-11-01"] == (240_000, 0, 250_000, 200_000, 240_000)


# --- stale list -----------------------------------------------------------------------------------


async def stale_ids(as_user: AsUser, who: Principal) -> list[str]:
    return [row["id"] for row in await get(as_user, who, "/reports/stale")]


async def test_the_stale_list_shows_records_only_to_those_who_may_see_them(
    as_user: AsUser, sessions: Sessions, sales: None
) -> None:
    a1, b1 = str(DEALS["A1"].id), str(DEALS["B1"].id)
    assert await stale_ids(as_user, P.manager) == [a1]
    assert await stale_ids(as_user, P.consultant1) == [a1]
    assert await stale_ids(as_user, P.consultant2) == []
    assert await stale_ids(as_user, P.other_dealer_manager) == [b1]
    # Dealers share opportunities with the OEM as figures only: no records for HQ or the region.
    assert await stale_ids(as_user, P.hq_admin) == []
    assert await stale_ids(as_user, P.region_manager) == []
    await share_with_oem(sessions, "dealer-b", SharingLevel.MASKED)
    [row] = await get(as_user, P.region_manager, "/reports/stale")
    assert row["id"] == b1
    assert row["customer_name"] == "赵*"
    assert (row["stage"], row["stage_name"]) == ("negotiation", "Negotiation")
    assert (row["days_in_stage"], row["rot_days"]) == (20, 5)


# --- win/loss -------------------------------------------------------------------------------------


@pytest.mark.usefixtures("sales")
async def test_win_loss_ranks_reasons_and_competitors_per_dealer(as_user: AsUser) -> None:
    mine = await get(as_user, P.manager, "/reports/win-loss", **OCTOBER)
    total = mine["total"]
    assert (total["won"], money(total["won_amount"])) == (1, 180_000)
    assert (total["lost"], money(total["lost_amount"])) == (2, 420_000)
    assert total["win_rate"] == 0.3333
    assert total["lost_reasons"] == [
        {"reason": "chose competitor", "count": 1},
        {"reason": "price", "count": 1},
    ]
    report = await get(as_user, P.hq_admin, "/reports/win-loss", **OCTOBER, group_by="dealer")
    total = report["total"]
    assert (total["won"], total["lost"], total["win_rate"]) == (2, 3, 0.4)
    assert total["lost_reasons"] == [
        {"reason": "price", "count": 2},
        {"reason": "chose competitor", "count": 1},
    ]
    byd, tesla = total["competitors"]
    assert (byd["competitor"], byd["count"], money(byd["amount"])) == ("BYD", 2, 280_000)
    assert byd["models"] == [{"model": "Han", "count": 1}, {"model": "Seal", "count": 1}]
    assert (tesla["competitor"], tesla["count"]) == ("Tesla", 1)
    dealer_b = by_group(report)["dealer-b"]
    assert (dealer_b["won"], dealer_b["lost"], dealer_b["win_rate"]) == (1, 1, 0.5)
    assert [c["competitor"] for c in dealer_b["competitors"]] == ["BYD"]
    by_consultant = await get(
        as_user, P.manager, "/reports/win-loss", **OCTOBER, group_by="consultant"
    )
    assert {g["group"]: (g["won"], g["lost"]) for g in by_consultant["groups"]} == {
        "c1": (0, 1),
        "c2": (1, 1),
    }
    assert (total["lost_reasons_truncated"], total["competitors_truncated"]) == (False, False)


async def test_win_loss_lists_the_most_frequent_reasons_and_competitors_and_says_it_cut(
    as_user: AsUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reasons and competitors are typed per loss: each list shows the most frequent and flags
    the rest (the counts beside them count every loss)."""
    for cap in ("MOST_REASONS", "MOST_COMPETITORS", "MOST_MODELS"):
        monkeypatch.setattr(pipeline_views, cap, 1)
    total = (await get(as_user, P.hq_admin, "/reports/win-loss", **OCTOBER))["total"]
    assert total["lost"] == 3, "every loss still counted"
    assert total["lost_reasons"] == [{"reason": "price", "count": 2}]
    assert total["lost_reasons_truncated"]
    [byd] = total["competitors"]
    assert (byd["competitor"], byd["models"], byd["models_truncated"]) == (
        "BYD",
        [{"model": "Han", "count": 1}],
        True,
    )
    assert total["competitors_truncated"]


# --- access and validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/reports/funnel", "/reports/forecast", "/reports/win-loss", "/reports/stale"]
)
async def test_reports_need_the_opportunity_read_function(as_user: AsUser, path: str) -> None:
    async with as_user(P.finance_partner) as client:
        response = await client.get(path, params=OCTOBER)
    assert response.status_code == 403
    async with as_user(P.finance_partner) as client:
        assert (await client.get("/opportunities/board")).status_code == 403


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-10-31", "to": "2026-10-01"}, "to"),
        ({"from": "2025-01-01", "to": "2026-10-01"}, "to"),
        ({"from": "2026-10-01", "to": "2026-10-31", "group_by": "planet"}, "group_by"),
        ({"from": "2026-10-01", "to": "2026-10-31", "period": "quarter"}, "period"),
        ({"to": "2026-10-31"}, "from"),
    ],
)
async def test_bad_report_parameters_answer_422_naming_the_field(
    as_user: AsUser, params: dict[str, str], field: str
) -> None:
    async with as_user(P.manager) as client:
        response = await client.get("/reports/forecast", params=params)
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [["query", field]]


# --- files ----------------------------------------------------------------------------------------


async def _file(as_user: AsUser, who: Principal, path: str, **params: str) -> bytes:
    async with as_user(who) as client:
        response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;"), disposition
    return response.content


@pytest.mark.usefixtures("sales")
async def test_each_report_is_also_a_csv_and_an_xlsx_file_of_the_same_figures(
    as_user: AsUser,
) -> None:
    funnel = await _file(as_user, P.manager, "/reports/funnel", **OCTOBER, format="csv")
    rows = list(csv.reader(io.StringIO(funnel.decode("utf-8-sig"))))
    assert rows[0][:3] == ["group", "created", "won"]
    whole = {row[6]: (int(row[8]), row[12]) for row in rows[1:] if row[0] == "all"}
    assert whole == {
        code: (reached, "" if rate is None else str(rate))
        for code, reached, _, rate in DEALER_A_FUNNEL
    }

    workbook = load_workbook(
        io.BytesIO(
            await _file(
                as_user,
                P.hq_admin,
                "/reports/win-loss",
                **OCTOBER,
                group_by="dealer",
                format="xlsx",
            )
        )
    )
    sheet = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert sheet[1][:4] == ["all", "won", None, 2]
    assert ["dealer-b", "lost", None, 1] in [row[:4] for row in sheet]
    assert ["all", "competitor", "BYD", 2] in [row[:4] for row in sheet]

    forecast = await _file(
        as_user,
        P.manager,
        "/reports/forecast",
        **{"from": "2026-10-01", "to": "2026-12-31"},
        format="xlsx",
    )
    months = [
        row[1]
        for row in load_workbook(io.BytesIO(forecast)).active.iter_rows(min_row=2, values_only=True)
    ]
    assert [m.month for m in months] == [10, 11, 12], "dates stay dates in the workbook"


async def test_the_stale_list_file_is_masked_as_the_list_is(
    as_user: AsUser, sessions: Sessions, sales: None
) -> None:
    before = await _file(as_user, P.region_manager, "/reports/stale", format="csv")
    [header] = list(csv.reader(io.StringIO(before.decode("utf-8-sig"))))
    assert header[:2] == ["id", "customer_name"], "figures only shared: no records, the header"
    await share_with_oem(sessions, "dealer-b", SharingLevel.MASKED)
    content = await _file(as_user, P.region_manager, "/reports/stale", format="csv")
    [header, row] = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert dict(zip(header, row, strict=True))["customer_name"] == "赵*"


async def test_an_unknown_file_format_names_the_parameter(as_user: AsUser) -> None:
    async with as_user(P.manager) as client:
        response = await client.get("/reports/funnel", params={**OCTOBER, "format": "pdf"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "format"]
