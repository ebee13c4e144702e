"""Commission (佣金): plans, the rules that turn a month's deals into statement lines, clawbacks
and the review a statement goes through before it is issued. Pure rules, no I/O.

Arithmetic is exact ``Decimal``; every line is rounded to cents (ROUND_HALF_UP) on its own, and
a statement's total is the sum of its rounded lines, so the lines always add up to the total.

How a consultant's month is computed, per deal credited to them (split credit: their share):
- ``per_unit``: the model's amount per unit (or the plan's default) * units * the lead-origin
  rate * share;
- ``gross_margin_percent``: the plan's percentage of the deal's gross margin (only a positive
  margin earns) * the lead-origin rate * share;
- ``attainment:<band>``: an accelerator (or decelerator) line, (band multiplier - 1) * the two
  lines above, where the band is that of the consultant's attainment for the whole month
  (units credited / target units); without a target, the plan's ``no_target`` band;
- ``finance_bonus`` / ``insurance_bonus``: flat per deal with finance or insurance attached
  * share (neither the origin rate nor the band applies to them).
A deal whose order is cancelled within the month earns nothing and does not count for attainment.
A deal cancelled in a later month stays in its own month (recomputing a month never changes it)
and is clawed back in the month of the cancellation: one negative line per line it earned,
citing that line.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import NamedTuple
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator

from crm_common.errors import InvalidInput

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ONE = Decimal(1)
ZERO = Decimal(0)
LEAD_ORIGINS = ("self_sourced", "pool", "oem", "campaign", "direct")
NO_TARGET = "no_target"
_IDS = uuid.UUID("6f6b1c55-3f0e-4a8e-9a51-0c0f7d1b2a10")


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


class AttainmentBand(BaseModel):
    """Applies from ``from_percent`` of attainment up to the next band's start."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    from_percent: Decimal = Field(ge=0)
    from_exclusive: bool = Field(
        default=False, description="True: attainment must be above from_percent, not equal"
    )
    multiplier: Decimal = Field(ge=0, le=10)

    def admits(self, attainment: Decimal) -> bool:
        if self.from_exclusive:
            return attainment > self.from_percent
        return attainment >= self.from_percent


class PlanRules(BaseModel):
    """The rules of one plan version, stored as JSONB and validated on the way in."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    per_unit: dict[str, Decimal] = Field(
        default_factory=dict, max_length=1000, description="Amount per unit sold, by model code"
    )
    default_per_unit: Decimal = Field(default=ZERO, ge=0, description="For models not listed")
    gross_margin_percent: Decimal = Field(default=ZERO, ge=0, le=100)
    bands: list[AttainmentBand] = Field(
        default_factory=lambda: [AttainmentBand(name="all", from_percent=ZERO, multiplier=ONE)],
        max_length=20,
        description="Ascending; the first starts at 0 (inclusive)",
    )
    no_target_multiplier: Decimal = Field(
        default=ONE, ge=0, le=10, description="Band multiplier when the month has no target"
    )
    finance_bonus: Decimal = Field(default=ZERO, ge=0, description="Per deal, finance attached")
    insurance_bonus: Decimal = Field(default=ZERO, ge=0, description="Per deal, insured")
    origin_rates: dict[str, Decimal] = Field(
        default_factory=dict,
        max_length=50,
        description="Multiplier of the unit and margin amounts by lead origin (1 if absent)",
    )

    @model_validator(mode="after")
    def _bands_ascend(self) -> PlanRules:
        if not self.bands:
            raise ValueError("bands: at least one band")
        first = self.bands[0]
        if first.from_percent != 0 or first.from_exclusive:
            raise ValueError("bands: the first band starts at 0 %, inclusive")
        bounds = [(b.from_percent, b.from_exclusive) for b in self.bands]
        if bounds != sorted(set(bounds)):
            raise ValueError("bands: starts must ascend")
        if len({b.name for b in self.bands} | {NO_TARGET}) != len(self.bands) + 1:
            raise ValueError(f"bands: names must be unique and not {NO_TARGET!r}")
        for code, amount in self.per_unit.items():
            if amount < 0 or not code:
                raise ValueError("per_unit: model codes with amounts >= 0")
        for origin, rate in self.origin_rates.items():
            if origin not in LEAD_ORIGINS or rate < 0:
                raise ValueError(f"origin_rates: rates >= 0 for origins among {LEAD_ORIGINS}")
        return self

    def band(self, attainment: Decimal | None) -> tuple[str, Decimal]:
        """The band name and multiplier for an attainment (%), or the no-target band."""
        if attainment is None:
            return NO_TARGET, self.no_target_multiplier
        chosen = self.bands[0]
        for band in self.bands:
            if band.admits(attainment):
                chosen = band
        return chosen.name, chosen.multiplier

    def unit_amount(self, model_code: str | None) -> Decimal:
        if model_code is not None and model_code in self.per_unit:
            return self.per_unit[model_code]
        return self.default_per_unit

    def origin_rate(self, origin: str | None) -> Decimal:
        return self.origin_rates.get(origin, ONE) if origin is not None else ONE


@dataclass(frozen=True, slots=True)
class PlanVersion:
    plan_id: UUID
    version: int
    effective_from: date
    effective_to: date | None
    rules: PlanRules

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


def version_in_force(versions: Sequence[PlanVersion], day: date) -> PlanVersion | None:
    for version in versions:
        if version.in_force_on(day):
            return version
    return None


class VersionOverlaps(Exception):
    """A new version must start after the plan's latest version started (answered 409)."""


