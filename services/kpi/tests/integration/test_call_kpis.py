"""The call center's KPIs through kpi's HTTP API on real PostgreSQL: answer, abandon and connect
rates, talk time, call tasks cleared on time and by a call, cancellations approved — from the
call center's CallCompleted and call-task events, exactly once per event, for the callers who
may see the figures (a consultant their own)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from uuid import uuid4

import pytest

from crm_common.contracts import new_event
from crm_common.contracts.events.call_center.v1 import (
    CallCompleted,
    CallTaskCancelDecided,
    CallTaskCleared,
    CallTaskCreated,
)
from crm_common.db import UnitOfWork, create_engine, create_session_factory
from crm_common.settings import Settings
from crm_common.testing.services import reset_tenant
from crm_kpi.application.call_projections import record_call_facts, record_call_task_facts

from .conftest import ORG, PEOPLE, TENANT, AsUser, Sessions

pytestmark = pytest.mark.integration
TZ = "Asia/Shanghai"
NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}
AT = datetime(2026, 11, 10, 2, tzinfo=UTC)


def call(
    direction: Literal["inbound", "outbound"],
    *,
    connected: bool,
    agent: str | None = "c2",
    abandoned: bool = False,
    talk: int = 0,
    dealer: str = "dealer-a",
) -> Any:
    return new_event(
        CallCompleted(
            call_id=uuid4(),
            dealer_id=dealer,
            direction=direction,
            customer_phone="13800138000",
            agent_user=agent,
            queue_id=None,
            lead_id=None,
            customer_id=None,
            task_id=None,
            connected=connected,
            abandoned=abandoned,
            started_at=AT,
            answered_at=AT if connected else None,
            ended_at=AT + timedelta(seconds=talk + 5),
            wait_seconds=5,
            talk_seconds=talk,
            hold_seconds=0,
            disposition=None,
        ),
        tenant=TENANT,
        owner_org=dealer,
        actor=None,
    )


def task_fields(assignee: str = "c2") -> dict[str, Any]:
    return {
        "task_id": uuid4(),
        "dealer_id": "dealer-a",
        "kind": "policy_renewal",
        "assignee": assignee,
        "lead_id": None,
        "at": AT,
    }


def task_event(data: Any) -> Any:
    return new_event(data, tenant=TENANT, owner_org="dealer-a", actor="m1")


@pytest.fixture
async def facts(kpi_database: str) -> AsyncIterator[Sessions]:
    """dealer-a: 4 inbound calls (3 answered, 1 abandoned), 3 outbound of c2 (1 connected, 120
    s); tasks: 3 cleared (2 on time, 1 by a call, 1 by an approved cancellation), 2 decisions
    (1 approved, 1 rejected). dealer-b: 1 inbound call abandoned."""
    engine = create_engine(Settings(env="test", database_url=kpi_database))
    sessions = create_session_factory(engine)
    await reset_tenant(sessions, TENANT, ORG, ("call_facts", "call_task_facts"))
    calls = [
        call("inbound", connected=True, talk=60),
        call("inbound", connected=True, talk=30, agent="c1"),
        call("inbound", connected=True, talk=90),
        call("inbound", connected=False, abandoned=True, agent=None),
        call("outbound", connected=True, talk=120),
        call("outbound", connected=False),
        call("outbound", connected=False),
        call("inbound", connected=False, abandoned=True, agent=None, dealer="dealer-b"),
    ]
    tasks = [
        task_event(CallTaskCreated(**task_fields(), due_at=AT, rule="call_list:policy_renewal")),
        task_event(
            CallTaskCleared(**task_fields(), call_id=uuid4(), disposition="renewed", on_time=True)
        ),
        task_event(
            CallTaskCleared(
                **task_fields(),
                call_id=None,
                disposition="cancellation_approved",
                on_time=True,
            )
        ),
        task_event(
            CallTaskCleared(**task_fields(), call_id=uuid4(), disposition="late", on_time=False)
        ),
        task_event(
            CallTaskCancelDecided(**task_fields(), approved=True, decided_by="m1", due_at=None)
        ),
        task_event(
            CallTaskCancelDecided(**task_fields(), approved=False, decided_by="m1", due_at=AT)
        ),
    ]
    async with UnitOfWork(sessions) as uow:
        await record_call_facts(uow, calls, TZ)
        await record_call_facts(uow, calls[:3], TZ)  # redelivered: nothing twice
        await record_call_task_facts(uow, tasks, TZ)
        await record_call_task_facts(uow, tasks[1:3], TZ)
    yield sessions
    await engine.dispose()


def rows(answer: Any) -> list[tuple[str, str | None, str | None]]:
    assert answer.status_code == 200, answer.text
    return [(r["period_start"], r["group"], r["value"]) for r in answer.json()["rows"]]


async def test_call_center_kpis_per_dealer_and_agent(facts: Sessions, as_user: AsUser) -> None:
    async with as_user(PEOPLE.manager) as client:
        answer = await client.get("/kpi/values/call_answer_rate", params=NOVEMBER)
        abandon = await client.get("/kpi/values/call_abandon_rate", params=NOVEMBER)
        connect = await client.get("/kpi/values/outbound_connect_rate", params=NOVEMBER)
        talk = await client.get("/kpi/values/average_talk_seconds", params=NOVEMBER)
        on_time = await client.get("/kpi/values/callbacks_on_time", params=NOVEMBER)
        by_call = await client.get("/kpi/values/callbacks_cleared_by_call", params=NOVEMBER)
        approved = await client.get("/kpi/values/cancellation_approval_rate", params=NOVEMBER)
        daily = await client.get(
            "/kpi/values/call_answer_rate", params={**NOVEMBER, "period": "day"}
        )
    assert rows(answer) == [("2026-11-01", "dealer-a", "0.7500")], "3 answered / 4"
    assert rows(abandon) == [("2026-11-01", "dealer-a", "0.2500")]
    assert rows(connect) == [("2026-11-01", "c2", "0.3333")], "1 connected / 3 outbound"
    assert rows(talk) == [
        ("2026-11-01", "c1", "30.0000"),
        ("2026-11-01", "c2", "90.0000"),
    ], "c2: (60 + 90 + 120) / 3"
    assert rows(on_time) == [("2026-11-01", "c2", "0.6667")], "2 on time / 3 cleared"
    assert rows(by_call) == [("2026-11-01", "c2", "2")]
    assert rows(approved) == [("2026-11-01", "c2", "0.5000")]
    assert rows(daily) == [("2026-11-10", "dealer-a", "0.7500")]

    async with as_user(PEOPLE.consultant1) as client:
        own = await client.get("/kpi/values/average_talk_seconds", params=NOVEMBER)
    assert rows(own) == [("2026-11-01", "c1", "30.0000")], "a consultant sees their own"
    async with as_user(PEOPLE.hq_analyst) as client:
        abandon = await client.get("/kpi/values/call_abandon_rate", params=NOVEMBER)
        catalogue = (await client.get("/kpi/catalogue")).json()["predefined"]
    assert rows(abandon) == [
        ("2026-11-01", "dealer-a", "0.2500"),
        ("2026-11-01", "dealer-b", "1.0000"),
    ]
    available = {k["code"]: k["available"] for k in catalogue}
    codes = (
        "call_answer_rate",
        "call_abandon_rate",
        "outbound_connect_rate",
        "average_talk_seconds",
        "callbacks_on_time",
        "callbacks_cleared_by_call",
        "cancellation_approval_rate",
    )
    assert [available[c] for c in codes] == [True] * len(codes)
