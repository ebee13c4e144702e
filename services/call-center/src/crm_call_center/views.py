"""Read side of the call center: scoped by the shared policy, never by hand."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    DateTime,
    RowMapping,
    and_,
    cast,
    exists,
    extract,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters.access import (
    call_level,
    counted_calls,
    handed_level,
    visible_calls,
)
from crm_call_center.adapters.tables import (
    agent_states,
    agents,
    call_comments,
    call_reviews,
    call_tasks,
    calls,
    queues,
    waiting_call_tasks,
)
from crm_call_center.adapters.task_store import task_of, visible_tasks
from crm_call_center.domain.presence import STAFFED_STATES
from crm_call_center.domain.quality import QA_FORM, QaItem
from crm_call_center.domain.statistics import (
    CallStats,
    CallTotals,
    StaffedSpan,
    call_stats,
    occupancy,
    staffed_by_hour,
)
from crm_call_center.domain.tasks import SCRIPTS, TaskKind, TaskStatus
from crm_common.auth import Principal
from crm_common.policy import (
    DataType,
    SharingLevel,
    level_shared_with,
    name_seen_at,
    personal_data_level,
    phone_seen_at,
    visible_to,
)
from crm_common.runtime.paging import capped

Sessions = async_sessionmaker[AsyncSession]
_UUIDS = postgresql.ARRAY(postgresql.UUID(as_uuid=True))


@dataclass(frozen=True)
class CallView:
    """A call record as one reader may see it: the customer's number masked unless they may
    see it in full (the agent who had the call, the managers of the owning org)."""

    id: UUID
    owner_org: str
    direction: str
    customer_phone: str
    queue_id: UUID | None
    agent_user: str | None
    agent_extension: str | None
    extensions: list[str]
    handed_to: str | None
    handed_to_org: str | None
    part_of: UUID | None
    started_at: datetime
    ring_at: datetime | None
    answered_at: datetime | None
    ended_at: datetime | None
    wait_seconds: int
    talk_seconds: int
    hold_seconds: int
    wrap_seconds: int | None
    connected: bool
    abandoned: bool
    callback_requested: bool
    system_disposition: str | None
    disposition: str | None
    notes: str | None
    has_recording: bool
    transfers: list[dict[str, Any]]
    customer_id: UUID | None
    lead_id: UUID | None
    opportunity_id: UUID | None
    ticket_id: UUID | None
    task_id: UUID | None
    personal_data_level: SharingLevel
    parts: list[CallView] = field(default_factory=list)
    """The parts of this call handled in another book (a dealer's consultant after a
    hand-over) the reader may see as well: shown here, not again on their own."""


def _seen_by(principal: Principal, row: RowMapping) -> CallView:
    level = personal_data_level(
        principal,
        owner_user=row["agent_user"],
        owner_org=row["owner_org"],
        shared=SharingLevel(row["shared_level"]),
    )
    if row["handed_to_org"] is not None:
        # In the book of the dealer it was handed to as well: its consultant and managers.
        level = max(
            level,
            personal_data_level(
                principal,
                owner_user=row["handed_to"],
                owner_org=row["handed_to_org"],
                shared=SharingLevel(row["handed_level"]),
            ),
        )
    fields = {name: row[name] for name in CallView.__dataclass_fields__ if name in row}
    return CallView(
        **{
            **fields,
            "customer_phone": phone_seen_at(level, row["customer_phone"]),
            "has_recording": row["recording_file"] is not None,
            "personal_data_level": level,
        }
    )


async def call_for(sessions: Sessions, principal: Principal, call_id: UUID) -> CallView | None:
    query = select(
        calls,
        call_level(principal).label("shared_level"),
        handed_level(principal).label("handed_level"),
    ).where(calls.c.id == call_id, visible_calls(principal))
    async with sessions() as session:
        row = (await session.execute(query)).mappings().first()
        if row is None:
            return None
        call = _seen_by(principal, row)
        return replace(
            call, parts=(await _parts_seen(session, principal, [call.id])).get(call.id, [])
        )


def _shown_on_its_own(principal: Principal) -> ColumnElement[bool]:
    """A handed part is listed on its own only to a reader who does not see its call (the
    dealer's consultant and managers see the hotline's call, handed to them, with the part
    in it: one call, not two)."""
    whole = calls.alias("whole")
    return or_(
        calls.c.part_of.is_(None),
        ~exists().where(whole.c.id == calls.c.part_of, visible_calls(principal, whole)),
    )


async def _parts_seen(
    session: AsyncSession, principal: Principal, call_ids: Sequence[UUID]
) -> dict[UUID, list[CallView]]:
    """The handed parts of these calls the reader may see, each as they may see it."""
    if not call_ids:
        return {}
    rows = await session.execute(
        select(
            calls,
            call_level(principal).label("shared_level"),
            handed_level(principal).label("handed_level"),
        )
        .where(calls.c.part_of.in_(call_ids), visible_calls(principal))
        .order_by(calls.c.started_at, calls.c.id)
    )
    parts: dict[UUID, list[CallView]] = defaultdict(list)
    for row in rows.mappings():
        parts[row["part_of"]].append(_seen_by(principal, row))
    return parts


async def calls_of(
    sessions: Sessions,
    principal: Principal,
    *,
    agent_user: str | None,
    queue_id: UUID | None,
    direction: str | None,
    connected: bool | None,
    started_from: datetime | None,
    started_before: datetime | None,
    limit: int,
    recorded: bool | None = None,
) -> list[CallView]:
    """The calls the caller may see, newest first (page with ``started_before``); ``recorded``:
    only those with (or without) a recording, e.g. to pick calls to spot-check."""
    query = select(
        calls,
        call_level(principal).label("shared_level"),
        handed_level(principal).label("handed_level"),
    ).where(visible_calls(principal), _shown_on_its_own(principal))
    if recorded is not None:
        query = query.where(
            calls.c.recording_file.is_not(None) if recorded else calls.c.recording_file.is_(None)
        )
    for column, value in (
        (calls.c.agent_user, agent_user),
        (calls.c.queue_id, queue_id),
        (calls.c.direction, direction),
        (calls.c.connected, connected),
    ):
        if value is not None:
            query = query.where(column == value)
    if started_from is not None:
        query = query.where(calls.c.started_at >= started_from)
    if started_before is not None:
        query = query.where(calls.c.started_at < started_before)
    query = query.order_by(calls.c.started_at.desc(), calls.c.id).limit(limit)
    async with sessions() as session:
        rows = (await session.execute(query)).mappings().all()
        listed = [_seen_by(principal, row) for row in rows]
        parts = await _parts_seen(session, principal, [c.id for c in listed])
    return [replace(c, parts=parts.get(c.id, [])) for c in listed]


@dataclass(frozen=True)
class ReviewView:
    id: UUID
    reviewer: str
    scores: dict[str, int]
    total: int
    comment: str
    created_at: datetime


@dataclass(frozen=True)
class CommentView:
    id: UUID
    author: str
    at_second: int | None
    text: str
    created_at: datetime


MOST_REVIEWS = 100
"""Reviews a call shows, the latest: one per reviewer; the average counts them all."""
MOST_COMMENTS = 500
"""Comments a call shows, the latest: reviewers comment moment by moment of the recording."""


@dataclass(frozen=True)
class ReviewsView:
    """A call's quality reviews and comments, with the form they were scored on."""

    call_id: UUID
    agent_user: str | None
    form: tuple[QaItem, ...]
    reviews: list[ReviewView]
    reviews_truncated: bool
    comments: list[CommentView]
    comments_truncated: bool
    average_total: float | None