MOST_VERSIONS = 240
"""Versions a plan keeps: a new one every month for twenty years. The plan is answered and
published whole (every version), so its versions are capped where they are added."""


class TooManyVersions(Exception):
    """The plan has MOST_VERSIONS versions already: start a new plan (answered 409)."""


def next_version(
    versions: Sequence[PlanVersion], plan_id: UUID, effective_from: date, rules: PlanRules
) -> tuple[PlanVersion, PlanVersion | None]:
    """The new version, open-ended, and the latest one closed the day before it starts (None
    for a plan's first version)."""
    if not versions:
        return PlanVersion(plan_id, 1, effective_from, None, rules), None
    if len(versions) >= MOST_VERSIONS:
        raise TooManyVersions(f"the plan has {MOST_VERSIONS} versions, the most it keeps")
    latest = max(versions, key=lambda v: v.version)
    if effective_from <= latest.effective_from:
        raise VersionOverlaps(
            f"version {latest.version} starts {latest.effective_from}; a new one must start later"
        )
    closed = PlanVersion(
        latest.plan_id,
        latest.version,
        latest.effective_from,
        date.fromordinal(effective_from.toordinal() - 1),
        latest.rules,
    )
    return PlanVersion(plan_id, latest.version + 1, effective_from, None, rules), closed


class Credit(NamedTuple):
    user_id: str
    team: str | None
    share_percent: Decimal


class Deal(NamedTuple):
    """A won deal as the facts know it, with who shares its credit. Ids are cited as text."""

    order_id: str
    opportunity_id: str
    day: date
    model_code: str | None
    lead_origin: str | None
    units: int
    gross_margin: Decimal
    finance_attached: bool
    insurance_attached: bool
    credit: tuple[Credit, ...]


class LineKind(StrEnum):
    PER_UNIT = "per_unit"
    GROSS_MARGIN = "gross_margin"
    ACCELERATOR = "accelerator"
    FINANCE_BONUS = "finance_bonus"
    INSURANCE_BONUS = "insurance_bonus"
    CLAWBACK = "clawback"


class Line(NamedTuple):
    """One amount of a statement, citing the deal (order, opportunity) and the rule (plan,
    version, rule name). Within a statement a line is known by its order and rule; a clawback
    cites the line it undoes by that and the statement it was paid in."""

    kind: LineKind
    order_id: str
    opportunity_id: str
    deal_day: date
    plan_id: UUID
    plan_version: int
    rule: str
    basis: Decimal
    """What the rate applied to: units, gross margin, the deal's base, 1 deal."""
    rate: Decimal
    origin_rate: Decimal
    share_percent: Decimal
    amount: Decimal
    clawback_of: UUID | None = None
    """The statement the undone line was paid in (clawbacks only)."""


@dataclass(frozen=True, slots=True)
class Statement:
    id: UUID
    user_id: str
    team: str | None
    month: str
    units: Decimal
    """Units credited in the month (a split deal counts by share)."""
    target_units: int | None
    attainment_percent: Decimal | None
    lines: tuple[Line, ...]
    total: Decimal = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", sum((line.amount for line in self.lines), ZERO))


class PaidLine(NamedTuple):
    """A line of an earlier month's statement, for a deal whose order was since cancelled."""

    statement_id: UUID
    user_id: str
    team: str | None
    line: Line


def statement_id(tenant: str, dealer_id: str, user_id: str, month: str) -> UUID:
    """Derived from whose month it is, so a recomputation keeps the id clawbacks cite."""
    return uuid.uuid5(_IDS, f"statement|{tenant}|{dealer_id}|{user_id}|{month}")


def attainment(units: Decimal, target: int | None) -> Decimal | None:
    """Units credited / target, in % rounded to 2 places; None without a (positive) target."""
    if not target:
        return None
    return (units * HUNDRED / target).quantize(CENT, rounding=ROUND_HALF_UP)


