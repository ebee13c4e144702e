"""Tickets through the HTTP API on real PostgreSQL: opening (with leads' directory over gRPC),
working, resolving and closing; who sees and changes what; 404/409/422; events in the
outbox."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.db.tables import outbox, personal_data_audit, sharing_levels
from crm_common.policy import DataType, Direction, SharingLevel
from crm_common.testing.services import AsUser
from crm_service_desk.application.escalations import sweep_escalations

from .conftest import PEOPLE, TENANT, KnownCustomers

Sessions = async_sessionmaker[AsyncSession]
PHONE = "138 0013 8000"
VIN = "LSVAU2180N2183295"


async def events_of(sessions: Sessions, ticket_id: str) -> list[str]:
    async with sessions() as session:
        rows = await session.execute(
            select(outbox.c.event_type).where(outbox.c.key == ticket_id).order_by(outbox.c.id)
        )
        return list(rows.scalars())


async def open_as(as_user: AsUser, who: Any, **body: Any) -> dict[str, Any]:
    async with as_user(who) as client:
        response = await client.post("/tickets", json={"subject": "刹车异响", **body})
    assert response.status_code == 201, response.text
    ticket: dict[str, Any] = response.json()
    return ticket


async def test_a_ticket_for_a_known_phone_names_the_customer_file(
    as_user: AsUser, sessions: Sessions, directory: KnownCustomers
) -> None:
    customer = uuid.uuid4()
    directory.customers["+8613800138000"] = (customer, "王伟")
    ticket = await open_as(
        as_user, PEOPLE.advisor, phone=PHONE, vin=VIN.lower(), channel="phone", kind="inquiry"
    )
    assert ticket["customer"] == {
        "customer_id": str(customer),
        "name": "王伟",
        "phone": "+8613800138000",
    }
    assert ticket["vehicle"]["vin"] == VIN
    assert ticket["number"].startswith("SD-")
    assert (ticket["owner_org"], ticket["owner_user"], ticket["status"]) == (
        "dealer-a",
        "sa1",
        "open",
    )
    assert ticket["response_due_at"] is not None
    assert ticket["resolve_due_at"] is not None
    # leads answered the caller, not the service: the caller's own token travelled.
    assert [token.split(" ")[0] for token in directory.tokens] == ["Bearer"]
    assert await events_of(sessions, ticket["id"]) == ["service-desk.TicketOpened"]


async def test_a_masked_name_from_the_directory_is_not_kept(
    as_user: AsUser, directory: KnownCustomers
) -> None:
    directory.customers["+8613800138000"] = (uuid.uuid4(), "王*")
    ticket = await open_as(as_user, PEOPLE.advisor, phone=PHONE)
    assert ticket["customer"]["name"] is None
    assert ticket["customer"]["customer_id"] is not None


async def test_quick_entry_takes_the_phone_and_the_subject(
    as_user: AsUser, directory: KnownCustomers
) -> None:
    async with as_user(PEOPLE.advisor) as client:
        response = await client.post("/tickets/quick", json={"phone": PHONE, "subject": "预约保养"})
    assert response.status_code == 201, response.text
    ticket = response.json()
    assert (ticket["channel"], ticket["kind"], ticket["priority"]) == (
        "phone",
        "service_request",
        "normal",
    )


async def test_bad_input_answers_422_naming_the_field(
    as_user: AsUser, directory: KnownCustomers
) -> None:
    async with as_user(PEOPLE.advisor) as client:
        unknown_category = await client.post("/tickets", json={"subject": "x", "category": "nope"})
        bad_vin = await client.post("/tickets", json={"subject": "x", "vin": "I" * 17})
        bad_phone = await client.post("/tickets", json={"subject": "x", "phone": "call me now"})
        smuggled = await client.post("/tickets", json={"subject": "x", "owner_org": "dealer-b"})
        unknown_assignee = await client.post("/tickets", json={"subject": "x", "assignee": "ghost"})
    assert [e["loc"] for e in unknown_category.json()["detail"]] == [["body", "category"]]
    assert [e["loc"] for e in bad_vin.json()["detail"]] == [["body", "vehicle.vin"]]
    assert [e["loc"] for e in bad_phone.json()["detail"]] == [["body", "phone"]]
    assert smuggled.json()["detail"][0]["type"] == "extra_forbidden"
    assert [e["loc"] for e in unknown_assignee.json()["detail"]] == [["body", "assignee"]]
    assert {
        r.status_code for r in (unknown_category, bad_vin, bad_phone, smuggled, unknown_assignee)
    } == {422}


async def test_categories_and_sla_policies_of_the_book_set_the_targets(
    as_user: AsUser, directory: KnownCustomers
) -> None:
    async with as_user(PEOPLE.hq_admin) as hq:
        parent = await hq.post(
            "/ticket-categories",
            json={"code": "repair", "name": "维修", "default_priority": "high"},
        )
        assert parent.status_code == 201, parent.text
        again = await hq.post("/ticket-categories", json={"code": "repair", "name": "维修"})
        assert again.status_code == 409
    async with as_user(PEOPLE.dealer_admin) as admin:
        child = await admin.post(
            "/ticket-categories",
            json={
                "code": "brakes",
                "name": "制动",
                "parent_code": "repair",
                "default_priority": "urgent",
            },
        )
        assert child.status_code == 201, child.text
        policies = await admin.put(
            "/sla-policies",
            json={
                "policies": [
                    {
                        "category_code": "repair",
                        "first_response_minutes": 30,
                        "resolution_minutes": 120,
                    }
                ]
            },
        )
        assert policies.status_code == 200, policies.text
        unknown = await admin.put(
            "/sla-policies", json={"policies": [{"category_code": "nope", "resolution_minutes": 5}]}
        )
        assert [e["loc"] for e in unknown.json()["detail"]] == [
            ["body", "policies.0.category_code"]
        ]
        listed = await admin.get("/ticket-categories")
        assert sorted(c["code"] for c in listed.json()) == ["brakes", "repair"]
        # A page at a time, by code.
        pages = [
            (await admin.get("/ticket-categories", params={"limit": 1, "offset": n})).json()
            for n in (0, 1)
        ]
        assert [c["code"] for page in pages for c in page] == ["brakes", "repair"]
        one = await admin.get("/sla-policies", params={"limit": 1})
        assert len(one.json()) == 1
    ticket = await open_as(as_user, PEOPLE.advisor, category="brakes")
    assert ticket["priority"] == "urgent"  # the category's default
    async with as_user(PEOPLE.advisor) as client:
        forbidden = await client.put("/sla-policies", json={"policies": []})
    assert forbidden.status_code == 403


async def test_another_dealer_gets_404_and_the_oem_sees_complaints_masked(
    as_user: AsUser, sessions: Sessions, directory: KnownCustomers
) -> None:
    directory.customers["+8613800138000"] = (uuid.uuid4(), "王伟")
    request = await open_as(as_user, PEOPLE.advisor, phone=PHONE)
    complaint = await open_as(as_user, PEOPLE.advisor, phone=PHONE, kind="complaint")
    async with as_user(PEOPLE.other_advisor) as other:
        assert (await other.get(f"/tickets/{request['id']}")).status_code == 404
        assert (await other.get(f"/tickets/{complaint['id']}")).status_code == 404
        reply = await other.post(
            f"/tickets/{request['id']}/entries", json={"kind": "reply", "body": "hi"}
        )
        assert reply.status_code == 404
    async with as_user(PEOPLE.hq_analyst) as hq:
        # Tickets reach the OEM as figures only; complaints as records, personal data masked.
        assert (await hq.get(f"/tickets/{request['id']}")).status_code == 404
        seen = await hq.get(f"/tickets/{complaint['id']}")
        assert seen.status_code == 200
        assert seen.json()["customer"]["name"] == "王*"
        assert seen.json()["customer"]["phone"] == "138****8000"
        assert [t["id"] for t in (await hq.get("/tickets")).json()] == [complaint["id"]]
    async with as_user(PEOPLE.hq_admin) as hq_admin:
        # Seeing is not changing: HQ's write scope does not reach into a dealer's book.
        closing = await hq_admin.post(
            f"/tickets/{complaint['id']}/entries", json={"kind": "note", "body": "look"}
        )
        assert closing.status_code == 404
    async with sessions() as session, session.begin():
        await session.execute(
            insert(sharing_levels).values(
                tenant=TENANT,
                data_type=DataType.COMPLAINT.value,
                direction=Direction.DEALER_TO_OEM.value,
                dealer_id="dealer-a",
                partner_id="*",
                level=SharingLevel.AGGREGATE.value,
            )
        )
        audited = await session.execute(
            select(personal_data_audit.c.level).where(
                personal_data_audit.c.resource_id == complaint["id"]
            )
        )
        assert list(audited.scalars()) == ["masked"]
    async with as_user(PEOPLE.hq_analyst) as hq:
        assert (await hq.get(f"/tickets/{complaint['id']}")).status_code == 404


async def test_a_command_reaches_the_shared_write_scope_whatever_is_shared(
    as_user: AsUser, sessions: Sessions
) -> None:
    """Commands find their ticket through ``crm_common.policy.changeable_by`` (plus the tickets
    raised to the caller's node): the dealer's people change its ticket; HQ, its region,
    another dealer and the call center get 404 even with its complaints shared in full; roles
    without the function get 403."""
    async with sessions() as session, session.begin():
        await session.execute(
            insert(sharing_levels).values(
                tenant=TENANT,
                data_type=DataType.COMPLAINT.value,
                direction=Direction.DEALER_TO_OEM.value,
                dealer_id="dealer-a",
                partner_id="*",
                level=SharingLevel.FULL.value,
            )
        )
    dealers = await open_as(as_user, PEOPLE.advisor, kind="complaint")
    hqs = await open_as(as_user, PEOPLE.agent, kind="complaint")
    expected = {
        PEOPLE.advisor: (201, 404),
        PEOPLE.advisor2: (201, 404),  # another node of the same dealer
        PEOPLE.dealer_admin: (201, 404),
        PEOPLE.other_advisor: (404, 404),
        PEOPLE.agent: (404, 201),  # own scope: the tickets it owns
        PEOPLE.hq_admin: (404, 201),  # reads the dealer's complaint in full, never changes it
        PEOPLE.hq_analyst: (403, 403),
        PEOPLE.region: (404, 404),  # reads the dealer's complaint, works only what is raised
        PEOPLE.consultant: (403, 403),
    }
    for who, statuses in expected.items():
        async with as_user(who) as client:
            answered = tuple(
                [
                    (
                        await client.post(
                            f"/tickets/{ticket['id']}/entries", json={"kind": "note", "body": "x"}
                        )
                    ).status_code
                    for ticket in (dealers, hqs)
                ]
            )
        assert answered == statuses, who.user_id
    async with as_user(PEOPLE.hq_analyst) as hq:
        assert (await hq.get(f"/tickets/{dealers['id']}")).status_code == 200


async def test_the_region_works_what_the_ladder_raised_to_it(
    as_user: AsUser, sessions: Sessions
) -> None:
    """A dealer's ticket raised to the region (the dealer's ladder: the region at breach) is
    the region manager's to work — a reply, a hand-back to someone of the dealer, the
    resolution — and shows as theirs to change (``may_change``); the dealer's other tickets
    they read but do not change, and HQ, above the region, works neither."""
    async with as_user(PEOPLE.dealer_admin) as admin:
        ladder = await admin.put(
            "/escalation-ladder",
            json={
                "steps": [
                    {
                        "name": "late_to_region",
                        "target": "resolution",
                        "percent": 100,
                        "action": "raise_to_region",
                    }
                ]
            },
        )
        assert ladder.status_code == 200, ladder.text
    raised = await open_as(as_user, PEOPLE.advisor, kind="complaint", phone=PHONE)
    applied = await sweep_escalations(
        sessions, now=datetime.now(UTC) + timedelta(days=60), timezone="Asia/Shanghai"
    )
    assert applied == 1
    kept = await open_as(as_user, PEOPLE.advisor, kind="complaint", phone=PHONE)
    async with as_user(PEOPLE.region) as region:
        # Complaints reach the OEM's side masked by default: the region reads both.
        listed = (await region.get("/tickets")).json()
        assert {t["id"]: (t["raised_to_org"], t["may_change"]) for t in listed} == {
            raised["id"]: ("east", True),
            kept["id"]: (None, False),
        }
        url = f"/tickets/{raised['id']}"
        reply = await region.post(f"{url}/entries", json={"kind": "reply", "body": "区域已介入"})
        assert reply.status_code == 201, reply.text
        handed = await region.post(f"{url}/reassignment", json={"assignee": "sa2"})
        assert handed.status_code == 200, handed.text
        handling = {"responsible_user": "sa2", "root_cause": "刹车片批次问题"}
        handled = await region.put(f"{url}/complaint", json=handling)
        assert handled.status_code == 200, handled.text
        resolved = await region.post(f"{url}/resolution", json={"resolution": "更换刹车片"})
        assert resolved.json()["status"] == "resolved", resolved.text
        untouched = await region.post(
            f"/tickets/{kept['id']}/entries", json={"kind": "note", "body": "x"}
        )
        assert untouched.status_code == 404
    async with as_user(PEOPLE.advisor) as advisor:
        ours = {t["id"]: t["may_change"] for t in (await advisor.get("/tickets")).json()}
        assert ours == {raised["id"]: True, kept["id"]: True}
        assert (await advisor.get(url)).json()["owner_user"] == "sa2"
    async with as_user(PEOPLE.hq_admin) as hq:
        note = await hq.post(f"{url}/entries", json={"kind": "note", "body": "x"})
        assert note.status_code == 404
        seen = await hq.get(url)
        assert (seen.status_code, seen.json()["may_change"]) == (200, False)


async def test_a_ticket_from_open_to_closed(
    as_user: AsUser, sessions: Sessions, directory: KnownCustomers
) -> None:
    ticket = await open_as(as_user, PEOPLE.advisor)
    url = f"/tickets/{ticket['id']}"
    async with as_user(PEOPLE.advisor) as client:
        note = await client.post(f"{url}/entries", json={"kind": "note", "body": "parts ordered"})
        assert note.status_code == 201
        reply = await client.post(f"{url}/entries", json={"kind": "reply", "body": "我们已收到"})
        assert reply.status_code == 201
        held = await client.post(f"{url}/hold", json={"waiting_for": "partner"})
        assert (held.json()["status"], held.json()["resolve_due_at"]) == ("waiting", None)
        assert (
            await client.post(f"{url}/hold", json={"waiting_for": "partner"})
        ).status_code == 409
        resumed = await client.post(f"{url}/resume")
        assert resumed.json()["resolve_due_at"] is not None
        assert (await client.post(f"{url}/closure", json={})).status_code == 409
        resolved = await client.post(f"{url}/resolution", json={"resolution": "pads replaced"})
        assert resolved.json()["status"] == "resolved"
        closed = await client.post(f"{url}/closure", json={"customer_satisfied": True})
        assert closed.json()["status"] == "closed"
        late_reply = await client.post(f"{url}/entries", json={"kind": "reply", "body": "x"})
        assert late_reply.status_code == 409
        entries = (await client.get(f"{url}/entries")).json()
        history = (await client.get(f"{url}/history")).json()
    assert [(e["kind"], e["body"]) for e in entries] == [
        ("note", "parts ordered"),
        ("reply", "我们已收到"),
    ]
    assert [h["action"] for h in history] == [
        "opened",
        "waiting",
        "resumed",
        "resolved",
        "closed",
    ]
    assert await events_of(sessions, ticket["id"]) == [
        "service-desk.TicketOpened",
        "service-desk.TicketResolved",
        "service-desk.TicketClosed",
    ]


async def test_a_complaint_needs_its_owner_and_root_cause(
    as_user: AsUser, directory: KnownCustomers
) -> None:
    complaint = await open_as(as_user, PEOPLE.advisor, kind="complaint")
    url = f"/tickets/{complaint['id']}"
    async with as_user(PEOPLE.advisor) as client:
        early = await client.post(f"{url}/resolution", json={"resolution": "sorry"})
        assert early.status_code == 409
        assert "root cause" in early.json()["detail"]
        unknown = await client.put(f"{url}/complaint", json={"responsible_user": "ghost"})
        assert [e["loc"] for e in unknown.json()["detail"]] == [["body", "responsible_user"]]
        handled = await client.put(
            f"{url}/complaint", json={"responsible_user": "da1", "root_cause": "wrong part"}
        )
        assert handled.json()["complaint"]["responsible_user"] == "da1"
        resolved = await client.post(f"{url}/resolution", json={"resolution": "replaced"})
        assert resolved.status_code == 200
        closed = await client.post(f"{url}/closure", json={"customer_satisfied": False})
    assert closed.json()["complaint"]["customer_satisfied"] is False
    ticket = await open_as(as_user, PEOPLE.advisor)
    async with as_user(PEOPLE.advisor) as client:
        not_a_complaint = await client.put(
            f"/tickets/{ticket['id']}/complaint", json={"root_cause": "x"}
        )
    assert not_a_complaint.status_code == 409


async def test_reassignment_merge_and_watchers(
    as_user: AsUser, sessions: Sessions, directory: KnownCustomers
) -> None:
    first = await open_as(as_user, PEOPLE.advisor, phone=PHONE)
    duplicate = await open_as(as_user, PEOPLE.advisor2, phone=PHONE)
    async with as_user(PEOPLE.advisor) as advisor:
        assert (
            await advisor.post(f"/tickets/{first['id']}/reassignment", json={"assignee": "sa2"})
        ).status_code == 403
        watched = await advisor.put(f"/tickets/{duplicate['id']}/watchers/sa1")
        assert watched.status_code == 204
        stranger = await advisor.put(f"/tickets/{duplicate['id']}/watchers/sb1")
        assert stranger.status_code == 422
    async with as_user(PEOPLE.dealer_admin) as admin:
        moved = await admin.post(f"/tickets/{first['id']}/reassignment", json={"assignee": "sa2"})
        assert (moved.json()["owner_user"]) == "sa2"
        foreign = await admin.post(f"/tickets/{first['id']}/reassignment", json={"assignee": "sb1"})
        assert [e["loc"] for e in foreign.json()["detail"]] == [["body", "assignee"]]
        merged = await admin.post(f"/tickets/{duplicate['id']}/merge", json={"into": first["id"]})
        assert merged.json()["id"] == first["id"]
        again = await admin.post(f"/tickets/{duplicate['id']}/merge", json={"into": first["id"]})
        assert again.status_code == 409
        assert (await admin.get(f"/tickets/{first['id']}/watchers")).json() == ["sa1"]
        gone = (await admin.get(f"/tickets/{duplicate['id']}")).json()
    assert (gone["status"], gone["merged_into"]) == ("merged", first["id"])
    assert await events_of(sessions, duplicate["id"]) == [
        "service-desk.TicketOpened",
        "service-desk.TicketClosed",
    ]
    async with as_user(PEOPLE.advisor) as advisor:
        mine = await advisor.get("/tickets", params={"watching": "true"})
    assert [t["id"] for t in mine.json()] == [first["id"]]


async def test_search_by_phone_vin_number_and_text(
    as_user: AsUser, directory: KnownCustomers
) -> None:
    brakes = await open_as(
        as_user, PEOPLE.advisor, phone=PHONE, vin=VIN, description="前轮刹车片磨损"
    )
    await open_as(as_user, PEOPLE.advisor, subject="Air conditioning smells", phone="139 0000 0000")
    await open_as(as_user, PEOPLE.other_advisor, phone=PHONE, vin=VIN)  # another dealer's
    async with as_user(PEOPLE.advisor) as client:
        by_phone = await client.get("/tickets", params={"phone": "+86 138-0013-8000"})
        by_vin = await client.get("/tickets", params={"vin": VIN})
        by_number = await client.get("/tickets", params={"number": brakes["number"]})
        chinese = await client.get("/tickets", params={"q": "刹车"})
        english = await client.get("/tickets", params={"q": "conditioning"})
        bad_vin = await client.get("/tickets", params={"vin": "I" * 17})
    assert [t["id"] for t in by_phone.json()] == [brakes["id"]]
    assert [t["id"] for t in by_vin.json()] == [brakes["id"]]
    assert [t["id"] for t in by_number.json()] == [brakes["id"]]
    assert [t["id"] for t in chinese.json()] == [brakes["id"]]
    assert [t["subject"] for t in english.json()] == ["Air conditioning smells"]
    assert [e["loc"] for e in bad_vin.json()["detail"]] == [["query", "vin"]]


async def test_calendar_and_ladder_configuration(as_user: AsUser) -> None:
    async with as_user(PEOPLE.dealer_admin) as admin:
        calendar = await admin.put(
            "/business-calendar",
            json={
                "timezone": "Asia/Shanghai",
                "weekly": {"0": [{"opens": "08:30", "closes": "17:30"}]},
                "holidays": ["2026-12-25"],
            },
        )
        assert calendar.status_code == 200, calendar.text
        bad_zone = await admin.put(
            "/business-calendar", json={"timezone": "Mars/Base", "weekly": {}}
        )
        assert [e["loc"] for e in bad_zone.json()["detail"]] == [["body", "timezone"]]
        ladder = await admin.put(
            "/escalation-ladder",
            json={
                "steps": [
                    {
                        "name": "late",
                        "target": "resolution",
                        "percent": 100,
                        "action": "raise_to_region",
                    }
                ],
                "team_lead": "da1",
            },
        )
        assert ladder.status_code == 200, ladder.text
        unknown_lead = await admin.put(
            "/escalation-ladder", json={"steps": [], "team_lead": "ghost"}
        )
        assert [e["loc"] for e in unknown_lead.json()["detail"]] == [["body", "team_lead"]]
    async with as_user(PEOPLE.advisor) as advisor:
        assert (await advisor.get("/business-calendar")).json()["holidays"] == ["2026-12-25"]
        assert [s["name"] for s in (await advisor.get("/escalation-ladder")).json()["steps"]] == [
            "late"
        ]
    async with as_user(PEOPLE.other_advisor) as other:
        default = (await other.get("/escalation-ladder")).json()
    assert default["steps"][0]["name"] == "response_breach_notify_owner"


async def test_a_ticket_s_entries_and_history_come_a_page_at_a_time(as_user: AsUser) -> None:
    ticket = await open_as(as_user, PEOPLE.advisor)
    async with as_user(PEOPLE.advisor) as client:
        for n in range(3):
            added = await client.post(
                f"/tickets/{ticket['id']}/entries", json={"kind": "note", "body": f"note {n}"}
            )
            assert added.status_code == 201, added.text
        path = f"/tickets/{ticket['id']}/entries"
        first = (await client.get(path, params={"limit": 2})).json()
        rest = (await client.get(path, params={"limit": 2, "offset": 2})).json()
        assert [e["body"] for e in first + rest] == ["note 0", "note 1", "note 2"]
        history = await client.get(f"/tickets/{ticket['id']}/history", params={"limit": 1})
        assert len(history.json()) == 1
        watched = f"/tickets/{ticket['id']}/watchers"
        for user in ("sa2", "sa1"):
            assert (await client.put(f"{watched}/{user}")).status_code < 300
        first_watcher = (await client.get(watched, params={"limit": 1})).json()
        next_watcher = (await client.get(watched, params={"limit": 1, "offset": 1})).json()
        assert (first_watcher, next_watcher) == (["sa1"], ["sa2"])
        too_many = await client.get(path, params={"limit": 501})
        assert too_many.status_code == 422
        assert too_many.json()["detail"][0]["loc"] == ["query", "limit"]
