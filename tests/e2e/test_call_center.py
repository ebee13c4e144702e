"""The call center end to end through Kafka: a consultant's call, reported by the cloud
contact center's signed webhooks, becomes a call record; its CallCompleted reaches leads, where
the connected call resets the lead's recycle clock; the grade the consultant then gives the
lead comes back as a callback task. A brand-hotline call transferred to a dealer's consultant:
the part the consultant handled is the dealer's call (its CallCompleted names the consultant,
so leads counts it as their contact) and the consultant wraps it up. The hotline's agent takes
an unknown caller as a lead and a ticket."""

from __future__ import annotations

import json
import secrets
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from crm_call_center.adapters.webhooks import sign
from crm_common.auth.principal import DataScope
from crm_common.testing.kafka import eventually

from .conftest import CTI_WEBHOOK_SECRET, Spine

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
DEALER = "dealer-sh-01"
# Its own number: the spine is shared, and a lead on a phone other tests use would be theirs.
PHONE = f"137{secrets.randbelow(10**8):08d}"
HANDED_PHONE = f"136{secrets.randbelow(10**8):08d}"
UNKNOWN_PHONE = f"135{secrets.randbelow(10**8):08d}"


async def webhook(spine: Spine, event: dict[str, Any]) -> None:
    body = json.dumps(event).encode()
    stamp = str(int(time.time()))
    async with spine.client("call-center") as client:
        response = await client.post(
            "/cti/webhooks/cloud-cc",
            content=body,
            headers={
                "content-type": "application/json",
                "X-CRM-Timestamp": stamp,
                "X-CRM-Signature": sign(CTI_WEBHOOK_SECRET.encode(), stamp, body),
            },
        )
    assert response.status_code == 202, response.text


async def test_a_connected_call_resets_the_leads_recycle_clock_and_its_grade_pushes_a_callback(
    spine: Spine,
) -> None:
    consultant = spine.token(
        "oem-demo", DEALER, DataScope.OWN, roles={"sales_consultant"}, user="e2e-cc-consultant"
    )
    manager = spine.token("oem-demo", DEALER, roles={"sales_manager"}, user="e2e-cc-manager")
    async with spine.client("leads", consultant) as leads:
        created = await leads.post(
            "/leads", json={"customer_name": "孙丽", "phone": PHONE, "source": "phone"}
        )
        assert created.status_code == 201, created.text
        lead = created.json()
    async with spine.client("call-center", manager) as call_center:
        registered = await call_center.post(
            "/agents",
            json={"user_id": "e2e-cc-consultant", "display_name": "孙", "extension": "8201"},
        )
        assert registered.status_code == 201, registered.text

    start = datetime.now(UTC) - timedelta(minutes=2)

    def at(seconds: int) -> str:
        return (start + timedelta(seconds=seconds)).isoformat()

    call = {"call_id": "e2e-cc-1", "direction": "outbound"}
    for event in (
        {**call, "type": "call.created", "at": at(0), "agent_extension": "8201", "to": PHONE},
        {**call, "type": "call.ringing", "at": at(1), "to": PHONE},
        {**call, "type": "call.answered", "at": at(8)},
        {**call, "type": "call.ended", "at": at(8 + 75)},
    ):
        await webhook(spine, event)

    async def followed_up() -> dict[str, Any] | None:
        async with spine.client("leads", consultant) as client:
            found = (await client.get(f"/leads/{lead['id']}")).json()
        reset = found["last_follow_up_at"] != lead["last_follow_up_at"]
        return found if reset else None

    seen = await eventually(followed_up, timeout=90)
    assert seen is not None, "the call never reached leads"
    assert datetime.fromisoformat(seen["last_follow_up_at"]) == start + timedelta(seconds=83)

    async with spine.client("leads", consultant) as leads:
        graded = await leads.post(
            f"/leads/{lead['id']}/follow-ups",
            json={"kind": "visit", "outcome": "came by", "grade": "intent"},
        )
        assert graded.status_code in (200, 201), graded.text

    async def callback() -> list[dict[str, Any]]:
        async with spine.client("call-center", consultant) as client:
            tasks: list[dict[str, Any]] = (await client.get("/call-tasks")).json()
        return [t for t in tasks if t["lead_id"] == lead["id"]]

    tasks = await eventually(callback, timeout=90)
    assert [(t["kind"], t["assignee"], t["status"]) for t in tasks] == [
        ("lead_callback", "e2e-cc-consultant", "open")
    ]
    async with httpx.AsyncClient(base_url=spine.urls["call-center"]) as anonymous:
        assert (await anonymous.get("/calls")).status_code == 401


