"""Sales targets (目标) that cascade down the org tree — OEM → region → dealer → team →
consultant — by product line and month, and how far the business got: attainment (达成率) and
the run-rate forecast. Pure rules, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import StrEnum

from crm_common.errors import InvalidInput
from crm_kpi.domain.leaderboards import month_of

ALL_PRODUCT_LINES = "*"
CENT = Decimal("0.01")
UNIT = Decimal(1)
HUNDRED = Decimal(100)
MAX_AMOUNT = Decimal("999999999999.99")
"""What Numeric(14, 2) holds."""


class Measure(StrEnum):
    """What a target counts: vehicles sold, effective revenue, money collected, gross margin."""

    UNITS = "units"
    REVENUE = "revenue"
    COLLECTIONS = "collections"
    GROSS_MARGIN = "gross_margin"

    @property
    def quantum(self) -> Decimal:
        """Units are whole vehicles; money has cents."""
        return UNIT if self is Measure.UNITS else CENT


@dataclass(frozen=True, slots=True)
class Target:
    """What an org node (or a consultant working in it: ``user_id``) should reach in a month."""

    org_node: str
    month: str
    measure: Measure
    amount: Decimal
    product_line: str = ALL_PRODUCT_LINES
    user_id: str | None = None


def target(
    *,
    org_node: str,
    month: str,
    measure: Measure,
    amount: Decimal,
    product_line: str = ALL_PRODUCT_LINES,
    user_id: str | None = None,
    field: str = "amount",
) -> Target:
    """A valid target: a month ``YYYY-MM``, an amount ≥ 0 in cents (whole units for units)."""
    month_of(month)
    if amount < 0:
        raise InvalidInput(field, "a target cannot be negative")
    if amount > MAX_AMOUNT:
        raise InvalidInput(field, "the target is too large")
    if amount != amount.quantize(measure.quantum, rounding=ROUND_DOWN):
        unit = "whole units" if measure is Measure.UNITS else "cents"
        raise InvalidInput(field, f"a {measure.value} target is counted in {unit}")
    return Target(org_node, month, measure, amount.quantize(measure.quantum), product_line, user_id)


@dataclass(frozen=True, slots=True)
class Allocation:
    allocated: Decimal
    """What the children's targets add up to."""
    unallocated: Decimal
    """What is left to hand down; negative: the children were given more than the parent."""


def allocation(parent_amount: Decimal, children_amounts: Iterable[Decimal]) -> Allocation:
    allocated = sum(children_amounts, Decimal(0))
    return Allocation(allocated, parent_amount - allocated)


def days_of(month: str) -> list[date]:
    first, last = month_of(month)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def split_into_days(
    amount: Decimal,
    month: str,
    measure: Measure,
    weekday_weights: Sequence[Decimal] | None = None,
) -> list[tuple[date, Decimal]]:
    """The month's target per day: even over its days, or by weekday weights (Monday first; a
    weekend-heavy showroom weighs Saturday and Sunday more, a closed day weighs 0).

    The parts add up exactly to the amount. Money: each day is rounded down to the cent and the
    last day with weight takes the remainder (a few cents). Units: each day gets its running
    share rounded to whole units, so a small target (8 units a month) lands a unit every few
    days instead of piling up on the last day, which still closes the exact total."""
    days = days_of(month)
    if weekday_weights is None:
        weights = [Decimal(1)] * len(days)
    else:
        if len(weekday_weights) != 7 or any(w < 0 for w in weekday_weights):
            raise InvalidInput(
                "weekday_weights", "seven weights ≥ 0, Monday first", location="query"
            )
        weights = [weekday_weights[d.weekday()] for d in days]
    total = sum(weights, Decimal(0))
    if total == 0:
        raise InvalidInput("weekday_weights", "every day weighs 0", location="query")
    last = max(i for i, w in enumerate(weights) if w > 0)
    parts: list[Decimal] = []
    if measure is Measure.UNITS:
        running, given = Decimal(0), Decimal(0)
        for weight in weights:
            running += weight
            due = (amount * running / total).quantize(UNIT, rounding=ROUND_HALF_UP)
            parts.append(due - given)
            given = due
    else:
        parts = [(amount * w / total).quantize(CENT, rounding=ROUND_DOWN) for w in weights]
        parts[last] += amount - sum(parts, Decimal(0))
    return list(zip(days, parts, strict=True))


def attainment(actual: Decimal, target_amount: Decimal | None) -> Decimal | None:
    """Actual / target in %, to 2 places; None without a target (or a target of 0)."""
    if not target_amount:
        return None
    return (actual * HUNDRED / target_amount).quantize(CENT, rounding=ROUND_HALF_UP)


def run_rate_forecast(actual: Decimal, month: str, today: date) -> Decimal | None:
    """Where the month ends at the pace so far: actual / elapsed days x days in the month.

    ``today`` is the business day (``facts.business_day``: in the business timezone) and counts
    as elapsed, since its sales are in the actual. A finished month's forecast is its actual;
    a month not started has none."""
    first, last = month_of(month)
    if today < first:
        return None
    if today > last:
        return actual
    elapsed = (today - first).days + 1
    days = (last - first).days + 1
    return (actual * days / elapsed).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class DayExecution:
    day: date
    target: Decimal | None
    actual: Decimal
    target_so_far: Decimal | None
    actual_so_far: Decimal
    attainment_percent: Decimal | None
    """Of the month so far: actual so far / target so far."""