async def reviews_of(sessions: Sessions, principal: Principal, call_id: UUID) -> ReviewsView | None:
    """What reviewers said of a call, for whoever may see the call (the agent: coaching)."""
    async with sessions() as session:
        call = (
            await session.execute(
                select(calls.c.id, calls.c.agent_user).where(
                    calls.c.id == call_id, visible_calls(principal)
                )
            )
        ).first()
        if call is None:
            return None
        # The latest of each, one more than shown: whether older ones were left out.
        reviews = (
            await session.execute(
                select(call_reviews)
                .where(call_reviews.c.call_id == call_id)
                .order_by(call_reviews.c.created_at.desc(), call_reviews.c.id.desc())
                .limit(MOST_REVIEWS + 1)
            )
        ).mappings()
        found, reviews_cut = capped(
            [ReviewView(**{n: r[n] for n in ReviewView.__dataclass_fields__}) for r in reviews],
            MOST_REVIEWS,
        )
        comments = (
            await session.execute(
                select(call_comments)
                .where(call_comments.c.call_id == call_id)
                .order_by(call_comments.c.created_at.desc(), call_comments.c.id.desc())
                .limit(MOST_COMMENTS + 1)
            )
        ).mappings()
        said, comments_cut = capped(
            [CommentView(**{n: c[n] for n in CommentView.__dataclass_fields__}) for c in comments],
            MOST_COMMENTS,
        )
        average = await session.scalar(
            select(func.round(func.avg(call_reviews.c.total), 1)).where(
                call_reviews.c.call_id == call_id
            )
        )
    return ReviewsView(
        call.id,
        call.agent_user,
        QA_FORM,
        found[::-1],
        reviews_cut,
        said[::-1],
        comments_cut,
        None if average is None else float(average),
    )


