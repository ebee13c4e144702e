"""Read side of opportunities: the pipeline board, the funnel, the weighted forecast, the stale
list and the win/loss analysis. Scoped by the shared policy, never by hand: records (board
cards, the stale list) at the masked level, figures (funnel, forecast, win/loss) at the
aggregate level — HQ or a region sees the figures of a dealer that shares only figures.
Money in the opportunity's currency (CNY unless the record says otherwise)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field
from sqlalchemy import (
    ColumnElement,
    Date,
    DateTime,
    FromClause,
    Integer,
    RowMapping,
    Subquery,
    and_,
    cast,
    column,
    func,
    literal,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB, array
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.auth.principal import DataScope
from crm_common.db.tables import org_directory, staff
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_common.policy.roles import ROLES
from crm_common.policy.staff import staff_names
from crm_common.runtime.paging import WholeReport, capped
from crm_opportunities.adapters.access import visible_opportunities
from crm_opportunities.adapters.tables import (
    credit_splits,
    opportunities,
    pipelines,
    planned_collections,
)
from crm_opportunities.domain.periods import (
    Granularity,
    Grouping,
    ReportPeriod,
    conversions,
    is_stale,
    merge_stage_orders,
    ranked,
    whole_days,
    win_rate,
)
from crm_opportunities.views.opportunities import customer_level, shown

Sessions = async_sessionmaker[AsyncSession]
o = opportunities
OPEN, WON, LOST = "open", "won", "lost"
ZERO = Decimal("0.00")
_MASKED = "Masked unless the caller may see the customer's data in full"


class BoardCard(BaseModel):
    id: UUID
    customer_name: str = Field(description=_MASKED)
    vehicle_interest: str | None
    amount: Decimal
    currency: str
    probability: int
    expected_close_on: date | None
    age_days: int = Field(description="Whole days since the opportunity opened")
    days_in_stage: int = Field(description="Whole days since it entered its stage")
    stale: bool = Field(description="Days in stage exceed the stage's days-to-rot")
    owner_user: str
    owner_org: str


MOST_GROUPS = 1_000
"""Groups (consultants, teams, dealers, regions) a report answers: more are refused."""
_GROUPS = f"A row per group asked (group_by): more than {MOST_GROUPS:,} are refused"
MOST_CARDS = 100
"""Cards a stage of the board shows at most (``cards`` asks for fewer)."""


def _whole(groups: Collection[Any]) -> None:
    """A report's groups answered whole, or refused (422 naming group_by) past MOST_GROUPS."""
    WholeReport(
        most=MOST_GROUPS,
        narrow_by="group_by",
        how="group by a wider level: team, dealer or region",
    ).whole(groups)


class BoardStage(BaseModel):
    code: str
    name: str
    probability: int | None = Field(description="Win probability of the stage, %")
    rot_days: int | None = Field(description="Days in the stage after which a card is stale")
    count: int = Field(description="Open opportunities in the stage")
    amount: Decimal
    cards: list[BoardCard] = Field(
        max_length=MOST_CARDS, description="The first cards, longest in the stage first"
    )


class PipelineBoard(BaseModel):
    pipeline_id: UUID
    name: str
    owner_org: str
    stages: list[BoardStage] = Field(description="Left to right, in the pipeline's order")


class StageName(BaseModel):
    code: str
    name: str


class FunnelStep(BaseModel):
    code: str
    reached: int = Field(description="Opportunities that entered the stage")
    open: int = Field(description="Opportunities open in the stage now")
    open_amount: Decimal
    converted: int | None = Field(
        description="Of those that reached the stage, how many reached the next one"
    )
    conversion_rate: float | None = Field(description="converted / reached")


class FunnelFigures(BaseModel):
    created: int
    amount: Decimal
    open: int
    open_amount: Decimal
    won: int
    won_amount: Decimal
    lost: int
    lost_amount: Decimal
    stages: list[FunnelStep]


class FunnelGroup(FunnelFigures):
    group: str | None = Field(description="Consultant, team, dealer or region id")


