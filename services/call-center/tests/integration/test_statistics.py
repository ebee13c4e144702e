"""A day's call statistics per queue, agent, dealer and hour from call records made by signed
webhooks on real PostgreSQL: offered, answered, abandoned, service level, speed of answer,
handle time, and occupancy from the states the agents declared (the state carried over from
the day before counts from midnight) per agent, queue (its members), dealer and hour; scoped
by the policy (an agent sees their own calls' figures, another dealer none)."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters.tables import agent_states
from crm_call_center.adapters.tables import agents as agent_table
from crm_common.testing.services import AsUser

from .conftest import HOTLINE, PEOPLE, TENANT
from .test_webhooks_and_calls_api import START, anonymous, hook, post_signed  # noqa: F401

pytestmark = pytest.mark.integration
DAY = "2026-12-06"  # START (02:00 UTC) is 10:00 in Shanghai, the business's time zone


def queued_call(call_id: str, answered_after: int | None, ends: int) -> list[dict[str, object]]:
    events = [
        hook(call_id, "call.created", 0, **{"from": "13800138000", "to": "4008001234"}),
        hook(call_id, "call.queued", 0, queue="hotline"),
        hook(call_id, "call.ringing", 1, agent_extension="8001"),
    ]
    if answered_after is None:
        events.append(hook(call_id, "call.abandoned", ends, queue="hotline"))
    else:
        events.append(hook(call_id, "call.answered", answered_after, agent_extension="8001"))
    return [*events, hook(call_id, "call.ended", ends, agent_extension="8001")]


def outbound_call(call_id: str) -> list[dict[str, object]]:
    out = {"direction": "outbound"}
    return [
        {**hook(call_id, "call.created", 0, agent_extension="8002", to="13900139000"), **out},
        {**hook(call_id, "call.ringing", 1, to="13900139000"), **out},
        {**hook(call_id, "call.answered", 5, agent_extension="8002"), **out},
        {**hook(call_id, "call.ended", 35, agent_extension="8002"), **out},
    ]


async def test_a_days_statistics_per_queue_agent_dealer_and_hour(
    anonymous: httpx.AsyncClient,  # noqa: F811
    as_user: AsUser,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    hour = timedelta(hours=1)
    declared = [
        # agent-1: ready from 09:00 Shanghai, a break from 10:10 — 70 minutes staffed.
        ("agent-1", "ready", START - hour),
        ("agent-1", "break", START + timedelta(minutes=10)),
        # agent-2: ready since the evening before, offline at 08:00 — 8 hours of this day.
        ("agent-2", "ready", START - 14 * hour),
        ("agent-2", "wrap_up", START - 3 * hour),
        ("agent-2", "offline", START - 2 * hour),
    ]
    async with sessions() as session, session.begin():
        await session.execute(
            insert(agent_states),
            [{"tenant": TENANT, "user_id": u, "state": st, "since": at} for u, st, at in declared],
        )
        await session.execute(
            update(agent_table)
            .where(agent_table.c.user_id == "agent-1")
            .values(queue_ids=[HOTLINE])
        )
    calls = [
        *queued_call("st-1", answered_after=10, ends=70),  # in service level, talk 60
        *queued_call("st-2", answered_after=30, ends=150),  # too late, talk 120
        *queued_call("st-3", answered_after=None, ends=40),  # abandoned
        *outbound_call("st-4"),  # talk 30
    ]
    for event in calls:
        assert (await post_signed(anonymous, event)).status_code == 202
    async with (
        as_user(PEOPLE.supervisor) as supervisor,
        as_user(PEOPLE.agent1) as agent,
        as_user(PEOPLE.other_dealer_manager) as outsider,
    ):
        day = (await supervisor.get("/call-statistics", params={"day": DAY})).json()
        own = (await agent.get("/call-statistics", params={"day": DAY})).json()
        foreign = (await outsider.get("/call-statistics", params={"day": DAY})).json()
        next_day = (await supervisor.get("/call-statistics", params={"day": "2026-12-07"})).json()
        bad = await supervisor.get("/call-statistics", params={"day": "2026-13-01"})
    assert day["time_zone"] == "Asia/Shanghai"
    hotline, no_queue = day["queues"]
    assert (hotline["queue_id"], hotline["queue_name"], hotline["service_level_seconds"]) == (
        str(HOTLINE),
        "Brand hotline",
        20,
    )
    assert hotline["stats"] == {
        "offered": 3,
        "answered": 2,
        "abandoned": 1,
        "answer_rate": 66.7,
        "abandon_rate": 33.3,
        "service_level": 33.3,
        "average_speed_of_answer": 20.0,
        "average_handle_seconds": 90.0,
        "handled": 2,
        "outbound": 0,
        "outbound_connected": 0,
    }
    assert (hotline["staffed_seconds"], hotline["occupancy"]) == (4200, 4.3), "its member's"
    assert no_queue["queue_id"] is None
    assert (no_queue["staffed_seconds"], no_queue["occupancy"]) == (0, None)
    assert (no_queue["stats"]["offered"], no_queue["stats"]["outbound_connected"]) == (0, 1)
    assert no_queue["stats"]["average_handle_seconds"] == 30.0
    assert no_queue["stats"]["service_level"] is None
    agents = {a["agent_user"]: a["stats"] for a in day["agents"]}
    assert (agents["agent-1"]["offered"], agents["agent-1"]["abandoned"]) == (3, 1)
    assert (agents["agent-2"]["outbound"], agents["agent-2"]["handled"]) == (1, 1)
    staffed = {a["agent_user"]: (a["staffed_seconds"], a["occupancy"]) for a in day["agents"]}
    assert staffed == {"agent-1": (4200, 4.3), "agent-2": (28800, 0.1)}, "180 s / 70 min"
    ((dealer),) = day["dealers"]
    assert (dealer["dealer_id"], dealer["stats"]["offered"], dealer["stats"]["outbound"]) == (
        "hq",
        3,
        1,
    )
    assert (dealer["staffed_seconds"], dealer["occupancy"]) == (33000, 0.6), "210 s / 9h10"
    assert [(h["hour"], h["stats"]["offered"], h["stats"]["handled"]) for h in day["hours"]] == [
        (10, 3, 3)
    ], "every call started at 10:00 Shanghai"
    ((ten),) = day["hours"]
    assert (ten["staffed_seconds"], ten["occupancy"]) == (600, 35.0), "agent-1 until 10:10"
    assert [a["agent_user"] for a in own["agents"]] == ["agent-1"]
    assert [q["queue_id"] for q in own["queues"]] == [str(HOTLINE)]
    assert (foreign["queues"], foreign["agents"]) == ([], [])
    assert (next_day["queues"], next_day["agents"], next_day["dealers"]) == ([], [], [])
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["query", "day"]
