"""Tiered assessment (逐级考核): scoring forms, and who scores and reviews whom — consultants
are scored by their region's manager, region managers by the sales planning department (HQ,
who plan targets), and every score is reviewed by the sales VP (role ``sales_vp``) and then by
HR (role ``hr``), two different people. Pure."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from crm_common.auth import Principal
from crm_common.errors import InvalidInput
from crm_common.policy.roles import has_function


class Tier(StrEnum):
    CONSULTANT = "consultant"
    """Sales consultants, scored by their region's manager."""
    REGION_MANAGER = "region_manager"
    """Region managers, scored by the sales planning department."""


class Status(StrEnum):
    SCORED = "scored"
    """Waiting for the sales VP."""
    VP_APPROVED = "vp_approved"
    """Waiting for HR."""
    FINAL = "final"
    RETURNED = "returned"
    """Sent back to the scorer with a note: scored again, it goes round once more."""


class Step(StrEnum):
    VP = "vp"
    HR = "hr"


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    text: str = Field(min_length=1, max_length=500)
    weight: int = Field(ge=1, le=100, description="Share of the total, %; a form's sum to 100")


class FormContent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=200)
    tier: Tier
    criteria: list[Criterion] = Field(min_length=1, max_length=30)


class AssessmentRefused(Exception):
    """The assessment's state does not allow the step (answered 409, the detail says why)."""


class NotTheReviewer(Exception):
    """The caller may not take this step of the review (answered 403)."""


def check_form(form: FormContent) -> None:
    codes = [c.code for c in form.criteria]
    if len(set(codes)) != len(codes):
        raise InvalidInput("criteria", "each criterion has a code of its own")
    if sum(c.weight for c in form.criteria) != 100:
        raise InvalidInput("criteria", "the weights sum to 100")


def total_score(form: FormContent, scores: dict[str, int]) -> Decimal:
    """Each criterion scored 0-100, weighted: the total out of 100. Every criterion of the
    form, and nothing else, is scored."""
    expected = {c.code for c in form.criteria}
    if unknown := sorted(set(scores) - expected):
        raise InvalidInput(f"scores.{unknown[0]}", "not a criterion of the form")
    if missing := sorted(expected - set(scores)):
        raise InvalidInput(f"scores.{missing[0]}", "every criterion is scored")
    if wrong := sorted(code for code, points in scores.items() if not 0 <= points <= 100):
        raise InvalidInput(f"scores.{wrong[0]}", "scores run from 0 to 100")
    points = sum((Decimal(c.weight * scores[c.code]) for c in form.criteria), Decimal(0))
    weighted = points / Decimal(100)
    return weighted.quantize(Decimal("0.01"), ROUND_HALF_UP)


def plans_assessments(principal: Principal) -> bool:
    """The sales planning department (HQ, who plan targets): writes the tenant's forms and
    scores the region managers. A region's manager plans no form every region scores on."""
    return "hq_admin" in principal.roles and has_function(principal.roles, "target.manage")


def may_score(tier: Tier, scorer: Principal) -> bool:
    """By role; the application checks that the subject lies in the scorer's region."""
    if tier is Tier.CONSULTANT:
        return "region_manager" in scorer.roles
    return plans_assessments(scorer)


def after_review(
    status: Status,
    step: Step,
    approve: bool,
    reviewer: Principal,
    *,
    scored_by: str,
    vp: str | None,
) -> Status:
    """The status a review leaves; raises ``NotTheReviewer`` for a reviewer who may not take
    the step, ``AssessmentRefused`` out of order or for one who already took part."""
    if step is Step.VP:
        if "sales_vp" not in reviewer.roles:
            raise NotTheReviewer("the sales VP reviews first")
        if status is not Status.SCORED:
            raise AssessmentRefused(f"the sales VP reviews a fresh score, not a {status} one")
    else:
        if "hr" not in reviewer.roles:
            raise NotTheReviewer("HR reviews second")
        if status is not Status.VP_APPROVED:
            raise AssessmentRefused(f"HR reviews after the sales VP, not a {status} score")
    if reviewer.user_id in (scored_by, vp):
        raise AssessmentRefused("a reviewer reviews a score they took no part in")
    if not approve:
        return Status.RETURNED
    return Status.VP_APPROVED if step is Step.VP else Status.FINAL
