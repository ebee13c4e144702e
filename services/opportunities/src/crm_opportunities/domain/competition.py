"""Competitors (竞争对手) and their models: a book's managed list (HQ's list is every dealer's
too), the competitors an open opportunity meets, and the win/loss tally against each of them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

from crm_common.errors import InvalidInput
from crm_opportunities.domain.periods import win_rate

MAX_MODELS = 50
MAX_IN_PLAY = 10
_NAME_LENGTH = 200
_MODEL_LENGTH = 100


@dataclass(frozen=True, slots=True)
class Competitor:
    id: UUID
    name: str
    models: tuple[str, ...]
    active: bool


def competitor_entry(name: str, models: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """A competitor's name and models as kept: spacing collapsed, models in the order given,
    each once."""
    clean = " ".join(name.split())
    if not clean or len(clean) > _NAME_LENGTH:
        raise InvalidInput("name", f"name a competitor in 1 to {_NAME_LENGTH} characters")
    kept: list[str] = []
    for model in models:
        m = " ".join(model.split())
        if not m or len(m) > _MODEL_LENGTH:
            raise InvalidInput("models", f"name each model in 1 to {_MODEL_LENGTH} characters")
        if m.casefold() in (k.casefold() for k in kept):
            raise InvalidInput("models", f"{m!r} is listed twice")
        kept.append(m)
    if len(kept) > MAX_MODELS:
        raise InvalidInput("models", f"at most {MAX_MODELS} models")
    return clean, tuple(kept)


@dataclass(frozen=True, slots=True)
class InPlay:
    """A competitor an opportunity meets, and which of its models (none: not known yet)."""

    competitor_id: UUID
    models: tuple[str, ...] = ()


def competitors_in_play(chosen: Sequence[InPlay], known: Mapping[UUID, Competitor]) -> list[InPlay]:
    """The competitors an opportunity meets, each from the list its book may use (its own and
    the nodes' above it), active, once, with models of its own."""
    if len(chosen) > MAX_IN_PLAY:
        raise InvalidInput("competitors", f"at most {MAX_IN_PLAY} competitors")
    seen: set[UUID] = set()
    kept = []
    for entry in chosen:
        competitor = known.get(entry.competitor_id)
        if competitor is None or not competitor.active:
            raise InvalidInput(
                "competitors", f"{entry.competitor_id} is no competitor on the dealer's list"
            )
        if entry.competitor_id in seen:
            raise InvalidInput("competitors", f"{competitor.name} is named twice")
        seen.add(entry.competitor_id)
        unknown = [m for m in entry.models if m not in competitor.models]
        if unknown:
            raise InvalidInput(
                "competitors", f"{competitor.name} has no model {', '.join(map(repr, unknown))}"
            )
        kept.append(InPlay(entry.competitor_id, tuple(dict.fromkeys(entry.models))))
    return kept


@dataclass(frozen=True, slots=True)
class ContestedDeal:
    """An opportunity and whom it met: what the competition report counts."""

    status: str
    """open, won or lost"""
    amount: Decimal
    in_play: Mapping[str, tuple[str, ...]]
    """Competitor name → models in play."""
    lost_to: str | None = None
    """Who won it, as the loss named them (lost deals)."""
    lost_to_model: str | None = None


@dataclass
class Tally:
    open: int = 0
    open_amount: Decimal = Decimal(0)
    won: int = 0
    won_amount: Decimal = Decimal(0)
    lost: int = 0
    lost_amount: Decimal = Decimal(0)

    def add(self, status: str, amount: Decimal) -> None:
        if status == "open":
            self.open += 1
            self.open_amount += amount
        elif status == "won":
            self.won += 1
            self.won_amount += amount
        else:
            self.lost += 1
            self.lost_amount += amount

    @property
    def contested(self) -> int:
        return self.open + self.won + self.lost

    @property
    def win_rate(self) -> float | None:
        """Deals won among those decided against this competitor."""
        return win_rate(self.won, self.lost)


@dataclass
class CompetitorTally:
    competitor: str
    figures: Tally = field(default_factory=Tally)
    models: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))


def tally_competition(deals: Iterable[ContestedDeal]) -> list[CompetitorTally]:
    """Per competitor and per model: the open deals it is in play on; the deals won while it
    was in play (beaten); the deals lost to it — the loss names it, or it was in play and the
    loss names nobody. A deal lost to another competitor is not lost to those merely in play.
    Most contested first."""
    tallies: dict[str, CompetitorTally] = {}

    def tally(name: str, *, listed: bool = True) -> CompetitorTally:
        """One tally per competitor whatever the case a loss typed it in, under the name the
        list spells."""
        key = name.casefold()
        if key not in tallies:
            tallies[key] = CompetitorTally(name)
        elif listed:
            tallies[key].competitor = name
        return tallies[key]

    for deal in deals:
        if deal.status == "lost":
            winner = deal.lost_to
            if winner is None and deal.in_play:
                for name, models in deal.in_play.items():
                    t = tally(name)
                    t.figures.add("lost", deal.amount)
                    for model in models:
                        t.models[model].add("lost", deal.amount)
            elif winner is not None:
                listed = next((n for n in deal.in_play if n.casefold() == winner.casefold()), None)
                t = tally(listed or winner, listed=listed is not None)
                t.figures.add("lost", deal.amount)
                in_play_models = deal.in_play[listed] if listed is not None else ()
                models = (deal.lost_to_model,) if deal.lost_to_model else in_play_models
                for model in models:
                    t.models[model].add("lost", deal.amount)
            continue
        for name, models in deal.in_play.items():
            t = tally(name)
            t.figures.add(deal.status, deal.amount)
            for model in models:
                t.models[model].add(deal.status, deal.amount)
    return sorted(tallies.values(), key=lambda t: (-t.figures.contested, t.competitor.casefold()))
