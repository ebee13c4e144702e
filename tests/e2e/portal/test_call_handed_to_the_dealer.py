"""A dealer's customer calls the brand hotline, played on the spine's PBX (the in-repo AMI server
replaying a real transfer's events): the call rings the hotline agent, whose console pops the
caller up for routing only (who works them, nothing else); the agent answers on the phone and
passes the caller in one click to the consultant who works them — the call center tells the PBX
(``BlindTransfer`` of the agent's leg). The consultant's phone rings and their console, in their
own browser session, pops up their customer in full; once the call ended it is on the
customer's file, in the timeline the consultant opens from the pop, and in the dealer's book."""

from __future__ import annotations

import re
import secrets
import time
from typing import Any

import pytest
from playwright.async_api import expect

from crm_common.testing.ami_server import Message, parse_transcript
from crm_common.testing.kafka import eventually

from .conftest import ROOT, Portal
from .test_call_center_supervisor import registered_agent
from .test_service_desk_portal import user_id

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

TRANSFERRED = ROOT / "services" / "call-center" / "tests" / "transcripts" / "transferred.ami"
DEALER = "dealer-sh-01"


def transferred_call(caller: str, agent: str, consultant: str) -> list[Message]:
    """The transcript's call flow as this call's: its own channel ids, the caller's number, the
    agent's and the consultant's extensions (the hotline's queue left out: the spine has none)."""
    call_key = f"{int(time.time())}{secrets.randbelow(10**6):06d}"
    text = TRANSFERRED.read_text(encoding="utf-8")
    text = text.replace("1733477000", call_key).replace("13600136000", caller)
    text = re.sub(r"\b8001\b", agent, text)
    text = re.sub(r"\b8002\b", consultant, text)
    return [m for m in parse_transcript(text) if m.get("Event") != "QueueCallerJoin"]


def through(messages: list[Message], event: str, occurrence: int = 1) -> int:
    """Where the flow stops to let the browser act: just after the n-th ``event``."""
    seen = 0
    for index, message in enumerate(messages):
        if message.get("Event") == event:
            seen += 1
            if seen == occurrence:
                return index + 1
    raise AssertionError(f"no {event} #{occurrence} in the transcript")


async def consultant_extension(portal: Portal) -> tuple[str, str, str]:
    """sh01.consultant1's user id, extension and name as an agent (the dealer's BDC):
    registered by their manager on first use, read back from the transfer directory."""
    consultant = await user_id(portal, "sh01.consultant1")
    registered = await portal.api(
        "sh01.manager",
        "call-center",
        "POST",
        "/agents",
        {
            "user_id": consultant,
            "display_name": "销售顾问一号",
            "extension": f"7{secrets.randbelow(10_000):04d}",
        },
    )
    assert registered.status_code in (201, 409), registered.text  # 409: registered already
    found = await portal.api(
        "cc.agent", "call-center", "GET", f"/transfer-targets?search={consultant}"
    )
    (target,) = [t for t in found.json() if t["kind"] == "agent" and t["target"] == consultant]
    return consultant, str(target["extension"]), str(target["name"])