@dataclass(frozen=True)
class TaskView:
    """A call task as one reader sees it: the number masked unless they may see it in full
    (the assignee, the managers of the owning org)."""

    id: UUID
    owner_org: str
    kind: str
    assignee: str
    due_at: datetime
    customer_name: str
    phone: str | None
    lead_id: UUID | None
    customer_id: UUID | None
    rule: str | None
    reason: str | None
    queue_id: UUID | None
    status: str
    cleared_by_call: UUID | None
    cleared_at: datetime | None
    cancel_reason: str | None
    decided_by: str | None
    rejected: bool
    escalated_at: datetime | None
    script: str


def _task_seen_by(principal: Principal, row: RowMapping) -> TaskView:
    task = task_of(row)
    level = personal_data_level(
        principal,
        owner_user=task.assignee,
        owner_org=task.owner_org,
        shared=SharingLevel(row["shared_level"]),
    )
    return TaskView(
        id=task.id,
        owner_org=task.owner_org,
        kind=task.kind.value,
        assignee=task.assignee,
        due_at=task.due_at,
        customer_name=name_seen_at(level, task.customer_name),
        phone=phone_seen_at(level, task.phone),
        lead_id=task.lead_id,
        customer_id=task.customer_id,
        rule=task.rule,
        reason=task.reason,
        queue_id=task.queue_id,
        status=task.status.value,
        cleared_by_call=task.cleared_by_call,
        cleared_at=task.cleared_at,
        cancel_reason=task.cancel_reason,
        decided_by=task.decided_by,
        rejected=task.rejected,
        escalated_at=task.escalated_at,
        script=SCRIPTS[TaskKind(task.kind)],
    )


def _task_level(principal: Principal) -> Any:
    return level_shared_with(principal, DataType.CALL, owner_org=call_tasks.c.owner_org)


async def task_for(sessions: Sessions, principal: Principal, task_id: UUID) -> TaskView | None:
    query = select(call_tasks, _task_level(principal).label("shared_level")).where(
        call_tasks.c.id == task_id, visible_tasks(principal)
    )
    async with sessions() as session:
        row = (await session.execute(query)).mappings().first()
    return None if row is None else _task_seen_by(principal, row)


async def tasks_of(
    sessions: Sessions,
    principal: Principal,
    *,
    status: str | None,
    assignee: str | None,
    due_before: datetime | None,
    limit: int,
    offset: int,
) -> list[TaskView]:
    """The tasks the caller may see, soonest due first: an assignee's own, a manager's scope
    (every consultant's tasks and progress)."""
    query = select(call_tasks, _task_level(principal).label("shared_level")).where(
        visible_tasks(principal)
    )
    if status is not None:
        query = query.where(call_tasks.c.status == status)
    if assignee is not None:
        query = query.where(call_tasks.c.assignee == assignee)
    if due_before is not None:
        query = query.where(call_tasks.c.due_at < due_before)
    query = query.order_by(call_tasks.c.due_at, call_tasks.c.id).limit(limit).offset(offset)
    async with sessions() as session:
        rows = (await session.execute(query)).mappings().all()
    return [_task_seen_by(principal, row) for row in rows]


