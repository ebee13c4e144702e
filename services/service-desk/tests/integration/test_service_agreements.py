"""Service agreements through the HTTP API: a dealer registers a maintenance package, HQ an
extended-warranty programme; a ticket shows whether its work is covered and why; another
dealer's agreements are not honoured; bad terms answer 422 naming the field."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from crm_common.testing.services import AsUser
from crm_service_desk.views import agreements as agreement_views

from .conftest import PEOPLE

VIN = "LSVAU2180N2183295"
TODAY = date.today()


async def register(as_user: AsUser, who: Any, **body: Any) -> Any:
    terms = {
        "kind": "extended_warranty",
        "name": "延保",
        "vin": VIN,
        "valid_from": (TODAY - timedelta(days=30)).isoformat(),
        "valid_until": (TODAY + timedelta(days=700)).isoformat(),
        **body,
    }
    async with as_user(who) as client:
        return await client.post("/service-agreements", json=terms)


async def test_a_ticket_shows_whether_its_work_is_covered(
    as_user: AsUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with as_user(PEOPLE.hq_admin) as hq:
        for code, parent in (("powertrain", None), ("gearbox", "powertrain"), ("paint", None)):
            made = await hq.post(
                "/ticket-categories", json={"code": code, "name": code, "parent_code": parent}
            )
            assert made.status_code == 201, made.text
    warranty = await register(
        as_user, PEOPLE.hq_admin, name="动力总成延保", categories=["powertrain"], max_km=150000
    )
    assert warranty.status_code == 201, warranty.text
    package = await register(
        as_user,
        PEOPLE.other_advisor,
        kind="maintenance_package",
        name="B 店保养套餐",
        visits=4,
    )
    assert package.status_code == 201
    async with as_user(PEOPLE.advisor) as client:
        gearbox = (
            await client.post(
                "/tickets", json={"subject": "变速箱顿挫", "vin": VIN, "category": "gearbox"}
            )
        ).json()
        paint = (
            await client.post("/tickets", json={"subject": "漆面", "vin": VIN, "category": "paint"})
        ).json()
        covered = (await client.get(f"/tickets/{gearbox['id']}/coverage")).json()
        assert (covered["covered"], covered["agreement_id"]) == (True, warranty.json()["id"])
        assert covered["reason"] == "covered by 动力总成延保"
        # HQ's programme reaches every dealer; dealer B's own package is not honoured here.
        assert [a["name"] for a in covered["agreements"]] == ["动力总成延保"]
        assert covered["agreements_truncated"] is False
        not_covered = (await client.get(f"/tickets/{paint['id']}/coverage")).json()
        assert not_covered["covered"] is False
        assert not_covered["reason"] == "动力总成延保: does not cover this kind of work"
        listed = await client.get("/service-agreements", params={"vin": VIN.lower()})
        assert [a["name"] for a in listed.json()] == ["动力总成延保"]
    async with as_user(PEOPLE.other_advisor) as other:
        assert (await other.get(f"/tickets/{gearbox['id']}/coverage")).status_code == 404
        listed = await other.get("/service-agreements", params={"vin": VIN})
        assert sorted(a["name"] for a in listed.json()) == ["B 店保养套餐", "动力总成延保"]
    # A vehicle's agreements grow with its life: coverage weighs the oldest and says so.
    later = await register(as_user, PEOPLE.hq_admin, name="第二份延保", categories=["paint"])
    assert later.status_code == 201, later.text
    monkeypatch.setattr(agreement_views, "MOST_COVERING", 1)
    async with as_user(PEOPLE.advisor) as client:
        cut = (await client.get(f"/tickets/{paint['id']}/coverage")).json()
    assert [a["name"] for a in cut["agreements"]] == ["动力总成延保"]
    assert cut["agreements_truncated"] is True


async def test_bad_terms_answer_422_naming_the_field(as_user: AsUser) -> None:
    cases = [
        ({"valid_until": (TODAY - timedelta(days=60)).isoformat()}, ["body", "valid_until"]),
        ({"vin": None}, ["body", "vin"]),
        ({"vin": "LSVAU2180N218329I"}, ["body", "vin"]),
        ({"categories": ["nope"]}, ["body", "categories"]),
        ({"kind": "lifetime"}, ["body", "kind"]),
    ]
    for change, field in cases:
        refused = await register(as_user, PEOPLE.advisor, **change)
        assert refused.status_code == 422, change
        assert refused.json()["detail"][0]["loc"] == field, change
    async with as_user(PEOPLE.hq_analyst) as analyst:
        assert (
            await analyst.post(
                "/service-agreements",
                json={
                    "kind": "extended_warranty",
                    "name": "x",
                    "vin": VIN,
                    "valid_from": TODAY.isoformat(),
                    "valid_until": TODAY.isoformat(),
                },
            )
        ).status_code == 403


async def test_a_resolved_service_visit_uses_up_one_visit_of_the_package(as_user: AsUser) -> None:
    vin = "LSVAU2180N2183296"
    package = await register(
        as_user,
        PEOPLE.advisor,
        kind="maintenance_package",
        name="保养套餐 2 次",
        vin=vin,
        visits=2,
    )
    assert package.status_code == 201, package.text

    async def visit(client: Any, kind: str = "service_request") -> str:
        opened = await client.post("/tickets", json={"subject": "保养", "vin": vin, "kind": kind})
        assert opened.status_code == 201, opened.text
        return str(opened.json()["id"])

    async def resolve(client: Any, ticket: str) -> None:
        done = await client.post(f"/tickets/{ticket}/resolution", json={"resolution": "保养完成"})
        assert done.status_code == 200, done.text

    async with as_user(PEOPLE.advisor) as client:
        first, second, third = await visit(client), await visit(client), await visit(client)
        inquiry = await visit(client, kind="inquiry")
        await resolve(client, inquiry)  # not a service visit: counts nothing
        await resolve(client, first)
        await resolve(client, second)
        # Resolved again after a reopening, the second visit is still one visit.
        reopened = await client.post(f"/tickets/{second}/reopening", json={"reason": "漏油"})
        assert reopened.status_code == 200, reopened.text
        await resolve(client, second)
        (listed,) = (await client.get("/service-agreements", params={"vin": vin})).json()
        assert listed["visits_used"] == 2
        # The visit that used the last one stays covered by it; the next one is not covered.
        last = (await client.get(f"/tickets/{second}/coverage")).json()
        assert (last["covered"], last["visit_used"]) == (True, True)
        none_left = (await client.get(f"/tickets/{third}/coverage")).json()
        assert (none_left["covered"], none_left["reason"]) == (
            False,
            "保养套餐 2 次: no visits left",
        )
        await resolve(client, third)  # the customer pays: resolved, nothing counted
        history = (await client.get(f"/tickets/{first}/history")).json()
        third_history = (await client.get(f"/tickets/{third}/history")).json()
        (listed,) = (await client.get("/service-agreements", params={"vin": vin})).json()
    assert listed["visits_used"] == 2
    used = [h["detail"] for h in history if h["action"] == "agreement_visit_used"]
    assert used == [
        {"agreement_id": package.json()["id"], "agreement": "保养套餐 2 次", "visits_left": 1}
    ]
    assert "agreement_visit_used" not in [h["action"] for h in third_history]
