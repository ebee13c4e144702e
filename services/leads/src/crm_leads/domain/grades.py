"""Intent grades (意向级别): how soon a lead may buy, and so how often it is followed up.

The scheme is configuration per pool: the three-level scheme of DOMAIN.md is the default, the
industry's H/A/B/C/N scheme is the other built-in one, and a book (a dealer) defines its own
grades and cadences as schemes of its own, changed by new versions that keep every grade
leads may already hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field

from crm_common.errors import InvalidInput

SCHEME_NAME_PATTERN = r"^[a-z][a-z0-9_]{1,39}$"
GRADE_CODE_PATTERN = r"^[A-Za-z0-9_]{1,20}$"


@dataclass(frozen=True, slots=True)
class Grade:
    code: str
    label: str
    cadence_days: int | None
    """Days until the next follow-up is due; None: no callbacks, handed to marketing."""
    rank: int
    """Higher is closer to buying; an upgrade raises the rank."""

    @property
    def to_marketing(self) -> bool:
        return self.cadence_days is None


@dataclass(frozen=True, slots=True)
class GradeScheme:
    name: str
    grades: tuple[Grade, ...]

    def grade(self, code: str) -> Grade:
        for grade in self.grades:
            if grade.code == code:
                return grade
        codes = ", ".join(g.code for g in self.grades)
        raise InvalidInput("grade", f"unknown grade {code!r} in scheme {self.name} ({codes})")

    def next_follow_up_due(self, code: str, after: datetime) -> datetime | None:
        cadence = self.grade(code).cadence_days
        return None if cadence is None else after + timedelta(days=cadence)

    def marketing_grade(self) -> str:
        """The grade whose leads go to marketing for nurturing (no callbacks): the lowest
        such grade."""
        return min((g for g in self.grades if g.to_marketing), key=lambda g: g.rank).code

    def codes(self) -> set[str]:
        return {g.code for g in self.grades}

    def is_upgrade(self, before: str | None, after: str) -> bool:
        """A grade of another scheme (the pool changed schemes since) compares with none."""
        if before is None or before not in self.codes():
            return False
        return self.grade(after).rank > self.grade(before).rank


THREE_LEVEL = GradeScheme(
    "three_level",
    (
        Grade("ready_to_buy", "准购买 ready to buy (within 3 months)", 7, 3),
        Grade("intent", "意向 intent (within 6 months)", 30, 2),
        Grade("potential", "潜在 potential (undetermined)", None, 1),
    ),
)
HABCN = GradeScheme(
    "habcn",
    (
        Grade("H", "H: buys within 7 days", 7, 5),
        Grade("A", "A: buys within 15 days", 15, 4),
        Grade("B", "B: buys within 30 days", 30, 3),
        Grade("C", "C: buys within 90 days", 90, 2),
        Grade("N", "N: no intent for now", None, 1),
    ),
)
SCHEMES = {s.name: s for s in (THREE_LEVEL, HABCN)}


@dataclass(frozen=True, slots=True)
class SchemeVersion:
    """A scheme as a book's pools grade by it now."""

    version: int
    """0 for a built-in scheme; a book's own count from 1."""
    scheme: GradeScheme
    changed_at: datetime | None
    changed_by: str | None


class GradeSpec(BaseModel):
    """One grade of a book's own scheme, as its managers define it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=GRADE_CODE_PATTERN, description="What leads carry, e.g. H or hot")
    label: str = Field(min_length=1, max_length=100)
    cadence_days: int | None = Field(
        ge=1,
        le=365,
        description="Days from a grading (or a follow-up) until the owner's callback is due; "
        "null: no callbacks — a grade for marketing to nurture",
    )
    rank: int = Field(ge=1, le=100, description="Higher is closer to buying: an upgrade raises it")


def own_scheme(name: str, grades: Sequence[GradeSpec]) -> GradeScheme:
    """A book's own scheme, hottest grade first: codes and ranks each unique, and at least one
    grade without cadence (where the three-stage rules hand leads to marketing)."""
    if name in SCHEMES:
        raise InvalidInput("name", f"{name!r} is a built-in scheme; choose another name")
    for field in ("code", "rank"):
        values = [str(getattr(g, field)) for g in grades]
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            raise InvalidInput("grades", f"each grade needs its own {field}: {repeated} repeat")
    if all(g.cadence_days is not None for g in grades):
        raise InvalidInput(
            "grades", "one grade at least has no cadence (null): the grade for marketing"
        )
    ordered = sorted(grades, key=lambda g: g.rank, reverse=True)
    return GradeScheme(name, tuple(Grade(g.code, g.label, g.cadence_days, g.rank) for g in ordered))


def check_new_version(previous: GradeScheme, new: GradeScheme) -> None:
    """A new version keeps every grade of the one before: leads graded under it keep a grade
    their scheme knows. Labels, cadences (from each lead's next grading or follow-up on) and
    ranks may change, grades may be added."""
    dropped = previous.codes() - new.codes()
    if dropped:
        raise InvalidInput(
            "grades",
            f"grades {sorted(dropped)} are kept in every new version (leads may hold them): "
            "change their labels, cadences or ranks instead",
        )
