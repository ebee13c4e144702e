"""Predictive lead scoring (issue 22 item 15): what a book's closed leads teach about its open
ones. Pure rules: the facts of a lead a model reads, whether a book has history enough to learn
from, the held-out month its quality is measured on, and a trained model's score and top
factors. Fitting the model is the library's (``crm_leads.adapters.score_training``).

The model is logistic, so a lead's score splits exactly into one effect per factor (its weight
times how far the lead is from the average lead the model learnt from): the top factors shown
beside a score are those effects, not an approximation."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

MIN_TRAINING_LEADS = 100
"""Closed leads (converted or lost) before the held-out month that a model learns from."""
MIN_EACH_OUTCOME = 20
"""Of those, at least this many converted and this many lost: otherwise it learns noise."""
HELD_OUT_DAYS = 30
"""The quality of a model is measured on the leads closed in the month before it was trained,
which the measured fit did not see."""
MIN_HELD_OUT_EACH = 5
"""Converted and lost leads each in the held-out month: fewer, and AUC means nothing."""
MIN_USEFUL_AUC = 0.6
"""A model that ranks the held-out month no better than this is kept in the record but scores
nothing: a score that is close to chance would mislead more than no score."""
RETRAIN_AFTER = timedelta(days=1)
"""A book's model is trained again once a day (the worker's schedule), on its newest history."""
TOP_FACTORS = 3
CALIBRATION_BINS = 5
_INTEREST_KEY_LENGTH = 40


class ScoreScope(StrEnum):
    """Whose history a model learnt from."""

    DEALER = "dealer"
    """The dealer's own book: its leads alone."""
    REGION = "region"
    """A region (or HQ) node's: the OEM's leads only, those the node holds and those it
    distributed to dealers (shared back in full). Scores the dealers below it that have too
    little history of their own; a dealer's own prospects never train it."""


@dataclass(frozen=True, slots=True)
class LeadFacts:
    """What the leads service knows of a lead up to a moment: its closing for a closed lead
    (what happened after does not count), now for an open one."""

    source: str
    vehicle_interest: str | None
    ownership_origin: str | None
    distributed: bool
    grade: str | None
    grade_changes: int
    calls: int
    visits: int
    test_drives: int
    messages: int
    receptions: int
    """Showroom receptions (客户接待表) of the lead."""
    hours_to_first_follow_up: float | None
    """Response time: from the lead's arrival to its first follow-up; None: none yet."""
    opportunity_test_drives: int = 0
    """Test drives the dealer's opportunities recorded for the lead's customer (opportunities'
    TestDriveRecorded, through the customer's file) before the lead closed: a customer who
    drove our cars in an earlier sale and came back. ``test_drives`` counts the lead's own
    test-drive follow-ups."""


def interest_key(vehicle_interest: str | None) -> str | None:
    """Free text as one category: case and spacing do not make another model of car."""
    if vehicle_interest is None:
        return None
    key = " ".join(vehicle_interest.lower().split())[:_INTEREST_KEY_LENGTH]
    return key or None


def features(facts: LeadFacts) -> dict[str, float]:
    """The features a model reads: one per category a lead is in (``source=walk_in``), and
    the counts on a log scale (the third call says less than the first)."""
    found = {
        f"source={facts.source}": 1.0,
        f"grade={facts.grade or 'none'}": 1.0,
        f"origin={facts.ownership_origin or 'none'}": 1.0,
        "distributed": float(facts.distributed),
        "grade_changes": math.log1p(facts.grade_changes),
        "calls": math.log1p(facts.calls),
        "visits": math.log1p(facts.visits),
        "test_drives": math.log1p(facts.test_drives),
        "messages": math.log1p(facts.messages),
        "receptions": math.log1p(facts.receptions),
        "opportunity_test_drives": math.log1p(facts.opportunity_test_drives),
        "no_follow_up": float(facts.hours_to_first_follow_up is None),
        "hours_to_first_follow_up": math.log1p(max(facts.hours_to_first_follow_up or 0.0, 0.0)),
    }
    interest = interest_key(facts.vehicle_interest)
    if interest is not None:
        found[f"interest={interest}"] = 1.0
    return found


