"""KPIs: custom definitions (a module of facts, conditions, a measure, a period and a grouping),
who a definition is shared with, and the predefined KPIs built with the same engine. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

from crm_common.auth import Principal
from crm_common.errors import InvalidInput


class Module(StrEnum):
    """The facts a KPI counts or sums."""

    LEADS = "leads"
    """Leads created (lead_facts)."""
    LEAD_ACTIVITIES = "lead_activities"
    """Lead transitions: claimed, followed up, upgraded, converted... (lead_activity_facts)."""
    DEALS = "deals"
    """Deal outcome events as recorded: won, lost, delivered, cancelled (deal_facts)."""
    SALES = "sales"
    """Net sales: each win, and each cancelled order as its win's figures taken back on the
    day of the cancellation (won minus cancelled, as the daily sales figures count)."""
    COLLECTIONS = "collections"
    """Money received for orders (collection_facts)."""
    TICKETS = "tickets"
    """Service-desk tickets opened, resolved and escalated (ticket_facts)."""
    SURVEYS = "surveys"
    """Surveys answered, with their NPS and CSI (survey_facts)."""
    EXPENSES = "expenses"
    """Sales expenses a dealer recorded (sales_expenses)."""
    CALLS = "calls"
    """Finished calls the phone system reported: inbound or outbound, answered, abandoned,
    connected, talk and wait seconds (call_facts)."""
    CALL_TASKS = "call_tasks"
    """Call-task steps: created, cleared (by a call, on time or not), cancellation requested,
    approved or rejected, escalated (call_task_facts)."""


class FieldKind(StrEnum):
    TEXT = "text"
    FLAG = "flag"
    NUMBER = "number"


_DEAL_FIELDS = {
    "model_code": FieldKind.TEXT,
    "lead_origin": FieldKind.TEXT,
    "finance_attached": FieldKind.FLAG,
    "insurance_attached": FieldKind.FLAG,
    "consultant": FieldKind.TEXT,
    "team": FieldKind.TEXT,
    "dealer_id": FieldKind.TEXT,
    "units": FieldKind.NUMBER,
    "revenue": FieldKind.NUMBER,
    "gross_margin": FieldKind.NUMBER,
    "msrp": FieldKind.NUMBER,
}

# The only columns a definition may name, per module: nothing else reaches SQL.
FIELDS: dict[Module, dict[str, FieldKind]] = {
    Module.LEADS: {"source": FieldKind.TEXT, "dealer_id": FieldKind.TEXT},
    Module.LEAD_ACTIVITIES: {
        "activity": FieldKind.TEXT,
        "detail": FieldKind.TEXT,
        "follow_up": FieldKind.TEXT,
        "consultant": FieldKind.TEXT,
        "dealer_id": FieldKind.TEXT,
    },
    # Whether a win was its buyer's first purchase (not kept by month: read from the facts).
    Module.DEALS: {"outcome": FieldKind.TEXT, "first_purchase": FieldKind.FLAG, **_DEAL_FIELDS},
    Module.SALES: _DEAL_FIELDS,
    Module.COLLECTIONS: {
        "consultant": FieldKind.TEXT,
        "dealer_id": FieldKind.TEXT,
        "amount": FieldKind.NUMBER,
    },
    Module.TICKETS: {
        "activity": FieldKind.TEXT,
        "kind": FieldKind.TEXT,
        "channel": FieldKind.TEXT,
        "priority": FieldKind.TEXT,
        "category": FieldKind.TEXT,
        "targeted": FieldKind.FLAG,
        "on_time": FieldKind.FLAG,
        "consultant": FieldKind.TEXT,
        "dealer_id": FieldKind.TEXT,
    },
    Module.SURVEYS: {
        "trigger": FieldKind.TEXT,
        "channel": FieldKind.TEXT,
        "low_score": FieldKind.FLAG,
        "nps": FieldKind.NUMBER,
        "nps_point": FieldKind.NUMBER,
        "nps_answered": FieldKind.NUMBER,
        "csi": FieldKind.NUMBER,
        "csi_answered": FieldKind.NUMBER,
        "dealer_id": FieldKind.TEXT,
    },
    Module.EXPENSES: {
        "category": FieldKind.TEXT,
        "consultant": FieldKind.TEXT,
        "dealer_id": FieldKind.TEXT,
        "amount": FieldKind.NUMBER,
    },
    Module.CALLS: {
        "direction": FieldKind.TEXT,
        "connected": FieldKind.FLAG,
        "abandoned": FieldKind.FLAG,
        "callback_requested": FieldKind.FLAG,
        "from_task": FieldKind.FLAG,
        "wait_seconds": FieldKind.NUMBER,
        "talk_seconds": FieldKind.NUMBER,
        "hold_seconds": FieldKind.NUMBER,
        "hour": FieldKind.NUMBER,
        "consultant": FieldKind.TEXT,
        "dealer_id": FieldKind.TEXT,
    },
    Module.CALL_TASKS: {
        "kind": FieldKind.TEXT,
        "activity": FieldKind.TEXT,
        "by_call": FieldKind.FLAG,
        "on_time": FieldKind.FLAG,
        "consultant": FieldKind.TEXT,
        "dealer_id": FieldKind.TEXT,
    },
}


class Operator(StrEnum):
    EQ = "eq"
    NE = "ne"
    IN = "in"
    NOT_IN = "not_in"
    GTE = "gte"
    LTE = "lte"


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    """Monday to Sunday."""
    MONTH = "month"


class Grouping(StrEnum):
    NONE = "none"
    DEALER = "dealer"
    TEAM = "team"
    CONSULTANT = "consultant"


# The column each grouping reads; a module without it cannot be grouped that way.
GROUP_FIELDS = {
    Grouping.DEALER: "dealer_id",
    Grouping.TEAM: "team",
    Grouping.CONSULTANT: "consultant",
}

# A condition compares against a few short values: a definition is stored, shown and compiled
# into every query of its KPI, so neither may grow without bound.
MAX_CONDITION_TEXT = 200
MAX_CONDITION_VALUES = 100
Scalar = (
    StrictBool
    | StrictInt
    | StrictFloat
    | Annotated[StrictStr, Field(max_length=MAX_CONDITION_TEXT)]
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Model):
    field: str = Field(min_length=1, max_length=40)
    operator: Operator
    value: Scalar | Annotated[list[Scalar], Field(max_length=MAX_CONDITION_VALUES)] = Field(
        description="A list for in and not_in"
    )


class Count(_Model):
    kind: Literal["count"] = "count"


class Sum(_Model):
    kind: Literal["sum"] = "sum"
    field: str = Field(min_length=1, max_length=40, description="A number field of the module")


class Figure(_Model):
    """One side of a ratio: its own module, conditions and count or sum."""

    module: Module
    conditions: list[Condition] = Field(default_factory=list, max_length=20)
    measure: Annotated[Count | Sum, Field(discriminator="kind")]


class Ratio(_Model):
    kind: Literal["ratio"] = "ratio"
    numerator: Figure
    denominator: Figure


class KpiDefinition(_Model):
    """What a KPI measures: a count or sum of one module's facts matching the conditions, or
    the ratio of two such figures; per period, and per dealer, team or consultant if asked."""

    module: Module | None = Field(default=None, description="Required unless a ratio")
    conditions: list[Condition] = Field(default_factory=list, max_length=20)
    measure: Annotated[Count | Sum | Ratio, Field(discriminator="kind")]
    period: Period = Period.MONTH
    group_by: Grouping = Grouping.NONE

    def figures(self) -> tuple[Figure, Figure | None]:
        """The figure measured, or a ratio's numerator and denominator."""
        if isinstance(self.measure, Ratio):
            return self.measure.numerator, self.measure.denominator
        assert self.module is not None, "checked by check_definition"
        return Figure(module=self.module, conditions=self.conditions, measure=self.measure), None


