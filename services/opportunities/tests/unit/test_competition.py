"""Competitors' rules: a list entry as kept, the competitors an opportunity may name, and the
win/loss tally by competitor and model."""

from __future__ import annotations

from decimal import Decimal
from uuid import uuid4

import pytest

from crm_common.errors import InvalidInput
from crm_opportunities.domain.competition import (
    MAX_IN_PLAY,
    Competitor,
    ContestedDeal,
    InPlay,
    competitor_entry,
    competitors_in_play,
    tally_competition,
)


def test_an_entry_is_kept_tidy_and_refused_naming_its_field() -> None:
    assert competitor_entry("  Rival   Motors ", [" R1", "R3  SUV"]) == (
        "Rival Motors",
        ("R1", "R3 SUV"),
    )
    for name, models, field in (
        ("  ", [], "name"),
        ("X", ["A8", "a8"], "models"),
        ("X", [""], "models"),
        ("X" * 201, [], "name"),
    ):
        with pytest.raises(InvalidInput) as refused:
            competitor_entry(name, models)
        assert refused.value.field == field


def test_an_opportunity_names_listed_active_competitors_and_their_own_models() -> None:
    rival = Competitor(uuid4(), "Rival", ("R1", "R3"), active=True)
    retired = Competitor(uuid4(), "Gone", (), active=False)
    known = {rival.id: rival, retired.id: retired}
    assert competitors_in_play([InPlay(rival.id, ("R3", "R3"))], known) == [
        InPlay(rival.id, ("R3",))
    ]
    for chosen, reason in (
        ([InPlay(uuid4())], "no competitor on the dealer's list"),
        ([InPlay(retired.id)], "no competitor on the dealer's list"),
        ([InPlay(rival.id), InPlay(rival.id)], "named twice"),
        ([InPlay(rival.id, ("R9",))], "has no model 'R9'"),
        ([InPlay(uuid4()) for _ in range(MAX_IN_PLAY + 1)], "at most"),
    ):
        with pytest.raises(InvalidInput, match=reason):
            competitors_in_play(chosen, known)


def deal(status: str, in_play: dict[str, tuple[str, ...]], **lost: str) -> ContestedDeal:
    return ContestedDeal(status, Decimal(100), in_play, lost.get("to"), lost.get("model"))


def test_won_against_those_in_play_lost_to_the_one_the_loss_names() -> None:
    tallies = tally_competition(
        [
            deal("won", {"Rival": ("R1",), "Local": ()}),
            deal("lost", {"Rival": ("R3",), "Local": ("L5",)}, to="rival", model="R3"),
            deal("lost", {"Local": ("L5",)}),
            deal("lost", {}, to="Stranger"),
            deal("open", {"Rival": ("R1",)}),
        ]
    )
    by_name = {t.competitor: t for t in tallies}
    assert [t.competitor for t in tallies] == ["Rival", "Local", "Stranger"]
    rival = by_name["Rival"]
    assert (rival.figures.open, rival.figures.won, rival.figures.lost) == (1, 1, 1)
    assert rival.figures.win_rate == 0.5
    assert {m: (f.open, f.won, f.lost) for m, f in rival.models.items()} == {
        "R1": (1, 1, 0),
        "R3": (0, 0, 1),
    }
    local = by_name["Local"]
    assert (local.figures.won, local.figures.lost) == (1, 1), (
        "the deal lost to Rival is not lost to Local; the one lost naming nobody is"
    )
    assert by_name["Stranger"].figures.lost_amount == Decimal(100)
