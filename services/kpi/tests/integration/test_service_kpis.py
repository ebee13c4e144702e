"""The service desk's KPIs through kpi's HTTP API on real PostgreSQL: the complaint rate,
on-time resolution, NPS and CSI from ticket and survey events, exactly once per event, per
dealer, for the callers who may see the dealers' figures."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import pytest

from crm_common.contracts import new_event
from crm_common.contracts.events.service_desk.v1 import (
    SurveyAnswered,
    TicketOpened,
    TicketResolved,
)
from crm_common.contracts.events.service_desk.v2 import TicketOpenedV2
from crm_common.db import UnitOfWork, create_engine, create_session_factory
from crm_common.settings import Settings
from crm_common.testing.services import reset_tenant
from crm_kpi.application.service_projections import record_survey_facts, record_ticket_facts

from .conftest import ORG, PEOPLE, TENANT, AsUser, Sessions

pytestmark = pytest.mark.integration
TZ = "Asia/Shanghai"
NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}
AT = datetime(2026, 11, 10, 4, tzinfo=UTC)


def opened(kind: str, dealer: str = "dealer-a", *, call_id: str | None = None) -> Any:
    """Version 2 of TicketOpened with a call (it names the call), else version 1: both count."""
    fields: dict[str, Any] = {
        "ticket_id": uuid4(),
        "number": "SD-1",
        "dealer_id": dealer,
        "kind": kind,
        "at": AT,
        "channel": "phone",
        "category": None,
        "priority": "normal",
        "customer_id": None,
        "vin": None,
        "owner_user": "sa1",
        "opened_by": "sa1",
        "resolve_due_at": None,
    }
    data = (
        TicketOpened(**fields)
        if call_id is None
        else TicketOpenedV2(**fields, survey_response_id=None, call_id=call_id)
    )
    return new_event(data, tenant=TENANT, owner_org=dealer, actor="sa1")


def resolved(on_time: bool | None, dealer: str = "dealer-a") -> Any:
    return new_event(
        TicketResolved(
            ticket_id=uuid4(),
            number="SD-1",
            dealer_id=dealer,
            kind="service_request",
            at=AT,
            resolved_by="sa1",
            resolve_due_at=None,
            on_time=on_time,
        ),
        tenant=TENANT,
        owner_org=dealer,
        actor="sa1",
    )


def answered(nps: int | None, csi: float | None, dealer: str = "dealer-a") -> Any:
    return new_event(
        SurveyAnswered(
            survey_response_id=uuid4(),
            design_id=uuid4(),
            dealer_id=dealer,
            at=AT,
            trigger="vehicle_delivered",
            channel="link",
            nps=nps,
            csi=csi,
            low_score=nps is not None and nps <= 6,
        ),
        tenant=TENANT,
        owner_org=dealer,
        actor=None,
    )


@pytest.fixture
async def facts(kpi_database: str) -> AsyncIterator[Sessions]:
    """dealer-a: 4 tickets opened, 1 a complaint; 3 resolved with a target, 2 on time, 1
    without one; surveys NPS 10, 9, 7, 3 (2 promoters, 1 detractor of 4) and CSI 80, 60, and
    one without CSI. dealer-b: 1 complaint of 1 ticket, one NPS 0."""
    engine = create_engine(Settings(env="test", database_url=kpi_database))
    sessions = create_session_factory(engine)
    await reset_tenant(sessions, TENANT, ORG, ("ticket_facts", "survey_facts"))
    tickets = [
        opened("complaint"),
        opened("service_request", call_id=str(uuid4())),
        opened("inquiry"),
        opened("service_request"),
        resolved(True),
        resolved(True),
        resolved(False),
        resolved(None),
        opened("complaint", dealer="dealer-b"),
    ]
    surveys = [
        answered(10, 80.0),
        answered(9, 60.0),
        answered(7, None),
        answered(3, None),
        answered(0, None, dealer="dealer-b"),
    ]
    async with UnitOfWork(sessions) as uow:
        await record_ticket_facts(uow, tickets, TZ)
        await record_ticket_facts(uow, tickets[:2], TZ)  # redelivered: nothing twice
        await record_survey_facts(uow, surveys, TZ)
    yield sessions
    await engine.dispose()


def rows(answer: Any) -> list[tuple[str, str | None, str | None]]:
    assert answer.status_code == 200, answer.text
    return [(r["period_start"], r["group"], r["value"]) for r in answer.json()["rows"]]


async def test_service_kpis_per_dealer(facts: Sessions, as_user: AsUser) -> None:
    async with as_user(PEOPLE.manager) as client:
        complaints = await client.get("/kpi/values/complaint_rate", params=NOVEMBER)
        on_time = await client.get("/kpi/values/on_time_resolution", params=NOVEMBER)
        nps = await client.get("/kpi/values/nps", params=NOVEMBER)
        csi = await client.get("/kpi/values/csi", params=NOVEMBER)
    assert rows(complaints) == [("2026-11-01", "dealer-a", "0.2500")], "1 complaint / 4 opened"
    assert rows(on_time) == [("2026-11-01", "dealer-a", "0.6667")], "2 on time / 3 targeted"
    assert rows(nps) == [("2026-11-01", "dealer-a", "0.2500")], "(2 - 1) / 4"
    assert rows(csi) == [("2026-11-01", "dealer-a", "70.0000")], "(80 + 60) / 2"
    async with as_user(PEOPLE.hq_analyst) as client:
        complaints = await client.get("/kpi/values/complaint_rate", params=NOVEMBER)
        catalogue = (await client.get("/kpi/catalogue")).json()["predefined"]
    assert rows(complaints) == [
        ("2026-11-01", "dealer-a", "0.2500"),
        ("2026-11-01", "dealer-b", "1.0000"),
    ]
    available = {k["code"]: k["available"] for k in catalogue}
    assert [available[c] for c in ("complaint_rate", "on_time_resolution", "nps", "csi")] == [
        True
    ] * 4