@dataclass(frozen=True)
class MemberView:
    user_id: str
    display_name: str
    state: str
    skills: list[str]
    open_tasks: int


@dataclass(frozen=True)
class QueueView:
    id: UUID
    owner_org: str
    name: str
    pbx_queue: str
    strategy: str
    task_kinds: list[str]
    skills: list[str]
    overflow_queue_id: UUID | None
    overflow_after_seconds: int | None
    callback_after_seconds: int | None
    service_level_seconds: int
    open_tasks: int
    members: list[MemberView]


@dataclass(frozen=True)
class WaitingView:
    owner_org: str
    kind: str
    count: int
    oldest_due_at: datetime


def _queue_scope(principal: Principal) -> Any:
    return visible_to(
        principal, DataType.CALL, tenant=queues.c.tenant, owner_org=queues.c.owner_org
    )


MOST_QUEUES_LISTED = 1_000
"""Queues the queue board lists (by org node and name): the OEM hotline's and a couple for
each of 500 dealers."""
MOST_WAITING_LISTED = 3_000
"""Kinds of waiting task the queue board lists (by org node): six kinds for 500 dealers."""


@dataclass(frozen=True)
class QueueBoardView:
    queues: list[QueueView]
    queues_truncated: bool
    waiting: list[WaitingView]
    waiting_truncated: bool


async def queues_of(
    sessions: Sessions, principal: Principal, queue_id: UUID | None = None
) -> QueueBoardView:
    """The queues of the org nodes the caller may see, each with its members (their state as
    PostgreSQL keeps it, all their open tasks) and the open tasks it dealt out; and the
    rule-pushed tasks of those nodes that no queue takes yet. An org node has a handful of
    queues; the first MOST_QUEUES_LISTED (read with one more: whether any was left out)."""
    query = (
        select(queues)
        .where(_queue_scope(principal))
        .order_by(queues.c.owner_org, queues.c.name, queues.c.id)
        .limit(MOST_QUEUES_LISTED + 1)
    )
    if queue_id is not None:
        query = query.where(queues.c.id == queue_id)
    open_statuses = [TaskStatus.OPEN.value, TaskStatus.CANCEL_REQUESTED.value]
    async with sessions() as session:
        found, queues_cut = capped(
            (await session.execute(query)).mappings().all(), MOST_QUEUES_LISTED
        )
        ids = [q["id"] for q in found]
        member_rows = (
            (
                await session.execute(
                    select(
                        agents.c.user_id,
                        agents.c.display_name,
                        agents.c.state,
                        agents.c.skills,
                        agents.c.queue_ids,
                    ).where(
                        agents.c.tenant == principal.tenant,
                        agents.c.active,
                        agents.c.queue_ids.op("&&")(literal(ids, type_=_UUIDS)),
                    )
                )
            ).all()
            if ids
            else []
        )
        open_rows = (
            (
                await session.execute(
                    select(call_tasks.c.queue_id, call_tasks.c.assignee, func.count().label("n"))
                    .where(
                        call_tasks.c.tenant == principal.tenant,
                        or_(
                            call_tasks.c.queue_id.in_(ids),
                            call_tasks.c.assignee.in_([m.user_id for m in member_rows]),
                        ),
                        call_tasks.c.status.in_(open_statuses),
                    )
                    .group_by(call_tasks.c.queue_id, call_tasks.c.assignee)
                )
            ).all()
            if ids
            else []
        )
        w = waiting_call_tasks
        waiting_rows = (
            (
                await session.execute(
                    select(
                        w.c.owner_org,
                        w.c.kind,
                        func.count().label("tasks"),
                        func.min(w.c.due_at).label("oldest_due_at"),
                    )
                    .where(
                        visible_to(
                            principal, DataType.CALL, tenant=w.c.tenant, owner_org=w.c.owner_org
                        )
                    )
                    .group_by(w.c.owner_org, w.c.kind)
                    .order_by(w.c.owner_org, w.c.kind)
                    .limit(MOST_WAITING_LISTED + 1)
                )
            ).all()
            if queue_id is None
            else []
        )
    open_by = {(r.queue_id, r.assignee): r.n for r in open_rows}
    boards = []
    for q in found:
        members = [
            MemberView(
                user_id=m.user_id,
                display_name=m.display_name,
                state=m.state,
                skills=sorted(m.skills),
                open_tasks=sum(n for (_, who), n in open_by.items() if who == m.user_id),
            )
            for m in sorted(member_rows, key=lambda m: m.user_id)
            if q["id"] in m.queue_ids
        ]
        boards.append(
            QueueView(
                **{name: q[name] for name in _QUEUE_FIELDS},
                task_kinds=sorted(q["task_kinds"]),
                skills=sorted(q["skills"]),
                open_tasks=sum(n for (qid, _), n in open_by.items() if qid == q["id"]),
                members=members,
            )
        )
    waiting, waiting_cut = capped(
        [WaitingView(r.owner_org, r.kind, r.tasks, r.oldest_due_at) for r in waiting_rows],
        MOST_WAITING_LISTED,
    )
    return QueueBoardView(boards, queues_cut, waiting, waiting_cut)


