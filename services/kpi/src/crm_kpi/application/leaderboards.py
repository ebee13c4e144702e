"""Leaderboards: computed from deal facts (won minus cancelled in the month), kept in Redis,
rebuilt from PostgreSQL when Redis lost them, refreshed by the worker as deals arrive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from redis.asyncio import Redis
from sqlalchemy import and_, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.auth.principal import DataScope
from crm_common.db.tables import org_directory
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_common.policy.directory import dealer_of
from crm_common.settings import Settings
from crm_kpi.adapters import leaderboards as boards
from crm_kpi.adapters.tables import deal_facts
from crm_kpi.domain.leaderboards import (
    ALL_DEALERS,
    Metric,
    Ranked,
    board_key,
    month_of,
    ranking,
    watermark_key,
)

COMMIT_LAG = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Board:
    month: str
    metric: Metric
    dealer_id: str
    entries: list[Ranked]
    teams: dict[str, str]


async def board_scores(
    session: AsyncSession, tenant: str, month: str, metric: Metric, dealer_id: str
) -> tuple[dict[str, Decimal], dict[str, str]]:
    """Per consultant of ``dealer_id`` (or per dealer for ``*``): won in the month minus the
    won figures of orders cancelled in the month (the clawback lands when it happens)."""
    first, last = month_of(month)
    won = deal_facts.alias("won")
    cancelled = deal_facts.alias("cancelled")
    member = won.c.dealer_id if dealer_id == ALL_DEALERS else won.c.consultant
    team = literal("") if dealer_id == ALL_DEALERS else won.c.team
    value = won.c[metric.value]
    scope = [won.c.tenant == tenant]
    if dealer_id != ALL_DEALERS:
        scope.append(won.c.dealer_id == dealer_id)
    sold = select(member.label("member"), team.label("team"), value.label("value")).where(
        *scope, won.c.outcome == "won", won.c.day.between(first, last)
    )
    undone = (
        select(member.label("member"), team.label("team"), (-value).label("value"))
        .select_from(
            cancelled.join(
                won, and_(won.c.order_id == cancelled.c.order_id, won.c.outcome == "won")
            )
        )
        .where(
            *scope,
            cancelled.c.outcome == "cancelled",
            cancelled.c.day.between(first, last),
        )
    )
    facts = union_all(sold, undone).subquery()
    rows = await session.execute(
        select(facts.c.member, func.max(facts.c.team), func.sum(facts.c.value))
        .where(facts.c.member.is_not(None))
        .group_by(facts.c.member)
    )
    scores: dict[str, Decimal] = {}
    teams: dict[str, str] = {}
    for name, team_of, total in rows:
        scores[name] = Decimal(total)
        if team_of:
            teams[name] = team_of
    return scores, teams


async def rebuild_board(
    redis: Redis,
    namespace: str,
    sessions: async_sessionmaker[AsyncSession],
    tenant: str,
    month: str,
    metric: Metric,
    dealer_id: str,
) -> tuple[dict[str, Decimal], dict[str, str]]:
    async with sessions() as session:
        scores, teams = await board_scores(session, tenant, month, metric, dealer_id)
    key = board_key(namespace, tenant, month, metric, dealer_id)
    await boards.replace_board(redis, key, scores, teams)
    return scores, teams


async def refresh_changed_boards(
    redis: Redis, namespace: str, sessions: async_sessionmaker[AsyncSession], now: datetime
) -> int:
    """Rebuilds the boards of every (tenant, dealer, month) with facts recorded since the last
    refresh; the first refresh (or one after Redis lost its watermark) rebuilds them all."""
    raw = await redis.get(watermark_key(namespace))
    since = None
    if raw:
        since = datetime.fromisoformat(raw.decode() if isinstance(raw, bytes) else raw)
    query = select(deal_facts.c.tenant, deal_facts.c.dealer_id, deal_facts.c.day).distinct()
    if since is not None:
        # A fact's transaction may have started before the last refresh and committed after.
        query = query.where(deal_facts.c.recorded_at >= since - COMMIT_LAG)
    async with sessions() as session:
        changed = {(t, d, f"{day:%Y-%m}") for t, d, day in await session.execute(query)}
    for tenant, dealer, month in changed:
        for metric in Metric:
            await rebuild_board(redis, namespace, sessions, tenant, month, metric, dealer)
    for tenant, month in {(t, m) for t, _, m in changed}:
        for metric in Metric:
            await rebuild_board(redis, namespace, sessions, tenant, month, metric, ALL_DEALERS)
    await redis.set(watermark_key(namespace), now.isoformat())
    return len(changed)


async def refresh_leaderboards(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> int:
    """The worker's job."""
    redis = Redis.from_url(settings.redis_url, socket_timeout=2.0)
    try:
        async with sessions() as session:
            now = (await session.execute(select(func.now()))).scalar_one()
        return await refresh_changed_boards(redis, settings.kafka_namespace, sessions, now)
    finally:
        await redis.aclose()


async def _visible_dealers(session: AsyncSession, principal: Principal) -> set[str]:
    rows = await session.execute(
        select(org_directory.c.id).where(
            org_directory.c.tenant == principal.tenant,
            org_directory.c.id == org_directory.c.dealer_id,
            visible_to(
                principal,
                DataType.KPI,
                tenant=org_directory.c.tenant,
                owner_org=org_directory.c.id,
                need=SharingLevel.AGGREGATE,
            ),
        )
    )
    return set(rows.scalars())


class BoardNotFound(LookupError):
    """No such board among those the caller may see (answered 404)."""


async def leaderboard(
    redis: Redis,
    namespace: str,
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    month: str,
    metric: Metric,
    dealer_id: str | None,
) -> Board:
    """The board of a dealer's consultants (``dealer_id``; a consultant: their own dealer, only
    their team and themselves) or of the dealers the caller may see (no ``dealer_id``)."""
    async with sessions() as session:
        own_dealer = await dealer_of(session, principal.tenant, principal.org_node)
        narrow = principal.data_scope in (DataScope.OWN, DataScope.TEAM)
        if dealer_id is None and not narrow:
            allowed = await _visible_dealers(session, principal)
        elif narrow:
            if dealer_id not in (None, own_dealer) or own_dealer is None:
                raise BoardNotFound("leaderboard not found")
            dealer_id = own_dealer
        elif dealer_id not in await _visible_dealers(session, principal):
            raise BoardNotFound("leaderboard not found")
    board_dealer = dealer_id or ALL_DEALERS
    key = board_key(namespace, principal.tenant, month, metric, board_dealer)
    found = await boards.read_board(redis, key)
    scores, teams = found or await rebuild_board(
        redis, namespace, sessions, principal.tenant, month, metric, board_dealer
    )
    if board_dealer == ALL_DEALERS:
        scores = {d: s for d, s in scores.items() if d in allowed}
    elif narrow:
        scores = {
            u: s
            for u, s in scores.items()
            if u == principal.user_id or teams.get(u) == principal.org_node
        }
    return Board(month, metric, board_dealer, ranking(scores), teams)