class Funnel(BaseModel):
    date_from: date
    date_to: date
    group_by: Grouping | None
    stages: list[StageName] = Field(description="The funnel's stages, top to bottom")
    total: FunnelFigures
    groups: list[FunnelGroup] = Field(max_length=MOST_GROUPS, description=_GROUPS)


class ForecastPeriod(BaseModel):
    period_start: date = Field(description="First day of the month or ISO week")
    open_count: int = Field(description="Open opportunities expected to close in the period")
    pipeline_amount: Decimal
    weighted_amount: Decimal = Field(description="Sum of amount times the stage's win probability")
    won_count: int = Field(description="Opportunities won (closed) in the period")
    won_amount: Decimal
    planned_amount: Decimal = Field(description="Planned collections due in the period")
    collected_amount: Decimal = Field(description="Collected of those planned collections")
    expected_amount: Decimal = Field(description="won_amount + weighted_amount")


class ForecastGroup(BaseModel):
    group: str | None
    periods: list[ForecastPeriod]


class Forecast(BaseModel):
    date_from: date
    date_to: date
    period: Granularity
    group_by: Grouping | None
    periods: list[ForecastPeriod]
    groups: list[ForecastGroup] = Field(max_length=MOST_GROUPS, description=_GROUPS)


class StaleOpportunity(BaseModel):
    id: UUID
    customer_name: str = Field(description=_MASKED)
    vehicle_interest: str | None
    amount: Decimal
    currency: str
    probability: int
    expected_close_on: date | None
    pipeline_id: UUID
    stage: str
    stage_name: str | None
    stage_entered_at: datetime
    days_in_stage: int
    rot_days: int
    owner_user: str
    owner_team: str
    owner_org: str


class LostReason(BaseModel):
    reason: str | None
    count: int


class CompetitorModel(BaseModel):
    model: str | None
    count: int


MOST_REASONS = 50
"""Reasons for losses a win/loss figure lists, the most frequent: a reason is typed per loss."""
MOST_COMPETITORS = 100
"""Competitors a win/loss figure lists, the most frequent: a loss names one in free text."""
MOST_MODELS = 50
"""Models of a competitor a figure lists, the most frequent."""
_FEWER = "ask for a shorter period or group by a narrower level for fewer"


class Competitor(BaseModel):
    competitor: str
    count: int = Field(description="Opportunities lost to this competitor")
    amount: Decimal
    models: list[CompetitorModel] = Field(
        max_length=MOST_MODELS, description=f"The {MOST_MODELS} most frequent first"
    )
    models_truncated: bool = Field(description="Losses named more models than listed")


class WinLossFigures(BaseModel):
    won: int
    won_amount: Decimal
    lost: int
    lost_amount: Decimal
    win_rate: float | None = Field(description="won / (won + lost); None when nothing closed")
    lost_reasons: list[LostReason] = Field(
        max_length=MOST_REASONS, description=f"The {MOST_REASONS} most frequent first"
    )
    lost_reasons_truncated: bool = Field(
        description=f"Losses gave more reasons than listed (lost counts all): {_FEWER}"
    )
    competitors: list[Competitor] = Field(
        max_length=MOST_COMPETITORS, description=f"The {MOST_COMPETITORS} most frequent first"
    )
    competitors_truncated: bool = Field(
        description=f"Losses named more competitors than listed (lost counts all): {_FEWER}"
    )


class WinLossGroup(WinLossFigures):
    group: str | None


class WinLoss(BaseModel):
    date_from: date
    date_to: date
    group_by: Grouping | None
    total: WinLossFigures
    groups: list[WinLossGroup] = Field(max_length=MOST_GROUPS, description=_GROUPS)


def _pipelines_visible_to(principal: Principal) -> ColumnElement[bool]:
    """A pipeline is its dealer's configuration: everyone of the dealer works with it, whatever
    their scope over records; above the dealer, whoever may see the dealer's records."""
    reach = principal
    if principal.data_scope in (DataScope.OWN, DataScope.TEAM):
        reach = principal.model_copy(update={"data_scope": DataScope.DEALER})
    return visible_to(
        reach, DataType.OPPORTUNITY, tenant=pipelines.c.tenant, owner_org=pipelines.c.owner_org
    )


