"""The AMI adapter through a real TCP socket against the in-repo AMI server replaying call
flows: out of order, duplicated, across a dropped connection and a PBX restart, the records
come out as the phone system made them, once each."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters.ami import AmiConnector
from crm_call_center.adapters.tables import calls
from crm_call_center.application.cti import settle_calls
from crm_call_center.bootstrap import ami_connector
from crm_call_center.domain.cti import Ringing, call_id_of
from crm_common.db.tables import outbox
from crm_common.testing.ami_server import AmiReplayServer, Message, perturb

from ..transcripts import COMPLETE_FLOWS, EXPECTED, TASK_ID, transcript
from .conftest import EXTENSIONS, HOTLINE, TENANT, call_center_settings

pytestmark = pytest.mark.integration
BASE = 1_780_000_000.0


@contextlib.asynccontextmanager
async def connected(
    server: AmiReplayServer,
    sessions: async_sessionmaker[AsyncSession],
    database_url: str,
    ringing: list[Ringing] | None = None,
) -> AsyncIterator[AmiConnector]:
    settings = call_center_settings(
        database_url,
        cti_ami_host="127.0.0.1",
        cti_ami_port=server.port,
        cti_ami_secret=server.secret,
    )

    async def on_ringing(batch: Sequence[Ringing]) -> None:
        if ringing is not None:
            ringing.extend(batch)

    connector = ami_connector(settings, sessions, on_ringing)
    stop = asyncio.Event()
    running = asyncio.create_task(connector.run(stop))
    await asyncio.wait_for(connector.connected.wait(), 30)
    try:
        yield connector
    finally:
        stop.set()
        await running


async def call_row(sessions: async_sessionmaker[AsyncSession], call_key: str) -> dict | None:  # type: ignore[type-arg]
    async with sessions() as session:
        row = (
            (await session.execute(select(calls).where(calls.c.call_key == call_key)))
            .mappings()
            .first()
        )
        return dict(row) if row else None


async def until_ended(sessions: async_sessionmaker[AsyncSession], call_key: str) -> dict:  # type: ignore[type-arg]
    for _ in range(300):
        row = await call_row(sessions, call_key)
        if row is not None and row["ended_at"] is not None:
            return row
        await asyncio.sleep(0.05)
    raise AssertionError(f"call {call_key} never ended")


def linked_id(messages: list[Message]) -> str:
    return next(m["Linkedid"] for m in messages if "Linkedid" in m)


def assert_record(row: dict, flow: str) -> None:  # type: ignore[type-arg]
    expected = EXPECTED[flow]
    start = datetime.fromtimestamp(BASE, UTC)
    assert row["started_at"] == start
    answered = expected["answered_after"]
    assert row["answered_at"] == (
        None if answered is None else start + timedelta(seconds=float(str(answered)))
    )
    assert row["ended_at"] == start + timedelta(seconds=float(str(expected["ended_after"])))
    agent = expected["agent_extension"]
    assert (
        row["direction"],
        row["customer_phone"],
        row["agent_extension"],
        tuple(row["extensions"]),
        row["wait_seconds"],
        row["talk_seconds"],
        row["hold_seconds"],
        row["connected"],
        row["abandoned"],
        row["system_disposition"],
        row["recording_file"] is not None,
        len(row["transfers"]),
        row["queue_id"],
    ) == (
        expected["direction"],
        expected["customer_number"],
        agent,
        expected["extensions"],
        expected["wait_seconds"],
        expected["talk_seconds"],
        expected["hold_seconds"],
        expected["connected"],
        expected["abandoned"],
        expected["system_disposition"],
        expected["recording"],
        expected["transfers"],
        HOTLINE if expected["queue"] == "hotline" else None,
    )


async def test_replayed_flows_out_of_order_and_twice_make_the_same_records(
    sessions: async_sessionmaker[AsyncSession], call_center_database: str
) -> None:
    async with AmiReplayServer() as server, connected(server, sessions, call_center_database):
        for seed, flow in enumerate(COMPLETE_FLOWS):
            await server.play(perturb(transcript(flow), seed=seed, window=5), base_time=BASE)
        rows = {
            flow: await until_ended(sessions, linked_id(transcript(flow)))
            for flow in COMPLETE_FLOWS
        }
    for flow, row in rows.items():
        assert_record(row, flow)
        assert row["id"] == call_id_of(TENANT, "pbx", linked_id(transcript(flow)))
    assert rows["inbound_answered"]["agent_user"] == EXTENSIONS["8001"].user_id
    assert rows["inbound_answered"]["owner_org"] == "hq"  # the hotline's
    # A renewal specialist's own call belongs to their dealer and names its task.
    task_call = rows["outbound_answered_from_task"]
    assert (task_call["owner_org"], str(task_call["task_id"])) == ("dealer-a", TASK_ID)


async def test_each_call_publishes_started_at_once_and_completed_once_settled(
    sessions: async_sessionmaker[AsyncSession], call_center_database: str
) -> None:
    flow = "inbound_answered"
    async with AmiReplayServer() as server, connected(server, sessions, call_center_database):
        await server.play(
            perturb(transcript(flow), seed=7, window=3, duplicates=0.5), base_time=BASE
        )
        await until_ended(sessions, linked_id(transcript(flow)))
        # The same flow again, as a PBX resending after a reconnect would.
        await server.play(transcript(flow), base_time=BASE)
        await asyncio.sleep(0.3)
    now = datetime.now(UTC)
    assert await settle_calls(sessions, now=now) == 1
    assert await settle_calls(sessions, now=now) == 0
    async with sessions() as session:
        published = dict(
            (
                await session.execute(
                    select(outbox.c.event_type, func.count()).group_by(outbox.c.event_type)
                )
            ).all()
        )
    assert published == {"call_center.CallStarted": 1, "call_center.CallCompleted": 1}


async def test_a_dropped_connection_loses_and_duplicates_no_call(
    sessions: async_sessionmaker[AsyncSession], call_center_database: str
) -> None:
    flow = "inbound_answered"
    messages = transcript(flow)
    # The link breaks after the call was answered, and twice more later.
    dropped = [
        *messages[:8],
        {"Directive": "drop"},
        *messages[8:12],
        {"Directive": "drop"},
        *messages[12:],
    ]
    async with (
        AmiReplayServer() as server,
        connected(server, sessions, call_center_database) as connector,
    ):
        await server.play(dropped, base_time=BASE)
        row = await until_ended(sessions, linked_id(messages))
        assert connector.connections == 3
        assert server.logins == 3
    assert_record(row, flow)
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(calls)) == 1


async def test_a_pbx_restart_mid_call_closes_the_call_when_it_was_last_heard_of(
    sessions: async_sessionmaker[AsyncSession], call_center_database: str
) -> None:
    messages = transcript("pbx_restart_mid_call")
    async with AmiReplayServer() as server, connected(server, sessions, call_center_database):
        await server.play(messages, base_time=BASE)
        row = await until_ended(sessions, linked_id(messages))
    start = datetime.fromtimestamp(BASE, UTC)
    assert row["ended_at"] == start + timedelta(seconds=43)
    assert (row["connected"], row["talk_seconds"], row["hold_seconds"]) == (True, 30, 10)
    assert row["agent_user"] == EXTENSIONS["8002"].user_id


async def test_ringing_an_agent_is_announced_once_for_the_screen_pop(
    sessions: async_sessionmaker[AsyncSession], call_center_database: str
) -> None:
    ringing: list[Ringing] = []
    messages = transcript("inbound_answered")
    async with (
        AmiReplayServer() as server,
        connected(server, sessions, call_center_database, ringing),
    ):
        await server.play(messages[:4], base_time=BASE)  # up to DialBegin: 8001 rings
        for _ in range(200):
            if ringing:
                break
            await asyncio.sleep(0.05)
    assert [(r.agent_user, r.customer_phone) for r in ringing] == [
        (EXTENSIONS["8001"].user_id, "13800138000")
    ]


async def test_a_wrong_secret_is_refused_and_retried(
    sessions: async_sessionmaker[AsyncSession], call_center_database: str
) -> None:
    async with AmiReplayServer(secret="the-right-one") as server:
        settings = call_center_settings(
            call_center_database,
            cti_ami_host="127.0.0.1",
            cti_ami_port=server.port,
            cti_ami_secret="a-wrong-one",
        )

        async def nothing(_: Sequence[Ringing]) -> None:
            return None

        connector = ami_connector(settings, sessions, nothing)
        stop = asyncio.Event()
        running = asyncio.create_task(connector.run(stop))
        await asyncio.sleep(1.0)
        stop.set()
        await running
    assert (connector.connections, server.logins) == (0, 0)
