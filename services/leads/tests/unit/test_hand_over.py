"""A leaver's hand-over: who takes each lead (named, or spread by a strategy whatever the
pools' capacity), what it does to a lead, and how the other services read the event so a
customer's records stay together."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pytest

from crm_common.contracts.events.leads.v1 import ConsultantHandedOver, Successor
from crm_leads.domain.assignment import Candidate, more_senior
from crm_leads.domain.hand_over import NobodyToHandOverTo, in_parts, plan_hand_over
from crm_leads.domain.lead import LeadStatus, LeadUnavailable, Worker
from crm_leads.domain.origin import LeadOrigin
from crm_leads.domain.pool_rules import AutoAssignment

from .factories import new_lead

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
LEAVER = Worker("leaver", "team-1")


def test_a_named_successor_takes_every_lead() -> None:
    bob = Candidate("bob", "team-1", 150)
    assert plan_hand_over([bob], None, 3, T0) == [bob, bob, bob]


def test_a_strategy_spreads_the_leads_past_the_pools_capacity() -> None:
    full = Candidate("full", "team-1", 10_000)
    empty = Candidate("empty", "team-1", 0)
    least = plan_hand_over([full, empty], AutoAssignment.LEAST_LOADED, 4, T0)
    assert [c.user_id for c in least] == ["empty"] * 4, "the least loaded first, no cap"
    both = plan_hand_over(
        [Candidate("a", "t", 9_999), Candidate("b", "t", 9_999)],
        AutoAssignment.ROUND_ROBIN,
        4,
        T0,
    )
    assert Counter(c.user_id for c in both) == {"a": 2, "b": 2}, "everyone at capacity still"


def test_nobody_to_take_over_is_refused() -> None:
    with pytest.raises(NobodyToHandOverTo):
        plan_hand_over([], AutoAssignment.ROUND_ROBIN, 1, T0)


def test_parts_cut_a_large_hand_over_and_an_empty_one_still_has_one() -> None:
    assert [len(p) for p in in_parts(list(range(2_500)))] == [1_000, 1_000, 500]
    assert in_parts([]) == [[]]


def test_a_lead_goes_to_the_successor_even_with_its_loss_waiting() -> None:
    lead = new_lead(T0, LEAVER)
    lead.report_lost("leaver", "bought elsewhere", T0)
    assert lead.status is LeadStatus.LOSS_PENDING
    later = T0 + timedelta(days=3)
    lead.hand_over(Worker("bob", "team-2"), "manager", later, "handed over from leaver")
    assert (lead.owner_user, lead.owner_team, lead.owned_since) == ("bob", "team-2", later)
    assert lead.ownership_origin is LeadOrigin.POOL, "given by a manager, as an assignment"
    assert lead.status is LeadStatus.LOSS_PENDING, "the manager still decides the loss"
    [change] = [c for c in lead.changes if c.kind == "handed_over"]
    assert (change.actor, change.from_user, change.to_user) == ("manager", "leaver", "bob")


def test_a_converted_lead_is_not_handed_over() -> None:
    lead = new_lead(T0, LEAVER)
    lead.convert("leaver", T0)
    with pytest.raises(LeadUnavailable):
        lead.hand_over(Worker("bob", "team-2"), "manager", T0, "handed over")


def handed(final: bool, leads: dict[UUID, str], customers: dict[UUID, str]) -> ConsultantHandedOver:
    return ConsultantHandedOver(
        hand_over_id=uuid4(),
        dealer_id="dealer-1",
        consultant="leaver",
        successors=[Successor(user_id=u, org_node="team-1") for u in ("a", "b", "c")],
        strategy="least_loaded",
        reason="hand_over",
        leads=leads,
        customers=customers,
        part=0,
        final=final,
        at=T0,
    )


def test_records_follow_their_lead_or_customer_and_the_rest_spread_the_same_everywhere() -> None:
    lead, customer, other = uuid4(), uuid4(), uuid4()
    event = handed(True, {lead: "c"}, {customer: "b"})
    assert event.names(lead_id=lead, customer_id=None)
    assert event.names(lead_id=None, customer_id=customer)
    assert not event.names(lead_id=other, customer_id=None)
    assert event.successor_for(lead_id=lead, customer_id=None, record_id=uuid4()).user_id == "c"
    assert event.successor_for(lead_id=None, customer_id=customer, record_id=uuid4()).user_id == "b"
    # Not named: chosen by the lead, so an opportunity and a call task of one converted lead
    # (each service deciding alone) land with the same successor.
    chosen = {
        event.successor_for(lead_id=other, customer_id=None, record_id=uuid4()).user_id
        for _ in range(10)
    }
    assert len(chosen) == 1
    spread = Counter(
        event.successor_for(lead_id=None, customer_id=None, record_id=uuid4()).user_id
        for _ in range(300)
    )
    assert set(spread) == {"a", "b", "c"}, "the rest is spread over every successor"
    roundtrip = ConsultantHandedOver.model_validate_json(event.model_dump_json())
    assert roundtrip.successor_for(lead_id=lead, customer_id=None, record_id=other).user_id == "c"


def test_more_senior_is_the_least_loaded_member_above_the_owner() -> None:
    members = [
        Candidate("junior", "t", 0, level=1),
        Candidate("mid", "t", 5, level=2),
        Candidate("senior", "t", 5, level=3),
        Candidate("busy-senior", "t", 9, level=3),
    ]
    assert more_senior(members, "junior") == members[1], "the less senior on a tie of load"
    assert more_senior(members, "mid") == members[2]
    assert more_senior(members, "senior") is None, "nobody above the top"
    outsider = more_senior(members, "not-a-member")
    assert outsider == members[1], "an outsider counts as the default level"
    assert more_senior(members, None) == members[0], "a pooled lead: anyone"