def _book_of(principal: Principal) -> ColumnElement[str]:
    """The caller's dealer, or their own node when it belongs to no dealer (HQ, a region)."""
    dealer = (
        select(org_directory.c.dealer_id)
        .where(org_directory.c.id == principal.org_node, org_directory.c.tenant == principal.tenant)
        .scalar_subquery()
    )
    return func.coalesce(dealer, principal.org_node)


# --- pipeline board -------------------------------------------------------------------------


async def board(
    sessions: Sessions,
    principal: Principal,
    *,
    pipeline_id: UUID | None,
    cards_per_stage: int,
    now: datetime,
) -> PipelineBoard | None:
    """The open opportunities of one pipeline (the caller's dealer's default one unless named),
    stage by stage left to right: count, amount and the cards longest in the stage first.
    None when no such pipeline is visible to the caller."""
    chosen = (
        pipelines.c.id == pipeline_id
        if pipeline_id is not None
        else (pipelines.c.is_default & (pipelines.c.owner_org == _book_of(principal)))
    )
    in_pipeline = select(pipelines).where(
        pipelines.c.tenant == principal.tenant, chosen, _pipelines_visible_to(principal)
    )
    async with sessions() as session:
        pipeline = (await session.execute(in_pipeline)).mappings().first()
        if pipeline is None:
            return None
        scope = (
            o.c.tenant == principal.tenant,
            o.c.pipeline_id == pipeline["id"],
            o.c.status == OPEN,
            visible_opportunities(principal, need=SharingLevel.MASKED),
        )
        totals = {
            row.stage: (row.n, row.amount)
            for row in await session.execute(
                select(o.c.stage, func.count().label("n"), func.sum(o.c.amount).label("amount"))
                .where(*scope)
                .group_by(o.c.stage)
            )
        }
        place = func.row_number().over(
            partition_by=o.c.stage, order_by=(o.c.stage_entered_at, o.c.id)
        )
        ranked_cards = (
            select(
                o.c.id,
                o.c.stage,
                o.c.customer_name,
                o.c.vehicle_interest,
                o.c.amount,
                o.c.currency,
                o.c.probability,
                o.c.expected_close_on,
                o.c.created_at,
                o.c.stage_entered_at,
                o.c.owner_user,
                o.c.owner_org,
                customer_level(principal).label("shared_level"),
                place.label("place"),
            )
            .where(*scope)
            .subquery()
        )
        cards = (
            await session.execute(
                select(ranked_cards)
                .where(ranked_cards.c.place <= cards_per_stage)
                .order_by(ranked_cards.c.stage, ranked_cards.c.place)
            )
        ).mappings()
        cards_by_stage: dict[str, list[RowMapping]] = defaultdict(list)
        for row in cards:
            cards_by_stage[row["stage"]].append(row)
    stages = list(pipeline["stages"])
    known = {stage["code"] for stage in stages}
    # Opportunities left in a stage the pipeline no longer has still show, after the others.
    stages += [{"code": code, "name": code} for code in sorted(totals.keys() - known)]
    columns = []
    for stage in stages:
        rot_days = stage.get("rot_days")
        count, amount = totals.get(stage["code"], (0, ZERO))
        stage_cards = []
        for card in cards_by_stage.get(stage["code"], []):
            days_in_stage = whole_days(card["stage_entered_at"], now)
            shown_card, _ = shown(
                principal,
                card,
                BoardCard,
                age_days=whole_days(card["created_at"], now),
                days_in_stage=days_in_stage,
                stale=is_stale(days_in_stage, rot_days),
            )
            stage_cards.append(shown_card)
        columns.append(
            BoardStage(
                code=stage["code"],
                name=stage.get("name", stage["code"]),
                probability=stage.get("probability"),
                rot_days=rot_days,
                count=count,
                amount=amount,
                cards=stage_cards,
            )
        )
    return PipelineBoard(
        pipeline_id=pipeline["id"],
        name=pipeline["name"],
        owner_org=pipeline["owner_org"],
        stages=columns,
    )


# --- grouping of figures ----------------------------------------------------------------------