_QUEUE_FIELDS = (
    "id",
    "owner_org",
    "name",
    "pbx_queue",
    "strategy",
    "overflow_queue_id",
    "overflow_after_seconds",
    "callback_after_seconds",
    "service_level_seconds",
)


@dataclass(frozen=True)
class QueueStatsView:
    queue_id: UUID | None
    queue_name: str | None
    service_level_seconds: int
    stats: CallStats
    staffed_seconds: int = 0
    """Time its members were staffed in the period."""
    occupancy: float | None = None


@dataclass(frozen=True)
class AgentStatsView:
    agent_user: str
    stats: CallStats
    qa_reviews: int = 0
    """Quality reviews of the agent's calls of the period."""
    qa_average: float | None = None
    """Their average score (0-100); None: none reviewed."""
    staffed_seconds: int = 0
    """Time they were ready or wrapping up in the period (by the states they declared)."""
    occupancy: float | None = None


@dataclass(frozen=True)
class DealerStatsView:
    dealer_id: str
    """The org node whose calls they are: the queue's, else the agent's (the brand hotline: HQ)."""
    stats: CallStats
    staffed_seconds: int = 0
    """Time its agents were staffed in the period."""
    occupancy: float | None = None


@dataclass(frozen=True)
class HourStatsView:
    hour: int
    """The hour the calls started in, 0-23 in the business's time zone."""
    stats: CallStats
    staffed_seconds: int = 0
    """Time the agents were staffed within the hour."""
    occupancy: float | None = None


MOST_STATISTICS_QUEUES = 1_000
"""Queues a day's statistics list (by name): an OEM's hotline and its dealers' queues."""
MOST_STATISTICS_AGENTS = 2_000
"""Agents a day's statistics list (by user id): HQ's scope has consultants calling too."""
MOST_STATISTICS_DEALERS = 1_000
"""Org nodes a day's statistics list (by id): an OEM's 500 dealers whole."""


@dataclass(frozen=True)
class CallStatisticsView:
    queues: list[QueueStatsView]
    agents: list[AgentStatsView]
    dealers: list[DealerStatsView]
    hours: list[HourStatsView]
    queues_truncated: bool
    agents_truncated: bool
    dealers_truncated: bool


def _totals(row: Any) -> CallTotals:
    return CallTotals(**{name: int(row[name] or 0) for name in CallTotals.__dataclass_fields__})