async def test_a_hotline_call_handed_to_a_dealers_consultant_counts_at_the_dealer(
    spine: Spine,
) -> None:
    consultant = spine.token(
        "oem-demo", DEALER, DataScope.OWN, roles={"sales_consultant"}, user="e2e-handed-to"
    )
    manager = spine.token("oem-demo", DEALER, roles={"sales_manager"}, user="e2e-cc-manager")
    supervisor = spine.token(
        "oem-demo",
        "demo-hq",
        DataScope.SUBTREE,
        roles={"call_center_supervisor"},
        user="e2e-cc-supervisor",
    )
    async with spine.client("leads", consultant) as leads:
        created = await leads.post(
            "/leads", json={"customer_name": "钱伟", "phone": HANDED_PHONE, "source": "phone"}
        )
        assert created.status_code == 201, created.text
        lead = created.json()
    for token, agent in (
        (manager, {"user_id": "e2e-handed-to", "display_name": "钱", "extension": "8202"}),
        (supervisor, {"user_id": "e2e-hotline", "display_name": "热线", "extension": "8102"}),
    ):
        async with spine.client("call-center", token) as call_center:
            registered = await call_center.post("/agents", json=agent)
            assert registered.status_code == 201, registered.text

    start = datetime.now(UTC) - timedelta(minutes=3)

    def at(seconds: int) -> str:
        return (start + timedelta(seconds=seconds)).isoformat()

    call = {"call_id": "e2e-handed-1", "direction": "inbound"}
    for event in (
        {**call, "type": "call.created", "at": at(0), "from": HANDED_PHONE, "to": "4008001234"},
        {**call, "type": "call.ringing", "at": at(1), "agent_extension": "8102"},
        {**call, "type": "call.answered", "at": at(5), "agent_extension": "8102"},
        {
            **call,
            "type": "call.transferred",
            "at": at(35),
            "agent_extension": "8102",
            "target": "8202",
        },
        {**call, "type": "call.ended", "at": at(95)},
    ):
        await webhook(spine, event)

    async def dealers_part() -> dict[str, Any] | None:
        # The consultant sees the hotline's call (handed to them) too: their part is listed
        # inside it, one call, not a second row.
        async with spine.client("call-center", consultant) as client:
            calls: list[dict[str, Any]] = (await client.get("/calls")).json()
        assert not any(c["part_of"] for c in calls), "a part listed beside its call"
        return next(
            (p for c in calls for p in c["parts"] if p["part_of"] == c["id"] and p["ended_at"]),
            None,
        )

    part = await eventually(dealers_part, timeout=60)
    assert part is not None, "the dealer's part never became a call"
    assert (part["owner_org"], part["agent_user"], part["talk_seconds"]) == (
        DEALER,
        "e2e-handed-to",
        60,
    )
    async with spine.client("call-center", consultant) as call_center:
        wrapped = await call_center.post(
            f"/calls/{part['id']}/disposition",
            json={"disposition": "test_drive_booked", "notes": "转到店里, 周六试驾"},
        )
        assert wrapped.status_code == 204, wrapped.text
        hotline_s = (await call_center.get(f"/calls/{part['part_of']}")).json()
    assert hotline_s["customer_phone"] == HANDED_PHONE, "the consultant sees the record in full"
    assert (hotline_s["owner_org"], hotline_s["agent_user"], hotline_s["talk_seconds"]) == (
        "demo-hq",
        "e2e-hotline",
        30,
    )
    assert (hotline_s["handed_to"], hotline_s["handed_to_org"]) == ("e2e-handed-to", DEALER)

    async def counted_for_the_consultant() -> dict[str, Any] | None:
        async with spine.client("leads", consultant) as client:
            found = (await client.get(f"/leads/{lead['id']}")).json()
        return found if found["last_follow_up_at"] != lead["last_follow_up_at"] else None

    seen = await eventually(counted_for_the_consultant, timeout=90)
    assert seen is not None, "the dealer's part never reached leads as the consultant's call"
    assert datetime.fromisoformat(seen["last_follow_up_at"]) == start + timedelta(seconds=95)


async def test_the_hotline_agent_takes_an_unknown_caller_as_a_lead_and_a_ticket(
    spine: Spine,
) -> None:
    agent = spine.token(
        "oem-demo", "demo-hq", DataScope.OWN, roles={"call_center_agent"}, user="e2e-hotline"
    )
    async with spine.client("leads", agent) as leads:
        created = await leads.post(
            "/leads", json={"customer_name": "新客户", "phone": UNKNOWN_PHONE, "source": "phone"}
        )
    assert created.status_code == 201, created.text
    lead = created.json()
    assert (lead["owner_org"], lead["owner_user"], lead["created_by"]) == (
        "demo-hq",
        None,
        "e2e-hotline",
    ), "into the hotline's book (HQ distributes it), waiting in its pool"
    async with spine.client("service-desk", agent) as desk:
        opened = await desk.post(
            "/tickets",
            json={
                "subject": "询问保养价格",
                "kind": "inquiry",
                "channel": "phone",
                "phone": UNKNOWN_PHONE,
                "customer_name": "新客户",
            },
        )
    assert opened.status_code == 201, opened.text
    assert opened.json()["owner_org"] == "demo-hq"