def _org_groups(principal: Principal) -> Subquery:
    """Every org node of the tenant with its dealer and its nearest region, from the service's
    copy of the org tree (a region's subtree is a prefix of the materialised path)."""
    node = org_directory.alias("node")
    region = org_directory.alias("region")
    nearest_region = (
        select(region.c.id)
        .where(
            region.c.tenant == node.c.tenant,
            region.c.kind == "region",
            func.starts_with(node.c.path, region.c.path),
        )
        .order_by(func.length(region.c.path).desc())
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(
            node.c.id.label("org_node"),
            func.coalesce(node.c.dealer_id, node.c.id).label("dealer"),
            nearest_region.label("region"),
        )
        .where(node.c.tenant == principal.tenant)
        .subquery("org_groups")
    )


def _grouped(
    principal: Principal, grouping: Grouping | None, source: FromClause, owners: FromClause = o
) -> tuple[list[ColumnElement[Any]], FromClause]:
    """The group key column (none without a grouping) and the FROM clause that provides it;
    ``owners`` is what carries the owner columns (the opportunities, or a subquery of them)."""
    if grouping is None:
        return [], source
    if grouping is Grouping.CONSULTANT:
        return [owners.c.owner_user.label("group_key")], source
    if grouping is Grouping.TEAM:
        return [owners.c.owner_team.label("group_key")], source
    groups = _org_groups(principal)
    joined = source.outerjoin(groups, groups.c.org_node == owners.c.owner_org)
    return [groups.c[grouping.value].label("group_key")], joined


def _figures_scope(principal: Principal) -> ColumnElement[bool]:
    return and_(
        o.c.tenant == principal.tenant,
        visible_opportunities(principal, need=SharingLevel.AGGREGATE),
    )


def _book_scope(
    principal: Principal, tenant: ColumnElement[str], owner_org: ColumnElement[str]
) -> list[ColumnElement[bool]]:
    """For callers who see whole books: the same books again on a table joined to the
    opportunities (a collection is in its opportunity's book) — redundant for the result, but it
    lets the planner start from that table's (tenant, owner_org, …) index."""
    if principal.data_scope in (DataScope.OWN, DataScope.TEAM):
        return []
    return [
        visible_to(
            principal,
            DataType.OPPORTUNITY,
            tenant=tenant,
            owner_org=owner_org,
            need=SharingLevel.AGGREGATE,
        )
    ]


def _key(row: Any, keys: Sequence[ColumnElement[Any]]) -> str | None:
    return row.group_key if keys else None


def _money(value: Decimal | None) -> Decimal:
    return ZERO if value is None else value


# --- funnel -----------------------------------------------------------------------------------


async def funnel(
    sessions: Sessions,
    principal: Principal,
    *,
    period: ReportPeriod,
    business_tz: ZoneInfo,
    grouping: Grouping | None,
) -> Funnel:
    """Opportunities created in the period: per stage how many reached it (the stages each
    has been in), how many are open in it and for how much, stage-to-stage conversion; won and
    lost. One pass over the period's opportunities."""
    start, end = period.instants(business_tz)
    keys, source = _grouped(principal, grouping, o)
    tallied = (
        select(
            *keys,
            o.c.pipeline_id,
            o.c.status,
            o.c.stage,
            o.c.reached_stages,
            func.count().label("n"),
            func.sum(o.c.amount).label("amount"),
        )
        .select_from(source)
        .where(_figures_scope(principal), o.c.created_at >= start, o.c.created_at < end)
        .group_by(*keys, o.c.pipeline_id, o.c.status, o.c.stage, o.c.reached_stages)
    )
    tallies: dict[str | None, _FunnelTally] = defaultdict(_FunnelTally)
    total = _FunnelTally()
    pipeline_sizes: dict[UUID, int] = defaultdict(int)
    async with sessions() as session:
        for row in await session.execute(tallied):
            pipeline_sizes[row.pipeline_id] += row.n
            reached = frozenset(row.reached_stages)
            for tally in (tallies[_key(row, keys)], total):
                tally.count(row.status, row.stage, row.n, _money(row.amount))
                tally.paths[reached] += row.n
        stage_lists = {
            row.id: row.stages
            for row in await session.execute(
                select(pipelines.c.id, pipelines.c.stages).where(
                    pipelines.c.id.in_(list(pipeline_sizes))
                )
            )
        }
    # The most used pipeline decides the order and names where pipelines disagree.
    used = sorted(stage_lists, key=lambda p: (-pipeline_sizes[p], str(p)))
    names: dict[str, str] = {}
    for pipeline_id in used:
        for stage in stage_lists[pipeline_id]:
            names.setdefault(stage["code"], stage.get("name", stage["code"]))
    order = merge_stage_orders([stage["code"] for stage in stage_lists[p]] for p in used)
    seen = set().union(*total.paths, total.open_by_stage)
    order += sorted(seen - set(order))
    _whole(tallies if keys else ())
    return Funnel(
        date_from=period.first_day,
        date_to=period.last_day,
        group_by=grouping,
        stages=[StageName(code=code, name=names.get(code, code)) for code in order],
        total=FunnelFigures(**total.figures(order)),
        groups=[
            FunnelGroup(group=key, **tally.figures(order))
            for key, tally in sorted(tallies.items(), key=lambda item: item[0] or "")
        ]
        if keys
        else [],
    )