async def call_statistics(
    sessions: Sessions,
    principal: Principal,
    *,
    start: datetime,
    end: datetime,
    now: datetime,
    business_tz: str,
    default_service_level_seconds: int,
) -> CallStatisticsView:
    """Per queue, agent, dealer and hour, the calls that ended and started in [start, end) that
    the caller may see (an agent: their own). A call no queue took counts under no queue with
    the default service-level threshold. Occupancy: the handle time of the calls over the time
    the agents were staffed (ready, on a call or wrapping up) in the period, until ``now`` — an
    agent's own, a queue's members', a dealer's agents' (the agents the caller may see, and
    those of the calls counted), within each hour for the hours."""
    c = calls
    threshold = func.coalesce(queues.c.service_level_seconds, default_service_level_seconds)
    inbound, outbound = c.c.direction == "inbound", c.c.direction == "outbound"
    answered = and_(inbound, c.c.connected)
    handled = c.c.connected
    measures = [
        func.count().filter(inbound).label("offered"),
        func.count().filter(answered).label("answered"),
        func.count().filter(and_(inbound, c.c.abandoned)).label("abandoned"),
        func.count()
        .filter(and_(answered, c.c.wait_seconds <= threshold))
        .label("answered_in_time"),
        func.sum(c.c.wait_seconds).filter(answered).label("answered_wait_seconds"),
        func.count().filter(handled).label("handled"),
        func.sum(c.c.talk_seconds + c.c.hold_seconds + func.coalesce(c.c.wrap_seconds, 0))
        .filter(handled)
        .label("handle_seconds"),
        func.count().filter(outbound).label("outbound"),
        func.count().filter(and_(outbound, c.c.connected)).label("outbound_connected"),
    ]
    scope = and_(
        counted_calls(principal),
        c.c.started_at >= start,
        c.c.started_at < end,
        c.c.ended_at.is_not(None),
    )
    joined = c.outerjoin(queues, queues.c.id == c.c.queue_id)
    by_queue = (
        select(
            c.c.queue_id,
            queues.c.name,
            func.max(threshold).label("threshold"),
            *measures,
        )
        .select_from(joined)
        .where(scope)
        .group_by(c.c.queue_id, queues.c.name)
        .order_by(queues.c.name.nulls_last(), c.c.queue_id)
        .limit(MOST_STATISTICS_QUEUES + 1)
    )
    by_agent = (
        select(c.c.agent_user, *measures)
        .select_from(joined)
        .where(scope, c.c.agent_user.is_not(None))
        .group_by(c.c.agent_user)
        .order_by(c.c.agent_user)
        .limit(MOST_STATISTICS_AGENTS + 1)
    )
    by_dealer = (
        select(c.c.owner_org, *measures)
        .select_from(joined)
        .where(scope)
        .group_by(c.c.owner_org)
        .order_by(c.c.owner_org)
        .limit(MOST_STATISTICS_DEALERS + 1)
    )
    hour = extract("hour", func.timezone(business_tz, c.c.started_at)).label("hour")
    by_hour = select(hour, *measures).select_from(joined).where(scope).group_by(hour).order_by(hour)
    reviewed = (
        select(
            c.c.agent_user,
            func.count().label("reviews"),
            func.round(func.avg(call_reviews.c.total), 1).label("average"),
        )
        .select_from(c.join(call_reviews, call_reviews.c.call_id == c.c.id))
        .where(scope, c.c.agent_user.is_not(None))
        .group_by(c.c.agent_user)
    )
    async with sessions() as session:
        # One more of each than listed: whether any was left out.
        queue_rows, queues_cut = capped(
            (await session.execute(by_queue)).mappings().all(), MOST_STATISTICS_QUEUES
        )
        agent_rows, agents_cut = capped(
            (await session.execute(by_agent)).mappings().all(), MOST_STATISTICS_AGENTS
        )
        dealer_rows, dealers_cut = capped(
            (await session.execute(by_dealer)).mappings().all(), MOST_STATISTICS_DEALERS
        )
        hour_rows = (await session.execute(by_hour)).mappings().all()
        qa = {r.agent_user: r for r in (await session.execute(reviewed)).all()}
        seen_agents = visible_to(
            principal,
            DataType.CALL,
            tenant=agents.c.tenant,
            owner_org=agents.c.owner_org,
            owner_user=agents.c.user_id,
        )
        counted = or_(seen_agents, agents.c.user_id.in_([r["agent_user"] for r in agent_rows]))
        staff = (
            await session.execute(
                select(agents.c.user_id, agents.c.owner_org, agents.c.queue_ids).where(
                    agents.c.tenant == principal.tenant, counted
                )
            )
        ).all()
        spans = await _staffed_spans(
            session,
            principal.tenant,
            [a.user_id for a in staff],
            start=start,
            end=min(end, max(now, start)),
        )
    by_hour_staffed = staffed_by_hour(spans, ZoneInfo(business_tz))
    staffed: dict[str, int] = {}
    hour_staffed: dict[int, int] = {}
    for (user, at_hour), seconds in by_hour_staffed.items():
        staffed[user] = staffed.get(user, 0) + seconds
        hour_staffed[at_hour] = hour_staffed.get(at_hour, 0) + seconds
    queue_staffed: dict[UUID, int] = {}
    dealer_staffed: dict[str, int] = {}
    for agent in staff:
        seconds = staffed.get(agent.user_id, 0)
        dealer_staffed[agent.owner_org] = dealer_staffed.get(agent.owner_org, 0) + seconds
        for queue_id in agent.queue_ids:
            queue_staffed[queue_id] = queue_staffed.get(queue_id, 0) + seconds

    def occupied(totals: CallTotals, seconds: int) -> dict[str, Any]:
        return {"staffed_seconds": seconds, "occupancy": occupancy(totals.handle_seconds, seconds)}

    agents_view = []
    for r in agent_rows:
        user, totals = r["agent_user"], _totals(r)
        agents_view.append(
            AgentStatsView(
                user,
                call_stats(totals),
                qa_reviews=qa[user].reviews if user in qa else 0,
                qa_average=float(qa[user].average) if user in qa else None,
                **occupied(totals, staffed.get(user, 0)),
            )
        )
    return CallStatisticsView(
        queues=[
            QueueStatsView(
                r["queue_id"],
                r["name"],
                r["threshold"],
                call_stats(_totals(r)),
                **occupied(_totals(r), queue_staffed.get(r["queue_id"], 0)),
            )
            for r in queue_rows
        ],
        agents=agents_view,
        dealers=[
            DealerStatsView(
                r["owner_org"],
                call_stats(_totals(r)),
                **occupied(_totals(r), dealer_staffed.get(r["owner_org"], 0)),
            )
            for r in dealer_rows
        ],
        hours=[
            HourStatsView(
                int(r["hour"]),
                call_stats(_totals(r)),
                **occupied(_totals(r), hour_staffed.get(int(r["hour"]), 0)),
            )
            for r in hour_rows
        ],
        queues_truncated=queues_cut,
        agents_truncated=agents_cut,
        dealers_truncated=dealers_cut,
    )