def execution_by_day(
    month: str, parts: Sequence[tuple[date, Decimal]] | None, actuals: Mapping[date, Decimal]
) -> list[DayExecution]:
    """Execution analysis by period: each day's target (``split_into_days``; None without a
    target), actual, and the cumulative attainment of the month so far."""
    targets: Mapping[date, Decimal] = dict(parts) if parts is not None else {}
    rows = []
    target_so_far: Decimal | None = None if parts is None else Decimal(0)
    actual_so_far = Decimal(0)
    for day in days_of(month):
        part = targets.get(day)
        actual = actuals.get(day, Decimal(0))
        actual_so_far += actual
        if target_so_far is not None and part is not None:
            target_so_far += part
        rows.append(
            DayExecution(
                day,
                part,
                actual,
                target_so_far,
                actual_so_far,
                attainment(actual_so_far, target_so_far),
            )
        )
    return rows


def product_lines(catalog: Mapping[str, object]) -> dict[str, str]:
    """Model code → product line of a published catalogue (``CatalogPublished.catalog``);
    entries without both are skipped (the catalogue was validated where it was published)."""
    models = catalog.get("models")
    if not isinstance(models, list):
        return {}
    lines: dict[str, str] = {}
    for model in models:
        if not isinstance(model, Mapping):
            continue
        code, line = model.get("code"), model.get("product_line")
        if isinstance(code, str) and isinstance(line, str):
            lines[code] = line
    return lines


PARTNER_KIND = "partner"
"""identity's org kind of a partner org (crm_identity.domain.org_tree.OrgKind)."""


class NodeNotFound(LookupError):
    """No such org node whose targets the caller may see (answered 404)."""


@dataclass(frozen=True, slots=True)
class OrgNode:
    """A node of the org tree as targets see it: its path (``/hq/east/dealer-a/``) places it."""

    id: str
    path: str
    dealer_id: str | None
    kind: str

    @property
    def takes_targets(self) -> bool:
        """Targets are set for HQ, its regions, dealers and their teams; a partner (a bank, an
        insurer, a parts maker) sells no cars for the OEM and has none."""
        return self.kind != PARTNER_KIND

    def is_below(self, other: OrgNode) -> bool:
        return self.id != other.id and self.path.startswith(other.path)

    @property
    def parent_path(self) -> str:
        return self.path[: self.path.rstrip("/").rfind("/") + 1]

    @property
    def is_root(self) -> bool:
        """HQ: the top of the tenant's tree (``/hq/``)."""
        return self.path.count("/") == 2


def check_targets(
    caller: OrgNode | None, nodes: Mapping[str, OrgNode], items: Sequence[Target]
) -> list[tuple[Target, str | None]]:
    """Each level sets the targets of the levels below it: HQ its regions (and itself), a
    region its dealers, a dealer its teams and consultants. An item naming a node that is not
    below the caller's (or unknown) is refused, naming the item (422). Each checked item
    comes with the dealer of its node."""
    seen: dict[tuple[str, str | None, str, str], int] = {}
    checked: list[tuple[Target, str | None]] = []
    for n, item in enumerate(items):
        where = f"targets[{n}]"
        node = nodes.get(item.org_node)
        if node is None or caller is None:
            raise InvalidInput(f"{where}.node", f"{where}: no org node {item.org_node!r}")
        if not node.takes_targets:
            raise InvalidInput(f"{where}.node", f"{where}: {node.id} is a partner: no targets")
        if item.user_id is not None and node.dealer_id is None:
            raise InvalidInput(
                f"{where}.user_id", f"{where}: a consultant works at a dealer or its team"
            )
        own_node_allowed = item.user_id is not None or caller.is_root
        if not (node.is_below(caller) or (node.id == caller.id and own_node_allowed)):
            raise InvalidInput(f"{where}.node", f"{where}: {node.id} is not below {caller.id}")
        key = (item.org_node, item.user_id, item.measure.value, item.product_line)
        if key in seen:
            raise InvalidInput(f"{where}.node", f"{where} repeats targets[{seen[key]}]")
        seen[key] = n
        checked.append((item, node.dealer_id))
    return checked


@dataclass(frozen=True, slots=True)
class Position:
    """A place in the cascade: an org node, or a consultant (a user, not a node) working in
    it — the leaf whose units target commission's attainment tiers read."""

    org_node: str
    user_id: str | None = None


@dataclass(frozen=True, slots=True)
class CascadeLine:
    position: Position
    target: Decimal | None
    allocated: Decimal | None
    """To the children; None for a consultant (nothing below)."""
    unallocated: Decimal | None
    actual: Decimal
    attainment_percent: Decimal | None
    forecast: Decimal | None


def cascade_line(
    position: Position,
    *,
    target_amount: Decimal | None,
    children_targets: Iterable[Decimal] | None,
    actual: Decimal,
    month: str,
    today: date,
) -> CascadeLine:
    """One line of the cascade view; ``children_targets`` None for a consultant's leaf."""
    allocated = unallocated = None
    if children_targets is not None:
        split = allocation(target_amount or Decimal(0), children_targets)
        allocated = split.allocated
        unallocated = None if target_amount is None else split.unallocated
    return CascadeLine(
        position,
        target_amount,
        allocated,
        unallocated,
        actual,
        attainment(actual, target_amount),
        run_rate_forecast(actual, month, today),
    )
