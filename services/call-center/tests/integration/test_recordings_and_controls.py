"""Recordings, QA and the agent's call controls, with the API in process on real PostgreSQL,
the AMI server on loopback and recordings in a filesystem store: a reviewer of the call's
book listens (range requests, each opening audited), scores and comments; nobody else reaches
the recording. The agent on a live call transfers it (to an agent, a queue) and hangs up
through the PBX, as the consultant of a dealer the hotline passed a caller to does on their
part of the call; a cloud contact center's call says it takes no commands."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center import views
from crm_call_center.adapters.ami import translate
from crm_call_center.adapters.tables import agents, calls
from crm_call_center.application.cti import PhoneSystem, record_events
from crm_call_center.bootstrap import create_api
from crm_call_center.domain.cti import call_id_of
from crm_call_center.domain.quality import recording_key
from crm_common.db.tables import personal_data_audit
from crm_common.db.tenancy import acting_for
from crm_common.storage import FilesystemStore
from crm_common.testing.ami_server import AmiReplayServer
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.kafka import eventually
from crm_common.testing.services import AsUser, api_in_process

from ..transcripts import transcript
from .conftest import HOTLINE, PEOPLE, TENANT, call_center_settings
from .test_ami_adapter import BASE, call_row, connected, linked_id, until_ended

pytestmark = pytest.mark.integration
AUDIO = b"RIFF" + bytes(range(256)) * 400
SCORES = {
    "greeting": 10,
    "needs": 20,
    "knowledge": 18,
    "script": 15,
    "courtesy": 10,
    "next_step": 9,
}


@pytest.fixture
async def ami() -> AsyncIterator[AmiReplayServer]:
    async with AmiReplayServer() as server:
        yield server


@pytest.fixture
async def api(
    infrastructure: Infrastructure,
    call_center_database: str,
    jwks_url: str,
    ami: AmiReplayServer,
    sessions: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> AsyncIterator[FastAPI]:
    settings = call_center_settings(
        call_center_database,
        redis_url=infrastructure.redis_url,
        jwks_url=jwks_url,
        cti_ami_host="127.0.0.1",
        cti_ami_port=ami.port,
        cti_ami_secret=ami.secret,
        file_storage=str(tmp_path / "files"),
    )
    async with api_in_process(create_api, settings) as app:
        yield app


@pytest.fixture
def as_user(api: FastAPI, signing_key_pem: str) -> AsUser:
    return AsUser(api, signing_key_pem)


async def audited_listens(sessions: async_sessionmaker[AsyncSession], call_id: object) -> int:
    async with sessions() as session:
        found: int = await session.scalar(
            select(func.count()).where(
                personal_data_audit.c.resource_id == str(call_id),
                personal_data_audit.c.action == "listen",
            )
        )
    return found


async def test_a_reviewer_of_the_book_listens_by_range_scores_and_comments(
    as_user: AsUser,
    ami: AmiReplayServer,
    sessions: async_sessionmaker[AsyncSession],
    call_center_database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    messages = transcript("inbound_answered")
    async with connected(ami, sessions, call_center_database):
        await ami.play(messages, base_time=BASE)
        call = await until_ended(sessions, linked_id(messages))
    key = recording_key("pbx", call["recording_file"])
    await FilesystemStore(tmp_path / "files").put(key, AUDIO)
    call_id = call["id"]
    before = await audited_listens(sessions, call_id)
    async with (
        as_user(PEOPLE.supervisor) as supervisor,
        as_user(PEOPLE.agent1) as agent,
        as_user(PEOPLE.dealer_manager) as dealer_manager,
    ):
        listed = await supervisor.get("/calls", params={"recorded": True})
        assert [c["id"] for c in listed.json()] == [str(call_id)]
        whole = await supervisor.get(f"/calls/{call_id}/recording")
        assert (whole.status_code, whole.content) == (200, AUDIO)
        part = await supervisor.get(f"/calls/{call_id}/recording", headers={"Range": "bytes=4-99"})
        assert (part.status_code, part.content) == (206, AUDIO[4:100])
        assert part.headers["content-range"] == f"bytes 4-99/{len(AUDIO)}"
        past = await supervisor.get(
            f"/calls/{call_id}/recording", headers={"Range": f"bytes={len(AUDIO)}-"}
        )
        assert past.status_code == 416
        # The agent who had the call has no call.review; another book's manager may not know
        # the call exists.
        assert (await agent.get(f"/calls/{call_id}/recording")).status_code == 403
        assert (await dealer_manager.get(f"/calls/{call_id}/recording")).status_code == 404
        assert (
            await dealer_manager.post(
                f"/calls/{call_id}/reviews", json={"scores": SCORES, "comment": ""}
            )
        ).status_code == 404

        bad = await supervisor.post(
            f"/calls/{call_id}/reviews", json={"scores": {**SCORES, "needs": 30}}
        )
        assert bad.status_code == 422
        assert bad.json()["detail"][0]["loc"][-1] == "scores.needs"
        scored = await supervisor.post(
            f"/calls/{call_id}/reviews", json={"scores": SCORES, "comment": "Good discovery"}
        )
        again = await supervisor.post(f"/calls/{call_id}/reviews", json={"scores": SCORES})
        commented = await supervisor.post(
            f"/calls/{call_id}/comments",
            json={"text": "Offer the test drive here", "at_second": 42},
        )
        coaching = await agent.get(f"/calls/{call_id}/reviews")
        day = call["started_at"].astimezone(ZoneInfo("Asia/Shanghai")).date().isoformat()
        statistics = await supervisor.get("/call-statistics", params={"day": day})
    assert (scored.status_code, again.status_code, commented.status_code) == (201, 409, 201)
    reviews = coaching.json()
    assert coaching.status_code == 200
    assert [(r["reviewer"], r["total"], r["comment"]) for r in reviews["reviews"]] == [
        (PEOPLE.supervisor.user_id, 82, "Good discovery")
    ]
    assert [(c["at_second"], c["text"]) for c in reviews["comments"]] == [
        (42, "Offer the test drive here")
    ]
    assert reviews["average_total"] == 82.0
    assert (reviews["reviews_truncated"], reviews["comments_truncated"]) == (False, False)
    assert sum(item["points"] for item in reviews["form"]) == 100
    (of_agent,) = [a for a in statistics.json()["agents"] if a["agent_user"] == "agent-1"]
    assert (of_agent["qa_reviews"], of_agent["qa_average"]) == (1, 82.0)
    assert statistics.json()["agents_truncated"] is False
    # Comments grow with use: the latest are shown (LIMIT cap + 1), oldest first, and the rest
    # flagged; the day's statistics list at most their cap of agents, the same way.
    monkeypatch.setattr(views, "MOST_COMMENTS", 2)
    monkeypatch.setattr(views, "MOST_STATISTICS_AGENTS", 0)
    async with as_user(PEOPLE.supervisor) as supervisor:
        for text in ("Second", "Third"):
            added = await supervisor.post(f"/calls/{call_id}/comments", json={"text": text})
            assert added.status_code == 201, added.text
        latest = (await supervisor.get(f"/calls/{call_id}/reviews")).json()
        cut = (await supervisor.get("/call-statistics", params={"day": day})).json()
    assert [c["text"] for c in latest["comments"]] == ["Second", "Third"]
    assert latest["comments_truncated"] is True
    assert (cut["agents"], cut["agents_truncated"]) == ([], True)
    # Every request of the reviewer is in the audit (whole, a range, one past the end: the file
    # was opened before its range was read); a refused caller opened nothing.
    assert await audited_listens(sessions, call_id) - before == 3


async def test_nothing_recorded_is_nothing_to_review(
    as_user: AsUser,
    ami: AmiReplayServer,
    sessions: async_sessionmaker[AsyncSession],
    call_center_database: str,
) -> None:
    messages = transcript("agent_hangup_mid_call")
    async with connected(ami, sessions, call_center_database):
        await ami.play(messages, base_time=BASE)
        call = await until_ended(sessions, linked_id(messages))
    async with as_user(PEOPLE.supervisor) as supervisor:
        listened = await supervisor.get(f"/calls/{call['id']}/recording")
        scored = await supervisor.post(f"/calls/{call['id']}/reviews", json={"scores": SCORES})
    assert (listened.status_code, scored.status_code) == (404, 409)


async def until_connected(sessions: async_sessionmaker[AsyncSession], call_key: str) -> None:
    for _ in range(300):
        row = await call_row(sessions, call_key)
        if row is not None and row["answered_at"] is not None:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"call {call_key} never connected")


async def test_the_agent_on_a_live_call_transfers_it_and_hangs_up_through_the_pbx(
    as_user: AsUser,
    ami: AmiReplayServer,
    sessions: async_sessionmaker[AsyncSession],
    call_center_database: str,
) -> None:
    messages = transcript("inbound_answered")
    talking = next(i for i, m in enumerate(messages) if m.get("Event") == "Hold")
    call_id = call_id_of(TENANT, "pbx", linked_id(messages))
    async with (
        connected(ami, sessions, call_center_database),
        as_user(PEOPLE.agent1) as agent,
        as_user(PEOPLE.agent2) as colleague,
    ):
        await ami.play(messages[:talking], base_time=BASE)
        await until_connected(sessions, linked_id(messages))
        to_agent = {"target_kind": "agent", "target": PEOPLE.renewal.user_id}
        assert (
            await colleague.post(f"/calls/{call_id}/transfer", json=to_agent)
        ).status_code == 404
        cold = await agent.post(f"/calls/{call_id}/transfer", json=to_agent)
        warm = await agent.post(
            f"/calls/{call_id}/transfer",
            json={"target_kind": "queue", "target": str(HOTLINE), "attended": True},
        )
        nobody = await agent.post(
            f"/calls/{call_id}/transfer", json={"target_kind": "agent", "target": "nobody"}
        )
        hung_up = await agent.post(f"/calls/{call_id}/hangup")
        assert (cold.status_code, warm.status_code, nobody.status_code) == (202, 202, 404)
        assert hung_up.status_code == 202
        await ami.play(messages[talking:], base_time=BASE)
        await until_ended(sessions, linked_id(messages))
        too_late = await agent.post(f"/calls/{call_id}/hangup")
    assert too_late.status_code == 409
    assert [(a["Action"], a["Channel"], a.get("Exten")) for a in ami.commanded] == [
        ("BlindTransfer", "PJSIP/8001-00000002", "8003"),
        ("Atxfer", "PJSIP/8001-00000002", "hotline"),
        ("Hangup", "PJSIP/8001-00000002", None),
    ]
    assert all(a.get("Context") == "from-internal" for a in ami.commanded[:2])


async def test_a_cloud_contact_centers_call_takes_no_commands_from_the_crm(
    as_user: AsUser, sessions: async_sessionmaker[AsyncSession]
) -> None:
    messages = transcript("inbound_answered")
    talking = next(i for i, m in enumerate(messages) if m.get("Event") == "Hold")
    now = datetime.now(UTC)
    stamped = [{**m, "Timestamp": str(BASE + float(m["Timestamp"][1:]))} for m in messages]
    events = [e for m in stamped[:talking] if (e := translate("webhook:cloud-cc", m, now))]
    with acting_for([TENANT]):
        await record_events(sessions, PhoneSystem(TENANT, "hq", 0.0), events, now=now)
    call_id = call_id_of(TENANT, "webhook:cloud-cc", linked_id(messages))
    async with as_user(PEOPLE.agent1) as agent:
        refused = await agent.post(
            f"/calls/{call_id}/transfer", json={"target_kind": "agent", "target": "agent-2"}
        )
    assert refused.status_code == 501
    assert "softphone" in refused.json()["detail"]


async def test_the_dealer_s_consultant_hands_on_and_hangs_up_their_part_through_the_pbx(
    as_user: AsUser,
    ami: AmiReplayServer,
    sessions: async_sessionmaker[AsyncSession],
    call_center_database: str,
) -> None:
    """The hotline's agent passed the caller to a consultant of dealer-a (8002): the consultant
    controls their part of the call — a call of the dealer's own — on their leg of the whole
    call, over the AMI connection; the hotline's agent, whose leg has hung up, no longer can."""
    consultant = PEOPLE.agent2
    async with sessions() as session, session.begin():
        await session.execute(
            update(agents)
            .where(agents.c.tenant == TENANT, agents.c.user_id == consultant.user_id)
            .values(owner_org="dealer-a")
        )
    messages = transcript("transferred")
    talking = next(
        i + 1
        for i, m in enumerate(messages)
        if m.get("Event") == "BridgeEnter" and m.get("Channel", "").startswith("PJSIP/8002")
    )
    whole_id = call_id_of(TENANT, "pbx", linked_id(messages))
    dealers_consultant = consultant.model_copy(
        update={"org_node": "dealer-a", "roles": frozenset({"sales_consultant"})}
    )
    async with (
        connected(ami, sessions, call_center_database),
        as_user(dealers_consultant) as handed_to,
        as_user(PEOPLE.agent1) as hotline_agent,
    ):
        await ami.play(messages[:talking], base_time=BASE)

        async def part_connected() -> dict[str, Any] | None:
            async with sessions() as session:
                row = (
                    (await session.execute(select(calls).where(calls.c.part_of == whole_id)))
                    .mappings()
                    .first()
                )
            return dict(row) if row is not None and row["answered_at"] is not None else None

        part = await eventually(part_connected, timeout=30)
        assert part is not None, "the consultant's part is a call of the dealer's"
        part_id = part["id"]
        to_renewal = {"target_kind": "agent", "target": PEOPLE.renewal.user_id}
        left_already = await hotline_agent.post(f"/calls/{whole_id}/hangup")
        passed_on = await handed_to.post(f"/calls/{part_id}/transfer", json=to_renewal)
        hung_up = await handed_to.post(f"/calls/{part_id}/hangup")
        assert (left_already.status_code, passed_on.status_code, hung_up.status_code) == (
            409,
            202,
            202,
        )
        await ami.play(messages[talking:], base_time=BASE)
        await until_ended(sessions, linked_id(messages))
        too_late = await handed_to.post(f"/calls/{part_id}/hangup")
    assert too_late.status_code == 409
    assert [(a["Action"], a["Channel"], a.get("Exten")) for a in ami.commanded] == [
        ("BlindTransfer", "PJSIP/8002-00000024", "8003"),
        ("Hangup", "PJSIP/8002-00000024", None),
    ]