async def _staffed_spans(
    session: AsyncSession, tenant: str, users: list[str], *, start: datetime, end: datetime
) -> list[StaffedSpan]:
    """When each agent was in a staffed state within [start, end): the state they were in at
    ``start`` (their last declared before it) and those they declared until ``end``."""
    if not users or end <= start:
        return []
    s = agent_states
    mine = and_(s.c.tenant == tenant, s.c.user_id.in_(users))
    moment = DateTime(timezone=True)
    newest_first = (
        func.row_number()
        .over(partition_by=s.c.user_id, order_by=s.c.since.desc())
        .label("newest_first")
    )
    before = (
        select(s.c.user_id, s.c.state, newest_first)
        .where(mine, s.c.since < start)
        .subquery("before")
    )
    carried = select(before.c.user_id, before.c.state, literal(start, moment).label("since")).where(
        before.c.newest_first == 1
    )
    declared = select(s.c.user_id, s.c.state, s.c.since).where(
        mine, s.c.since >= start, s.c.since < end
    )
    spans = union_all(carried, declared).subquery("spans")
    until = (
        func.lead(spans.c.since, 1, literal(end, moment))
        .over(partition_by=spans.c.user_id, order_by=spans.c.since)
        .label("until")
    )
    timeline = select(spans.c.user_id, spans.c.state, spans.c.since, until).subquery("timeline")
    query = select(timeline.c.user_id, timeline.c.since, timeline.c.until).where(
        timeline.c.state.in_([state.value for state in STAFFED_STATES]),
        timeline.c.until > timeline.c.since,
    )
    return [StaffedSpan(r.user_id, r.since, r.until) for r in (await session.execute(query)).all()]