class _FunnelTally:
    def __init__(self) -> None:
        self.by_status: dict[str, list[Any]] = {s: [0, ZERO] for s in (OPEN, WON, LOST)}
        self.open_by_stage: dict[str, list[Any]] = defaultdict(lambda: [0, ZERO])
        self.paths: dict[frozenset[str], int] = defaultdict(int)

    def count(self, status: str, stage: str, n: int, amount: Decimal) -> None:
        figures = self.by_status.setdefault(status, [0, ZERO])
        figures[0] += n
        figures[1] += amount
        if status == OPEN:
            self.open_by_stage[stage][0] += n
            self.open_by_stage[stage][1] += amount

    def figures(self, order: Sequence[str]) -> dict[str, Any]:
        created = sum(n for n, _ in self.by_status.values())
        amount = sum((a for _, a in self.by_status.values()), ZERO)
        stages = []
        for step in conversions(order, self.paths):
            open_n, open_amount = self.open_by_stage.get(step.stage, (0, ZERO))
            stages.append(
                {
                    "code": step.stage,
                    "reached": step.reached,
                    "open": open_n,
                    "open_amount": open_amount,
                    "converted": step.converted,
                    "conversion_rate": step.rate,
                }
            )
        return {
            "created": created,
            "amount": amount,
            "open": self.by_status[OPEN][0],
            "open_amount": self.by_status[OPEN][1],
            "won": self.by_status[WON][0],
            "won_amount": self.by_status[WON][1],
            "lost": self.by_status[LOST][0],
            "lost_amount": self.by_status[LOST][1],
            "stages": stages,
        }


# --- weighted forecast --------------------------------------------------------------------------


def _bucket(day: ColumnElement[Any], granularity: Granularity) -> ColumnElement[date]:
    return cast(func.date_trunc(granularity.value, cast(day, DateTime())), Date)


