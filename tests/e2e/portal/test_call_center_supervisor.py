"""The supervisor's side of the call center in a real browser: the wallboard follows an agent's
state and calls as the call center pushes them (no reload, nothing polled), today's figures per
agent in their row and chart; a recorded call plays in the browser through the BFF (range
requests to the call center, each opening audited), is scored on the QA form and commented at a
moment of the recording."""

from __future__ import annotations

import io
import re
import secrets
import wave
from datetime import UTC, datetime, timedelta

import pytest
from playwright.async_api import expect

from crm_call_center.domain.quality import recording_key
from crm_common.storage import FilesystemStore

from ..test_call_center import webhook
from .conftest import Portal
from .test_service_desk_portal import user_id

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


_EXTENSIONS: dict[str, str] = {}
"""Each user's extension as registered on the session's spine (registration is once)."""


async def registered_agent(portal: Portal, username: str) -> tuple[str, str]:
    """The user's id and extension as a hotline agent, registered on first use."""
    agent_id = await user_id(portal, username)
    if username not in _EXTENSIONS:
        extension = f"6{secrets.randbelow(10_000):04d}"
        registered = await portal.api(
            "cc.supervisor",
            "call-center",
            "POST",
            "/agents",
            {"user_id": agent_id, "display_name": "热线坐席", "extension": extension},
        )
        assert registered.status_code == 201, registered.text
        _EXTENSIONS[username] = extension
    return agent_id, _EXTENSIONS[username]


async def test_the_wallboard_follows_the_agents_state_as_it_is_pushed(
    portal_users: Portal,
) -> None:
    agent_id, extension = await registered_agent(portal_users, "cc.agent")
    supervisor = await portal_users.open_as("cc.supervisor")
    page = supervisor.page
    await page.goto(f"{portal_users.url}/service/wallboard")
    await expect(page.get_by_role("heading", name="监控大屏")).to_be_visible()
    await expect(page.locator('[data-live="yes"]')).to_be_attached()
    # The agent by name (the supervisor reads their scope's users), their row by its figures.
    row = page.get_by_role("row").filter(has=page.locator(f'[data-occupancy="{agent_id}"]'))
    await expect(row).to_contain_text("cc.agent")
    for state in ("break", "ready"):
        changed = await portal_users.api(
            "cc.agent", "call-center", "PUT", "/agents/me/state", {"state": state}
        )
        assert changed.status_code == 200, changed.text
        await expect(row.locator(f'[data-agent-state="{state}"]')).to_be_visible()
    # A call the agent answers: pushed, it counts in their figures of the day, in the row and
    # in the per-agent chart (ECharts' description of the answered series: cc.agent's bar).
    call = {"call_id": f"board-{secrets.token_hex(4)}", "direction": "inbound"}
    start = datetime.now(UTC) - timedelta(minutes=3)
    for seconds, event in (
        (
            0,
            {
                "type": "call.created",
                "from": f"137{secrets.randbelow(10**8):08d}",
                "to": "4008001234",
            },
        ),
        (1, {"type": "call.ringing", "agent_extension": extension}),
        (4, {"type": "call.answered", "agent_extension": extension}),
        (64, {"type": "call.ended", "agent_extension": extension}),
    ):
        at = (start + timedelta(seconds=seconds)).isoformat()
        await webhook(portal_users.spine, {**call, **event, "at": at})
    await expect(row.locator("td").nth(4)).to_have_text(re.compile(r"^[1-9]\d*$"))
    # ECharts says a bar of a category axis as "<index>, <value>"; up to the next series.
    answered = re.compile(r"表示已接听的[^\uff1b]*cc\.agent的数据是\d+\uff0c[1-9]")
    chart = page.get_by_role("img", name=answered)
    await expect(chart).to_be_visible()
    # Today's figures beside the live board: occupancy per agent, calls per dealer and hour
    # (read again with each push).
    await expect(page.get_by_role("columnheader", name="占用率")).to_be_visible()
    await expect(row.locator(f'[data-occupancy="{agent_id}"]')).to_be_attached()
    await expect(page.locator(".wallboard-dealers")).to_be_visible()
    await supervisor.screenshot("service-wallboard")
    await supervisor.check_accessibility("wallboard")
    assert not supervisor.csp_violations


def one_second_of_silence() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(b"\x00\x00" * 8000)
    return out.getvalue()


async def test_a_supervisor_plays_a_recording_scores_and_comments_it(
    portal_users: Portal,
) -> None:
    _, extension = await registered_agent(portal_users, "cc.agent")
    spine = portal_users.spine
    call = f"qa-{secrets.token_hex(4)}"
    caller = f"136{secrets.randbelow(10**8):08d}"
    file = f"/var/spool/asterisk/monitor/{call}.wav"
    start = datetime.now(UTC) - timedelta(minutes=5)

    def at(seconds: int) -> str:
        return (start + timedelta(seconds=seconds)).isoformat()

    common = {"call_id": call, "direction": "inbound"}
    for event in (
        {"type": "call.created", "at": at(0), "from": caller, "to": "4008001234"},
        {"type": "call.ringing", "at": at(2), "agent_extension": extension},
        {"type": "call.answered", "at": at(5), "agent_extension": extension},
        {"type": "call.recording", "at": at(5), "file": file},
        {"type": "call.ended", "at": at(65), "agent_extension": extension},
    ):
        await webhook(spine, {**common, **event})
    await FilesystemStore(spine.file_storage).put(
        recording_key("webhook:cloud-cc", file), one_second_of_silence()
    )

    supervisor = await portal_users.open_as("cc.supervisor")
    page = supervisor.page
    await page.goto(f"{portal_users.url}/service/recordings")
    await expect(page.get_by_role("heading", name="录音质检")).to_be_visible()
    masked = f"{caller[:3]}****{caller[-4:]}"  # the supervisor reads the number masked
    row = page.get_by_role("row").filter(has_text=masked)
    await row.get_by_role("button", name="收听").click()
    # The browser read the recording through the BFF (its range requests): it knows its length.
    await page.wait_for_function(
        "() => { const a = document.querySelector('audio'); return a && a.readyState >= 1 }"
    )
    duration = await page.locator("audio").evaluate("audio => audio.duration")
    assert 0.9 < duration < 1.1
    await page.get_by_role("button", name="提交评分").click()
    await expect(page.locator(".qa-review")).to_contain_text("100")
    await page.get_by_label("点评", exact=True).fill("开场可以更热情")
    await page.get_by_role("button", name="在当前时刻点评").click()
    await expect(page.locator(".qa-comment")).to_contain_text("开场可以更热情")
    await supervisor.screenshot("service-recording-qa")
    await supervisor.check_accessibility("recording QA")
    assert not supervisor.csp_violations
