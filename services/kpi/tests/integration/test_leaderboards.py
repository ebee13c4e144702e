"""Leaderboards and the sales meeting figures on real PostgreSQL and Redis: figures net of
cancellations, each caller's view, and a board Redis lost is rebuilt from the facts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope, Principal
from crm_common.db import create_engine, create_session_factory
from crm_common.db.tables import org_directory, sharing_levels, staff
from crm_common.errors import InvalidInput
from crm_common.policy.sharing import DataType, Direction, SharingLevel
from crm_common.runtime.paging import WholeReport
from crm_common.settings import Settings
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.plugin import Databases
from crm_common.testing.processes import free_port, run_command
from crm_kpi.adapters.tables import deal_facts, lead_activity_facts
from crm_kpi.application import leaderboards as boards_application
from crm_kpi.application.leaderboards import (
    BoardNotFound,
    leaderboard,
    refresh_changed_boards,
)
from crm_kpi.application.reports import (
    ReportNotFound,
    generate_due_reports,
    report_file,
    reports_for,
)
from crm_kpi.domain.leaderboards import Metric, board_key
from crm_kpi.domain.reports import ConsultantFigures, ReportKind
from crm_kpi.views.figures import figures_visible_to, sales_meeting_figures

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
MONTH = "2026-11"
NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
NS = f"t{uuid4().hex[:8]}."


@pytest.fixture
async def board_world(
    infrastructure: Infrastructure, databases: Databases, tmp_path: Path
) -> AsyncIterator[tuple[Sessions, Redis, str]]:
    name = f"kpi_boards_{tmp_path.name[-8:]}"
    await databases.create(name)
    url = databases.url(name)
    run_command(
        "kpi",
        "migrate",
        {"CRM_ENV": "test", "CRM_SERVICE_NAME": "kpi", "CRM_DATABASE_URL": url},
        tmp_path,
    )
    tenant = f"oem-{uuid4().hex[:8]}"  # Redis is shared: a tenant of its own
    engine = create_engine(Settings(env="test", database_url=url))
    sessions = create_session_factory(engine)
    async with sessions() as session, session.begin():
        await session.execute(
            insert(org_directory),
            [
                {
                    "id": node,
                    "tenant": tenant,
                    "parent_id": None,
                    "kind": "node",
                    "path": path,
                    "dealer_id": dealer,
                    "active": True,
                }
                for node, path, dealer in [
                    ("hq", "/hq/", None),
                    ("dealer-a", "/hq/dealer-a/", "dealer-a"),
                    ("team-a1", "/hq/dealer-a/team-a1/", "dealer-a"),
                    ("dealer-b", "/hq/dealer-b/", "dealer-b"),
                ]
            ],
        )
    redis = Redis.from_url(infrastructure.redis_url)
    yield sessions, redis, tenant
    await redis.aclose()
    await engine.dispose()


def who(tenant: str, user: str, org: str, role: str, scope: DataScope) -> Principal:
    return Principal(
        user_id=user, tenant=tenant, org_node=org, roles=frozenset({role}), data_scope=scope
    )


async def record(
    sessions: Sessions,
    tenant: str,
    outcome: str,
    dealer: str,
    consultant: str,
    team: str,
    order_id: UUID,
    day: date,
    units: int = 1,
    revenue: str = "200000",
) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            insert(deal_facts).values(
                event_id=uuid4(),
                outcome=outcome,
                opportunity_id=uuid4(),
                order_id=order_id,
                tenant=tenant,
                owner_org=dealer,
                dealer_id=dealer,
                consultant=consultant,
                team=team,
                units=units if outcome == "won" else 0,
                revenue=Decimal(revenue) if outcome == "won" else 0,
                gross_margin=Decimal("10000") if outcome == "won" else 0,
                msrp=Decimal("210000"),
                finance_attached=False,
                insurance_attached=False,
                day=day,
                occurred_at=NOW,
            )
        )


async def test_boards_rank_net_sales_per_caller_and_survive_redis_losing_them(
    board_world: tuple[Sessions, Redis, str],
) -> None:
    sessions, redis, tenant = board_world
    nov = date(2026, 11, 5)
    for consultant, team in [("c1", "team-a1"), ("c1", "team-a1"), ("c2", "dealer-a")]:
        await record(sessions, tenant, "won", "dealer-a", consultant, team, uuid4(), nov)
    cancelled_order = uuid4()
    await record(
        sessions, tenant, "won", "dealer-a", "c3", "team-a1", cancelled_order, date(2026, 10, 30)
    )
    await record(sessions, tenant, "cancelled", "dealer-a", "c3", "team-a1", cancelled_order, nov)
    await record(sessions, tenant, "won", "dealer-a", "c3", "team-a1", uuid4(), nov)
    await record(sessions, tenant, "won", "dealer-b", "b1", "dealer-b", uuid4(), nov, units=5)
    async with sessions() as session, session.begin():
        # c2's name never arrived (an identity.UserChanged of version 1 names nobody).
        await session.execute(
            insert(staff),
            [
                {
                    "user_id": user,
                    "tenant": tenant,
                    "org_node": node,
                    "roles": ["sales_consultant"],
                    "active": True,
                    "display_name": name,
                }
                for user, node, name in (
                    ("c1", "team-a1", "顾问甲"),
                    ("c2", "dealer-a", None),
                    ("c3", "team-a1", "顾问丙"),
                    ("b1", "dealer-b", "乙店顾问"),
                )
            ],
        )

    manager = who(tenant, "m1", "dealer-a", "sales_manager", DataScope.DEALER)
    board = await leaderboard(
        redis, NS, sessions, manager, month=MONTH, metric=Metric.UNITS, dealer_id="dealer-a"
    )
    assert [(e.rank, e.member, e.score) for e in board.entries] == [
        (1, "c1", 2),
        (2, "c2", 1),
        (3, "c3", 0),
    ], "c3's October deal cancelled in November counts against November"
    assert board.names == {"c1": "顾问甲", "c3": "顾问丙"}, "only the board's, only named ones"
    assert not board.truncated
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(boards_application, "MOST_ENTRIES", 2)
        cut = await leaderboard(
            redis, NS, sessions, manager, month=MONTH, metric=Metric.UNITS, dealer_id="dealer-a"
        )
    assert ([e.member for e in cut.entries], cut.truncated) == (["c1", "c2"], True)

    consultant = who(tenant, "c1", "team-a1", "sales_consultant", DataScope.OWN)
    mine = await leaderboard(
        redis, NS, sessions, consultant, month=MONTH, metric=Metric.UNITS, dealer_id=None
    )
    assert [e.member for e in mine.entries] == ["c1", "c3"], "their own team and themselves"
    assert mine.names == {"c1": "顾问甲", "c3": "顾问丙"}, "a colleague by name, no user.read"
    with pytest.raises(BoardNotFound):
        await leaderboard(
            redis, NS, sessions, consultant, month=MONTH, metric=Metric.UNITS, dealer_id="dealer-b"
        )
    other = who(tenant, "bm", "dealer-b", "sales_manager", DataScope.DEALER)
    with pytest.raises(BoardNotFound):
        await leaderboard(
            redis, NS, sessions, other, month=MONTH, metric=Metric.UNITS, dealer_id="dealer-a"
        )

    analyst = who(tenant, "h2", "hq", "hq_analyst", DataScope.TENANT)
    dealers = await leaderboard(
        redis, NS, sessions, analyst, month=MONTH, metric=Metric.UNITS, dealer_id=None
    )
    assert [(e.member, e.score) for e in dealers.entries] == [("dealer-b", 5), ("dealer-a", 3)]
    assert dealers.names == {}, "dealers are named by their org, no consultant's name"
    async with sessions() as session, session.begin():
        await session.execute(
            insert(sharing_levels).values(
                tenant=tenant,
                data_type=DataType.KPI.value,
                direction=Direction.DEALER_TO_OEM.value,
                dealer_id="dealer-b",
                partner_id="*",
                level=SharingLevel.NONE.value,
            )
        )
    hidden = await leaderboard(
        redis, NS, sessions, analyst, month=MONTH, metric=Metric.UNITS, dealer_id=None
    )
    assert [e.member for e in hidden.entries] == ["dealer-a"], "dealer-b shares nothing"

    await redis.delete(board_key(NS, tenant, MONTH, Metric.REVENUE, "dealer-a"))
    rebuilt = await leaderboard(
        redis, NS, sessions, manager, month=MONTH, metric=Metric.REVENUE, dealer_id="dealer-a"
    )
    assert [(e.member, e.score) for e in rebuilt.entries] == [
        ("c1", Decimal("400000.00")),
        ("c2", Decimal("200000.00")),
        ("c3", Decimal("0.00")),
    ]

    await record(sessions, tenant, "won", "dealer-a", "c2", "dealer-a", uuid4(), nov)
    await record(sessions, tenant, "won", "dealer-a", "c2", "dealer-a", uuid4(), nov)
    assert await refresh_changed_boards(redis, NS, sessions, NOW) >= 1
    board = await leaderboard(
        redis, NS, sessions, manager, month=MONTH, metric=Metric.UNITS, dealer_id="dealer-a"
    )
    assert [(e.rank, e.member) for e in board.entries][:2] == [(1, "c2"), (2, "c1")]


async def own_redis(port: int, folder: Path) -> asyncio.subprocess.Process:
    """A Redis server of this test alone (the shared one is never stopped), answering."""
    server = await asyncio.create_subprocess_exec(
        *("redis-server", "--port", str(port), "--save", "", "--dir", str(folder)),
        stdout=asyncio.subprocess.DEVNULL,
    )
    client = Redis(port=port)
    try:
        for _ in range(600):
            try:
                await client.ping()
                return server
            except RedisConnectionError:
                await asyncio.sleep(0.05)
    finally:
        await client.aclose()
    server.kill()
    raise RuntimeError("redis-server did not start")


async def test_with_redis_stopped_boards_are_ranked_from_postgresql(
    board_world: tuple[Sessions, Redis, str], tmp_path: Path
) -> None:
    sessions, _, tenant = board_world
    nov = date(2026, 11, 6)
    await record(sessions, tenant, "won", "dealer-a", "c1", "team-a1", uuid4(), nov, units=2)
    await record(sessions, tenant, "won", "dealer-a", "c2", "dealer-a", uuid4(), nov, revenue="3e5")
    manager = who(tenant, "m1", "dealer-a", "sales_manager", DataScope.DEALER)
    port = free_port()
    server = await own_redis(port, tmp_path)
    redis = Redis(port=port, socket_timeout=1.0)
    try:

        async def board(metric: Metric) -> list[tuple[int, str, Decimal]]:
            found = await leaderboard(
                redis, NS, sessions, manager, month=MONTH, metric=metric, dealer_id="dealer-a"
            )
            return [(e.rank, e.member, e.score) for e in found.entries]

        with_redis = await board(Metric.UNITS)
        server.terminate()
        await server.wait()

        assert await board(Metric.UNITS) == with_redis == [(1, "c1", 2), (2, "c2", 1)]
        assert await board(Metric.REVENUE) == [
            (1, "c2", Decimal("300000")),
            (2, "c1", Decimal("200000")),
        ], "a board Redis never had"
    finally:
        await redis.aclose()
        if server.returncode is None:
            server.kill()
            await server.wait()


async def test_the_sales_meeting_counts_each_consultant_s_day_for_the_right_people(
    board_world: tuple[Sessions, Redis, str],
) -> None:
    sessions, _, tenant = board_world
    day = date(2026, 11, 20)
    activities = [
        ("c1", "followed_up", "visit"),
        ("c1", "followed_up", "call"),
        ("c1", "followed_up", "call"),
        ("c1", "graded", "intent"),
        ("c1", "upgraded", "ready_to_buy"),
        ("c1", "converted", None),
        ("c2", "claimed", None),
        ("c2", "graded", "potential"),
    ]
    async with sessions() as session, session.begin():
        await session.execute(
            insert(lead_activity_facts),
            [
                {
                    "event_id": uuid4(),
                    "lead_id": uuid4(),
                    "tenant": tenant,
                    "owner_org": "dealer-a",
                    "dealer_id": "dealer-a",
                    "consultant": consultant,
                    "activity": activity,
                    "detail": detail,
                    "day": day,
                    "occurred_at": NOW,
                }
                for consultant, activity, detail in activities
            ],
        )
    await record(sessions, tenant, "won", "dealer-a", "c1", "team-a1", uuid4(), day)
    async with sessions() as session, session.begin():
        await session.execute(
            insert(staff),
            [
                {"user_id": user, "tenant": tenant, "org_node": node, "roles": [], "active": True}
                for user, node in (("c1", "team-a1"), ("c2", "dealer-a"))
            ],
        )

    async def meeting(principal: Principal) -> list[ConsultantFigures]:
        return await sales_meeting_figures(
            sessions, figures_visible_to(principal), date_from=day, date_to=day, dealer_id=None
        )

    manager = who(tenant, "m1", "dealer-a", "sales_manager", DataScope.DEALER)
    c1, c2 = await meeting(manager)
    assert (c1.receptions, c1.callbacks, c1.upgraded, c1.converted, c1.won_units) == (1, 2, 1, 1, 1)
    assert c1.graded == {"intent": 1, "ready_to_buy": 1}
    assert c1.conversion_rate() == round(1 / 3, 4)
    assert (c2.claimed, c2.graded) == (1, {"potential": 1})
    assert (c1.team, c2.team) == ("team-a1", None), "c2 works at the dealer, in no team"
    consultant = who(tenant, "c2", "dealer-a", "sales_consultant", DataScope.OWN)
    assert [f.consultant for f in await meeting(consultant)] == ["c2"]
    other = who(tenant, "bm", "dealer-b", "sales_manager", DataScope.DEALER)
    assert await meeting(other) == []
    # HQ's meeting counts its consultants first: past the answer's lines it is refused before
    # any line is computed, naming how to ask for fewer.
    scope = figures_visible_to(manager)

    def at_most(most: int) -> WholeReport:
        return WholeReport(most=most, narrow_by="dealer_id", how="ask per dealer")

    whole = await sales_meeting_figures(
        sessions, scope, date_from=day, date_to=day, dealer_id=None, report=at_most(2)
    )
    assert [f.consultant for f in whole] == ["c1", "c2"]
    with pytest.raises(InvalidInput, match="more rows than the 1 one answer carries"):
        await sales_meeting_figures(
            sessions, scope, date_from=day, date_to=day, dealer_id=None, report=at_most(1)
        )


async def test_reports_are_generated_once_per_ended_period_and_read_by_the_right_people(
    board_world: tuple[Sessions, Redis, str],
) -> None:
    sessions, _, tenant = board_world
    await record(sessions, tenant, "won", "dealer-a", "c1", "team-a1", uuid4(), date(2026, 11, 22))
    wednesday = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
    generated = await generate_due_reports(sessions, wednesday, "Asia/Shanghai")
    assert generated == 6, "2 dealers, 3 kinds"
    assert await generate_due_reports(sessions, wednesday, "Asia/Shanghai") == 0, "once"

    manager = who(tenant, "m1", "dealer-a", "sales_manager", DataScope.DEALER)
    mine = await reports_for(sessions, manager, ReportKind.WEEKLY, limit=10, offset=0)
    assert [(r.dealer_id, r.period_start, r.lines) for r in mine] == [
        ("dealer-a", date(2026, 11, 16), 1)
    ]
    name, content = await report_file(sessions, manager, mine[0].id, xlsx=False)
    assert name == "sales-meeting-dealer-a-weekly-2026-11-16.csv"
    assert content.decode().splitlines()[1].startswith("dealer-a,c1,")
    other = who(tenant, "bm", "dealer-b", "sales_manager", DataScope.DEALER)
    with pytest.raises(ReportNotFound):
        await report_file(sessions, other, mine[0].id, xlsx=True)
