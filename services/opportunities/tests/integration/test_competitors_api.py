"""Competitors through the API on real PostgreSQL (issue 22 item 8): HQ's and a dealer's managed
lists with their models, the competitors an open opportunity meets, and the win/loss report by
competitor and model, as JSON and as a file, scoped by the sharing policy."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest

from crm_common.clock import utc_now
from crm_common.testing.services import AsUser
from crm_opportunities.views import competitors as competitor_views

from .conftest import PEOPLE, Sessions
from .test_credit_split_api import won
from .test_quotes_orders_api import opened_and_driven


async def listed(as_user: AsUser, who: Any, **query: Any) -> dict[str, dict[str, Any]]:
    async with as_user(who) as http:
        response = await http.get("/competitors", params=query)
    assert response.status_code == 200, response.text
    return {c["name"]: c for c in response.json()}


async def lists(as_user: AsUser) -> tuple[str, str]:
    """HQ's list (every dealer's) and dealer-a's own; returns their ids."""
    async with as_user(PEOPLE.hq_admin) as http:
        hq = await http.post("/competitors", json={"name": "Rival Motors", "models": ["R1", "R3"]})
        assert hq.status_code == 201, hq.text
    async with as_user(PEOPLE.manager) as http:
        own = await http.post("/competitors", json={"name": " Local   Auto ", "models": ["L5"]})
        assert own.status_code == 201, own.text
    return hq.json()["id"], own.json()["id"]


async def test_managed_lists_and_the_competitors_an_opportunity_meets(
    sessions: Sessions, as_user: AsUser
) -> None:
    rival, local = await lists(as_user)
    async with as_user(PEOPLE.manager) as http:
        assert (await http.get("/competitors")).status_code == 200
        again = await http.post("/competitors", json={"name": "local auto"})
        assert again.status_code == 409, "one name per list, whatever its case"
        twice = await http.post("/competitors", json={"name": "X", "models": ["A8", "a8"]})
        assert twice.status_code == 422
        assert "models" in twice.text
        smuggled = await http.post("/competitors", json={"name": "X", "owner_org": "hq"})
        assert smuggled.status_code == 422
        assert "owner_org" in smuggled.text
    mine = await listed(as_user, PEOPLE.consultant1)
    assert (mine["Local Auto"]["owner_org"], mine["Rival Motors"]["owner_org"]) == (
        "dealer-a",
        "hq",
    )
    assert set(await listed(as_user, PEOPLE.other_dealer_consultant)) == {"Rival Motors"}
    async with as_user(PEOPLE.other_dealer_manager) as http:
        foreign = await http.put(f"/competitors/{local}", json={"name": "Mine now"})
        assert foreign.status_code == 404
        hqs = await http.put(f"/competitors/{rival}", json={"name": "Mine now"})
        assert hqs.status_code == 404, "HQ's list is HQ's to change"
        same_name = await http.post("/competitors", json={"name": "Local Auto"})
        assert same_name.status_code == 201, "each dealer's list is its own"

    opportunity = await opened_and_driven(as_user)
    path = f"/opportunities/{opportunity}/competitors"
    async with as_user(PEOPLE.consultant1) as http:
        assert (await http.post("/competitors", json={"name": "Y"})).status_code == 403
        recorded = await http.put(
            path,
            json={
                "competitors": [
                    {"competitor_id": rival, "models": ["R3"]},
                    {"competitor_id": local},
                ]
            },
        )
        assert recorded.status_code == 200, recorded.text
        assert [(c["name"], c["models"]) for c in recorded.json()["competitors"]] == [
            ("Local Auto", []),
            ("Rival Motors", ["R3"]),
        ]
        for body, reason in (
            ({"competitor_id": rival, "models": ["R9"]}, "has no model 'R9'"),
            ({"competitor_id": same_name.json()["id"]}, "no competitor on the dealer's list"),
        ):
            refused = await http.put(path, json={"competitors": [body]})
            assert refused.status_code == 422, refused.text
            assert "competitors" in refused.text
            assert reason in refused.text
        assert len((await http.get(path)).json()["competitors"]) == 2, (
            "a refused list changes nothing"
        )
    async with as_user(PEOPLE.other_dealer_manager) as http:
        assert (await http.get(path)).status_code == 404

    async with as_user(PEOPLE.manager) as http:
        retired = await http.put(
            f"/competitors/{local}", json={"name": "Local Auto", "models": ["L5"], "active": False}
        )
        assert (retired.status_code, retired.json()["active"]) == (200, False)
    assert "Local Auto" not in await listed(as_user, PEOPLE.consultant1)
    assert "Local Auto" in await listed(as_user, PEOPLE.consultant1, retired="true")
    async with as_user(PEOPLE.consultant1) as http:
        refused = await http.put(path, json={"competitors": [{"competitor_id": local}]})
        assert refused.status_code == 422, "retired: not offered any more"
        kept = (await http.get(path)).json()["competitors"]
        assert len(kept) == 2, "the opportunity keeps whom it met"
        lost = await http.post(f"/opportunities/{opportunity}/loss", json={"reason": "price"})
        assert lost.status_code == 200, lost.text
        closed = await http.put(path, json={"competitors": []})
        assert closed.status_code == 409