def check_definition(definition: KpiDefinition, at: str = "definition") -> None:
    """The rules across fields: whitelisted fields, values fitting them, a grouping every
    module involved can do. Raises InvalidInput naming the offending field."""
    if isinstance(definition.measure, Ratio):
        if definition.module is not None or definition.conditions:
            raise InvalidInput(
                f"{at}.module", "a ratio names the module and conditions of each side"
            )
        sides = [
            (f"{at}.measure.numerator", definition.measure.numerator),
            (f"{at}.measure.denominator", definition.measure.denominator),
        ]
    elif definition.module is None:
        raise InvalidInput(f"{at}.module", "a count or a sum needs a module")
    else:
        sides = [(at, definition.figures()[0])]
    for where, figure in sides:
        _check_figure(figure, where)
    _check_grouping(definition, f"{at}.group_by", "body")


def _check_grouping(definition: KpiDefinition, field: str, location: str) -> None:
    column = GROUP_FIELDS.get(definition.group_by)
    for figure in filter(None, definition.figures()):
        if column is not None and column not in FIELDS[figure.module]:
            raise InvalidInput(
                field,
                f"{figure.module} facts cannot be grouped by {definition.group_by}",
                location=location,
            )


def _check_figure(figure: Figure, at: str) -> None:
    fields = FIELDS[figure.module]
    for i, condition in enumerate(figure.conditions):
        kind = fields.get(condition.field)
        if kind is None:
            raise InvalidInput(
                f"{at}.conditions.{i}.field",
                f"{condition.field!r} is not a field of {figure.module}: "
                f"one of {', '.join(sorted(fields))}",
            )
        _check_value(condition, kind, f"{at}.conditions.{i}")
    if isinstance(figure.measure, Sum) and fields.get(figure.measure.field) != FieldKind.NUMBER:
        numbers = sorted(f for f, k in fields.items() if k is FieldKind.NUMBER)
        raise InvalidInput(
            f"{at}.measure.field",
            f"{figure.measure.field!r} is not a number field of {figure.module}: "
            f"one of {', '.join(numbers) or 'none'}",
        )


