"""The call center end to end through Kafka: a consultant's call, reported by the cloud
contact center's signed webhooks, becomes a call record; its CallCompleted reaches leads, where
the connected call resets the lead's recycle clock; the grade the consultant then gives the
lead comes back as a callback task."""

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