async def test_win_loss_by_competitor_and_model(
    sessions: Sessions, as_user: AsUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    rival, local = await lists(as_user)
    met: dict[str, list[dict[str, Any]]] = {
        "won against rival": [{"competitor_id": rival, "models": ["R1"]}],
        "lost to rival": [
            {"competitor_id": rival, "models": ["R3"]},
            {"competitor_id": local},
        ],
        "lost, nobody named": [{"competitor_id": local, "models": ["L5"]}],
        "open": [{"competitor_id": rival, "models": ["R1"]}],
    }
    ids = {}
    for name, in_play in met.items():
        ids[name] = await opened_and_driven(as_user)
        async with as_user(PEOPLE.consultant1) as http:
            recorded = await http.put(
                f"/opportunities/{ids[name]}/competitors", json={"competitors": in_play}
            )
            assert recorded.status_code == 200, recorded.text
    await won(as_user, ids["won against rival"])
    async with as_user(PEOPLE.consultant1) as http:
        for name, body in (
            ("lost to rival", {"competitor": "rival motors", "competitor_model": "R3"}),
            ("lost, nobody named", {}),
        ):
            lost = await http.post(
                f"/opportunities/{ids[name]}/loss", json={"reason": "price", **body}
            )
            assert lost.status_code == 200, lost.text

    today = utc_now().date()
    period = {"from": str(today - timedelta(days=1)), "to": str(today + timedelta(days=1))}
    async with as_user(PEOPLE.manager) as http:
        response = await http.get("/reports/competitors", params=period)
        assert response.status_code == 200, response.text
        report = {c["competitor"]: c for c in response.json()["competitors"]}
        as_csv = await http.get("/reports/competitors", params={**period, "format": "csv"})
    rival_figures = report["Rival Motors"]
    assert [rival_figures[k] for k in ("open", "won", "lost", "win_rate")] == [1, 1, 1, 0.5]
    assert {m["model"]: (m["open"], m["won"], m["lost"]) for m in rival_figures["models"]} == {
        "R1": (1, 1, 0),
        "R3": (0, 0, 1),
    }
    local_figures = report["Local Auto"]
    assert [local_figures[k] for k in ("open", "won", "lost", "win_rate")] == [0, 0, 1, 0.0], (
        "the deal lost to Rival Motors is not lost to Local Auto, which was merely in play"
    )
    assert [(m["model"], m["lost"]) for m in local_figures["models"]] == [("L5", 1)]
    assert list(report) == ["Rival Motors", "Local Auto"], "most contested first"
    assert not response.json()["competitors_truncated"]
    assert not rival_figures["models_truncated"]
    # Competitors grow with what losses name: the report lists the most contested and says so.
    monkeypatch.setattr(competitor_views, "MOST_COMPETITORS", 1)
    monkeypatch.setattr(competitor_views, "MOST_MODELS", 1)
    async with as_user(PEOPLE.manager) as http:
        cut = (await http.get("/reports/competitors", params=period)).json()
    assert [c["competitor"] for c in cut["competitors"]] == ["Rival Motors"]
    assert cut["competitors_truncated"]
    assert (len(cut["competitors"][0]["models"]), cut["competitors"][0]["models_truncated"]) == (
        1,
        True,
    )
    monkeypatch.undo()

    assert as_csv.status_code == 200
    assert as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert {(r["competitor"], r["model"], r["won"], r["lost"]) for r in rows} >= {
        ("Rival Motors", "", "1", "1"),
        ("Rival Motors", "R3", "0", "1"),
    }

    async with as_user(PEOPLE.other_dealer_manager) as http:
        theirs = (await http.get("/reports/competitors", params=period)).json()
    assert theirs["competitors"] == [], "another dealer's deals are not its figures"
    async with as_user(PEOPLE.region_manager) as http:
        region = (await http.get("/reports/competitors", params=period)).json()
    assert {c["competitor"] for c in region["competitors"]} == {"Rival Motors", "Local Auto"}, (
        "dealers share their figures with the region (the aggregate level)"
    )