async def forecast(
    sessions: Sessions,
    principal: Principal,
    *,
    period: ReportPeriod,
    business_tz: ZoneInfo,
    granularity: Granularity,
    grouping: Grouping | None,
) -> Forecast:
    """Per month or week of the period: the open pipeline expected to close then, weighted by
    its stages' win probability; what was won (closed) then; the planned collections due then
    and how much of them came in."""
    start, end = period.instants(business_tz)
    keys, source = _grouped(principal, grouping, o)
    expected = _bucket(o.c.expected_close_on, granularity).label("bucket")
    pipeline_query = (
        select(
            *keys,
            expected,
            func.count().label("n"),
            func.sum(o.c.amount).label("amount"),
            func.sum(o.c.amount * o.c.probability / 100).label("weighted"),
        )
        .select_from(source)
        .where(
            _figures_scope(principal),
            o.c.status == OPEN,
            o.c.expected_close_on.between(period.first_day, period.last_day),
        )
        .group_by(*keys, expected)
    )
    closed_on = _bucket(func.timezone(business_tz.key, o.c.closed_at), granularity).label("bucket")
    won_query = (
        select(*keys, closed_on, func.count().label("n"), func.sum(o.c.amount).label("amount"))
        .select_from(source)
        .where(
            _figures_scope(principal),
            o.c.status == WON,
            o.c.closed_at >= start,
            o.c.closed_at < end,
        )
        .group_by(*keys, closed_on)
    )
    pc = planned_collections
    collection_keys, collection_source = _grouped(
        principal, grouping, pc.join(o, o.c.id == pc.c.opportunity_id)
    )
    due = _bucket(pc.c.due_on, granularity).label("bucket")
    collections_query = (
        select(
            *collection_keys,
            due,
            func.sum(pc.c.amount).label("planned"),
            func.sum(func.coalesce(pc.c.collected_amount, 0)).label("collected"),
        )
        .select_from(collection_source)
        .where(
            pc.c.tenant == principal.tenant,
            _figures_scope(principal),
            *_book_scope(principal, pc.c.tenant, pc.c.owner_org),
            pc.c.due_on.between(period.first_day, period.last_day),
        )
        .group_by(*collection_keys, due)
    )
    buckets = period.buckets(granularity)
    totals: dict[date, dict[str, Any]] = {b: _empty_forecast() for b in buckets}
    groups: dict[str | None, dict[date, dict[str, Any]]] = defaultdict(
        lambda: {b: _empty_forecast() for b in buckets}
    )

    def add(key: str | None, bucket: date, **figures: Any) -> None:
        for target in (totals[bucket], groups[key][bucket]):
            for name, value in figures.items():
                target[name] += value

    async with sessions() as session:
        for row in await session.execute(pipeline_query):
            add(
                _key(row, keys),
                row.bucket,
                open_count=row.n,
                pipeline_amount=row.amount,
                weighted_amount=row.weighted,
            )
        for row in await session.execute(won_query):
            add(_key(row, keys), row.bucket, won_count=row.n, won_amount=row.amount)
        for row in await session.execute(collections_query):
            add(
                _key(row, collection_keys),
                row.bucket,
                planned_amount=row.planned,
                collected_amount=row.collected,
            )
    _whole(groups if keys else ())
    return Forecast(
        date_from=period.first_day,
        date_to=period.last_day,
        period=granularity,
        group_by=grouping,
        periods=_forecast_rows(totals),
        groups=[
            ForecastGroup(group=key, periods=_forecast_rows(per_bucket))
            for key, per_bucket in sorted(groups.items(), key=lambda item: item[0] or "")
        ]
        if keys
        else [],
    )


def _empty_forecast() -> dict[str, Any]:
    return {
        "open_count": 0,
        "pipeline_amount": ZERO,
        "weighted_amount": ZERO,
        "won_count": 0,
        "won_amount": ZERO,
        "planned_amount": ZERO,
        "collected_amount": ZERO,
    }


def _forecast_rows(per_bucket: dict[date, dict[str, Any]]) -> list[ForecastPeriod]:
    rows = []
    for start, figures in sorted(per_bucket.items()):
        weighted = figures["weighted_amount"].quantize(ZERO)
        rows.append(
            ForecastPeriod(
                period_start=start,
                **{
                    **figures,
                    "weighted_amount": weighted,
                    "expected_amount": figures["won_amount"] + weighted,
                },
            )
        )
    return rows


# --- stale list ---------------------------------------------------------------------------------