def _fits(value: Scalar, kind: FieldKind) -> bool:
    if kind is FieldKind.FLAG:
        return isinstance(value, bool)
    if kind is FieldKind.NUMBER:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, str)


def _check_value(condition: Condition, kind: FieldKind, at: str) -> None:
    listed = condition.operator in (Operator.IN, Operator.NOT_IN)
    if kind is FieldKind.FLAG and condition.operator not in (Operator.EQ, Operator.NE):
        raise InvalidInput(f"{at}.operator", f"{condition.field} is a flag: eq or ne")
    if kind is FieldKind.TEXT and condition.operator in (Operator.GTE, Operator.LTE):
        raise InvalidInput(f"{at}.operator", f"{condition.field} is text: not gte or lte")
    if listed != isinstance(condition.value, list):
        raise InvalidInput(
            f"{at}.value", "in and not_in take a list, the other operators one value"
        )
    values = condition.value if isinstance(condition.value, list) else [condition.value]
    if not values or not all(_fits(v, kind) for v in values):
        raise InvalidInput(f"{at}.value", f"{condition.field} takes {kind} values")


def condition_values(condition: Condition) -> list[bool | Decimal | str]:
    """A checked condition's values as the column compares them (numbers as exact decimals)."""
    raw = condition.value if isinstance(condition.value, list) else [condition.value]
    return [v if isinstance(v, bool | str) else Decimal(str(v)) for v in raw]


# --- periods -------------------------------------------------------------------------------

MAX_SPAN_DAYS = 731
"""Two years: a trend long enough to compare a month with the same month a year before."""