async def test_the_hotline_hands_a_call_to_the_consultant_who_sees_it_on_the_customer(
    portal_users: Portal,
) -> None:
    pbx = portal_users.spine.pbx
    _, agent_extension = await registered_agent(portal_users, "cc.agent")
    consultant_id, extension, consultant_name = await consultant_extension(portal_users)
    caller = f"136{secrets.randbelow(10**8):08d}"
    name = f"转接客户{secrets.token_hex(2)}"
    lead = await portal_users.api(
        "sh01.consultant1",
        "leads",
        "POST",
        "/leads",
        {"customer_name": name, "phone": caller, "source": "phone"},
    )
    assert lead.status_code == 201, lead.text
    lead_id, customer_id = lead.json()["id"], lead.json()["customer_id"]

    agent = await portal_users.open_as("cc.agent")
    await agent.page.goto(f"{portal_users.url}/service/console")
    await expect(agent.page.get_by_text("来电推送已连接")).to_be_visible()
    consultant = await portal_users.open_as("sh01.consultant1")
    await consultant.page.goto(f"{portal_users.url}/service/console")
    await expect(consultant.page.get_by_text("来电推送已连接")).to_be_visible()

    flow = transferred_call(caller, agent_extension, extension)
    base = time.time() - 100  # the flow's 100 seconds end about now
    rings_agent, answered = through(flow, "DialBegin"), through(flow, "BridgeEnter", 2)
    rings_consultant = through(flow, "DialBegin", 2)
    await pbx.play(flow[:rings_agent], base_time=base)
    # The hotline sees who works the dealer's customer, not the customer (figures only shared).
    pop = agent.page.locator('[data-pop="routing"]')
    await expect(pop).to_contain_text(caller)
    await expect(pop).to_contain_text(DEALER)
    await expect(pop).not_to_contain_text(name)
    # The owner by the name the call center knows them by, not their user id.
    await expect(pop).to_contain_text(consultant_name)
    await expect(pop).not_to_contain_text(consultant_id)
    await pbx.play(flow[rings_agent:answered], base_time=base)  # answered on the phone

    controls = agent.page.locator(".call-controls")
    to_owner = controls.locator(f'[data-transfer-owner="{consultant_id}"]')
    await expect(to_owner).to_contain_text(consultant_name)
    await agent.screenshot("service-console-transfer-to-owner")
    await agent.check_accessibility("agent console with a caller to put through")
    await to_owner.click()
    await expect(agent.page.get_by_text("已发起转接")).to_be_visible()

    async def told() -> list[dict[str, Any]]:
        return [a for a in pbx.commanded if a.get("Action") == "BlindTransfer"]

    transfers = await eventually(told, timeout=15, interval=0.1)
    leg = next(
        m["Channel"] for m in flow if m.get("Channel", "").startswith(f"PJSIP/{agent_extension}-")
    )
    assert [(a["Channel"], a["Exten"]) for a in transfers if a["Channel"] == leg] == [
        (leg, extension)
    ]

    # The PBX reports the transfer; the consultant's phone rings: their console pops their
    # customer up in full, in their own session.
    await pbx.play(flow[answered:rings_consultant], base_time=base)
    theirs = consultant.page.locator('[data-pop="customer"]')
    await expect(theirs).to_contain_text(name)
    await expect(theirs).to_contain_text(caller)
    await consultant.screenshot("service-console-call-from-the-hotline")
    await consultant.check_accessibility("consultant's console with a transferred call")
    await pbx.play(flow[rings_consultant:], base_time=base)  # they talk; the customer hangs up

    async def handed() -> dict[str, Any] | None:
        calls = await portal_users.api("sh01.consultant1", "call-center", "GET", "/calls?limit=50")
        # The hotline's call, handed to the dealer (the consultant's part is a call of its own).
        return next(
            (
                c
                for c in calls.json()
                if c["customer_phone"] == caller and c["ended_at"] and c["handed_to"]
            ),
            None,
        )

    call = await eventually(handed, timeout=30)
    assert call is not None, "the consultant sees the call in their book"
    assert (call["handed_to"], call["handed_to_org"]) == (consultant_id, DEALER)
    # The hotline's pop found no lead of the dealer's customer (routing only): its call keeps
    # none; the consultant's own pop linked their part.
    assert (call["lead_id"], call["customer_id"]) == (None, None)
    [own_part] = call["parts"]
    assert (own_part["lead_id"], own_part["customer_id"]) == (lead_id, customer_id)

    async def on_the_file() -> dict[str, Any] | None:
        file = await portal_users.api(
            "sh01.consultant1", "leads", "GET", f"/customers/{customer_id}"
        )
        return next(
            (
                e
                for e in file.json()["timeline"]
                if e["kind"] == "call" and e["subject_id"] == call["id"] and e["details"]["parts"]
            ),
            None,
        )

    entry = await eventually(on_the_file, timeout=60, interval=0.5)
    assert entry is not None, "both parts' CallCompleted reached leads"
    file = await portal_users.api("sh01.consultant1", "leads", "GET", f"/customers/{customer_id}")
    calls_on_file = [e for e in file.json()["timeline"] if e["kind"] in ("call", "call_part")]
    assert len(calls_on_file) == 1, "the handed call is one entry, its part inside it"
    (part,) = entry["details"]["parts"]
    assert part["talk_seconds"] == 60
    # Each agent by name, never by a user id the consultant may not read (HQ's users).
    assert entry["details"]["agent_name"]
    assert part["agent_name"]
    assert "agent_user" not in entry["details"]
    assert "agent_user" not in part
    await theirs.locator(f'[data-customer-file="{customer_id}"]').click()
    page = consultant.page
    await expect(page.get_by_role("heading", name=f"客户档案: {name}")).to_be_visible()
    await expect(page.locator("[data-customer-phone]")).to_contain_text(caller)
    # The hotline's talk and the consultant's part are one call (CallCompleted v2 names the
    # call a part belongs to), each agent by name.
    call_entry = page.locator('[data-timeline="call"]')
    await expect(call_entry).to_have_count(1)
    await expect(call_entry).to_contain_text("通话")
    await expect(call_entry).to_contain_text("呼入")
    await expect(call_entry).to_contain_text(entry["details"]["agent_name"])
    await expect(call_entry).to_contain_text(f"转接 {part['agent_name']} 60 秒")
    await consultant.screenshot("customer-file-with-the-hotline-call")
    await consultant.check_accessibility("customer file")
    assert not agent.csp_violations
    assert not consultant.csp_violations
