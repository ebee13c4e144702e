"""Customer 360 (issue 22 item 10) on real PostgreSQL: the other services' events make one
timeline in the customer's file, in whatever order they arrive and once each; the file and
the search are scoped like the customer's lead, masked like it, and audited."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts.envelope import EventData, new_event
from crm_common.contracts.events.call_center.v1 import CallCompleted
from crm_common.contracts.events.call_center.v2 import CallCompletedV2
from crm_common.contracts.events.opportunities.v1 import (
    DealWon,
    OpportunityOpened,
    OrderCancelled,
    OrderPlaced,
    VehicleDelivered,
)
from crm_common.contracts.events.service_desk.v1 import (
    CareDue,
    SurveyAnswered,
    SurveyRequested,
    TicketOpened,
    TicketResolved,
)
from crm_common.db import UnitOfWork
from crm_common.db.tables import org_directory, personal_data_audit
from crm_common.policy import SharingLevel
from crm_common.testing.services import client_as
from crm_leads.adapters.tables import customer_timeline
from crm_leads.application.customer_file import record_customer_event
from crm_leads.application.customer_opportunities import record_customer_opportunity
from crm_leads.entrypoints.http import customer_segments as segment_routes

from .conftest import PEOPLE, TENANT
from .test_command_answers import DEALER_ADMIN, shared

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
NAME, PHONE = "欧阳娜娜", "13912345678"
VIN = "LSVAU2180N2183295"
T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


async def consume(sessions: Sessions, data: EventData, *, event_id: UUID | None = None) -> None:
    event = new_event(data, tenant=TENANT, owner_org="dealer-a", actor="test")
    if event_id is not None:
        event = event.model_copy(update={"id": event_id})
    async with UnitOfWork(sessions) as uow:
        await record_customer_event(uow, event)
        if isinstance(data, OpportunityOpened | DealWon):
            # What the worker's customer-opportunities consumer keeps of the same events.
            await record_customer_opportunity(uow, event)  # type: ignore[arg-type]


def history(customer: UUID, lead: UUID) -> list[EventData]:
    """What the other services publish of the customer, the ones naming only their subject
    first (a ticket resolved before its opening arrived, an order before its opportunity)."""
    opportunity, order, ticket, survey = uuid4(), uuid4(), uuid4(), uuid4()
    return [
        TicketResolved(
            ticket_id=ticket,
            number="SD-000042",
            dealer_id="dealer-a",
            kind="service_request",
            at=T0 + timedelta(days=9),
            resolved_by="s1",
            resolve_due_at=None,
            on_time=True,
        ),
        OrderPlaced(
            order_id=order,
            opportunity_id=opportunity,
            dealer_id="dealer-a",
            at=T0 + timedelta(days=2),
            quote_id=uuid4(),
            owner_user="c1",
            process="deposit_first",
            total=Decimal("189000"),
        ),
        OpportunityOpened(
            opportunity_id=opportunity,
            dealer_id="dealer-a",
            at=T0 + timedelta(days=1),
            lead_id=lead,
            customer_id=customer,
            owner_user="c1",
            owner_team="team-a1",
            pipeline_id=uuid4(),
            stage="reception",
            vehicle_interest="SUV",
            lead_origin="self_sourced",
            source="phone",
        ),
        DealWon(
            opportunity_id=opportunity,
            dealer_id="dealer-a",
            at=T0 + timedelta(days=2),
            order_id=order,
            lead_id=lead,
            customer_id=customer,
            owner_user="c1",
            owner_team="team-a1",
            credit=[],
            lead_origin="self_sourced",
            model_code="SUV-X",
            trim_code=None,
            units=1,
            revenue=Decimal("189000"),
            gross_margin=Decimal("5000"),
            msrp=Decimal("200000"),
            finance_attached=False,
            insurance_attached=False,
        ),
        VehicleDelivered(
            order_id=order,
            opportunity_id=opportunity,
            dealer_id="dealer-a",
            at=T0 + timedelta(days=5),
            customer_id=customer,
            owner_user="c1",
            vin=VIN,
            model_code="SUV-X",
            delivered_on=date(2026, 11, 25),
        ),
        TicketOpened(
            ticket_id=ticket,
            number="SD-000042",
            dealer_id="dealer-a",
            kind="service_request",
            at=T0 + timedelta(days=8),
            channel="phone",
            category="brakes",
            priority="high",
            customer_id=customer,
            vin=VIN,
            owner_user="s1",
            opened_by="s1",
            resolve_due_at=None,
        ),
        SurveyAnswered(
            survey_response_id=survey,
            design_id=uuid4(),
            dealer_id="dealer-a",
            at=T0 + timedelta(days=11),
            trigger="ticket_resolved",
            channel="link",
            nps=9,
            csi=None,
            low_score=False,
        ),
        SurveyRequested(
            survey_response_id=survey,
            design_id=uuid4(),
            dealer_id="dealer-a",
            at=T0 + timedelta(days=10),
            trigger="ticket_resolved",
            channel="link",
            customer_id=customer,
            customer_name=NAME,
            phone="+86" + PHONE,
            expires_at=T0 + timedelta(days=20),
        ),
        CareDue(
            care_action_id=uuid4(),
            rule_id=uuid4(),
            rule_kind="maintenance_due",
            segment="toc",
            dealer_id="dealer-a",
            customer_id=customer,
            customer_name=NAME,
            phone="+86" + PHONE,
            vin=VIN,
            period="2026-12",
            reason=f"{NAME}: first maintenance",
            due_on=date(2026, 12, 20),
        ),
        CallCompleted(
            call_id=uuid4(),
            dealer_id="dealer-a",
            direction="outbound",
            customer_phone="+86" + PHONE,
            agent_user="c1",
            queue_id=None,
            lead_id=lead,
            customer_id=None,
            task_id=None,
            connected=True,
            abandoned=False,
            started_at=T0 + timedelta(days=3),
            answered_at=T0 + timedelta(days=3),
            ended_at=T0 + timedelta(days=3, minutes=2),
            wait_seconds=5,
            talk_seconds=115,
            hold_seconds=0,
            disposition="reached",
        ),
    ]


async def a_customer(leads_api: FastAPI, key: str) -> dict[str, Any]:
    async with client_as(leads_api, key, PEOPLE.consultant1) as owner:
        created = await owner.post(
            "/leads",
            json={
                "customer_name": NAME,
                "phone": PHONE,
                "source": "phone",
                "wechat_id": "ouyang88",
            },
        )
    assert created.status_code == 201, created.text
    lead: dict[str, Any] = created.json()
    return lead


async def test_every_services_events_make_one_timeline_in_the_customers_file(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    lead = await a_customer(leads_api, signing_key_pem)
    customer = UUID(lead["customer_id"])
    events = history(customer, UUID(lead["id"]))
    ids = [uuid4() for _ in events]
    for event, event_id in zip(events, ids, strict=True):
        await consume(sessions, event, event_id=event_id)
    # Redelivered: no second entry.
    await consume(sessions, events[0], event_id=ids[0])
    async with sessions() as session:
        entries = await session.scalar(select(func.count()).select_from(customer_timeline))
    assert entries == len(events)

    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as owner:
        response = await owner.get(f"/customers/{customer}")
        assert response.status_code == 200, response.text
        file = response.json()
        assert file["customer"]["name"] == NAME
        assert file["customer"]["personal_data"] == "full"
        assert file["customer"]["owner_user"] == PEOPLE.consultant1.user_id
        assert file["identifiers"] == [{"kind": "wechat_id", "value": "ouyang88"}]
        assert [lead["id"]] == [x["id"] for x in file["leads"]]
        assert [o["status"] for o in file["opportunities"]] == ["won"]
        [order] = file["orders"]
        assert order["status"] == "delivered"
        assert order["details"]["total"] == "189000"
        [ticket] = file["tickets"]
        assert ticket["status"] == "resolved"
        assert ticket["details"]["number"] == "SD-000042"
        assert ticket["details"]["on_time"] is True
        [vehicle] = file["vehicles"]
        assert vehicle == {
            "vin": VIN,
            "plate": None,
            "model_code": "SUV-X",
            "delivered_on": "2026-11-25",
        }
        kinds = [e["kind"] for e in file["timeline"]]
        for kind in (
            "care_due",
            "survey_answered",
            "survey_requested",
            "ticket_resolved",
            "ticket_opened",
            "vehicle_delivered",
            "call",
            "order_placed",
            "deal_won",
            "opportunity_opened",
            "lead_created",
        ):
            assert kind in kinds, kind
        times = [e["at"] for e in file["timeline"]]
        assert times == sorted(times, reverse=True), "newest first"
        assert NAME not in str(file["timeline"])
        assert PHONE not in str(file["timeline"])
        # The next page: older than the last entry shown.
        page = await owner.get(f"/customers/{customer}", params={"limit": 3})
        older = await owner.get(
            f"/customers/{customer}",
            params={"limit": 3, "before": page.json()["timeline"][-1]["at"]},
        )
        assert older.json()["timeline"][0]["at"] < page.json()["timeline"][-1]["at"]

        found = await owner.get("/customers", params={"vin": VIN.lower()})
        assert [c["id"] for c in found.json()] == [str(customer)]

    async with sessions() as session:
        audited = (
            await session.execute(
                select(personal_data_audit.c.action, personal_data_audit.c.level).where(
                    personal_data_audit.c.resource_id == str(customer)
                )
            )
        ).all()
    assert ("read", "full") in audited
    assert ("search", "full") in audited


def handed_call(lead: UUID) -> tuple[CallCompletedV2, CallCompletedV2]:
    """A hotline call whose screen pop found no lead of the dealer's customer, handed to the
    dealer's consultant, whose pop linked their part to the lead."""
    hotline_call, part = uuid4(), uuid4()
    common: dict[str, Any] = {
        "direction": "inbound",
        "customer_phone": "+86" + PHONE,
        "queue_id": None,
        "task_id": None,
        "connected": True,
        "abandoned": False,
        "started_at": T0,
        "answered_at": T0 + timedelta(seconds=5),
        "wait_seconds": 5,
        "hold_seconds": 0,
        "disposition": None,
    }
    return (
        CallCompletedV2(
            **common,
            call_id=hotline_call,
            dealer_id="hq",
            agent_user="hotline-agent",
            agent_name="王热线",
            lead_id=None,
            customer_id=None,
            ended_at=T0 + timedelta(seconds=35),
            talk_seconds=30,
            part_of=None,
            handed_to_org="dealer-a",
        ),
        CallCompletedV2(
            **common,
            call_id=part,
            dealer_id="dealer-a",
            agent_user=PEOPLE.consultant1.user_id,
            agent_name="李顾问",
            lead_id=lead,
            customer_id=None,
            ended_at=T0 + timedelta(seconds=95),
            talk_seconds=60,
            part_of=hotline_call,
            handed_to_org=None,
        ),
    )