@dataclass(frozen=True, slots=True)
class Factor:
    factor: str
    """A feature's name, e.g. ``test_drives`` or ``source=walk_in``."""
    effect: float
    """Its effect on the lead's log-odds of converting, against the average lead learnt from."""


@dataclass(frozen=True, slots=True)
class ScoreModel:
    """A fitted logistic model on the features' own scale."""

    weights: Mapping[str, float]
    intercept: float
    averages: Mapping[str, float]
    """Each feature's mean over the leads learnt from: what a factor's effect is measured
    against."""

    def log_odds(self, found: Mapping[str, float]) -> float:
        return self.intercept + sum(
            weight * found[name] for name, weight in self.weights.items() if name in found
        )

    def probability(self, found: Mapping[str, float]) -> float:
        z = self.log_odds(found)
        # Split by sign: exp of a large positive number overflows.
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def score(self, found: Mapping[str, float]) -> int:
        """0-100: the chance of converting, in percent."""
        return round(100 * self.probability(found))

    def factors(self, found: Mapping[str, float], top: int = TOP_FACTORS) -> list[Factor]:
        """The ``top`` largest effects (either way) that make this lead differ from the
        average one; features the lead lacks count at zero (no test drive is a factor too)."""
        effects = [
            Factor(name, weight * (found.get(name, 0.0) - self.averages.get(name, 0.0)))
            for name, weight in self.weights.items()
        ]
        effects = [f for f in effects if abs(f.effect) > 1e-9]
        effects.sort(key=lambda f: (-abs(f.effect), f.factor))
        return effects[:top]

    def strongest(self, top: int) -> list[Factor]:
        """The model's ``top`` weights by size: what it learnt matters (in the quality
        report; per unit of each feature)."""
        ranked = sorted(self.weights.items(), key=lambda item: (-abs(item[1]), item[0]))
        return [Factor(name, weight) for name, weight in ranked[:top] if weight != 0]

    def parameters(self) -> dict[str, object]:
        return {
            "weights": dict(self.weights),
            "intercept": self.intercept,
            "averages": dict(self.averages),
        }

    @classmethod
    def from_parameters(cls, parameters: Mapping[str, object]) -> ScoreModel:
        weights = parameters["weights"]
        averages = parameters["averages"]
        intercept = parameters["intercept"]
        assert isinstance(weights, dict)
        assert isinstance(averages, dict)
        assert isinstance(intercept, int | float)
        return cls(
            weights={str(k): float(v) for k, v in weights.items()},
            intercept=float(intercept),
            averages={str(k): float(v) for k, v in averages.items()},
        )


@dataclass(frozen=True, slots=True)
class ClosedLead:
    """A converted or lost lead: what the model learns from."""

    facts: LeadFacts
    converted: bool
    closed_at: datetime


@dataclass(frozen=True, slots=True)
class TrainingSplit:
    learn: list[ClosedLead]
    """Closed before the held-out month: the fit whose quality is measured learns these."""
    held_out: list[ClosedLead]
    held_out_from: datetime


class NotEnoughHistory(Exception):
    """The book has too little closed history for a model (its leads get no score yet, or
    the region's)."""


def _outcomes(closed: Sequence[ClosedLead]) -> tuple[int, int]:
    converted = sum(1 for c in closed if c.converted)
    return converted, len(closed) - converted


def split_for_training(closed: Sequence[ClosedLead], now: datetime) -> TrainingSplit:
    """The leads closed before the last ``HELD_OUT_DAYS`` to learn from, those closed within
    them to measure on; raises ``NotEnoughHistory`` (saying what is missing) when either is too
    small to trust."""
    held_out_from = now - timedelta(days=HELD_OUT_DAYS)
    learn = [c for c in closed if c.closed_at < held_out_from]
    held_out = [c for c in closed if held_out_from <= c.closed_at <= now]
    converted, lost = _outcomes(learn)
    if len(learn) < MIN_TRAINING_LEADS or min(converted, lost) < MIN_EACH_OUTCOME:
        raise NotEnoughHistory(
            f"{len(learn)} leads closed before the held-out month ({converted} converted, "
            f"{lost} lost); a model needs {MIN_TRAINING_LEADS}, at least {MIN_EACH_OUTCOME} "
            "of each"
        )
    converted, lost = _outcomes(held_out)
    if min(converted, lost) < MIN_HELD_OUT_EACH:
        raise NotEnoughHistory(
            f"{converted} converted and {lost} lost leads closed in the held-out month; "
            f"measuring a model needs {MIN_HELD_OUT_EACH} of each"
        )
    return TrainingSplit(learn, held_out, held_out_from)


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    """Leads of the held-out month grouped by score: a calibrated model's average predicted
    chance matches the share that converted."""

    predicted: float
    observed: float
    leads: int


