"""Grade schemes as configuration, due callbacks as work and the nurture list, through the API
on real PostgreSQL: a dealer defines its grades and cadences and changes them safely, a pool
grades by them, a callback falling due is announced once per due time, and "to marketing"
hands a lead to the nurture list's owner until a manager gives it back to a consultant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.db.tables import outbox
from crm_common.testing.services import client_as
from crm_leads.adapters.tables import leads
from crm_leads.application.recycle import announce_due_callbacks, apply_staging_rules
from crm_leads.application.sweeps import sweep_pools

from .conftest import PEOPLE

Sessions = async_sessionmaker[AsyncSession]

SHOWROOM = {
    "name": "showroom",
    "version": 0,
    "grades": [
        {"code": "hot", "label": "热 buys this week", "cadence_days": 2, "rank": 3},
        {"code": "warm", "label": "温 this month", "cadence_days": 10, "rank": 2},
        {"code": "cold", "label": "冷 nurture", "cadence_days": None, "rank": 1},
    ],
}


async def _events(sessions: Sessions, event_type: str, lead: str) -> list[dict[str, Any]]:
    async with sessions() as session:
        rows = await session.execute(
            select(outbox.c.payload)
            .where(
                outbox.c.event_type == event_type,
                outbox.c.payload["data"]["lead_id"].astext == lead,
            )
            .order_by(outbox.c.id)
        )
        return [row[0]["data"] for row in rows]


async def _default_pool(manager: Any) -> dict[str, Any]:
    [pool] = [p for p in (await manager.get("/pools")).json() if p["is_default"]]
    return dict(pool)


async def test_a_dealer_s_own_scheme_grades_its_pool_and_changes_safely(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as c1:
        # Its intake opens the book's default pool.
        lead = (
            await c1.post(
                "/leads", json={"customer_name": "沈腾", "phone": "13600000101", "source": "phone"}
            )
        ).json()["id"]
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        refused = {
            "two alike": {**SHOWROOM, "grades": [SHOWROOM["grades"][0]] * 2},
            "no grade for marketing": {**SHOWROOM, "grades": SHOWROOM["grades"][:2]},
            "a built-in's name": {**SHOWROOM, "name": "habcn"},
        }
        for case, body in refused.items():
            answer = await manager.put("/grade-schemes", json=body)
            assert answer.status_code == 422, (case, answer.text)
        defined = await manager.put("/grade-schemes", json=SHOWROOM)
        assert defined.status_code == 200, defined.text
        assert (defined.json()["version"], [g["code"] for g in defined.json()["grades"]]) == (
            1,
            ["hot", "warm", "cold"],
        )
        again = await manager.put("/grade-schemes", json=SHOWROOM)
        assert again.status_code == 409, "version 0 was read before version 1 was stored"
        dropped = {**SHOWROOM, "version": 1, "grades": SHOWROOM["grades"][::2]}
        answer = await manager.put("/grade-schemes", json=dropped)
        assert (answer.status_code, answer.json()["detail"][0]["loc"][-1]) == (422, "grades")

        pool = await _default_pool(manager)
        unknown = await manager.put(
            f"/pools/{pool['id']}",
            json={"name": pool["name"], "kind": "claim", "rules": {"grade_scheme": "nosuch"}},
        )
        assert unknown.status_code == 422, unknown.text
        wrong_grade = await manager.put(
            f"/pools/{pool['id']}",
            json={
                "name": pool["name"],
                "kind": "claim",
                "rules": {
                    "grade_scheme": "showroom",
                    "recycle": {"no_follow_up_days_by_grade": {"ready_to_buy": 3}},
                },
            },
        )
        assert wrong_grade.status_code == 422, wrong_grade.text
        used = await manager.put(
            f"/pools/{pool['id']}",
            json={"name": pool["name"], "kind": "claim", "rules": {"grade_scheme": "showroom"}},
        )
        assert used.status_code == 204, used.text

    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as c1:
        listed = (await c1.get("/grade-schemes")).json()
        assert [s["name"] for s in listed["schemes"]] == ["three_level", "habcn", "showroom"]
        built_in = await c1.post(
            f"/leads/{lead}/follow-ups",
            json={"kind": "call", "outcome": "soon", "grade": "ready_to_buy"},
        )
        assert built_in.status_code == 422, "the pool grades by the dealer's scheme now"
        hot = await c1.post(
            f"/leads/{lead}/follow-ups", json={"kind": "call", "outcome": "soon", "grade": "hot"}
        )
        assert hot.status_code == 201, hot.text
        graded = (await c1.get(f"/leads/{lead}")).json()
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        # Version 2: warm's cadence shortened, a grade added; the lead keeps "hot".
        changed = await manager.put(
            "/grade-schemes",
            json={
                **SHOWROOM,
                "version": 1,
                "grades": [
                    *SHOWROOM["grades"][:1],
                    {"code": "warm", "label": "温", "cadence_days": 5, "rank": 2},
                    {"code": "lukewarm", "label": "微温", "cadence_days": 20, "rank": 2},
                    SHOWROOM["grades"][2],
                ],
            },
        )
        assert changed.status_code == 422, "ranks must differ"
        changed = await manager.put(
            "/grade-schemes",
            json={
                **SHOWROOM,
                "version": 1,
                "grades": [
                    *SHOWROOM["grades"][:1],
                    {"code": "warm", "label": "温", "cadence_days": 5, "rank": 4},
                    SHOWROOM["grades"][2],
                ],
            },
        )
        assert (changed.status_code, changed.json()["version"]) == (200, 2), changed.text
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as c1:
        assert (await c1.get(f"/leads/{lead}")).json()["grade"] == "hot"
        warm = await c1.post(
            f"/leads/{lead}/follow-ups", json={"kind": "call", "outcome": "later", "grade": "warm"}
        )
        assert warm.status_code == 201, warm.text
        rewarmed = (await c1.get(f"/leads/{lead}")).json()
    [first, second] = await _events(sessions, "leads.LeadGraded", lead)
    assert (first["grade"], second["grade"], second["upgrade"]) == ("hot", "warm", True)
    due = datetime.fromisoformat(rewarmed["next_follow_up_due"])
    assert due - datetime.fromisoformat(second["at"]) == timedelta(days=5), "version 2's cadence"
    assert graded["next_follow_up_due"] is not None


async def test_an_owned_lead_takes_the_grades_of_its_own_pool(
    leads_api: FastAPI, signing_key_pem: str
) -> None:
    """The follow-up form asks the lead which grades it takes: a lead a consultant owns, come
    from a pool grading by H/A/B/C/N, takes those, though the book's default pool grades by
    another scheme; a lead another dealer may not see answers 404."""
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        hot_list = await manager.post(
            "/pools", json={"name": "Hot list", "kind": "claim", "rules": {"grade_scheme": "habcn"}}
        )
        assert hot_list.status_code == 201, hot_list.text
        lead = (
            await manager.post(
                "/leads", json={"customer_name": "冯巩", "phone": "13600000109", "source": "phone"}
            )
        ).json()["id"]
        in_default_pool = (await manager.get(f"/leads/{lead}/grades")).json()
        default_scheme = (await _default_pool(manager))["rules"]["grade_scheme"]
        moved = await manager.post(f"/leads/{lead}/move", json={"pool_id": hot_list.json()["id"]})
        assert moved.status_code == 200, moved.text
        assigned = await manager.post(f"/leads/{lead}/assign", json={"user_id": "c1"})
        assert assigned.status_code == 200, assigned.text
    assert in_default_pool["scheme"] == default_scheme != "habcn"
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as c1:
        owned = (await c1.get(f"/leads/{lead}")).json()
        grades = await c1.get(f"/leads/{lead}/grades")
        assert grades.status_code == 200, grades.text
        followed_up = await c1.post(
            f"/leads/{lead}/follow-ups", json={"kind": "call", "outcome": "soon", "grade": "H"}
        )
    assert (owned["owner_user"], owned["pool_id"]) == ("c1", None)
    assert (grades.json()["scheme"], grades.json()["built_in"]) == ("habcn", True)
    assert [g["code"] for g in grades.json()["grades"]] == ["H", "A", "B", "C", "N"]
    assert followed_up.status_code == 201, "the grades offered are the ones a follow-up takes"
    async with client_as(leads_api, signing_key_pem, PEOPLE.other_dealer_manager) as other:
        assert (await other.get(f"/leads/{lead}/grades")).status_code == 404


async def test_a_callback_falling_due_is_announced_once_per_due_time(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as c1:
        lead = (
            await c1.post(
                "/leads", json={"customer_name": "马丽", "phone": "13600000102", "source": "phone"}
            )
        ).json()["id"]
        graded = await c1.post(
            f"/leads/{lead}/follow-ups",
            json={"kind": "call", "outcome": "soon", "grade": "ready_to_buy"},
        )
        assert graded.status_code == 201, graded.text
        due = datetime.fromisoformat((await c1.get(f"/leads/{lead}")).json()["next_follow_up_due"])
    assert await announce_due_callbacks(sessions, now=due - timedelta(minutes=1)) == 0
    await announce_due_callbacks(sessions, now=due + timedelta(minutes=1))
    await announce_due_callbacks(sessions, now=due + timedelta(minutes=2))
    [announced] = await _events(sessions, "leads.LeadCallbackDue", lead)
    assert (announced["owner_user"], announced["grade"]) == ("c1", "ready_to_buy")
    assert datetime.fromisoformat(announced["due_at"]) == due

    # A follow-up keeping the grade sets the next due time (no new grade, so no LeadGraded):
    # it is announced again when it falls due.
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as c1:
        kept = await c1.post(f"/leads/{lead}/follow-ups", json={"kind": "call", "outcome": "x"})
        assert kept.status_code == 201, kept.text
        next_due = datetime.fromisoformat(
            (await c1.get(f"/leads/{lead}")).json()["next_follow_up_due"]
        )
    assert next_due > due
    await announce_due_callbacks(sessions, now=next_due + timedelta(minutes=1))
    announced_twice = await _events(sessions, "leads.LeadCallbackDue", lead)
    assert [datetime.fromisoformat(a["due_at"]) for a in announced_twice] == [due, next_due]


async def test_to_marketing_hands_the_lead_to_the_nurture_list_s_owner(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as c1:
        lead = (
            await c1.post(
                "/leads", json={"customer_name": "艾伦", "phone": "13600000103", "source": "phone"}
            )
        ).json()["id"]
        graded = await c1.post(
            f"/leads/{lead}/follow-ups",
            json={"kind": "visit", "outcome": "ready", "grade": "ready_to_buy"},
        )
        assert graded.status_code == 201, graded.text
        nobody = await c1.post(f"/leads/{lead}/nurture", json={"reason": "not now"})
        assert nobody.status_code == 409, "nobody owns the nurture list yet"
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        assert (await manager.get("/nurture-settings")).json() == {
            "book": "dealer-a",
            "owner": None,
        }
        outsider = await manager.put("/nurture-settings", json={"owner": "b1"})
        assert (outsider.status_code, outsider.json()["detail"][0]["loc"][-1]) == (422, "owner")
        named = await manager.put("/nurture-settings", json={"owner": "c3"})
        assert named.json() == {"book": "dealer-a", "owner": "c3"}

    # The three-stage rule hands a lead stuck 181 days in "ready to buy" to marketing.
    async with sessions() as session, session.begin():
        await session.execute(
            update(leads)
            .where(leads.c.id == lead)
            .values(graded_at=datetime.now(UTC) - timedelta(days=181))
        )
    staged = await apply_staging_rules(sessions, now=datetime.now(UTC))
    assert staged["handed_to_marketing"] == 1
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        [listed] = (await manager.get("/leads?nurture=true")).json()
        assert (listed["id"], listed["owner_user"], listed["grade"]) == (lead, "c3", "potential")
        assert listed["nurture_since"] is not None
    *_, assigned = await _events(sessions, "leads.LeadAssigned", lead)
    assert (assigned["previous_owner"], assigned["owner_user"]) == ("c1", "c3")

    # Marketing's, it is neither recycled nor escalated however long it waits there.
    await sweep_pools(sessions, now=datetime.now(UTC) + timedelta(days=60))
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant3) as c3:
        mine = (await c3.get(f"/leads/{lead}")).json()
        assert (mine["owner_user"], mine["nurture_since"]) == ("c3", listed["nurture_since"])
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        back = await manager.post(f"/leads/{lead}/assign", json={"user_id": "c2"})
        assert (back.status_code, back.json()["owner_user"]) == (200, "c2"), back.text
        assert back.json()["nurture_since"] is None
        assert (await manager.get("/leads?nurture=true")).json() == [], "back with a consultant"
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant2) as c2:
        # By hand: the owner hands it to marketing; the list's owner releases it to the pool.
        handed = await c2.post(f"/leads/{lead}/nurture", json={"reason": "buys next year"})
        assert handed.status_code == 200, handed.text
        again = await c2.post(f"/leads/{lead}/nurture", json={"reason": "twice"})
        assert again.status_code == 404, "no longer theirs"
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant3) as c3:
        released = await c3.post(f"/leads/{lead}/release", json={"reason": "ready again"})
        assert released.status_code == 200, released.text
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        waiting = (await manager.get(f"/leads/{lead}")).json()
        assert (waiting["owner_user"], waiting["nurture_since"]) == (None, None)