@pytest.mark.parametrize("first", ["the part", "the hotline's call"])
async def test_a_handed_call_is_one_call_entry_with_its_part_each_agent_by_name(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str, first: str
) -> None:
    lead = await a_customer(leads_api, signing_key_pem)
    customer = UUID(lead["customer_id"])
    hotline_call, part = handed_call(UUID(lead["id"]))
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as owner:
        await consume(sessions, part if first == "the part" else hotline_call)
        alone = (await owner.get(f"/customers/{customer}")).json()["timeline"]
        calls = [e for e in alone if e["kind"] in ("call", "call_part")]
        if first == "the part":
            # The call's own entry has not come yet: its part shows meanwhile.
            assert [(e["kind"], e["subject_id"]) for e in calls] == [
                ("call_part", str(hotline_call.call_id))
            ]
        else:
            # The hotline's pop found no lead: nothing links its call to the customer yet.
            assert calls == []
        await consume(sessions, hotline_call if first == "the part" else part)
        file = (await owner.get(f"/customers/{customer}")).json()
    [entry] = [e for e in file["timeline"] if e["kind"] in ("call", "call_part")]
    assert (entry["kind"], entry["subject_id"]) == ("call", str(hotline_call.call_id))
    assert (entry["details"]["talk_seconds"], entry["details"]["agent_name"]) == (30, "王热线")
    assert entry["details"]["handed_to_org"] == "dealer-a"
    [shown_part] = entry["details"]["parts"]
    assert (shown_part["call_id"], shown_part["talk_seconds"]) == (str(part.call_id), 60)
    assert (shown_part["agent_name"], shown_part["dealer_id"]) == ("李顾问", "dealer-a")
    assert "hotline-agent" not in str(file["timeline"]), "no user id of HQ's"


