"""Ordered routing rules through the API on real PostgreSQL: a dealer's managers set them (422,
404 and 409 as the house answers), and new leads nobody took in go where the first matching
rule sends them — a consultant, a pool, a member chosen by a strategy — each naming the rule,
or to the default pool."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox, staff
from crm_common.testing.services import client_as
from crm_leads.adapters.tables import lead_history, leads
from crm_leads.application import handlers
from crm_leads.application import routing as routing_app
from crm_leads.domain.lead import LeadSource
from crm_leads.domain.routing import RoutingRuleSpec

from .conftest import PEOPLE
from .test_lead_imports import clean, csv_of, upload, work

__all__ = ["clean"]  # the fixture, used by name

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def lead(phone: str, source: str, **more: Any) -> dict[str, Any]:
    return {"customer_name": "高圆", "phone": phone, "source": source, **more}


async def assignments(sessions: Sessions) -> dict[str, tuple[str, str]]:
    async with sessions() as session:
        rows = await session.execute(
            select(outbox.c.payload).where(outbox.c.event_type == "leads.LeadAssigned")
        )
        return {
            r[0]["data"]["lead_id"]: (r[0]["data"]["assigned_by"], r[0]["data"]["reason"])
            for r in rows
        }


async def test_new_leads_go_where_the_first_matching_rule_sends_them(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        empty = (await manager.get("/routing-rules")).json()
        assert (empty["book"], empty["version"], empty["rules"]) == ("dealer-a", 0, [])
        suv_pool = (
            await manager.post(
                "/pools", json={"name": "SUV specialists", "kind": "claim", "rules": {}}
            )
        ).json()["id"]
        members = await manager.put(
            f"/pools/{suv_pool}/members", json={"members": [{"user_id": "c2"}, {"user_id": "c3"}]}
        )
        assert members.status_code == 204, members.text
        rules = [
            {
                "name": "web SUVs to the SUV team in turn",
                "conditions": {"sources": ["web"], "vehicle_interests": ["suv"]},
                "target": {"kind": "strategy", "pool_id": suv_pool, "strategy": "round_robin"},
            },
            {
                "name": "referrals to c1",
                "conditions": {"sources": ["referral"]},
                "target": {"kind": "consultant", "user_id": "c1"},
            },
            {
                "name": "the east to the SUV pool",
                "conditions": {"regions": ["east"]},
                "target": {"kind": "pool", "pool_id": suv_pool},
            },
        ]
        saved = await manager.put("/routing-rules", json={"version": 0, "rules": rules})
        assert saved.status_code == 200, saved.text
        assert saved.json()["version"] == 1
        rule_ids = [r["id"] for r in saved.json()["rules"]]
        assert [r["position"] for r in saved.json()["rules"]] == [1, 2, 3]

        stale = await manager.put("/routing-rules", json={"version": 0, "rules": []})
        assert stale.status_code == 409, "a manager who read version 0 would undo version 1"

        routed: dict[str, dict[str, Any]] = {}
        for name, body in (
            ("web suv 1", lead("13300000001", "web", vehicle_interest="Model SUV X")),
            ("web suv 2", lead("13300000002", "web", vehicle_interest="suv y")),
            ("referral", lead("13300000003", "referral", region_hint="east")),
            ("east phone", lead("13300000004", "phone", region_hint="east")),
            ("web sedan", lead("13300000005", "web", vehicle_interest="sedan")),
        ):
            created = await manager.post("/leads", json=body)
            assert created.status_code == 201, created.text
            routed[name] = created.json()

    first, second = routed["web suv 1"], routed["web suv 2"]
    assert {first["owner_user"], second["owner_user"]} == {"c2", "c3"}, "round robin"
    assert first["routing_rule_id"] == second["routing_rule_id"] == rule_ids[0]
    assert first["ownership_origin"] == "pool"
    referral = routed["referral"]
    assert (referral["owner_user"], referral["routing_rule_id"]) == ("c1", rule_ids[1]), (
        "the first rule that matches wins, though the east rule matches too"
    )
    east = routed["east phone"]
    assert (east["owner_user"], east["pool_id"], east["routing_rule_id"]) == (
        None,
        suv_pool,
        rule_ids[2],
    )
    sedan = routed["web sedan"]
    assert (sedan["owner_user"], sedan["routing_rule_id"]) == (None, None), "default pool"
    assert sedan["pool_id"] != suv_pool

    assert (await assignments(sessions))[referral["id"]] == (
        "routing",
        "routing rule referrals to c1",
    )
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        history = (await manager.get(f"/leads/{referral['id']}/history")).json()
    assert [(h["kind"], h["actor"], h["reason"], h["rule"]) for h in history[1:]] == [
        ("routed", "routing", "referrals to c1", f"routing:{rule_ids[1]}"),
        ("assigned", "routing", "routing rule referrals to c1", None),
    ]

    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as consultant:
        mine = await consultant.post(
            "/leads", json=lead("13300000006", "web", vehicle_interest="SUV")
        )
        assert (mine.json()["owner_user"], mine.json()["routing_rule_id"]) == ("c1", None), (
            "a lead its consultant took in is theirs, whatever the rules say"
        )
        assert (await consultant.get("/routing-rules")).status_code == 403

    # c1 leaves: the referral rule is passed over and the next matching rule decides.
    async with sessions() as session, session.begin():
        await session.execute(update(staff).where(staff.c.user_id == "c1").values(active=False))
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        after = await manager.post(
            "/leads", json=lead("13300000007", "referral", region_hint="east")
        )
    assert (after.json()["owner_user"], after.json()["routing_rule_id"]) == (None, rule_ids[2])


async def test_rules_name_only_pools_and_consultants_of_the_book(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    async with client_as(leads_api, signing_key_pem, PEOPLE.other_dealer_manager) as other:
        assert (await other.get("/routing-rules")).json()["book"] == "dealer-b"
        their_pools = (await other.get("/pools")).json()
        foreign_pool = next(p["id"] for p in their_pools if p["owner_org"] == "dealer-b")
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        to_foreign_pool = await manager.put(
            "/routing-rules",
            json={
                "version": 0,
                "rules": [
                    {"name": "ok", "target": {"kind": "consultant", "user_id": "c2"}},
                    {"name": "theirs", "target": {"kind": "pool", "pool_id": foreign_pool}},
                ],
            },
        )
        assert to_foreign_pool.status_code == 422, to_foreign_pool.text
        assert "rules[1].target.pool_id" in to_foreign_pool.text
        to_foreign_consultant = await manager.put(
            "/routing-rules",
            json={
                "version": 0,
                "rules": [{"name": "b1", "target": {"kind": "consultant", "user_id": "b1"}}],
            },
        )
        assert to_foreign_consultant.status_code == 404, to_foreign_consultant.text
        for bad in (
            {"name": "x", "target": {"kind": "pool"}},
            {"name": "x", "target": {"kind": "consultant", "user_id": "c2"}, "when": {}},
            {
                "name": "x",
                "conditions": {"hours": {"start": "25:00", "end": "08:00"}},
                "target": {"kind": "consultant", "user_id": "c2"},
            },
        ):
            refused = await manager.put("/routing-rules", json={"version": 0, "rules": [bad]})
            assert refused.status_code == 422, refused.text
            assert "rules" in refused.text
        assert (await manager.get("/routing-rules")).json()["version"] == 0, "nothing written"


async def test_hours_of_day_are_the_business_s_local_time(sessions: Sessions) -> None:
    """A night rule: 23:30 in Shanghai is 15:30 UTC."""
    night = RoutingRuleSpec.model_validate(
        {
            "name": "nights to c2",
            "conditions": {"hours": {"start": "22:00", "end": "07:00"}},
            "target": {"kind": "consultant", "user_id": "c2"},
        }
    )
    now = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)
    await routing_app.set_routing([night], 0, PEOPLE.manager, UnitOfWork(sessions), now=now)
    contact = handlers.CreateLead("高圆", "13300000100", LeadSource.WEB, None)
    at_night = await handlers.create_lead(
        contact, PEOPLE.manager, UnitOfWork(sessions), via="t", now=now, business_tz=SHANGHAI
    )
    assert at_night.lead.owner_user == "c2"
    by_day = await handlers.create_lead(
        handlers.CreateLead("高圆", "13300000101", LeadSource.WEB, None),
        PEOPLE.manager,
        UnitOfWork(sessions),
        via="t",
        now=datetime(2026, 11, 2, 3, 30, tzinfo=UTC),
        business_tz=SHANGHAI,
    )
    assert by_day.lead.owner_user is None


async def test_imported_leads_go_where_the_same_rules_send_single_ones(
    clean: Sessions, leads_api: FastAPI, signing_key_pem: str, now: datetime
) -> None:
    sessions = clean
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        suv_pool = (
            await manager.post("/pools", json={"name": "SUV", "kind": "claim", "rules": {}})
        ).json()["id"]
        await manager.put(
            f"/pools/{suv_pool}/members", json={"members": [{"user_id": "c2"}, {"user_id": "c3"}]}
        )
        rules = await manager.put(
            "/routing-rules",
            json={
                "version": 0,
                "rules": [
                    {
                        "name": "web to c1",
                        "conditions": {"sources": ["web"]},
                        "target": {"kind": "consultant", "user_id": "c1"},
                    },
                    {
                        "name": "SUVs dealt",
                        "conditions": {"vehicle_interests": ["SUV"]},
                        "target": {
                            "kind": "strategy",
                            "pool_id": suv_pool,
                            "strategy": "round_robin",
                        },
                    },
                    {
                        "name": "trucks wait",
                        "conditions": {"vehicle_interests": ["truck"]},
                        "target": {"kind": "pool", "pool_id": suv_pool},
                    },
                ],
            },
        )
        assert rules.status_code == 200, rules.text
        by_name = {r["name"]: r["id"] for r in rules.json()["rules"]}
    await upload(
        sessions,
        csv_of(
            [
                "甲,13900000001,web,sedan",
                "乙,13900000002,phone,SUV X",
                "丙,13900000003,phone,SUV Y",
                "丁,13900000004,phone,truck",
                "戊,13900000005,phone,sedan",
            ]
        ),
        now,
    )
    await work(sessions, now)
    async with sessions() as session:
        rows = (
            await session.execute(
                select(
                    leads.c.id,
                    leads.c.phone,
                    leads.c.owner_user,
                    leads.c.pool_id,
                    leads.c.routing_rule_id,
                )
            )
        ).all()
        routed = set(
            (
                await session.execute(
                    select(lead_history.c.lead_id).where(lead_history.c.kind == "routed")
                )
            ).scalars()
        )
    placed = {
        r.phone[-1]: (
            r.owner_user,
            r.pool_id and str(r.pool_id),
            r.routing_rule_id and str(r.routing_rule_id),
        )
        for r in rows
    }
    assert placed["1"] == ("c1", None, by_name["web to c1"])
    assert {placed["2"][0], placed["3"][0]} == {"c2", "c3"}, "dealt in turn"
    assert placed["2"][2] == placed["3"][2] == by_name["SUVs dealt"]
    assert placed["4"] == (None, suv_pool, by_name["trucks wait"]), "waits in the rule's pool"
    assert (placed["5"][0], placed["5"][2]) == (None, None), "no rule: the default pool"
    assert len(routed) == 4, "each routed lead's history names its rule"
    reasons = sorted(reason for _, reason in (await assignments(sessions)).values())
    assert reasons == ["routing rule SUVs dealt"] * 2 + ["routing rule web to c1"]
