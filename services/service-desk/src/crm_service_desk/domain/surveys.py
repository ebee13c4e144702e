"""Service surveys (服务调查): designs with NPS, CSI scales, choices and free text; the score
of one answer; NPS and CSI over many. Pure."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from crm_common.errors import InvalidInput

NPS_MAX = 10
PROMOTER_AT_LEAST = 9
DETRACTOR_AT_MOST = 6
CSI_SCALES = (5, 7, 10)
MAX_TEXT = 2000


class QuestionKind(StrEnum):
    NPS = "nps"
    """How likely to recommend us, 0-10."""
    CSI = "csi"
    """Satisfaction on a 1..scale_max scale; weighted into the CSI index."""
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TEXT = "text"


class Trigger(StrEnum):
    VEHICLE_DELIVERED = "vehicle_delivered"
    TICKET_RESOLVED = "ticket_resolved"
    SERVICE_VISIT = "service_visit"
    """A service request with an appointment was resolved: the visit happened."""
    MANUAL = "manual"


class SurveyChannel(StrEnum):
    CALL = "call"
    """The call center asks the questions in a call task and records the answers."""
    LINK = "link"
    """A one-time link, sent by SMS or e-mail, answered on the public form."""


@dataclass(frozen=True, slots=True)
class Question:
    code: str
    kind: QuestionKind
    text: str
    options: tuple[str, ...] = ()
    scale_max: int = 5
    weight: float = 1.0
    required: bool = True


@dataclass(frozen=True, slots=True)
class Design:
    questions: tuple[Question, ...]
    low_nps_at_most: int = DETRACTOR_AT_MOST
    """An NPS answer at or below this is a low score (a complaint is opened)."""
    low_csi_below: float = 60.0
    """A CSI index (0-100) below this is a low score."""

    def __post_init__(self) -> None:
        if not self.questions:
            raise InvalidInput("questions", "a survey asks at least one question")
        codes = [q.code for q in self.questions]
        if len(set(codes)) != len(codes):
            raise InvalidInput("questions", "each question needs its own code")
        if sum(q.kind is QuestionKind.NPS for q in self.questions) > 1:
            raise InvalidInput("questions", "a survey asks at most one NPS question")
        for index, q in enumerate(self.questions):
            where = f"questions.{index}"
            if q.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
                if len(q.options) < 2 or len(set(q.options)) != len(q.options):
                    raise InvalidInput(f"{where}.options", "at least two distinct options")
            elif q.options:
                raise InvalidInput(f"{where}.options", "only choice questions have options")
            if q.kind is QuestionKind.CSI and q.scale_max not in CSI_SCALES:
                raise InvalidInput(f"{where}.scale_max", f"one of {CSI_SCALES}")
            if q.weight <= 0:
                raise InvalidInput(f"{where}.weight", "a weight is positive")
        if not 0 <= self.low_nps_at_most <= NPS_MAX:
            raise InvalidInput("low_nps_at_most", "between 0 and 10")
        if not 0 <= self.low_csi_below <= 100:
            raise InvalidInput("low_csi_below", "between 0 and 100")


@dataclass(frozen=True, slots=True)
class Scored:
    answers: dict[str, Any]
    nps: int | None
    csi: float | None
    low_score: bool


def score(design: Design, answers: Mapping[str, Any]) -> Scored:
    """Checks every answer against its question (422 naming ``answers.<code>``) and scores
    them: the NPS answer, the weighted CSI index (0-100), and whether either is low."""
    known = {q.code: q for q in design.questions}
    for code in answers:
        if code not in known:
            raise InvalidInput(f"answers.{code}", "no such question in this survey")
    clean: dict[str, Any] = {}
    for q in design.questions:
        field = f"answers.{q.code}"
        value = answers.get(q.code)
        if value is None:
            if q.required:
                raise InvalidInput(field, "this question needs an answer")
            continue
        clean[q.code] = _checked(q, value, field)
    nps = next(
        (clean[q.code] for q in design.questions if q.kind is QuestionKind.NPS and q.code in clean),
        None,
    )
    csi_questions = [q for q in design.questions if q.kind is QuestionKind.CSI and q.code in clean]
    csi = None
    if csi_questions:
        total = sum(q.weight for q in csi_questions)
        csi = round(
            sum(q.weight * (clean[q.code] - 1) / (q.scale_max - 1) for q in csi_questions)
            / total
            * 100,
            2,
        )
    low = (nps is not None and nps <= design.low_nps_at_most) or (
        csi is not None and csi < design.low_csi_below
    )
    return Scored(clean, nps, csi, low)


def _checked(q: Question, value: Any, field: str) -> Any:
    match q.kind:
        case QuestionKind.NPS | QuestionKind.CSI:
            top = NPS_MAX if q.kind is QuestionKind.NPS else q.scale_max
            bottom = 0 if q.kind is QuestionKind.NPS else 1
            if isinstance(value, bool) or not isinstance(value, int) or not bottom <= value <= top:
                raise InvalidInput(field, f"a whole number from {bottom} to {top}")
            return value
        case QuestionKind.SINGLE_CHOICE:
            if value not in q.options:
                raise InvalidInput(field, f"one of {list(q.options)}")
            return value
        case QuestionKind.MULTIPLE_CHOICE:
            if (
                not isinstance(value, list)
                or not value
                or any(v not in q.options for v in value)
                or len(set(value)) != len(value)
            ):
                raise InvalidInput(field, f"a list of distinct options of {list(q.options)}")
            return value
        case QuestionKind.TEXT:
            if not isinstance(value, str) or len(value) > MAX_TEXT:
                raise InvalidInput(field, f"text of at most {MAX_TEXT} characters")
            return value.strip()


def net_promoter_score(scores: Iterable[int]) -> float | None:
    """NPS = % promoters (9-10) - % detractors (0-6); None without answers."""
    values = list(scores)
    promoters = sum(s >= PROMOTER_AT_LEAST for s in values)
    detractors = sum(s <= DETRACTOR_AT_MOST for s in values)
    return nps_of_counts(promoters, detractors, len(values))


def nps_of_counts(promoters: int, detractors: int, answers: int) -> float | None:
    """The NPS of ``answers`` NPS answers, ``promoters`` of them 9-10 and ``detractors`` 0-6
    (as a database counts them); None without answers."""
    return round((promoters - detractors) * 100 / answers, 2) if answers else None


def csi_index(indices: Sequence[float]) -> float | None:
    """The CSI of a group: the mean of its answers' indices (0-100)."""
    return csi_of_total(sum(indices), len(indices))


def csi_of_total(total: float, answers: int) -> float | None:
    """The CSI of ``answers`` indices summing to ``total`` (as a database sums them)."""
    return round(total / answers, 2) if answers else None


# --- the one-time link -------------------------------------------------------------------------

TOKEN_BYTES = 24


def new_link_token() -> str:
    """The secret in the link's URL: only its digest is kept."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


class SurveyClosed(Exception):
    """Answered already, or expired (answered 409 on the public form; 404 for unknown)."""


def check_open(*, answered_at: datetime | None, expires_at: datetime, now: datetime) -> None:
    if answered_at is not None:
        raise SurveyClosed("this survey was answered already")
    if now >= expires_at:
        raise SurveyClosed("this survey link has expired")


DEFAULT_LINK_DAYS = 14


def expiry(now: datetime, days: int = DEFAULT_LINK_DAYS) -> datetime:
    return now + timedelta(days=days)