async def stale(
    sessions: Sessions, principal: Principal, *, now: datetime, limit: int, offset: int
) -> list[StaleOpportunity]:
    """Open opportunities whose whole days in their stage exceed the stage's days-to-rot
    (from the pipeline), most overdue first, masked as the caller may see them."""
    stage_def = (
        func.jsonb_array_elements(pipelines.c.stages)
        .table_valued(column("value", JSONB))
        .lateral("stage_def")
    )
    definition = stage_def.c.value
    rot_days = cast(definition["rot_days"].astext, Integer)
    days_in_stage = cast(
        func.floor(
            func.extract("epoch", literal(now, DateTime(timezone=True)) - o.c.stage_entered_at)
            / 86400
        ),
        Integer,
    )
    query = (
        select(
            o.c.id,
            o.c.customer_name,
            o.c.vehicle_interest,
            o.c.amount,
            o.c.currency,
            o.c.probability,
            o.c.expected_close_on,
            o.c.pipeline_id,
            o.c.stage,
            definition["name"].astext.label("stage_name"),
            o.c.stage_entered_at,
            days_in_stage.label("days_in_stage"),
            rot_days.label("rot_days"),
            o.c.owner_user,
            o.c.owner_team,
            o.c.owner_org,
            customer_level(principal).label("shared_level"),
        )
        .select_from(
            o.join(pipelines, pipelines.c.id == o.c.pipeline_id).join(
                stage_def, definition["code"].astext == o.c.stage
            )
        )
        .where(
            o.c.tenant == principal.tenant,
            o.c.status == OPEN,
            visible_opportunities(principal, need=SharingLevel.MASKED),
            days_in_stage > rot_days,
        )
        .order_by((days_in_stage - rot_days).desc(), o.c.id)
        .limit(limit)
        .offset(offset)
    )
    async with sessions() as session:
        rows = (await session.execute(query)).mappings().all()
    return [shown(principal, row, StaleOpportunity)[0] for row in rows]


# --- win/loss -----------------------------------------------------------------------------------


async def win_loss(
    sessions: Sessions,
    principal: Principal,
    *,
    period: ReportPeriod,
    business_tz: ZoneInfo,
    grouping: Grouping | None,
) -> WinLoss:
    """Opportunities closed in the period: won and lost, win rate, why they were lost and to
    which competitors (and models), most frequent first."""
    start, end = period.instants(business_tz)
    keys, source = _grouped(principal, grouping, o)
    closed = (_figures_scope(principal), o.c.closed_at >= start, o.c.closed_at < end)
    outcomes = (
        select(*keys, o.c.status, func.count().label("n"), func.sum(o.c.amount).label("amount"))
        .select_from(source)
        .where(*closed, o.c.status.in_((WON, LOST)))
        .group_by(*keys, o.c.status)
    )
    reasons = (
        select(*keys, o.c.lost_reason, func.count().label("n"))
        .select_from(source)
        .where(*closed, o.c.status == LOST)
        .group_by(*keys, o.c.lost_reason)
    )
    competitors = (
        select(
            *keys,
            o.c.competitor,
            o.c.competitor_model,
            func.count().label("n"),
            func.sum(o.c.amount).label("amount"),
        )
        .select_from(source)
        .where(*closed, o.c.status == LOST, o.c.competitor.is_not(None))
        .group_by(*keys, o.c.competitor, o.c.competitor_model)
    )
    tallies: dict[str | None, _WinLossTally] = defaultdict(_WinLossTally)
    total = _WinLossTally()
    async with sessions() as session:
        for row in await session.execute(outcomes):
            for tally in (tallies[_key(row, keys)], total):
                tally.outcomes[row.status] = [
                    tally.outcomes[row.status][0] + row.n,
                    tally.outcomes[row.status][1] + _money(row.amount),
                ]
        for row in await session.execute(reasons):
            for tally in (tallies[_key(row, keys)], total):
                tally.reasons[row.lost_reason] += row.n
        for row in await session.execute(competitors):
            for tally in (tallies[_key(row, keys)], total):
                tally.add_competitor(
                    row.competitor, row.competitor_model, row.n, _money(row.amount)
                )
    _whole(tallies if keys else ())
    return WinLoss(
        date_from=period.first_day,
        date_to=period.last_day,
        group_by=grouping,
        total=WinLossFigures(**total.figures()),
        groups=[
            WinLossGroup(group=key, **tally.figures())
            for key, tally in sorted(tallies.items(), key=lambda item: item[0] or "")
        ]
        if keys
        else [],
    )


