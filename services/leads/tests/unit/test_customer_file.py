"""The customer's file: which events make which timeline entries, naming which customer,
subject and vehicle, and never a customer's name or phone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import uuid4

import pytest

from crm_common.contracts.events.call_center.v1 import CallCompleted
from crm_common.contracts.events.opportunities.v1 import (
    OpportunityOpened,
    OrderPlaced,
    VehicleDelivered,
)
from crm_common.contracts.events.service_desk.v1 import (
    CareDue,
    PartnerJobUpdated,
    SurveyAnswered,
    TicketOpened,
    TicketResolved,
)
from crm_common.contracts.events.service_desk.v2 import TicketOpenedV2
from crm_common.errors import InvalidInput
from crm_leads.domain.customer_file import (
    TIMELINE_EVENTS,
    normalise_plate,
    normalise_vin,
    timeline_entry,
)

AT = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
CUSTOMER, OPPORTUNITY, ORDER = uuid4(), uuid4(), uuid4()


def opened(customer: object) -> OpportunityOpened:
    return OpportunityOpened(
        opportunity_id=OPPORTUNITY,
        dealer_id="dealer-a",
        at=AT,
        lead_id=uuid4() if customer else None,
        customer_id=customer,
        owner_user="c1",
        owner_team="dealer-a",
        pipeline_id=uuid4(),
        stage="reception",
        vehicle_interest="SUV",
        lead_origin="pool",
        source="phone",
    )


def test_an_opportunity_of_a_customer_names_them_and_is_its_own_subject() -> None:
    entry = timeline_entry(opened(CUSTOMER), AT)
    assert entry is not None
    assert (entry.kind, entry.customer_id, entry.subject_id) == (
        "opportunity_opened",
        CUSTOMER,
        OPPORTUNITY,
    )
    assert timeline_entry(opened(None), AT) is None, "opened without a lead: no customer file"


def test_an_order_reaches_its_customer_through_its_opportunity() -> None:
    placed = OrderPlaced(
        order_id=ORDER,
        opportunity_id=OPPORTUNITY,
        dealer_id="dealer-a",
        at=AT,
        quote_id=uuid4(),
        owner_user="c1",
        process="deposit_first",
        total=Decimal("189000"),
    )
    entry = timeline_entry(placed, AT)
    assert entry is not None
    assert (entry.customer_id, entry.subject_id, entry.record_id) == (None, OPPORTUNITY, ORDER)
    assert entry.details == {"total": "189000", "process": "deposit_first"}


def test_a_delivery_names_the_vehicle() -> None:
    delivered = VehicleDelivered(
        order_id=ORDER,
        opportunity_id=OPPORTUNITY,
        dealer_id="dealer-a",
        at=AT,
        customer_id=CUSTOMER,
        owner_user="c1",
        vin="LSVAU2180N2183295",
        model_code="SUV-X",
        delivered_on=date(2026, 12, 1),
    )
    entry = timeline_entry(delivered, AT)
    assert entry is not None
    assert (entry.vin, entry.model_code, entry.customer_id) == (
        "LSVAU2180N2183295",
        "SUV-X",
        CUSTOMER,
    )


def test_care_keeps_neither_the_name_nor_the_reason_read_out_and_dates_by_the_envelope() -> None:
    care = CareDue(
        care_action_id=uuid4(),
        rule_id=uuid4(),
        rule_kind="birthday",
        segment="toc",
        dealer_id="dealer-a",
        customer_id=CUSTOMER,
        customer_name="欧阳娜娜",
        phone="+8613912345678",
        vin=None,
        period="2026",
        reason="欧阳娜娜's birthday",
        due_on=date(2026, 12, 3),
    )
    entry = timeline_entry(care, AT)
    assert entry is not None
    assert entry.at == AT
    assert "欧阳" not in str(entry.details)
    assert "139" not in str(entry.details)


def test_a_call_without_a_customer_or_lead_is_nobodys_and_one_about_a_lead_is_its_customers() -> (
    None
):
    def call(lead: object) -> CallCompleted:
        return CallCompleted(
            call_id=uuid4(),
            dealer_id="dealer-a",
            direction="inbound",
            customer_phone="+8613912345678",
            agent_user="c1",
            queue_id=None,
            lead_id=lead,
            customer_id=None,
            task_id=None,
            connected=True,
            abandoned=False,
            started_at=AT,
            answered_at=AT,
            ended_at=AT,
            wait_seconds=0,
            talk_seconds=60,
            hold_seconds=0,
            disposition=None,
        )

    assert timeline_entry(call(None), AT) is None
    lead = uuid4()
    entry = timeline_entry(call(lead), AT)
    assert entry is not None
    assert entry.lead_id == lead
    assert entry.customer_id is None
    assert "+86" not in str(entry.details)


def test_events_naming_only_their_subject_leave_the_customer_to_the_link() -> None:
    ticket, survey = uuid4(), uuid4()
    resolved = TicketResolved(
        ticket_id=ticket,
        number="SD-000001",
        dealer_id="dealer-a",
        kind="complaint",
        at=AT,
        resolved_by="s1",
        resolve_due_at=None,
        on_time=None,
    )
    answered = SurveyAnswered(
        survey_response_id=survey,
        design_id=uuid4(),
        dealer_id="dealer-a",
        at=AT,
        trigger="ticket_resolved",
        channel="link",
        nps=9,
        csi=None,
        low_score=False,
    )
    for event, subject in ((resolved, ticket), (answered, survey)):
        entry = timeline_entry(event, AT)
        assert entry is not None
        assert entry.customer_id is None
        assert entry.subject_id == subject


def test_a_ticket_opened_by_either_version_and_its_partner_job_reach_its_file() -> None:
    ticket = uuid4()
    about = {"ticket_id": ticket, "number": "SD-000002", "dealer_id": "dealer-a", "at": AT}
    opened = {
        **about,
        "kind": "service_request",
        "channel": "phone",
        "category": None,
        "priority": "normal",
        "customer_id": CUSTOMER,
        "vin": None,
        "owner_user": "s1",
        "opened_by": "cc1",
        "resolve_due_at": None,
        "survey_response_id": None,
    }
    first = timeline_entry(TicketOpened(**opened), AT)
    second = timeline_entry(TicketOpenedV2(**opened, call_id=str(uuid4())), AT)
    assert first is not None
    assert first == second
    assert (first.kind, first.customer_id, first.subject_id) == ("ticket_opened", CUSTOMER, ticket)
    job = timeline_entry(
        PartnerJobUpdated(
            **about, kind="service_request", partner_id="partner-repair", status="done", by="p1"
        ),
        AT,
    )
    assert job is not None
    assert (job.kind, job.customer_id, job.subject_id) == ("ticket_partner_job", None, ticket)
    assert job.details == {"number": "SD-000002", "partner": "partner-repair", "status": "done"}


def test_every_timeline_event_is_of_a_topic_of_its_service() -> None:
    assert {event.topic.split(".")[1] for event in TIMELINE_EVENTS} == {
        "opportunities",
        "service-desk",
        "call_center",
    }


def test_vins_and_plates_are_normalised_or_refused_naming_the_field() -> None:
    assert normalise_vin(" lsvau2180n2183295 ") == "LSVAU2180N2183295"
    assert normalise_plate("沪a 123·45") == "沪A12345"
    with pytest.raises(InvalidInput) as vin:
        normalise_vin("LSVAU2180N218329O")
    assert vin.value.field == "vin"
    with pytest.raises(InvalidInput) as plate:
        normalise_plate("沪A1", field="plate", location="body")
    assert plate.value.field == "plate"
