"""Lead scoring's rules: the features, the held-out month, the model's score and its factors,
whose model scores a book, and a fit that finds a signal planted in generated history."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import pytest
from sklearn.metrics import roc_auc_score

from crm_leads.adapters.score_training import fit
from crm_leads.domain.lead_scoring import (
    ClosedLead,
    LeadFacts,
    NotEnoughHistory,
    OrgNode,
    ScoreModel,
    auc,
    calibration,
    features,
    model_book_for,
    quality_on,
    split_for_training,
)

NOW = datetime(2026, 11, 2, tzinfo=UTC)


def facts(**changes: object) -> LeadFacts:
    base: dict[str, object] = {
        "source": "phone",
        "vehicle_interest": None,
        "ownership_origin": "pool",
        "distributed": False,
        "grade": None,
        "grade_changes": 0,
        "calls": 0,
        "visits": 0,
        "test_drives": 0,
        "messages": 0,
        "receptions": 0,
        "hours_to_first_follow_up": None,
    }
    return LeadFacts(**(base | changes))  # type: ignore[arg-type]


def history(n: int, rng: random.Random, *, walk_in_converts: bool = True) -> list[ClosedLead]:
    """Closed leads whose outcome depends on test drives and the source, as planted."""
    closed = []
    for _ in range(n):
        source = rng.choice(["walk_in", "flyer", "phone", "web"])
        test_drives = rng.choice([0, 0, 1, 2])
        calls = rng.randint(0, 5)
        z = -1.0 + 1.8 * math.log1p(test_drives) + 0.2 * calls
        z += (1.5 if walk_in_converts else -1.5) * (source == "walk_in")
        converted = rng.random() < 1 / (1 + math.exp(-z))
        closed.append(
            ClosedLead(
                facts(
                    source=source,
                    test_drives=test_drives,
                    calls=calls,
                    vehicle_interest=rng.choice(["Model S", "model  s", "SUV X", None]),
                    hours_to_first_follow_up=rng.choice([None, 0.5, 30.0]),
                ),
                converted,
                NOW - timedelta(days=rng.randint(0, 200), hours=rng.randint(0, 23)),
            )
        )
    return closed


def test_features_are_categories_and_counts_on_a_log_scale() -> None:
    found = features(
        facts(source="walk_in", vehicle_interest="  Model   SUV X ", calls=3, grade="H")
    )
    assert found["source=walk_in"] == 1.0
    assert found["interest=model suv x"] == 1.0, "case and spacing make no other car"
    assert found["grade=H"] == 1.0
    assert found["calls"] == pytest.approx(math.log(4))
    assert found["no_follow_up"] == 1.0
    assert "source=phone" not in found


def test_a_score_splits_exactly_into_its_factors() -> None:
    model = ScoreModel(
        weights={"test_drives": 2.0, "source=walk_in": 1.0, "calls": -0.5},
        intercept=-1.0,
        averages={"test_drives": 0.3, "source=walk_in": 0.25, "calls": 1.0},
    )
    lead = features(facts(source="walk_in", test_drives=1, calls=0))
    effects = model.factors(lead, top=10)
    average_log_odds = model.intercept + sum(
        w * model.averages[name] for name, w in model.weights.items()
    )
    assert average_log_odds + sum(f.effect for f in effects) == pytest.approx(model.log_odds(lead))
    assert [f.factor for f in effects] == ["test_drives", "source=walk_in", "calls"]
    assert effects[2].effect > 0, "fewer calls than average where calls lower the chance"
    assert model.score(lead) == round(100 / (1 + math.exp(-model.log_odds(lead))))
    assert model.probability({"test_drives": -1000.0}) == pytest.approx(0.0)
    assert ScoreModel.from_parameters(model.parameters()) == model


def test_auc_agrees_with_the_library_ties_and_all() -> None:
    rng = random.Random(3)
    predicted = [round(rng.random(), 1) for _ in range(300)]
    converted = [rng.random() < p for p in predicted]
    assert auc(predicted, converted) == pytest.approx(roc_auc_score(converted, predicted))
    with pytest.raises(ValueError, match="converted and lost"):
        auc([0.2, 0.3], [True, True])


def test_calibration_groups_leads_by_score_lowest_first() -> None:
    bins = calibration([0.1, 0.2, 0.8, 0.9], [False, False, True, False], bins=2)
    assert [(b.predicted, b.observed, b.leads) for b in bins] == [(0.15, 0.0, 2), (0.85, 0.5, 2)]


def test_the_held_out_month_is_the_last_thirty_days() -> None:
    closed = history(400, random.Random(1))
    split = split_for_training(closed, NOW)
    assert split.held_out_from == NOW - timedelta(days=30)
    assert all(c.closed_at < split.held_out_from for c in split.learn)
    assert all(c.closed_at >= split.held_out_from for c in split.held_out)
    assert len(split.learn) + len(split.held_out) == 400


def test_too_little_history_says_what_is_missing() -> None:
    with pytest.raises(NotEnoughHistory, match="a model needs 100"):
        split_for_training(history(60, random.Random(1)), NOW)
    old_only = [
        ClosedLead(c.facts, c.converted, NOW - timedelta(days=90))
        for c in history(300, random.Random(2))
    ]
    with pytest.raises(NotEnoughHistory, match="held-out month"):
        split_for_training(old_only, NOW)


def test_the_fit_finds_the_planted_signal() -> None:
    split = split_for_training(history(1200, random.Random(5)), NOW)
    model = fit(split.learn)
    quality = quality_on(model, split.held_out)
    assert quality.auc > 0.7, quality
    assert quality.useful
    assert model.weights["test_drives"] > 0.8
    assert model.weights["source=walk_in"] > 0.5
    strongest = {f.factor for f in model.strongest(3)}
    assert "test_drives" in strongest
    driven = features(facts(source="walk_in", test_drives=2, calls=2))
    cold = features(facts(source="flyer", calls=2))
    assert model.score(driven) > model.score(cold) + 20
    assert model.factors(driven)[0].factor in {"test_drives", "source=walk_in"}
    assert sum(b.leads for b in quality.calibration) == quality.held_out_leads


def test_the_opposite_history_teaches_the_opposite() -> None:
    model = fit(history(800, random.Random(6), walk_in_converts=False))
    assert model.weights["source=walk_in"] < -0.5


def test_a_dealer_is_scored_by_its_own_model_else_by_the_nearest_node_above() -> None:
    team = OrgNode("team-a1", "/hq/east/dealer-a/team-a1/", "dealer-a")
    assert model_book_for(team, {"dealer-a", "east", "dealer-b"}) == "dealer-a"
    assert model_book_for(team, {"east", "dealer-b", "hq"}) == "east"
    assert model_book_for(team, {"hq", "dealer-b"}) == "hq"
    assert model_book_for(team, {"dealer-b"}) is None, "never another dealer's model"
    region = OrgNode("east", "/hq/east/", None)
    assert model_book_for(region, {"dealer-a"}) is None