class _WinLossTally:
    def __init__(self) -> None:
        self.outcomes: dict[str, list[Any]] = {WON: [0, ZERO], LOST: [0, ZERO]}
        self.reasons: dict[str | None, int] = defaultdict(int)
        self.competitors: dict[str, int] = defaultdict(int)
        self.competitor_amounts: dict[str, Decimal] = defaultdict(lambda: ZERO)
        self.models: dict[str, dict[str | None, int]] = defaultdict(lambda: defaultdict(int))

    def add_competitor(self, name: str, model: str | None, n: int, amount: Decimal) -> None:
        self.competitors[name] += n
        self.competitor_amounts[name] += amount
        self.models[name][model] += n

    def figures(self) -> dict[str, Any]:
        won, won_amount = self.outcomes[WON]
        lost, lost_amount = self.outcomes[LOST]
        # Ranked over every row read (the SQL rows are already counted per name), then cut.
        reasons, reasons_cut = capped(ranked(self.reasons), MOST_REASONS)
        rivals, rivals_cut = capped(ranked(self.competitors), MOST_COMPETITORS)
        models = {name: capped(ranked(self.models[name]), MOST_MODELS) for name, _ in rivals}
        return {
            "won": won,
            "won_amount": won_amount,
            "lost": lost,
            "lost_amount": lost_amount,
            "win_rate": win_rate(won, lost),
            "lost_reasons": [{"reason": r, "count": n} for r, n in reasons],
            "lost_reasons_truncated": reasons_cut,
            "competitors": [
                {
                    "competitor": name,
                    "count": n,
                    "amount": self.competitor_amounts[name],
                    "models": [{"model": m, "count": c} for m, c in models[name][0]],
                    "models_truncated": models[name][1],
                }
                for name, n in rivals
            ],
            "competitors_truncated": rivals_cut,
        }


class CreditShareView(BaseModel):
    user_id: str
    name: str | None = Field(
        default=None,
        description="The name colleagues know them by; none until identity has announced it",
    )
    team: str
    share_percent: Decimal


class CreditSplitView(BaseModel):
    status: str
    shares: list[CreditShareView]
    proposed_by: str
    proposed_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    note: str | None


async def credit_split(
    sessions: Sessions, actor: Principal, opportunity_id: UUID
) -> CreditSplitView | None:
    """The opportunity's proposed or decided split, if the actor may see the opportunity."""
    async with sessions() as session:
        row = (
            await session.execute(
                select(credit_splits)
                .join(opportunities, opportunities.c.id == credit_splits.c.opportunity_id)
                .where(
                    credit_splits.c.opportunity_id == opportunity_id, visible_opportunities(actor)
                )
            )
        ).first()
        if row is None:
            return None
        split = CreditSplitView.model_validate(row, from_attributes=True)
        # The split names these colleagues to its reader already: their names are no more.
        names = await staff_names(session, actor.tenant, [s.user_id for s in split.shares])
    for share in split.shares:
        share.name = names.get(share.user_id)
    return split


class CoSeller(BaseModel):
    user_id: str
    name: str | None = Field(
        description="The name colleagues know them by; none until identity has announced it"
    )
    team: str = Field(description="Their org node (team, or the dealer itself)")


async def co_sellers(
    sessions: Sessions, actor: Principal, opportunity_id: UUID, *, limit: int, offset: int
) -> list[CoSeller] | None:
    """Whom the opportunity's credit may be shared with: the active consultants of its dealer
    (those who work opportunities), by name; None if the actor may not see the opportunity."""
    async with sessions() as session:
        dealer = (
            await session.execute(
                select(opportunities.c.owner_org).where(
                    opportunities.c.id == opportunity_id, visible_opportunities(actor)
                )
            )
        ).scalar_one_or_none()
        if dealer is None:
            return None
        sellers = sorted(n for n, r in ROLES.items() if "opportunity.work" in r.functions)
        rows = await session.execute(
            select(staff.c.user_id, staff.c.display_name, staff.c.org_node, staff.c.roles)
            .join(
                org_directory,
                and_(
                    org_directory.c.tenant == staff.c.tenant,
                    org_directory.c.id == staff.c.org_node,
                ),
            )
            .where(
                staff.c.tenant == actor.tenant,
                staff.c.active,
                org_directory.c.dealer_id == dealer,
                staff.c.roles.op("&&")(array(sellers)),
            )
            .order_by(staff.c.display_name, staff.c.user_id)
            .limit(limit)
            .offset(offset)
        )
        return [CoSeller(user_id=r.user_id, name=r.display_name, team=r.org_node) for r in rows]