@dataclass(frozen=True)
class QueueWaitingView:
    queue_id: UUID
    name: str
    waiting: int
    """Callers in the queue now: inbound calls not answered and not ended."""
    oldest_waiting_since: datetime | None


async def queues_waiting(
    sessions: Sessions, principal: Principal, *, since: datetime, limit: int
) -> list[QueueWaitingView]:
    """The first ``limit`` queues by name the caller may see with the callers waiting in each
    (calls started since ``since``: a call the phone system never ended is not waiting for
    days)."""
    waiting = (
        select(
            calls.c.queue_id,
            func.count().label("waiting"),
            func.min(calls.c.started_at).label("oldest"),
        )
        .where(
            visible_calls(principal),
            calls.c.direction == "inbound",
            calls.c.answered_at.is_(None),
            calls.c.ended_at.is_(None),
            calls.c.started_at >= since,
        )
        .group_by(calls.c.queue_id)
        .subquery()
    )
    query = (
        select(queues.c.id, queues.c.name, waiting.c.waiting, waiting.c.oldest)
        .select_from(queues.outerjoin(waiting, waiting.c.queue_id == queues.c.id))
        .where(_queue_scope(principal))
        .order_by(queues.c.name, queues.c.id)
        .limit(limit)
    )
    async with sessions() as session:
        rows = (await session.execute(query)).all()
    return [QueueWaitingView(r.id, r.name, r.waiting or 0, r.oldest) for r in rows]


@dataclass(frozen=True)
class TransferTargetView:
    kind: str
    """agent (an agent or a dealer's consultant with an extension) or queue."""
    target: str
    """What the transfer names: the user id, or the queue's id."""
    name: str
    owner_org: str
    extension: str
    """The agent's extension, or the queue's name on the PBX."""
    state: str | None
    """The agent's state as PostgreSQL keeps it (None for a queue)."""


async def transfer_targets(
    sessions: Sessions, principal: Principal, *, search: str, limit: int
) -> list[TransferTargetView]:
    """Whom the caller may pass a call to, by name: the tenant's active agents (the brand
    hotline's, the dealers' consultants with an extension) and queues — the reach a transfer
    has — whose name, user id or org matches ``search``, agents first, by name. Names of
    staff, never customers'."""
    pattern = f"%{search.strip().replace('%', '').replace('_', '')}%"
    agents_found = (
        select(
            literal("agent").label("kind"),
            agents.c.user_id.label("target"),
            agents.c.display_name.label("name"),
            agents.c.owner_org,
            agents.c.extension,
            agents.c.state,
        )
        .where(
            agents.c.tenant == principal.tenant,
            agents.c.active,
            agents.c.user_id != principal.user_id,
            or_(
                agents.c.display_name.ilike(pattern),
                agents.c.user_id.ilike(pattern),
                agents.c.owner_org.ilike(pattern),
            ),
        )
        .order_by(agents.c.display_name, agents.c.user_id)
        .limit(limit)
    )
    queues_found = (
        select(
            literal("queue").label("kind"),
            cast(queues.c.id, postgresql.TEXT).label("target"),
            queues.c.name,
            queues.c.owner_org,
            queues.c.pbx_queue.label("extension"),
            literal(None, postgresql.TEXT).label("state"),
        )
        .where(
            queues.c.tenant == principal.tenant,
            or_(queues.c.name.ilike(pattern), queues.c.owner_org.ilike(pattern)),
        )
        .order_by(queues.c.name, queues.c.id)
        .limit(limit)
    )
    async with sessions() as session:
        found = [
            *(await session.execute(agents_found)).all(),
            *(await session.execute(queues_found)).all(),
        ]
    return [
        TransferTargetView(r.kind, r.target, r.name, r.owner_org, r.extension, r.state)
        for r in found[:limit]
    ]
