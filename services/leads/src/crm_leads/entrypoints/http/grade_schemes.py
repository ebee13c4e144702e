"""HTTP API of grade schemes: the built-in ones and the book's own (grades and cadences)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_leads.application import grade_schemes as grade_schemes_app
from crm_leads.domain.grades import SCHEMES, SchemeVersion
from crm_leads.entrypoints.http.schemas import (
    GradePublic,
    GradeSchemePublic,
    GradeSchemes,
    GradeSchemeSet,
)

router = APIRouter(prefix="/grade-schemes", tags=["pools"])
LeadReader = Annotated[Principal, requires("lead.read")]
BookManager = Annotated[Principal, requires("pool.manage")]
_FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"description": "The role lacks the function"}}


def _public(found: SchemeVersion) -> GradeSchemePublic:
    scheme = found.scheme
    return GradeSchemePublic(
        name=scheme.name,
        built_in=scheme.name in SCHEMES,
        version=found.version,
        grades=[
            GradePublic(code=g.code, label=g.label, cadence_days=g.cadence_days, rank=g.rank)
            for g in scheme.grades
        ],
        changed_at=found.changed_at,
        changed_by=found.changed_by,
    )


@router.get("", response_model=GradeSchemes, responses=_FORBIDDEN)
async def grade_schemes(principal: LeadReader, db: Database) -> GradeSchemes:
    """The schemes the caller's book's pools may grade by (``PUT /pools/{id}``'s
    ``rules.grade_scheme``): the built-in ones, then the book's own at their latest version."""
    book, schemes = await grade_schemes_app.schemes_for(principal, UnitOfWork(db))
    return GradeSchemes(book=book, schemes=[_public(s) for s in schemes])


@router.put(
    "",
    response_model=GradeSchemePublic,
    responses={
        **_FORBIDDEN,
        409: {"description": "The scheme changed since the version the caller names"},
    },
)
async def define_grade_scheme(
    body: GradeSchemeSet, principal: BookManager, db: Database, now: Now
) -> GradeSchemePublic:
    """Define a grade scheme of the caller's book (``version`` 0) or its next version: each
    grade's code, label, rank (higher is closer to buying) and callback cadence in days (none
    for the grade marketing nurtures; one grade at least). A next version keeps every grade of
    the one before — leads already graded keep a grade their scheme knows — and its cadences
    apply from each lead's next grading or follow-up on. A pool uses it by naming it in its
    rules."""
    defined = await grade_schemes_app.define_scheme(
        body.name, body.grades, body.version, principal, UnitOfWork(db), now=now
    )
    return _public(defined)