def calibration(
    predicted: Sequence[float], converted: Sequence[bool], bins: int = CALIBRATION_BINS
) -> list[CalibrationBin]:
    """Equal-sized groups of leads, lowest predicted first."""
    ranked = sorted(zip(predicted, converted, strict=True), key=lambda pair: pair[0])
    groups = []
    for i in range(bins):
        group = ranked[i * len(ranked) // bins : (i + 1) * len(ranked) // bins]
        if group:
            groups.append(
                CalibrationBin(
                    predicted=round(sum(p for p, _ in group) / len(group), 4),
                    observed=round(sum(1 for _, c in group if c) / len(group), 4),
                    leads=len(group),
                )
            )
    return groups


def brier_score(predicted: Sequence[float], converted: Sequence[bool]) -> float:
    """Mean squared gap between the predicted chance and what happened (0 is perfect)."""
    pairs = list(zip(predicted, converted, strict=True))
    return sum((p - float(c)) ** 2 for p, c in pairs) / len(pairs)


def auc(predicted: Sequence[float], converted: Sequence[bool]) -> float:
    """Area under the ROC curve: the chance that a converted lead scores above a lost one
    (ties count half). 0.5 is chance."""
    ranked = sorted(zip(predicted, converted, strict=True), key=lambda pair: pair[0])
    # Mann-Whitney: the sum of the converted leads' ranks, tied scores sharing their mean rank.
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j + 1 < len(ranked) and ranked[j + 1][0] == ranked[i][0]:
            j += 1
        mean_rank = (i + j) / 2 + 1
        rank_sum += mean_rank * sum(1 for _, c in ranked[i : j + 1] if c)
        i = j + 1
    positives = sum(1 for _, c in ranked if c)
    negatives = len(ranked) - positives
    if positives == 0 or negatives == 0:
        raise ValueError("AUC needs converted and lost leads")
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


@dataclass(frozen=True, slots=True)
class ModelQuality:
    auc: float
    brier: float
    calibration: list[CalibrationBin]
    held_out_leads: int

    @property
    def useful(self) -> bool:
        return self.auc >= MIN_USEFUL_AUC


def quality_on(model: ScoreModel, held_out: Sequence[ClosedLead]) -> ModelQuality:
    predicted = [model.probability(features(c.facts)) for c in held_out]
    outcomes = [c.converted for c in held_out]
    return ModelQuality(
        auc=round(auc(predicted, outcomes), 4),
        brier=round(brier_score(predicted, outcomes), 4),
        calibration=calibration(predicted, outcomes),
        held_out_leads=len(held_out),
    )


def due_for_training(last_trained_at: datetime | None, now: datetime) -> bool:
    return last_trained_at is None or now - last_trained_at >= RETRAIN_AFTER


@dataclass(frozen=True, slots=True)
class OrgNode:
    id: str
    path: str
    """Materialised, ``/hq/east/dealer-a/``."""
    dealer_id: str | None


def model_book_for(node: OrgNode, books_with_models: set[str]) -> str | None:
    """Whose model scores the leads of ``node``'s book: its dealer's own, else the nearest
    node above the dealer that has one (its region, then HQ); a dealer never gets another
    dealer's model (only nodes of its own dealer or above any dealer are on the way up)."""
    ancestors = [part for part in node.path.strip("/").split("/") if part]
    for book in reversed(ancestors):
        if book in books_with_models:
            return book
    return None
