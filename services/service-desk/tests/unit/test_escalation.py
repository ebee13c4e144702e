"""The escalation ladder on a clock the test sets: which steps apply when, what each does."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crm_common.errors import InvalidInput
from crm_service_desk.domain.escalation import (
    DEFAULT_LADDER,
    Action,
    Ladder,
    OrgChain,
    Step,
    Target,
    escalate,
    next_escalation_at,
)
from crm_service_desk.domain.tickets import TicketConflict, WaitingFor

from .factories import CALENDAR, a_ticket, local

CHAIN = OrgChain(dealer="dealer-a", region="east", hq="hq")
LADDER = Ladder(DEFAULT_LADDER.steps, team_lead="service-manager")


def test_nothing_is_due_before_the_first_step() -> None:
    ticket = a_ticket(now=local(2, 9))
    # First response in 1 h: its breach step is the first on the ladder.
    assert next_escalation_at(ticket, LADDER, CALENDAR) == local(2, 10)
    assert escalate(ticket, LADDER, CALENDAR, CHAIN, local(2, 9, 59)) == []


def test_steps_apply_in_order_as_the_target_is_used_up() -> None:
    ticket = a_ticket(now=local(2, 9))  # resolution target 8 h: due Monday 17:00
    ticket.record_reply(local(2, 9, 30), CALENDAR)  # the first-response step no longer applies
    assert next_escalation_at(ticket, LADDER, CALENDAR) == local(2, 15)  # 75 %

    notified = escalate(ticket, LADDER, CALENDAR, CHAIN, local(2, 15))
    assert [(e.step.action, e.level, e.breached) for e in notified] == [
        (Action.NOTIFY_OWNER, 1, False)
    ]
    assert ticket.owner_user == "advisor-1"
    assert ticket.next_escalation_at == local(2, 17)

    breached = escalate(ticket, LADDER, CALENDAR, CHAIN, local(2, 17))
    assert [(e.step.action, e.owner_user, e.previous_owner) for e in breached] == [
        (Action.REASSIGN_TEAM_LEAD, "service-manager", "advisor-1")
    ]
    assert breached[0].breached

    # 125 % is Tuesday 10:00 (working hours only), 150 % Tuesday 12:00, 200 % Tuesday 16:00:
    # a sweep that did not run meanwhile applies them all, in order.
    late = escalate(ticket, LADDER, CALENDAR, CHAIN, local(3, 16))
    assert [(e.step.action, e.raised_to_org, e.due_at) for e in late] == [
        (Action.RAISE_TO_DEALER, "dealer-a", local(3, 10)),
        (Action.RAISE_TO_REGION, "east", local(3, 12)),
        (Action.RAISE_TO_HQ, "hq", local(3, 16)),
    ]
    assert ticket.raised_to_org == "hq"
    assert ticket.next_escalation_at is None
    assert escalate(ticket, LADDER, CALENDAR, CHAIN, local(9, 9)) == []


def test_an_unanswered_ticket_breaches_its_first_response_first() -> None:
    ticket = a_ticket(now=local(2, 9))
    applied = escalate(ticket, LADDER, CALENDAR, CHAIN, local(2, 10))
    assert [e.step.name for e in applied] == ["response_breach_notify_owner"]
    assert applied[0].breached


def test_a_waiting_ticket_is_not_escalated() -> None:
    ticket = a_ticket(now=local(2, 9))
    ticket.wait_for(WaitingFor.PARTNER, local(2, 9, 30))
    assert next_escalation_at(ticket, LADDER, CALENDAR) is None
    assert escalate(ticket, LADDER, CALENDAR, CHAIN, local(9, 9)) == []


def test_without_a_team_lead_the_step_is_recorded_and_the_owner_stays() -> None:
    ticket = a_ticket(now=local(2, 9))
    ticket.record_reply(local(2, 9, 1), CALENDAR)
    applied = escalate(ticket, DEFAULT_LADDER, CALENDAR, CHAIN, local(2, 17))
    assert [e.step.action for e in applied] == [Action.NOTIFY_OWNER, Action.REASSIGN_TEAM_LEAD]
    assert ticket.owner_user == "advisor-1"


def test_a_book_without_a_region_is_raised_to_hq() -> None:
    ticket = a_ticket(now=local(2, 9))
    ladder = Ladder((Step("r", Target.RESOLUTION, 100, Action.RAISE_TO_REGION),))
    escalate(ticket, ladder, CALENDAR, OrgChain("dealer-a", None, "hq"), local(2, 17))
    assert ticket.raised_to_org == "hq"


def test_a_resolved_ticket_cannot_be_escalated() -> None:
    ticket = a_ticket(now=local(2, 9))
    ticket.resolve("done", local(2, 10), CALENDAR)
    with pytest.raises(TicketConflict):
        escalate(ticket, LADDER, CALENDAR, CHAIN, local(2, 17))


def test_ladder_steps_need_distinct_names_and_sensible_percentages() -> None:
    with pytest.raises(InvalidInput):
        Ladder((Step("a", Target.RESOLUTION, 50, Action.NOTIFY_OWNER),) * 2)
    with pytest.raises(InvalidInput) as error:
        Ladder((Step("a", Target.RESOLUTION, 0, Action.NOTIFY_OWNER),))
    assert error.value.field == "steps[0].percent"


def test_the_first_response_step_is_skipped_without_that_target() -> None:
    ticket = a_ticket(now=local(2, 9))
    ticket.targets = type(ticket.targets)(None, timedelta(hours=8))
    assert next_escalation_at(ticket, LADDER, CALENDAR) == local(2, 15)
