from datetime import UTC, datetime
from uuid import uuid4

from crm_common.contracts import new_event
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC, LeadCreated, LeadCreatedEvent
from crm_common.messaging.headers import event_headers
from crm_common.observability.context import bound_trace, new_trace


def make(lead_id=None) -> LeadCreatedEvent:
    return new_event(
        LeadCreated(
            lead_id=lead_id or uuid4(), dealer_id="d1", source="phone", created_at=datetime.now(UTC)
        ),
        tenant="oem-1",
        owner_org="d1",
        actor="u1",
    )


def test_envelope_says_what_where_and_who() -> None:
    lead_id = uuid4()
    event = make(lead_id)
    assert event.type == "leads.LeadCreated"
    assert event.version == 1
    assert event.topic() == LEAD_TOPIC
    assert event.key() == str(lead_id)
    assert event.occurred_at.tzinfo is not None


def test_envelope_round_trips_through_json() -> None:
    event = make()
    assert LeadCreatedEvent.model_validate_json(event.model_dump_json()) == event


def test_events_carry_the_trace_of_the_request_that_caused_them() -> None:
    trace = new_trace(correlation_id="req-42")
    with bound_trace(trace):
        event = make()
    assert event.trace.trace_id == trace.trace_id
    assert event.trace.correlation_id == "req-42"
    headers = event_headers(event)
    assert headers["x-correlation-id"] == "req-42"
    assert headers["traceparent"].split("-")[1] == trace.trace_id
    assert headers["ce-id"] == str(event.id)


def test_every_origin_a_conversion_carries_is_one_an_opportunity_and_a_won_deal_carry() -> None:
    """leads.LeadConverted v2's lead_origin travels on in OpportunityOpened and DealWon: a
    value only the first knows dead-letters the conversion (no opportunity is opened)."""
    from typing import get_args

    from crm_common.contracts.events.leads import v2 as leads_v2
    from crm_common.contracts.events.opportunities import v1 as opportunities_v1

    assert set(get_args(leads_v2.LeadOrigin)) <= set(get_args(opportunities_v1.LeadOrigin))
