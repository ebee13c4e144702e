"""Leaderboards: computed from deal facts (won minus cancelled in the month), kept in Redis,
rebuilt from PostgreSQL when Redis lost them, refreshed by the worker as deals arrive. With
Redis down they are ranked from PostgreSQL on every read: slower, never an error."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.auth.principal import DataScope
from crm_common.policy.directory import dealer_of
from crm_common.policy.staff import staff_names
from crm_common.runtime.paging import capped
from crm_common.settings import Settings
from crm_kpi.adapters import board_facts as facts
from crm_kpi.adapters import leaderboards as boards
from crm_kpi.domain.leaderboards import (
    ALL_DEALERS,
    Metric,
    Ranked,
    board_key,
    ranking,
    watermark_key,
)

log = logging.getLogger(__name__)

COMMIT_LAG = timedelta(minutes=1)
MOST_ENTRIES = 1_000
"""Entries a board shows, the best first: the dealers' board of a 500-dealer OEM whole, a
dealer's consultants many times over. Ranks are taken among everyone on the board."""


@dataclass(frozen=True, slots=True)
class Board:
    month: str
    metric: Metric
    dealer_id: str
    entries: list[Ranked]
    truncated: bool
    """More ranked than ``entries`` shows (MOST_ENTRIES)."""
    teams: dict[str, str]
    names: dict[str, str]
    """The consultants' display names from kpi's staff copy (a dealer's board names none)."""


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
        scores, teams = await facts.board_scores(session, tenant, month, metric, dealer_id)
    key = board_key(namespace, tenant, month, metric, dealer_id)
    await boards.replace_board(redis, key, scores, teams)
    return scores, teams


async def _board(
    redis: Redis,
    namespace: str,
    sessions: async_sessionmaker[AsyncSession],
    tenant: str,
    month: str,
    metric: Metric,
    dealer_id: str,
) -> tuple[dict[str, Decimal], dict[str, str]]:
    """The board from Redis; rebuilt there when Redis lost it; from PostgreSQL alone when Redis
    cannot be reached (Redis only ever holds a copy of the facts)."""
    key = board_key(namespace, tenant, month, metric, dealer_id)
    try:
        found = await boards.read_board(redis, key)
        if found is not None:
            return found
        return await rebuild_board(redis, namespace, sessions, tenant, month, metric, dealer_id)
    except RedisError:
        log.warning("leaderboards: redis unreachable, ranking from PostgreSQL", exc_info=True)
    async with sessions() as session:
        return await facts.board_scores(session, tenant, month, metric, dealer_id)


async def refresh_changed_boards(
    redis: Redis, namespace: str, sessions: async_sessionmaker[AsyncSession], now: datetime
) -> int:
    """Rebuilds the boards of every (tenant, dealer, month) with facts recorded since the last
    refresh; the first refresh (or one after Redis lost its watermark) rebuilds them all."""
    raw = await redis.get(watermark_key(namespace))
    since = None
    if raw:
        since = datetime.fromisoformat(raw.decode() if isinstance(raw, bytes) else raw)
    # A fact's transaction may have started before the last refresh and committed after.
    recorded_since = None if since is None else since - COMMIT_LAG
    async with sessions() as session:
        changed = await facts.dealer_months_recorded(session, recorded_since)
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
            now = await facts.database_now(session)
        return await refresh_changed_boards(redis, settings.kafka_namespace, sessions, now)
    finally:
        await redis.aclose()


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
            allowed = await facts.visible_dealers(session, principal)
        elif narrow:
            if dealer_id not in (None, own_dealer) or own_dealer is None:
                raise BoardNotFound("leaderboard not found")
            dealer_id = own_dealer
        elif dealer_id not in await facts.visible_dealers(session, principal):
            raise BoardNotFound("leaderboard not found")
    board_dealer = dealer_id or ALL_DEALERS
    scores, teams = await _board(
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
    # The board is ranked whole (a rank counts everyone above) and then cut: it lives in
    # Redis as one sorted set, filtered by what the caller may see after it is read.
    entries, truncated = capped(ranking(scores), MOST_ENTRIES)
    names: dict[str, str] = {}
    if board_dealer != ALL_DEALERS:
        # Colleagues on a board the reader may see, by the name they work under: staff of the
        # reader's own book (or one they may read), no customer's personal data.
        async with sessions() as session:
            names = await staff_names(session, principal.tenant, [e.member for e in entries])
    return Board(month, metric, board_dealer, entries, truncated, teams, names)
