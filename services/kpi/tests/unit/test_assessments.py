"""Tiered assessment: forms, weighted totals, who scores which tier, and the review's order."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm_common.auth.principal import DataScope, Principal
from crm_common.errors import InvalidInput
from crm_kpi.domain.assessments import (
    AssessmentRefused,
    Criterion,
    FormContent,
    NotTheReviewer,
    Status,
    Step,
    Tier,
    after_review,
    check_form,
    may_score,
    total_score,
)


def person(user: str, role: str, scope: DataScope = DataScope.TENANT) -> Principal:
    return Principal(
        user_id=user, tenant="t", org_node="hq", roles=frozenset({role}), data_scope=scope
    )


FORM = FormContent(
    name="consultants",
    tier=Tier.CONSULTANT,
    criteria=[
        Criterion(code="sales", text="units against target", weight=60),
        Criterion(code="service", text="customer satisfaction", weight=40),
    ],
)


def test_a_form_weighs_its_criteria_to_100_and_scores_every_one() -> None:
    check_form(FORM)
    assert total_score(FORM, {"sales": 90, "service": 75}) == Decimal("84.00")
    with pytest.raises(InvalidInput, match="sum to 100"):
        check_form(FORM.model_copy(update={"criteria": FORM.criteria[:1]}))
    for scores, field in (
        ({"sales": 90}, "scores.service"),
        ({"sales": 90, "service": 75, "extra": 1}, "scores.extra"),
        ({"sales": 101, "service": 75}, "scores.sales"),
    ):
        with pytest.raises(InvalidInput) as refused:
            total_score(FORM, scores)
        assert refused.value.field == field


def test_region_managers_score_consultants_and_planning_scores_region_managers() -> None:
    region = person("r1", "region_manager", DataScope.SUBTREE)
    planning = person("h1", "hq_admin")
    assert may_score(Tier.CONSULTANT, region)
    assert not may_score(Tier.CONSULTANT, planning)
    assert may_score(Tier.REGION_MANAGER, planning)
    assert not may_score(Tier.REGION_MANAGER, region)


def test_the_vp_then_hr_review_two_different_people_none_the_scorer() -> None:
    vp, hr = person("vp", "sales_vp"), person("hr", "hr")
    assert after_review(Status.SCORED, Step.VP, True, vp, scored_by="r1", vp=None) is (
        Status.VP_APPROVED
    )
    assert after_review(Status.VP_APPROVED, Step.HR, True, hr, scored_by="r1", vp="vp") is (
        Status.FINAL
    )
    assert after_review(Status.SCORED, Step.VP, False, vp, scored_by="r1", vp=None) is (
        Status.RETURNED
    )
    both = Principal(
        user_id="vp",
        tenant="t",
        org_node="hq",
        roles=frozenset({"sales_vp", "hr"}),
        data_scope=DataScope.TENANT,
    )
    with pytest.raises(AssessmentRefused, match="took no part"):
        after_review(Status.VP_APPROVED, Step.HR, True, both, scored_by="r1", vp="vp")
    with pytest.raises(AssessmentRefused, match="after the sales VP"):
        after_review(Status.SCORED, Step.HR, True, hr, scored_by="r1", vp=None)


def test_only_the_sales_vp_and_hr_take_their_steps() -> None:
    """HQ's admins (sales planning) and user managers no longer stand in for them; neither
    takes the other's step."""
    vp, hr = person("vp", "sales_vp"), person("hr", "hr")
    for reviewer, status, step in (
        (hr, Status.SCORED, Step.VP),
        (person("h1", "hq_admin"), Status.SCORED, Step.VP),
        (person("a", "hq_analyst"), Status.SCORED, Step.VP),
        (vp, Status.VP_APPROVED, Step.HR),
        (person("h1", "hq_admin"), Status.VP_APPROVED, Step.HR),
    ):
        with pytest.raises(NotTheReviewer):
            after_review(status, step, True, reviewer, scored_by="r1", vp="vp0")
