"""Tiered assessment (逐级考核): the sales planning department's forms, a score by the one who
scores the subject's tier, and the review by the sales VP and then HR."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID, uuid4

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.policy.directory import dealer_of
from crm_kpi.adapters import assessment_store
from crm_kpi.domain.assessments import (
    AssessmentRefused,
    FormContent,
    NotTheReviewer,
    Status,
    Step,
    Tier,
    after_review,
    check_form,
    may_score,
    plans_assessments,
    total_score,
)


class FormNotFound(LookupError):
    """No such form in the caller's tenant (answered 404)."""


class AssessmentNotFound(LookupError):
    """No such assessment the caller may review (answered 404)."""


class SubjectNotFound(LookupError):
    """The person to score is not one the caller scores (answered 404)."""


@dataclass(frozen=True, slots=True)
class Score:
    form_id: UUID
    subject_user: str
    period: str
    scores: dict[str, int]
    comment: str | None


async def create_form(
    uow: UnitOfWork, principal: Principal, form: FormContent, *, now: datetime
) -> UUID:
    """The sales planning department (HQ, who plan targets) writes the tenant's forms."""
    check_form(form)
    async with uow:
        planner = plans_assessments(principal)
        if not planner or await dealer_of(uow.session, principal.tenant, principal.org_node):
            raise NotTheReviewer("forms are the sales planning department's (HQ)")
        form_id = uuid4()
        await assessment_store.add_form(
            uow.session,
            id=form_id,
            tenant=principal.tenant,
            owner_org=principal.org_node,
            name=form.name,
            tier=form.tier.value,
            criteria=[c.model_dump() for c in form.criteria],
            created_by=principal.user_id,
            created_at=now,
        )
    return form_id


async def score(uow: UnitOfWork, principal: Principal, given: Score, *, now: datetime) -> UUID:
    """Scores the subject on the form for the month, or scores again an assessment the review
    returned to the same scorer."""
    async with uow:
        session = uow.session
        form = await assessment_store.form(session, principal.tenant, given.form_id)
        if form is None:
            raise FormNotFound("no such form")
        if not may_score(form.tier, principal):
            raise NotTheReviewer(
                "consultants are scored by their region's manager"
                if form.tier is Tier.CONSULTANT
                else "region managers are scored by the sales planning department (HQ)"
            )
        subject = await assessment_store.subject(session, principal, given.subject_user, form.tier)
        if subject is None:
            raise SubjectNotFound(f"no {form.tier.value} {given.subject_user!r} you score")
        total: Decimal = total_score(form.content, given.scores)
        existing = await assessment_store.existing(
            session, principal.tenant, given.form_id, given.subject_user, given.period
        )
        if existing is not None:
            assessment_id, status, scored_by = existing
            if status is not Status.RETURNED or scored_by != principal.user_id:
                raise AssessmentRefused(
                    f"{given.subject_user} is scored on this form for {given.period} ({status})"
                )
            await assessment_store.rescore(
                session, assessment_id, given.scores, total, given.comment, now
            )
            return assessment_id
        assessment_id = uuid4()
        await assessment_store.add_assessment(
            session,
            id=assessment_id,
            tenant=principal.tenant,
            owner_org=subject,
            form_id=given.form_id,
            subject_user=given.subject_user,
            period=given.period,
            scores=given.scores,
            total=total,
            comment=given.comment,
            status=Status.SCORED.value,
            scored_by=principal.user_id,
            scored_at=now,
        )
    return assessment_id


async def review(
    uow: UnitOfWork,
    principal: Principal,
    assessment_id: UUID,
    step: Step,
    approve: bool,
    note: str | None,
    *,
    now: datetime,
) -> Status:
    """The sales VP's step, then HR's: both at HQ, two people other than the scorer."""
    async with uow:
        session = uow.session
        if await dealer_of(session, principal.tenant, principal.org_node) is not None:
            raise NotTheReviewer("scores are reviewed at HQ")
        found = await assessment_store.lock_for_review(session, principal.tenant, assessment_id)
        if found is None:
            raise AssessmentNotFound("no such assessment")
        status = after_review(
            found.status, step, approve, principal, scored_by=found.scored_by, vp=found.vp
        )
        await assessment_store.record_review(
            session, assessment_id, step, principal.user_id, note, status, now
        )
    return status