def check_span(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise InvalidInput("to", "'to' is before 'from'", location="query")
    if (date_to - date_from).days >= MAX_SPAN_DAYS:
        raise InvalidInput("to", f"range exceeds {MAX_SPAN_DAYS} days", location="query")


def bucket_start(day: date, period: Period) -> date:
    if period is Period.DAY:
        return day
    if period is Period.WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def previous_bucket(start: date, period: Period) -> date:
    if period is Period.DAY:
        return start - timedelta(days=1)
    if period is Period.WEEK:
        return start - timedelta(days=7)
    return (start - timedelta(days=1)).replace(day=1)


def buckets(date_from: date, date_to: date, period: Period) -> list[Span]:
    """The period buckets of the range, each cut to the range: its first and last day."""
    spans = []
    start = bucket_start(date_from, period)
    while start <= date_to:
        after = next_bucket(start, period)
        spans.append(Span(max(start, date_from), min(after - timedelta(days=1), date_to)))
        start = after
    return spans


def next_bucket(start: date, period: Period) -> date:
    if period is Period.DAY:
        return start + timedelta(days=1)
    if period is Period.WEEK:
        return start + timedelta(days=7)
    return (start + timedelta(days=31)).replace(day=1)


@dataclass(frozen=True, slots=True)
class Span:
    """Days of a range read one way: from the month figures (whole months, ``first`` and
    ``last`` the first days of the months) or from the facts, added (``sign`` 1) or, where a
    month was read whole but only part of it was asked for, taken back (``sign`` -1)."""

    first: date
    last: date
    from_months: bool = False
    sign: int = 1


def month_spans(date_from: date, date_to: date, today: date | None = None) -> list[Span]:
    """How to read the range with as few facts as possible: whole months from the month
    figures; a month asked for in part from its facts, or, when fewer of its days were left
    out than asked for, whole and the facts of the days left out taken back. Days after
    ``today`` hold no facts yet: leaving them out costs nothing (this month up to today is
    read whole). The answer is exact either way; only what is read differs."""
    months: list[Span] = []  # consecutive months joined into one span
    facts: list[Span] = []

    def read_whole(month: date) -> None:
        if months and next_bucket(months[-1].last, Period.MONTH) == month:
            months[-1] = Span(months[-1].first, month, from_months=True)
        else:
            months.append(Span(month, month, from_months=True))

    month = bucket_start(date_from, Period.MONTH)
    while month <= date_to:
        end = next_bucket(month, Period.MONTH) - timedelta(days=1)
        asked = Span(max(month, date_from), min(end, date_to))
        left_out = [
            Span(first, last, sign=-1)
            for first, last in (
                (month, asked.first - timedelta(days=1)),
                (asked.last + timedelta(days=1), end),
            )
            if first <= last
        ]
        if sum(_days(s, until=today) for s in left_out) < _days(asked):
            read_whole(month)
            facts.extend(left_out)
        else:
            facts.append(asked)
        month = next_bucket(month, Period.MONTH)
    return months + facts


def _days(span: Span, until: date | None = None) -> int:
    last = span.last if until is None else min(span.last, until)
    return max(0, (last - span.first).days + 1)


# What the month figures keep per module (kept by the projections with the facts): the fields
# a definition may name to be answered from them; the other modules are always read from the
# facts. Deals keep no model, origin or attachments by month: those would leave about as many
# month rows as deals.
MONTH_FIGURE_FIELDS: dict[Module, frozenset[str]] = {
    Module.LEAD_ACTIVITIES: frozenset(FIELDS[Module.LEAD_ACTIVITIES]) - {"follow_up"},
    Module.DEALS: frozenset(
        {"outcome", "consultant", "team", "dealer_id", "units", "revenue", "gross_margin", "msrp"}
    ),
}


def read_by_month(figure: Figure, period: Period, group_by: Grouping) -> bool:
    """Whether the month figures answer the figure: monthly buckets, and every field it
    names (conditions, grouping, the field summed) kept by month."""
    kept = MONTH_FIGURE_FIELDS.get(figure.module)
    if kept is None or period is not Period.MONTH:
        return False
    named = {condition.field for condition in figure.conditions}
    if (field := GROUP_FIELDS.get(group_by)) is not None:
        named.add(field)
    if isinstance(figure.measure, Sum):
        named.add(figure.measure.field)
    return named <= kept


# --- values --------------------------------------------------------------------------------

RATE_PLACES = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class KpiValue:
    """One bucket (and group) of a KPI. A ratio carries its two sums; a growth the period's
    figure (numerator) and the previous period's (denominator)."""

    period_start: date
    group: str | None
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


Figures = dict[tuple[date, str | None], Decimal]
"""A figure's value per (bucket start, group)."""


def rate(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """None when there is nothing to divide by: no made-up zero or infinity."""
    if denominator == 0:
        return None
    return (numerator / denominator).quantize(RATE_PLACES, ROUND_HALF_UP)


def plain_values(figures: Figures) -> list[KpiValue]:
    return [KpiValue(start, group, value) for (start, group), value in _sorted(figures)]


def ratio_values(numerators: Figures, denominators: Figures) -> list[KpiValue]:
    """sum(numerator) / sum(denominator) per bucket and group; a side without facts is 0."""
    zero = Decimal(0)
    values = []
    for start, group in sorted(numerators.keys() | denominators.keys(), key=_order):
        n = numerators.get((start, group), zero)
        d = denominators.get((start, group), zero)
        values.append(KpiValue(start, group, rate(n, d), n, d))
    return values


def growth_values(figures: Figures, period: Period, first: date, last: date) -> list[KpiValue]:
    """Each bucket from ``first``'s to ``last``'s against the bucket before it, per group:
    this / previous - 1; None when the previous bucket had nothing to grow from."""
    zero = Decimal(0)
    groups = sorted({group for _, group in figures}, key=lambda g: g or "")
    values = []
    start = bucket_start(first, period)
    while start <= last:
        before_start = previous_bucket(start, period)
        for group in groups:
            now = figures.get((start, group), zero)
            before = figures.get((before_start, group), zero)
            if now or before:
                values.append(KpiValue(start, group, rate(now - before, before), now, before))
        start = next_bucket(start, period)
    return values


def _order(key: tuple[date, str | None]) -> tuple[date, str]:
    return key[0], key[1] or ""


def _sorted(figures: Figures) -> list[tuple[tuple[date, str | None], Decimal]]:
    return sorted(figures.items(), key=lambda item: _order(item[0]))


# --- sharing -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sharing:
    """Who sees a definition besides its owner. ``owner_org`` is the owner's dealer (or their
    own node above dealers): a role share reaches that role within it, not other dealers'."""

    owner_user: str
    owner_org: str
    roles: frozenset[str] = frozenset()
    nodes: frozenset[str] = frozenset()
    """Positions: an org node and every node below it."""
    users: frozenset[str] = frozenset()


def may_see(sharing: Sharing, principal: Principal, path: str | None) -> bool:
    """``path``: the caller's org path ("/hq/east/dealer-a/team-a1/"), None when the org
    directory does not know their node (then only their own node counts)."""
    if principal.user_id in (sharing.owner_user, *sharing.users):
        return True
    above = _nodes_on(path) if path is not None else {principal.org_node}
    if sharing.nodes & above:
        return True
    return bool(sharing.roles & principal.roles) and sharing.owner_org in above


def _nodes_on(path: str) -> set[str]:
    return {node for node in path.split("/") if node}


# --- predefined KPIs -----------------------------------------------------------------------


class Compare(StrEnum):
    """What a predefined KPI's figure is set against, besides a ratio's own denominator."""

    NONE = "none"
    PREVIOUS_PERIOD = "previous_period"
    """Growth: each bucket against the one before it."""
    MONTHLY_TARGET = "monthly_target"
    """Plan completion: each month against the units targets of the dealer, team or consultant
    (the whole product range)."""
    RETENTION = "retention"
    """Existing-customer retention: each period's buyers from before it (their first purchase
    earlier, its order not cancelled), and of them those who came back within it — bought
    again, or came for service (a service request the service desk opened for them); per
    dealer (a customer is the dealer's, whoever sold to them; the visit at that dealer) or in
    all."""


@dataclass(frozen=True, slots=True)
class PredefinedKpi:
    code: str
    name_zh: str
    name_en: str
    definition: KpiDefinition | None
    """None: no service produces the facts yet (``reason`` says which)."""
    reason: str | None = None
    compare: Compare = Compare.NONE

    @property
    def available(self) -> bool:
        return self.definition is not None


def as_asked(kpi: PredefinedKpi, period: Period | None, group_by: Grouping | None) -> KpiDefinition:
    """An available predefined KPI per the period and grouping the caller asks for (its own
    when left out)."""
    assert kpi.definition is not None, "only available KPIs are computed"
    asked = kpi.definition.model_copy(
        update={
            "period": period or kpi.definition.period,
            "group_by": group_by or kpi.definition.group_by,
        }
    )
    if kpi.compare is Compare.MONTHLY_TARGET:
        if asked.period is not Period.MONTH:
            raise InvalidInput("period", "targets are set per month", location="query")
        if asked.group_by is Grouping.NONE:
            raise InvalidInput(
                "group_by", "targets are per dealer, team or consultant", location="query"
            )
    if kpi.compare is Compare.RETENTION and asked.group_by not in (Grouping.DEALER, Grouping.NONE):
        raise InvalidInput(
            "group_by", "customers are retained per dealer or in all", location="query"
        )
    _check_grouping(asked, "group_by", "query")
    return asked


def _is(field: str, value: Scalar | list[Scalar]) -> Condition:
    operator = Operator.IN if isinstance(value, list) else Operator.EQ
    return Condition(field=field, operator=operator, value=value)


def _figure(module: Module, measure: Count | Sum, *conditions: Condition) -> Figure:
    return Figure(module=module, conditions=list(conditions), measure=measure)


def _ratio(numerator: Figure, denominator: Figure, group_by: Grouping) -> KpiDefinition:
    return KpiDefinition(
        measure=Ratio(numerator=numerator, denominator=denominator), group_by=group_by
    )


WON = _is("outcome", "won")
# Leads a consultant received: taken in or handed to them by a manager or strategy, or taken
# from the pool (lead facts name no consultant when a lead is created).
RECEIVED = _is("activity", ["assigned", "claimed"])
OPENED = _is("activity", "opened")
RESOLVED = _is("activity", "resolved")
RECEPTION = _is("activity", "reception")
INBOUND = _is("direction", "inbound")
OUTBOUND = _is("direction", "outbound")
CONNECTED = _is("connected", True)
CLEARED = _is("activity", "cleared")
CONVERTED = _is("activity", "converted")


# The KPIs of DOMAIN.md; those no service produces the facts of say why.
PREDEFINED: list[PredefinedKpi] = [
    PredefinedKpi(
        "plan_completion",
        "计划完成率",
        "Plan completion (net units sold / monthly units target)",
        KpiDefinition(module=Module.SALES, measure=Sum(field="units"), group_by=Grouping.DEALER),
        compare=Compare.MONTHLY_TARGET,
    ),
    PredefinedKpi(
        "sales_growth_units",
        "销量增长率",
        "Sales growth (units)",
        KpiDefinition(module=Module.SALES, measure=Sum(field="units")),
        compare=Compare.PREVIOUS_PERIOD,
    ),
    PredefinedKpi(
        "sales_growth_revenue",
        "销售额增长率",
        "Sales growth (revenue)",
        KpiDefinition(module=Module.SALES, measure=Sum(field="revenue")),
        compare=Compare.PREVIOUS_PERIOD,
    ),
    PredefinedKpi(
        "price_retention",
        "价格保持率",
        "Price retention (revenue / MSRP of won deals)",
        _ratio(
            _figure(Module.DEALS, Sum(field="revenue"), WON),
            _figure(Module.DEALS, Sum(field="msrp"), WON),
            Grouping.NONE,
        ),
    ),
    PredefinedKpi(
        "sales_expense",
        "销售费用",
        "Sales expense (recorded by the dealer: POST /kpi/expenses)",
        KpiDefinition(
            module=Module.EXPENSES, measure=Sum(field="amount"), group_by=Grouping.DEALER
        ),
    ),
    PredefinedKpi(
        "collection_rate",
        "回款率",
        "Collection rate (collected / won revenue)",
        _ratio(
            _figure(Module.COLLECTIONS, Sum(field="amount")),
            _figure(Module.DEALS, Sum(field="revenue"), WON),
            Grouping.NONE,
        ),
    ),
    PredefinedKpi(
        "visit_success_rate",
        "到店成功率",
        "Visit success rate (leads converted / showroom visits)",
        _ratio(
            _figure(Module.LEAD_ACTIVITIES, Count(), _is("activity", "converted")),
            _figure(
                Module.LEAD_ACTIVITIES,
                Count(),
                _is("activity", "followed_up"),
                _is("detail", "visit"),
            ),
            Grouping.NONE,
        ),
    ),
    PredefinedKpi(
        "complaint_rate",
        "投诉率",
        "Complaint rate (complaints opened / tickets opened)",
        _ratio(
            _figure(Module.TICKETS, Count(), OPENED, _is("kind", "complaint")),
            _figure(Module.TICKETS, Count(), OPENED),
            Grouping.DEALER,
        ),
    ),
    PredefinedKpi(
        "on_time_resolution",
        "按时解决率",
        "On-time resolution (tickets resolved within their SLA / resolved with one)",
        _ratio(
            _figure(Module.TICKETS, Count(), RESOLVED, _is("on_time", True)),
            _figure(Module.TICKETS, Count(), RESOLVED, _is("targeted", True)),
            Grouping.DEALER,
        ),
    ),
    PredefinedKpi(
        "nps",
        "净推荐值",
        "NPS (% promoters - % detractors, as a fraction from -1 to 1)",
        _ratio(
            _figure(Module.SURVEYS, Sum(field="nps_point")),
            _figure(Module.SURVEYS, Sum(field="nps_answered")),
            Grouping.DEALER,
        ),
    ),
    PredefinedKpi(
        "csi",
        "客户满意度指数",
        "CSI (mean satisfaction index of the answers, 0-100)",
        _ratio(
            _figure(Module.SURVEYS, Sum(field="csi")),
            _figure(Module.SURVEYS, Sum(field="csi_answered")),
            Grouping.DEALER,
        ),
    ),
    PredefinedKpi(
        "call_answer_rate",
        "来电接通率",
        "Answer rate (inbound calls answered / inbound calls)",
        _ratio(
            _figure(Module.CALLS, Count(), INBOUND, CONNECTED),
            _figure(Module.CALLS, Count(), INBOUND),
            Grouping.DEALER,
        ),
    ),
    PredefinedKpi(
        "call_abandon_rate",
        "来电放弃率",
        "Abandon rate (callers who hung up waiting / inbound calls)",
        _ratio(
            _figure(Module.CALLS, Count(), INBOUND, _is("abandoned", True)),
            _figure(Module.CALLS, Count(), INBOUND),
            Grouping.DEALER,
        ),
    ),
    PredefinedKpi(
        "outbound_connect_rate",
        "外呼接通率",
        "Connected rate (outbound calls connected / outbound calls)",
        _ratio(
            _figure(Module.CALLS, Count(), OUTBOUND, CONNECTED),
            _figure(Module.CALLS, Count(), OUTBOUND),
            Grouping.CONSULTANT,
        ),
    ),
    PredefinedKpi(
        "average_talk_seconds",
        "平均通话时长",
        "Average talk time (talk seconds / connected calls)",
        _ratio(
            _figure(Module.CALLS, Sum(field="talk_seconds"), CONNECTED),
            _figure(Module.CALLS, Count(), CONNECTED),
            Grouping.CONSULTANT,
        ),
    ),
    PredefinedKpi(
        "callbacks_on_time",
        "回访按时完成率",
        "Call tasks cleared on time (cleared by their due time / cleared)",
        _ratio(
            _figure(Module.CALL_TASKS, Count(), CLEARED, _is("on_time", True)),
            _figure(Module.CALL_TASKS, Count(), CLEARED),
            Grouping.CONSULTANT,
        ),
    ),
    PredefinedKpi(
        "callbacks_cleared_by_call",
        "回访电话完成数",
        "Call tasks cleared by a connected call",
        KpiDefinition(
            module=Module.CALL_TASKS,
            measure=Count(),
            conditions=[CLEARED, _is("by_call", True)],
            group_by=Grouping.CONSULTANT,
        ),
    ),
    PredefinedKpi(
        "cancellation_approval_rate",
        "取消申请批准率",
        "Cancellations approved (approved / decided)",
        _ratio(
            _figure(Module.CALL_TASKS, Count(), _is("activity", "cancel_approved")),
            _figure(
                Module.CALL_TASKS, Count(), _is("activity", ["cancel_approved", "cancel_rejected"])
            ),
            Grouping.CONSULTANT,
        ),
    ),
    PredefinedKpi(
        "new_customer_rate",
        "新客户率",
        "New-customer rate (won deals that were their buyer's first purchase / won deals)",
        _ratio(
            _figure(Module.DEALS, Count(), WON, _is("first_purchase", True)),
            _figure(Module.DEALS, Count(), WON),
            Grouping.DEALER,
        ),
    ),
    # Counted from the wins' buyers (DealWon names the customer) and the service requests
    # opened for them (TicketOpened names the customer the desk knew), not a ratio of facts:
    # see Compare.RETENTION.
    PredefinedKpi(
        "customer_retention",
        "老客户保有率",
        "Existing-customer retention (buyers from before a period who bought again or came for "
        "service in it / buyers from before it)",
        KpiDefinition(
            module=Module.DEALS, measure=Count(), conditions=[WON], group_by=Grouping.DEALER
        ),
        compare=Compare.RETENTION,
    ),
    PredefinedKpi(
        "record_completeness",
        "档案完整率",
        "Customer record completeness (files made at conversion with the vehicle of interest "
        "and the intent grade / files made)",
        _ratio(
            _figure(Module.LEAD_ACTIVITIES, Count(), CONVERTED, _is("detail", "complete")),
            _figure(
                Module.LEAD_ACTIVITIES,
                Count(),
                CONVERTED,
                # Conversions kpi recorded before it judged files have no detail (until
                # `rebuild`): they count on neither side.
                _is("detail", ["complete", "incomplete"]),
            ),
            Grouping.CONSULTANT,
        ),
    ),
    PredefinedKpi(
        "reception_form_completion",
        "接待表完成率",
        "Reception-form completion (reception forms complete / reception forms recorded)",
        _ratio(
            _figure(Module.LEAD_ACTIVITIES, Count(), RECEPTION, _is("detail", "complete")),
            _figure(Module.LEAD_ACTIVITIES, Count(), RECEPTION),
            Grouping.CONSULTANT,
        ),
    ),
    PredefinedKpi(
        "conversion_per_consultant",
        "顾问线索转化率",
        "Conversion per consultant (leads converted / leads received)",
        _ratio(
            _figure(Module.LEAD_ACTIVITIES, Count(), _is("activity", "converted")),
            _figure(Module.LEAD_ACTIVITIES, Count(), RECEIVED),
            Grouping.CONSULTANT,
        ),
    ),
    PredefinedKpi(
        "callback_upgrades",
        "回访升级数",
        "Grade upgrades through callbacks (upgrades set by a call follow-up)",
        KpiDefinition(
            module=Module.LEAD_ACTIVITIES,
            conditions=[_is("activity", "upgraded"), _is("follow_up", "call")],
            measure=Count(),
            group_by=Grouping.CONSULTANT,
        ),
    ),
]


def predefined(code: str) -> PredefinedKpi | None:
    return next((k for k in PREDEFINED if k.code == code), None)
