"""Intent grades (意向级别): how soon a lead may buy, and so how often it is followed up.

The scheme is configuration per pool: the three-level scheme of DOMAIN.md is the default, the
industry's H/A/B/C/N scheme is the other built-in one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from crm_common.errors import InvalidInput


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
        """The grade whose leads go to marketing for nurturing (no callbacks)."""
        return next(g.code for g in self.grades if g.to_marketing)

    def is_upgrade(self, before: str | None, after: str) -> bool:
        return before is not None and self.grade(after).rank > self.grade(before).rank


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


def scheme(name: str) -> GradeScheme:
    try:
        return SCHEMES[name]
    except KeyError:
        raise InvalidInput("grade_scheme", f"unknown grade scheme {name!r}") from None
