"""A book's own grade schemes and the nurture list, as rules: what a scheme must have, what a
new version must keep, and what handing a lead to marketing changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from crm_common.errors import InvalidInput
from crm_leads.domain.grades import THREE_LEVEL, GradeSpec, check_new_version, own_scheme
from crm_leads.domain.lead import FollowUp, FollowUpKind, LeadUnavailable, Worker
from crm_leads.domain.pool_rules import PoolRules, RecycleRules

from .factories import POOL, new_lead

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
HOT = GradeSpec(code="hot", label="hot", cadence_days=2, rank=3)
WARM = GradeSpec(code="warm", label="warm", cadence_days=10, rank=2)
COLD = GradeSpec(code="cold", label="cold", cadence_days=None, rank=1)
ALICE = Worker("alice", "team-1")
MARKETING = Worker("mia", "dealer-1")


def test_an_own_scheme_lists_hottest_first_and_grades_by_its_cadences() -> None:
    scheme = own_scheme("showroom", [COLD, HOT, WARM])
    assert [g.code for g in scheme.grades] == ["hot", "warm", "cold"]
    assert scheme.next_follow_up_due("warm", T0) == T0 + timedelta(days=10)
    assert scheme.is_upgrade("cold", "hot")
    assert scheme.marketing_grade() == "cold"


@pytest.mark.parametrize(
    ("name", "grades", "field"),
    [
        ("habcn", [HOT, COLD], "name"),
        ("showroom", [HOT, HOT.model_copy(update={"rank": 9}), COLD], "grades"),
        ("showroom", [HOT, WARM.model_copy(update={"rank": 3}), COLD], "grades"),
        ("showroom", [HOT, WARM], "grades"),
    ],
)
def test_an_own_scheme_refuses(name: str, grades: list[GradeSpec], field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        own_scheme(name, grades)
    assert refused.value.field == field


def test_a_new_version_keeps_every_grade_leads_may_hold() -> None:
    first = own_scheme("showroom", [HOT, WARM, COLD])
    faster = WARM.model_copy(update={"cadence_days": 5, "label": "warmer"})
    check_new_version(first, own_scheme("showroom", [HOT, faster, COLD]))
    extra = GradeSpec(code="lukewarm", label="lukewarm", cadence_days=20, rank=2)
    check_new_version(
        first, own_scheme("showroom", [HOT, WARM.model_copy(update={"rank": 4}), extra, COLD])
    )
    with pytest.raises(InvalidInput, match="warm"):
        check_new_version(first, own_scheme("showroom", [HOT, COLD]))


def test_pool_rules_name_an_own_scheme_checked_against_its_grades() -> None:
    rules = PoolRules.model_validate(
        {"grade_scheme": "showroom", "recycle": {"no_follow_up_days_by_grade": {"hot": 3}}}
    )
    assert rules.grades_missing_from(own_scheme("showroom", [HOT, COLD])) == []
    assert rules.grades_missing_from(THREE_LEVEL) == ["hot"]
    assert rules.stalled_grade_days() == {}, "no default stages for a scheme of one's own"
    with pytest.raises(ValidationError, match="unknown grade scheme"):
        PoolRules.model_validate({"grade_scheme": "Not A Name"})


def test_to_marketing_the_nurture_list_s_owner_takes_the_lead_until_it_moves_on() -> None:
    lead = new_lead(T0, owner=ALICE)
    lead.regrade("ready_to_buy", THREE_LEVEL, "alice", T0)
    lead.escalate("stalled_in_grade", T0)
    lead.to_nurture(MARKETING, "sweep", "not won in time", T0 + timedelta(days=1))
    assert (lead.owner_user, lead.nurture_since, lead.escalated_at) == (
        "mia",
        T0 + timedelta(days=1),
        None,
    )
    assert lead.changes[-1].kind == "to_nurture"
    with pytest.raises(LeadUnavailable):
        lead.to_nurture(MARKETING, "sweep", "again", T0 + timedelta(days=2))
    lead.assign(ALICE, "manager", T0 + timedelta(days=30))
    assert (lead.owner_user, lead.nurture_since) == ("alice", None)
    lead.to_nurture(MARKETING, "alice", "next year", T0 + timedelta(days=31))
    lead.release(POOL, "mia", "ready again", None, protection_days=0, now=T0 + timedelta(days=60))
    assert (lead.owner_user, lead.nurture_since) == (None, None)


def test_a_lead_graded_by_the_pool_s_former_scheme_is_followed_up_under_the_new_one() -> None:
    showroom = own_scheme("showroom", [HOT, WARM, COLD])
    lead = new_lead(T0, owner=ALICE)
    lead.regrade("ready_to_buy", THREE_LEVEL, "alice", T0)
    due = lead.next_follow_up_due
    note = FollowUp(FollowUpKind.CALL, "no news", T0 + timedelta(days=1), "alice")
    lead.record_follow_up(note, showroom, RecycleRules())
    assert (lead.grade, lead.next_follow_up_due) == ("ready_to_buy", due), "kept until regraded"
    assert not showroom.is_upgrade(lead.grade, "hot"), "no rank to compare with"
    graded = FollowUp(FollowUpKind.CALL, "this week", T0 + timedelta(days=2), "alice", grade="hot")
    lead.record_follow_up(graded, showroom, RecycleRules())
    assert (lead.grade, lead.next_follow_up_due) == ("hot", T0 + timedelta(days=4))