async def test_a_file_is_seen_as_its_customers_lead_is_and_masked_the_same(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    lead = await a_customer(leads_api, signing_key_pem)
    customer = UUID(lead["customer_id"])
    for event in history(customer, UUID(lead["id"])):
        await consume(sessions, event)

    for outsider in (
        PEOPLE.consultant2,  # a colleague: not their customer
        PEOPLE.other_dealer_manager,
        PEOPLE.hq_analyst,  # the dealer shares figures only by default
    ):
        async with client_as(leads_api, signing_key_pem, outsider) as client:
            assert (await client.get(f"/customers/{customer}")).status_code == 404
            found = await client.get("/customers", params={"phone": PHONE})
            assert found.status_code == 200
            assert found.json() == []

    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        plate = await manager.put(
            f"/customers/{customer}/vehicles/{VIN}", json={"plate": "沪a 12345"}
        )
        assert plate.status_code == 200, plate.text
        assert plate.json()["plate"] == "沪A12345"
        by_name = await manager.get("/customers", params={"name": "欧阳"})
        assert [c["name"] for c in by_name.json()] == [NAME]
        by_plate = await manager.get("/customers", params={"plate": "沪A12345"})
        assert [c["id"] for c in by_plate.json()] == [str(customer)]

    async with (
        shared(sessions, SharingLevel.MASKED),
        client_as(leads_api, signing_key_pem, PEOPLE.hq_admin) as hq,
    ):
        file = (await hq.get(f"/customers/{customer}")).json()
        assert file["customer"]["personal_data"] == "masked"
        assert file["customer"]["name"] == "欧***"
        assert "1234" not in file["customer"]["phone"]
        assert file["identifiers"][0]["value"] != "ouyang88"
        assert file["vehicles"][0]["vin"] == "LSV**********3295"
        assert file["vehicles"][0]["plate"] == "沪A***45"
        assert VIN not in str(file["timeline"])
        # Found by phone, never by a name they see masked.
        by_phone = await hq.get("/customers", params={"phone": PHONE})
        assert [c["name"] for c in by_phone.json()] == ["欧***"]
        assert (await hq.get("/customers", params={"name": NAME})).json() == []
    # Reading is not changing: no plate from a manager outside the customer's book.
    async with client_as(leads_api, signing_key_pem, PEOPLE.other_dealer_manager) as other:
        plate = {"plate": "沪B11111"}
        changed = await other.put(f"/customers/{customer}/vehicles/{VIN}", json=plate)
        assert changed.status_code == 404


async def test_the_search_needs_a_criterion_and_names_the_field_it_refuses(
    leads_api: FastAPI, signing_key_pem: str
) -> None:
    async with client_as(leads_api, signing_key_pem, DEALER_ADMIN) as admin:
        for params, field in (
            ({}, "name"),
            ({"phone": "12"}, "phone"),
            ({"vin": "LSVAU2180N218329O"}, "vin"),
            ({"plate": "沪A"}, "plate"),
        ):
            response = await admin.get("/customers", params=params)
            assert response.status_code == 422, params
            assert response.json()["detail"][0]["loc"] == ["query", field]
        assert (await admin.get(f"/customers/{uuid4()}")).status_code == 404


async def test_customers_by_lifecycle_stage_and_frequency_times_value(
    sessions: Sessions,
    leads_api: FastAPI,
    signing_key_pem: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A prospect, a signed buyer, an end user and a repeat buyer whose second order was
    cancelled, then a third won: counted for the dealer, its region and in all; HQ counts them
    while the dealer shares lead figures (the default), not once it shares nothing."""
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as owner:
        created = [
            (
                await owner.post(
                    "/leads",
                    json={"customer_name": "顾客", "phone": f"1390000000{i}", "source": "phone"},
                )
            ).json()
            for i in range(4)
        ]
    prospect, signed, end_user, repeat = (UUID(c["customer_id"]) for c in created)

    async def won(customer: UUID, revenue: int, *, delivered: bool = False) -> UUID:
        opportunity, order = uuid4(), uuid4()
        await consume(
            sessions,
            DealWon(
                opportunity_id=opportunity,
                dealer_id="dealer-a",
                at=T0,
                order_id=order,
                lead_id=None,
                customer_id=customer,
                owner_user="c1",
                owner_team="team-a1",
                credit=[],
                lead_origin="self_sourced",
                model_code="SUV-X",
                trim_code=None,
                units=1,
                revenue=Decimal(revenue),
                gross_margin=Decimal(1000),
                msrp=Decimal(revenue),
                finance_attached=False,
                insurance_attached=False,
            ),
        )
        if delivered:
            await consume(
                sessions,
                VehicleDelivered(
                    order_id=order,
                    opportunity_id=opportunity,
                    dealer_id="dealer-a",
                    at=T0,
                    customer_id=customer,
                    owner_user="c1",
                    vin=f"LSVAU2180N218{uuid4().int % 10000:04d}",
                    model_code="SUV-X",
                    delivered_on=date(2026, 11, 25),
                ),
            )
        return order

    await won(signed, 150_000)
    await won(end_user, 350_000, delivered=True)
    await won(repeat, 200_000, delivered=True)
    second = await won(repeat, 220_000)
    await won(repeat, 180_000)
    cancellation = OrderCancelled(
        order_id=second,
        opportunity_id=uuid4(),
        dealer_id="dealer-a",
        at=T0,
        owner_user="c1",
        reason="changed their mind",
        cancelled_by="m1",
        deposit_to_refund=Decimal(0),
    )
    await consume(sessions, cancellation)
    assert prospect

    async with sessions() as session, session.begin():
        # The test tree's nodes are plain nodes; identity's name their kind.
        await session.execute(
            update(org_directory).where(org_directory.c.id == "east").values(kind="region")
        )
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        answer = await manager.get("/customer-segments")
        assert answer.status_code == 200, answer.text
        body = answer.json()
        [dealer] = body["dealers"]
        assert dealer["node"] == "dealer-a"
        assert dealer["customers"] == 4
        assert dealer["buyers"] == 3
        assert dealer["stages"] == {"prospect": 1, "signed": 1, "end_user": 1, "repeat": 1}
        assert dealer["quadrants"] == {
            "frequent_high_value": 1,  # 380,000 in two orders standing
            "frequent_low_value": 0,
            "occasional_high_value": 1,
            "occasional_low_value": 1,
        }
        assert dealer["value"] == "880000.00"
        assert dealer["value_per_buyer"] == "293333.33"
        assert [r["node"] for r in body["regions"]] == ["east"]
        assert (body["dealers_truncated"], body["regions_truncated"]) == (False, False)
        assert body["total"]["customers"] == 4
        later = await manager.get("/customer-segments", params={"since": "2026-11-21"})
        assert later.status_code == 200, later.text
        assert later.json()["total"]["buyers"] == 0, "every order was won on 20 November"
        lower = await manager.get("/customer-segments", params={"high_value": "100000"})
        assert lower.json()["total"]["quadrants"]["occasional_high_value"] == 2

    async with client_as(leads_api, signing_key_pem, PEOPLE.hq_analyst) as hq:
        assert (await hq.get("/customer-segments")).json()["total"]["customers"] == 4
        # A row per dealer and region of the scope: cut at the cap, the total counts all.
        with monkeypatch.context() as patch:
            patch.setattr(segment_routes, "MOST_NODES", 0)
            cut = (await hq.get("/customer-segments")).json()
        assert (cut["dealers"], cut["dealers_truncated"]) == ([], True)
        assert (cut["regions"], cut["regions_truncated"]) == ([], True)
        assert cut["total"]["customers"] == 4
        async with shared(sessions, SharingLevel.NONE):
            assert (await hq.get("/customer-segments")).json()["total"]["customers"] == 0
