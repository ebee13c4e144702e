"""A ticket's life: replies, waiting, resolution, closure, reopening, merging, complaints."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crm_common.errors import InvalidInput
from crm_service_desk.domain.tickets import (
    Appointment,
    TicketConflict,
    TicketKind,
    TicketStatus,
    WaitingFor,
    normalise_phone,
    normalise_vin,
)

from .factories import CALENDAR, a_ticket, local


def test_opening_sets_the_due_times_in_business_hours() -> None:
    ticket = a_ticket(now=local(2, 17, 30))  # Monday 17:30
    assert ticket.response_due_at == local(3, 9, 30)
    assert ticket.resolve_due_at == local(3, 16, 30)
    assert ticket.status is TicketStatus.OPEN


def test_the_first_reply_meets_the_first_response_target() -> None:
    ticket = a_ticket(now=local(2, 9))
    ticket.record_reply(local(2, 9, 20), CALENDAR)
    assert ticket.first_responded_at == local(2, 9, 20)
    assert ticket.response_due_at is None
    ticket.record_reply(local(2, 11), CALENDAR)
    assert ticket.first_responded_at == local(2, 9, 20)


def test_waiting_stops_the_clock_and_resuming_moves_the_due_time() -> None:
    ticket = a_ticket(now=local(2, 9))
    ticket.wait_for(WaitingFor.CUSTOMER, local(2, 10))
    assert (ticket.status, ticket.resolve_due_at) == (TicketStatus.WAITING, None)
    with pytest.raises(TicketConflict):
        ticket.wait_for(WaitingFor.PARTNER, local(2, 11))
    ticket.resume(local(3, 10), CALENDAR)  # 9 working hours waited
    assert ticket.resolve_due_at == local(2, 17) + timedelta(days=1)
    with pytest.raises(TicketConflict):
        ticket.resume(local(3, 11), CALENDAR)


def test_resolution_says_whether_it_was_on_time() -> None:
    early = a_ticket(now=local(2, 9))
    assert early.resolve("pads replaced", local(2, 16), CALENDAR) is True
    late = a_ticket(now=local(2, 9))
    assert late.resolve("pads replaced", local(3, 10), CALENDAR) is False
    assert late.status is TicketStatus.RESOLVED
    with pytest.raises(TicketConflict):
        late.resolve("again", local(3, 11), CALENDAR)


def test_time_waiting_for_the_customer_does_not_count_against_the_target() -> None:
    ticket = a_ticket(now=local(2, 9))
    ticket.wait_for(WaitingFor.CUSTOMER, local(2, 10))
    assert ticket.resolve("the customer fixed it", local(4, 10), CALENDAR) is True


def test_a_complaint_needs_an_owner_and_a_root_cause_before_resolution() -> None:
    complaint = a_ticket(now=local(2, 9), kind=TicketKind.COMPLAINT)
    assert complaint.complaint is not None
    assert complaint.complaint.responsible_user == "advisor-1"
    with pytest.raises(TicketConflict, match="root cause"):
        complaint.resolve("apologised", local(2, 10), CALENDAR)
    complaint.record_complaint_handling(
        local(2, 10), responsible_user="manager-1", root_cause="wrong part ordered"
    )
    complaint.resolve("part replaced, apologised", local(2, 11), CALENDAR)
    complaint.close(local(2, 12), customer_satisfied=True)
    assert complaint.complaint.customer_satisfied is True
    assert complaint.complaint.customer_confirmed_at == local(2, 12)
    assert complaint.status is TicketStatus.CLOSED


def test_only_complaints_have_root_causes() -> None:
    ticket = a_ticket(now=local(2, 9))
    with pytest.raises(TicketConflict):
        ticket.record_complaint_handling(local(2, 10), responsible_user=None, root_cause="x")


def test_close_and_reopen_follow_the_states() -> None:
    ticket = a_ticket(now=local(2, 9))
    with pytest.raises(TicketConflict):
        ticket.close(local(2, 10), customer_satisfied=None)
    ticket.resolve("done", local(2, 12), CALENDAR)  # 3 h used
    ticket.reopen(local(3, 9), CALENDAR)
    # The clock runs on from 3 h used: 5 h left from Tuesday 09:00.
    assert ticket.resolve_due_at == local(3, 14)
    ticket.resolve("done again", local(3, 10), CALENDAR)
    ticket.close(local(3, 11), customer_satisfied=None)
    with pytest.raises(TicketConflict):
        ticket.reopen(local(3, 12), CALENDAR)


def test_merge_closes_the_duplicate_into_an_open_ticket_of_the_same_book() -> None:
    survivor, duplicate = a_ticket(now=local(2, 9)), a_ticket(now=local(2, 10))
    with pytest.raises(TicketConflict):
        survivor.merge_into(survivor, local(2, 11))
    duplicate.merge_into(survivor, local(2, 11))
    assert (duplicate.status, duplicate.merged_into) == (TicketStatus.MERGED, survivor.id)
    with pytest.raises(TicketConflict):
        duplicate.merge_into(survivor, local(2, 12))
    other_book = a_ticket(now=local(2, 9))
    other_book.owner_org = "dealer-b"
    with pytest.raises(TicketConflict, match="same book"):
        a_ticket(now=local(2, 9)).merge_into(other_book, local(2, 12))


def test_reassignment_to_the_same_owner_is_a_conflict() -> None:
    ticket = a_ticket(now=local(2, 9))
    assert ticket.assign("advisor-2", "dealer-a", local(2, 10)) == "advisor-1"
    with pytest.raises(TicketConflict):
        ticket.assign("advisor-2", "dealer-a", local(2, 11))


def test_an_appointment_must_be_in_the_future() -> None:
    ticket = a_ticket(now=local(2, 9))
    with pytest.raises(InvalidInput) as error:
        ticket.schedule(Appointment(local(2, 8), 60, None), local(2, 9))
    assert error.value.field == "starts_at"
    ticket.schedule(Appointment(local(3, 9), 60, "bay 3"), local(2, 9))
    assert ticket.appointment is not None


def test_phone_and_vin_are_normalised_or_refused_naming_the_field() -> None:
    assert normalise_phone("138 0013 8000") == "+8613800138000"
    assert normalise_phone("0086 138-0013-8000") == "+8613800138000"
    with pytest.raises(InvalidInput) as error:
        normalise_phone("call me", field="customer.phone")
    assert error.value.field == "customer.phone"
    assert normalise_vin(" lsvau2180n2183295 ") == "LSVAU2180N2183295"
    with pytest.raises(InvalidInput):
        normalise_vin("LSVAU2180N218329O")  # the letter O is never in a VIN