def month_statements(
    *,
    tenant: str,
    dealer_id: str,
    month: str,
    deals: Iterable[Deal],
    versions: Sequence[PlanVersion],
    targets: Mapping[str, int],
    clawbacks: Iterable[PaidLine] = (),
) -> list[Statement]:
    """Every consultant's statement of a dealer's month: the month's won deals (those not
    cancelled within it) under the version in force on each deal's day, and the clawbacks of
    earlier deals cancelled in the month. Deals on days no version covers earn nothing."""
    credited: dict[str, list[tuple[Deal, Credit, PlanVersion]]] = defaultdict(list)
    units: dict[str, Decimal] = defaultdict(lambda: ZERO)
    teams: dict[str, str | None] = {}
    in_force: dict[date, PlanVersion | None] = {}
    for deal in deals:
        if deal.day in in_force:
            version = in_force[deal.day]
        else:
            version = in_force[deal.day] = version_in_force(versions, deal.day)
        for credit in deal.credit:
            units[credit.user_id] += deal.units * credit.share_percent / HUNDRED
            teams.setdefault(credit.user_id, credit.team)
            if version is not None:
                credited[credit.user_id].append((deal, credit, version))
    paid_back: dict[str, list[PaidLine]] = defaultdict(list)
    for paid in clawbacks:
        teams.setdefault(paid.user_id, paid.team)
        paid_back[paid.user_id].append(paid)
    earnings = {v.version: _Earnings(v) for v in versions}
    statements = []
    for user_id in sorted(units.keys() | paid_back.keys()):
        target = targets.get(user_id)
        achieved = attainment(units[user_id], target)
        bands = {v.version: v.rules.band(achieved) for v in versions}
        lines: list[Line] = []
        for deal, credit, version in credited[user_id]:
            earnings[version.version].add(lines, deal, credit, bands[version.version])
        lines.extend(clawback_lines(paid_back[user_id]))
        statements.append(
            Statement(
                statement_id(tenant, dealer_id, user_id, month),
                user_id,
                teams.get(user_id),
                month,
                units[user_id],
                target,
                achieved,
                tuple(lines),
            )
        )
    return statements


def deal_lines(
    deal: Deal, credit: Credit, version: PlanVersion, band: tuple[str, Decimal]
) -> list[Line]:
    """What one deal earns one consultant (their share), under one plan version, in the
    consultant's attainment band of the month (name, multiplier)."""
    lines: list[Line] = []
    _Earnings(version).add(lines, deal, credit, band)
    return lines


class _Earnings:
    """The lines deals earn under one plan version. A month has millions of lines but few
    distinct per-unit and bonus amounts (by model, origin, units and share), so those are
    computed once each; every amount is the same expression, rounded the same way."""

    def __init__(self, version: PlanVersion) -> None:
        self.version = version
        self.per_unit: dict[tuple[str | None, str | None, int, Decimal], _Amount] = {}
        self.finance: dict[Decimal, Decimal] = {}
        self.insurance: dict[Decimal, Decimal] = {}

    def _per_unit(
        self, model_code: str | None, lead_origin: str | None, count: int, share_percent: Decimal
    ) -> _Amount:
        rules = self.version.rules
        origin = rules.origin_rate(lead_origin)
        rate = rules.unit_amount(model_code)
        rule = f"per_unit:{model_code}" if model_code in rules.per_unit else "per_unit"
        units = Decimal(count)
        share = share_percent / HUNDRED
        return _Amount(rule, units, rate, origin, cents(units * rate * origin * share))

    def add(self, lines: list[Line], deal: Deal, credit: Credit, band: tuple[str, Decimal]) -> None:
        version = self.version
        rules = version.rules
        share_percent = credit.share_percent
        make = _line
        cites = (deal.order_id, deal.opportunity_id, deal.day, version.plan_id, version.version)
        # Amounts equal whatever the share's scale (100 or 100.00); the line cites the credit's.
        key = (deal.model_code, deal.lead_origin, deal.units, share_percent)
        unit = self.per_unit.get(key)
        if unit is None:
            unit = self.per_unit[key] = self._per_unit(*key)
        origin = unit.origin
        base = unit.amount
        if base:
            lines.append(
                make(
                    (
                        LineKind.PER_UNIT,
                        *cites,
                        unit.rule,
                        unit.basis,
                        unit.rate,
                        origin,
                        share_percent,
                        base,
                        None,
                    )
                )
            )
        if deal.gross_margin > 0:
            margin_rate = rules.gross_margin_percent
            share = share_percent / HUNDRED
            margin = cents(deal.gross_margin * margin_rate / HUNDRED * origin * share)
            if margin:
                lines.append(
                    make(
                        (
                            LineKind.GROSS_MARGIN,
                            *cites,
                            "gross_margin_percent",
                            deal.gross_margin,
                            margin_rate,
                            origin,
                            share_percent,
                            margin,
                            None,
                        )
                    )
                )
                base += margin
        band_name, multiplier = band
        if multiplier != ONE:
            # The base is already this consultant's share: the share is not applied twice.
            accelerator = cents(base * (multiplier - ONE))
            if accelerator:
                lines.append(
                    make(
                        (
                            LineKind.ACCELERATOR,
                            *cites,
                            f"attainment:{band_name}",
                            base,
                            multiplier,
                            ONE,
                            share_percent,
                            accelerator,
                            None,
                        )
                    )
                )
        if deal.finance_attached:
            self._bonus(
                lines, LineKind.FINANCE_BONUS, rules.finance_bonus, self.finance, cites, credit
            )
        if deal.insurance_attached:
            self._bonus(
                lines,
                LineKind.INSURANCE_BONUS,
                rules.insurance_bonus,
                self.insurance,
                cites,
                credit,
            )

    @staticmethod
    def _bonus(
        lines: list[Line],
        kind: LineKind,
        bonus: Decimal,
        amounts: dict[Decimal, Decimal],
        cites: tuple[str, str, date, UUID, int],
        credit: Credit,
    ) -> None:
        share_percent = credit.share_percent
        amount = amounts.get(share_percent)
        if amount is None:
            amount = amounts[share_percent] = cents(bonus * (share_percent / HUNDRED))
        if amount:
            lines.append(
                _line((kind, *cites, _RULES[kind], ONE, bonus, ONE, share_percent, amount, None))
            )


