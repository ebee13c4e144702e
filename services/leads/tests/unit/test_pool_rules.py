"""The rules of leads and pools, with a driven clock: claims, protection, follow-ups, grades,
recycling, anti-collusion and automatic assignment."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from pydantic import ValidationError

from crm_common.errors import InvalidInput
from crm_leads.domain.assignment import Candidate, choose_assignee, plan_assignments
from crm_leads.domain.collusion import Handover, flagged_pairs
from crm_leads.domain.grades import HABCN, THREE_LEVEL
from crm_leads.domain.lead import (
    ClaimantRecord,
    ClaimLimitReached,
    DrawOpen,
    FollowUp,
    FollowUpKind,
    Lead,
    LeadStatus,
    LeadUnavailable,
    NotTheOwner,
    ProtectionPeriodActive,
    SuspectedCollusion,
    Worker,
    draw_winner,
)
from crm_leads.domain.pool_rules import (
    AutoAssignment,
    ClaimRules,
    CollusionRules,
    PoolRules,
    RecycleRules,
)
from crm_leads.domain.recycle import (
    HANDED_TO_MARKETING,
    NO_CONVERSION,
    NO_FOLLOW_UP,
    NOT_WON,
    STALLED_IN_GRADE,
    CustomerDeals,
    recycle_rule_due,
    staging_rule_due,
)

from .factories import POOL, new_lead

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
ALICE = Worker("alice", "team-1")
BOB = Worker("bob", "team-1")
FRESH = ClaimantRecord(open_leads_owned=0, claims_today=0, claims_of_releases_by_previous_owner=0)
CLAIM = ClaimRules()
COLLUSION = CollusionRules()


def released_by_alice(at: datetime = T0) -> Lead:
    lead = new_lead(T0, owner=ALICE)
    lead.release(POOL, "alice", "no time", None, protection_days=7, now=at)
    return lead


def test_a_claim_takes_a_pooled_lead_and_a_second_claim_is_refused() -> None:
    lead = new_lead(T0, owner=None)
    lead.claim(BOB, FRESH, CLAIM, COLLUSION, T0)
    assert (lead.owner_user, lead.pool_id, lead.owned_since) == ("bob", None, T0)
    with pytest.raises(LeadUnavailable):
        lead.claim(ALICE, FRESH, CLAIM, COLLUSION, T0)


def test_the_previous_owner_is_protected_out_until_the_period_ends() -> None:
    lead = released_by_alice()
    assert lead.protected_until == T0 + timedelta(days=7)
    with pytest.raises(ProtectionPeriodActive):
        lead.claim(ALICE, FRESH, CLAIM, COLLUSION, T0 + timedelta(days=7) - timedelta(seconds=1))
    lead.claim(ALICE, FRESH, CLAIM, COLLUSION, T0 + timedelta(days=7))
    assert lead.owner_user == "alice"


def test_a_manager_assigns_during_the_protection_period() -> None:
    lead = released_by_alice()
    lead.assign(ALICE, "manager", T0 + timedelta(days=1), "VIP customer")
    assert lead.owner_user == "alice"
    assert lead.changes[-1].kind == "assigned"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (ClaimantRecord(200, 0, 0), "open leads"),
        (ClaimantRecord(0, 20, 0), "claims today"),
    ],
)
def test_claim_limits(record: ClaimantRecord, message: str) -> None:
    with pytest.raises(ClaimLimitReached, match=message):
        new_lead(T0, owner=None).claim(BOB, record, CLAIM, COLLUSION, T0)


def test_claiming_one_colleague_s_releases_again_and_again_is_blocked() -> None:
    lead = released_by_alice()
    with pytest.raises(SuspectedCollusion, match="alice"):
        lead.claim(BOB, ClaimantRecord(0, 0, 3), CLAIM, COLLUSION, T0)
    lead.claim(BOB, ClaimantRecord(0, 0, 2), CLAIM, COLLUSION, T0)


def test_only_the_owner_follows_up_and_the_grade_sets_the_next_due_date() -> None:
    lead = new_lead(T0, owner=ALICE)
    at = T0 + timedelta(days=2)
    with pytest.raises(NotTheOwner):
        lead.record_follow_up(
            FollowUp(FollowUpKind.CALL, "x", at, "bob"), THREE_LEVEL, RecycleRules()
        )
    lead.record_follow_up(
        FollowUp(FollowUpKind.VISIT, "came in", at, "alice", grade="intent"),
        THREE_LEVEL,
        RecycleRules(),
    )
    assert (lead.grade, lead.next_follow_up_due, lead.last_follow_up_at) == (
        "intent",
        at + timedelta(days=30),
        at,
    )
    lead.regrade("potential", THREE_LEVEL, "alice", at)
    assert lead.next_follow_up_due is None, "potential goes to marketing: no callbacks"


@pytest.mark.parametrize(
    ("follow_up", "resets"),
    [
        (FollowUp(FollowUpKind.MESSAGE, "sent", T0, "alice"), False),
        (FollowUp(FollowUpKind.CALL, "no answer", T0, "alice", call_seconds=29), False),
        (FollowUp(FollowUpKind.CALL, "talked", T0, "alice", call_seconds=30), True),
        (FollowUp(FollowUpKind.VISIT, "typed only", T0, "alice"), False),
        (FollowUp(FollowUpKind.VISIT, "at reception", T0, "alice", verified=True), True),
    ],
)
def test_with_real_contact_only_a_typed_note_does_not_reset_the_clock(
    follow_up: FollowUp, resets: bool
) -> None:
    lead = new_lead(T0 - timedelta(days=1), owner=ALICE)
    rules = RecycleRules(real_contact_only=True)
    assert lead.record_follow_up(follow_up, THREE_LEVEL, rules) is resets
    assert (lead.last_follow_up_at == T0) is resets


def test_grade_schemes() -> None:
    assert THREE_LEVEL.next_follow_up_due("ready_to_buy", T0) == T0 + timedelta(days=7)
    assert [HABCN.grade(g).cadence_days for g in "HABCN"] == [7, 15, 30, 90, None]
    assert HABCN.is_upgrade("C", "A")
    assert not HABCN.is_upgrade("A", "C")
    with pytest.raises(InvalidInput) as refused:
        THREE_LEVEL.grade("H")
    assert refused.value.field == "grade"


def test_pool_rules_refuse_grades_of_another_scheme_and_unknown_fields() -> None:
    with pytest.raises(ValidationError, match="not in scheme"):
        PoolRules.model_validate({"recycle": {"no_follow_up_days_by_grade": {"H": 3}}})
    with pytest.raises(ValidationError, match="max_claims"):
        PoolRules.model_validate({"claim": {"max_claims": 3}})
    rules = PoolRules.model_validate({"grade_scheme": "habcn"})
    assert rules.recycle.no_follow_up_days == 10


class TestRecycle:
    rules = RecycleRules(no_follow_up_days=10, no_follow_up_days_by_grade={"ready_to_buy": 5})

    def test_no_follow_up_counts_from_the_later_of_receipt_and_last_follow_up(self) -> None:
        lead = new_lead(T0, owner=ALICE)
        assert (
            recycle_rule_due(lead, self.rules, T0 + timedelta(days=10) - timedelta(seconds=1))
            is None
        )
        assert recycle_rule_due(lead, self.rules, T0 + timedelta(days=10)) == NO_FOLLOW_UP
        lead.record_follow_up(
            FollowUp(FollowUpKind.CALL, "ok", T0 + timedelta(days=9), "alice"),
            THREE_LEVEL,
            RecycleRules(),
        )
        assert recycle_rule_due(lead, self.rules, T0 + timedelta(days=18)) is None
        assert recycle_rule_due(lead, self.rules, T0 + timedelta(days=19)) == NO_FOLLOW_UP

    def test_days_per_grade_override_the_default(self) -> None:
        lead = new_lead(T0, owner=ALICE)
        lead.regrade("ready_to_buy", THREE_LEVEL, "alice", T0)
        assert recycle_rule_due(lead, self.rules, T0 + timedelta(days=5)) == NO_FOLLOW_UP

    def test_no_conversion_and_what_is_never_recycled(self) -> None:
        rules = RecycleRules(no_follow_up_days=None, no_conversion_days=30)
        lead = new_lead(T0, owner=ALICE)
        later = T0 + timedelta(days=30)
        assert recycle_rule_due(lead, rules, later) == NO_CONVERSION
        assert recycle_rule_due(lead, rules, later, customer_locked=True) is None
        assert recycle_rule_due(new_lead(T0, owner=None), rules, later) is None
        lead.status = LeadStatus.LOSS_PENDING
        assert recycle_rule_due(lead, rules, later) is None

    def test_not_won_in_time_releases_unless_the_customer_bought(self) -> None:
        rules = RecycleRules(no_follow_up_days=None, no_win_days=60)
        lead = new_lead(T0, owner=ALICE)
        assert recycle_rule_due(lead, rules, T0 + timedelta(days=59)) is None
        assert recycle_rule_due(lead, rules, T0 + timedelta(days=60)) == NOT_WON
        bought = CustomerDeals(has_won=True)
        assert recycle_rule_due(lead, rules, T0 + timedelta(days=60), deals=bought) is None

    def test_customers_who_bought_or_are_being_worked_can_be_kept_out_of_the_sweep(self) -> None:
        lead = new_lead(T0, owner=ALICE)
        later = T0 + timedelta(days=10)
        working = CustomerDeals(has_open_opportunity=True)
        bought = CustomerDeals(has_won=True)
        assert recycle_rule_due(lead, self.rules, later, deals=working) == NO_FOLLOW_UP
        keep_worked = self.rules.model_copy(update={"exclude_open_opportunities": True})
        assert recycle_rule_due(lead, keep_worked, later, deals=working) is None
        assert recycle_rule_due(lead, keep_worked, later, deals=bought) == NO_FOLLOW_UP
        keep_buyers = self.rules.model_copy(update={"exclude_won_customers": True})
        assert recycle_rule_due(lead, keep_buyers, later, deals=bought) is None


def test_feeding_pairs_and_ping_pong_are_flagged_within_the_window() -> None:
    lead = [UUID(int=i) for i in range(5)]
    day = timedelta(days=1)
    handovers = [
        Handover(lead[0], "alice", "bob", T0),
        Handover(lead[1], "alice", "bob", T0 + day),
        Handover(lead[2], "alice", "bob", T0 + 2 * day),
        Handover(lead[3], "carol", "dave", T0),
        Handover(lead[3], "dave", "carol", T0 + day),
        Handover(lead[4], "erin", "frank", T0 - 40 * day),
        Handover(lead[4], "erin", "frank", T0 - 39 * day),
        Handover(lead[4], "erin", "frank", T0 - 38 * day),
    ]
    flagged = flagged_pairs(handovers, CollusionRules(window_days=30, threshold=3), T0 + 3 * day)
    assert [(p.released_by, p.claimed_by, p.handovers, p.ping_pong_leads) for p in flagged] == [
        ("alice", "bob", 3, ()),
        ("carol", "dave", 1, (lead[3],)),
        ("dave", "carol", 1, (lead[3],)),
    ]


class TestAssignment:
    members = [
        Candidate("ann", "t", open_leads=5, weight=1, last_assigned_at=T0),
        Candidate("ben", "t", open_leads=2, weight=1, last_assigned_at=T0 + timedelta(hours=1)),
        Candidate("cat", "t", open_leads=6, weight=3, last_assigned_at=None),
    ]

    @pytest.mark.parametrize(
        ("strategy", "expected"),
        [
            (AutoAssignment.ROUND_ROBIN, "cat"),
            (AutoAssignment.LEAST_LOADED, "ben"),
            (AutoAssignment.WEIGHTED, "cat"),
            (AutoAssignment.NONE, None),
        ],
    )
    def test_strategies(self, strategy: AutoAssignment, expected: str | None) -> None:
        chosen = choose_assignee(strategy, self.members, capacity=100)
        assert (chosen.user_id if chosen else None) == expected

    def test_nobody_over_capacity_gets_more(self) -> None:
        chosen = choose_assignee(AutoAssignment.LEAST_LOADED, self.members, capacity=3)
        assert chosen is not None
        assert chosen.user_id == "ben"
        assert choose_assignee(AutoAssignment.ROUND_ROBIN, self.members, capacity=2) is None


class TestThreeStages:
    rules = PoolRules()

    def graded(self, grade: str) -> Lead:
        lead = new_lead(T0, owner=ALICE)
        lead.regrade(grade, THREE_LEVEL, "alice", T0)
        return lead

    def test_ready_to_buy_not_won_in_three_months_goes_to_the_managers_once(self) -> None:
        lead = self.graded("ready_to_buy")
        assert staging_rule_due(lead, self.rules, T0 + timedelta(days=89)) is None
        assert staging_rule_due(lead, self.rules, T0 + timedelta(days=90)) == STALLED_IN_GRADE
        lead.escalate(STALLED_IN_GRADE, T0 + timedelta(days=90))
        assert staging_rule_due(lead, self.rules, T0 + timedelta(days=120)) is None

    def test_three_more_months_hand_it_to_marketing(self) -> None:
        lead = self.graded("ready_to_buy")
        lead.escalate(STALLED_IN_GRADE, T0 + timedelta(days=90))
        assert staging_rule_due(lead, self.rules, T0 + timedelta(days=180)) == HANDED_TO_MARKETING

    def test_intent_not_upgraded_in_three_months_is_escalated_and_an_upgrade_restarts(
        self,
    ) -> None:
        lead = self.graded("intent")
        assert staging_rule_due(lead, self.rules, T0 + timedelta(days=90)) == STALLED_IN_GRADE
        lead.regrade("ready_to_buy", THREE_LEVEL, "alice", T0 + timedelta(days=60))
        assert staging_rule_due(lead, self.rules, T0 + timedelta(days=90)) is None

    def test_other_schemes_have_no_default_stages(self) -> None:
        lead = new_lead(T0, owner=ALICE)
        lead.regrade("H", HABCN, "alice", T0)
        habcn = PoolRules(grade_scheme="habcn")
        assert staging_rule_due(lead, habcn, T0 + timedelta(days=400)) is None
        configured = PoolRules.model_validate(
            {"grade_scheme": "habcn", "recycle": {"stalled_grade_days": {"H": 14}}}
        )
        assert staging_rule_due(lead, configured, T0 + timedelta(days=14)) == STALLED_IN_GRADE


class TestBlindRelease:
    def test_a_just_released_lead_goes_by_lottery_not_by_first_click(self) -> None:
        lead = new_lead(T0, owner=ALICE)
        lead.release(POOL, "alice", "no time", None, protection_days=7, now=T0, blind_hours=2)
        assert lead.draw_until == T0 + timedelta(hours=2)
        with pytest.raises(DrawOpen):
            lead.claim(BOB, FRESH, CLAIM, COLLUSION, T0 + timedelta(hours=1))
        lead.check_claimant(BOB, FRESH, CLAIM, COLLUSION, T0 + timedelta(hours=1))
        lead.claim(BOB, FRESH, CLAIM, COLLUSION, T0 + timedelta(hours=2))
        assert (lead.owner_user, lead.draw_until) == ("bob", None)

    def test_every_entrant_has_the_same_chance(self) -> None:
        entrants = [Worker(f"c{i}", "team-1") for i in range(3)]
        rng = random.Random(42)
        wins = Counter(draw_winner(entrants, rng).user_id for _ in range(3000))
        assert set(wins) == {"c0", "c1", "c2"}
        assert all(900 <= n <= 1100 for n in wins.values()), wins


def test_a_department_cap_limits_the_claims_of_the_whole_team() -> None:
    rules = ClaimRules(max_department_private_leads=5)
    with pytest.raises(ClaimLimitReached, match="department"):
        new_lead(T0, owner=None).claim(BOB, ClaimantRecord(0, 0, 0, 5), rules, COLLUSION, T0)
    new_lead(T0, owner=None).claim(BOB, ClaimantRecord(0, 0, 0, 4), rules, COLLUSION, T0)


def test_an_import_s_leads_are_spread_as_if_they_arrived_one_by_one() -> None:
    members = [
        Candidate("alice", "team-1", open_leads=0),
        Candidate("bob", "team-1", open_leads=2),
        Candidate("carol", "team-1", open_leads=1, weight=2),
    ]
    least = plan_assignments(AutoAssignment.LEAST_LOADED, members, 3, 5, T0)
    assert [c.user_id for c in least] == ["alice", "alice", "carol", "alice", "bob"]
    robin = plan_assignments(AutoAssignment.ROUND_ROBIN, members, 10, 6, T0)
    assert [c.user_id for c in robin] == ["alice", "bob", "carol"] * 2
    full = plan_assignments(AutoAssignment.LEAST_LOADED, members, 2, 9, T0)
    assert [c.user_id for c in full] == ["alice", "alice", "carol"], "the rest wait in the pool"
    assert plan_assignments(AutoAssignment.NONE, members, 9, 3, T0) == []