def _line(fields: tuple[object, ...]) -> Line:
    """A line from its fields in order (millions a month: without ``Line._make``'s checks)."""
    return tuple.__new__(Line, fields)


_RULES = {kind: kind.value for kind in LineKind}
"""A bonus line's rule is its kind's name (read once: an enum member's value is a property)."""


class _Amount(NamedTuple):
    rule: str
    basis: Decimal
    rate: Decimal
    origin: Decimal
    amount: Decimal


def clawback_lines(paid: Iterable[PaidLine]) -> list[Line]:
    """One negative line per line paid for a deal whose order was cancelled after its month,
    citing the statement, deal and rule of the line it undoes."""
    return [
        p.line._replace(kind=LineKind.CLAWBACK, amount=-p.line.amount, clawback_of=p.statement_id)
        for p in paid
        if p.line.kind is not LineKind.CLAWBACK
    ]


def estimate(
    version: PlanVersion,
    *,
    model_code: str | None,
    gross_margin: Decimal,
    lead_origin: str | None,
    finance_attached: bool,
    insurance_attached: bool,
    attainment_percent: Decimal | None,
    today: date,
) -> list[Line]:
    """What one unit of an open quote would add to the consultant's month, whole credit, in the
    consultant's current attainment band (the deal itself may lift them into the next one)."""
    deal = Deal(
        "",
        "",
        today,
        model_code,
        lead_origin,
        1,
        gross_margin,
        finance_attached,
        insurance_attached,
        (),
    )
    return deal_lines(
        deal, Credit("", None, HUNDRED), version, version.rules.band(attainment_percent)
    )


# Review: consultant → sales manager → finance.


class Status(StrEnum):
    DRAFT = "draft"
    ACKNOWLEDGED = "acknowledged"
    DISPUTED = "disputed"
    APPROVED = "approved"
    ISSUED = "issued"


class ReviewStep(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    DISPUTE = "dispute"
    APPROVE = "approve"
    ISSUE = "issue"


class ReviewOutOfOrder(Exception):
    """The statement is not at the step this action belongs to (answered 409)."""


# The manager approves an acknowledged statement, or a disputed one after looking into it
# (the dispute note stays on the statement); a dispute that needs new figures is a rerun.
_TRANSITIONS: dict[ReviewStep, tuple[frozenset[Status], Status]] = {
    ReviewStep.ACKNOWLEDGE: (frozenset({Status.DRAFT}), Status.ACKNOWLEDGED),
    ReviewStep.DISPUTE: (frozenset({Status.DRAFT}), Status.DISPUTED),
    ReviewStep.APPROVE: (frozenset({Status.ACKNOWLEDGED, Status.DISPUTED}), Status.APPROVED),
    ReviewStep.ISSUE: (frozenset({Status.APPROVED}), Status.ISSUED),
}


def review(status: Status, step: ReviewStep, note: str | None = None) -> Status:
    if step is ReviewStep.DISPUTE and not (note and note.strip()):
        raise InvalidInput("note", "a dispute says what is wrong")
    allowed, after = _TRANSITIONS[step]
    if status not in allowed:
        raise ReviewOutOfOrder(f"cannot {step.value} a statement that is {status.value}")
    return after


def replaceable(status: Status) -> bool:
    """A rerun replaces statements not yet issued (their review starts again)."""
    return status is not Status.ISSUED
