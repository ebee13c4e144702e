"""Storage of the phone system's events and of the call records folded from them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from functools import cache
from typing import Any
from uuid import UUID

from sqlalchemy import (
    RowMapping,
    case,
    delete,
    func,
    literal_column,
    or_,
    select,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import ReturningInsert

from crm_call_center.adapters.access import changeable_calls
from crm_call_center.adapters.tables import agents, calls, cti_events, queues
from crm_call_center.domain.cti import CallRecord, CtiEvent, CtiKind, call_id_of
from crm_common.auth import Principal

CallKey = tuple[str, str]
"""(source, call_key): one call of one phone system."""


async def add_events(
    session: AsyncSession, tenant: str, events: Sequence[CtiEvent]
) -> dict[CallKey, list[CtiEvent]]:
    """Stores the events not stored yet; returns every event of the calls that got a new one
    (those stored before read in the same statement: one round trip)."""
    if not events:
        return {}
    rows = {
        e.fingerprint: {
            "tenant": tenant,
            "source": e.source,
            "call_key": e.call_key,
            "fingerprint": e.fingerprint,
            "kind": e.kind.value,
            "at": e.at,
            "channel": e.channel,
            "details": dict(e.details),
        }
        for e in events
    }
    e = cti_events
    new = (
        insert(e)
        .values(list(rows.values()))
        .on_conflict_do_nothing(constraint="uq_cti_events_fingerprint")
        .returning(e.c.source, e.c.call_key, e.c.kind, e.c.at, e.c.channel, e.c.details)
        .cte("new")
    )
    # The statement's snapshot is from before its insert: the earlier events, then the new.
    earlier = select(e.c.source, e.c.call_key, e.c.kind, e.c.at, e.c.channel, e.c.details).where(
        e.c.tenant == tenant,
        tuple_(e.c.source, e.c.call_key).in_(select(new.c.source, new.c.call_key)),
    )
    result = await session.execute(union_all(earlier, select(new)))
    return _by_call(result)


def _by_call(rows: Iterable[Any]) -> dict[CallKey, list[CtiEvent]]:
    found: dict[CallKey, list[CtiEvent]] = defaultdict(list)
    for row in rows:
        found[(row.source, row.call_key)].append(
            CtiEvent(row.source, row.call_key, CtiKind(row.kind), row.at, row.channel, row.details)
        )
    return found


async def events_of(
    session: AsyncSession, tenant: str, keys: Iterable[CallKey]
) -> dict[CallKey, list[CtiEvent]]:
    wanted = list(keys)
    if not wanted:
        return {}
    e = cti_events
    result = await session.execute(
        select(e.c.source, e.c.call_key, e.c.kind, e.c.at, e.c.channel, e.c.details).where(
            e.c.tenant == tenant, tuple_(e.c.source, e.c.call_key).in_(wanted)
        )
    )
    return _by_call(result)


@dataclass(frozen=True)
class Owners:
    """Who a call record belongs to: agents by extension, queues by the PBX's queue name."""

    agents: dict[str, tuple[str, str]]
    """extension → (user_id, owner_org)"""
    queues: dict[str, tuple[UUID, str]]
    """pbx queue → (queue id, owner_org)"""


async def owners(
    session: AsyncSession, tenant: str, extensions: set[str], pbx_queues: set[str]
) -> Owners:
    agent_rows: Iterable[Any] = (
        await session.execute(
            select(agents.c.extension, agents.c.user_id, agents.c.owner_org).where(
                agents.c.tenant == tenant, agents.c.extension.in_(extensions)
            )
        )
        if extensions
        else []
    )
    queue_rows: Iterable[Any] = (
        await session.execute(
            select(queues.c.pbx_queue, queues.c.id, queues.c.owner_org).where(
                queues.c.tenant == tenant, queues.c.pbx_queue.in_(pbx_queues)
            )
        )
        if pbx_queues
        else []
    )
    return Owners(
        agents={r.extension: (r.user_id, r.owner_org) for r in agent_rows},
        queues={r.pbx_queue: (r.id, r.owner_org) for r in queue_rows},
    )


def _tag_id(record: CallRecord, name: str) -> UUID | None:
    value = record.tags.get(name)
    try:
        return UUID(value) if value else None
    except ValueError:
        return None


def _transfers(record: CallRecord) -> list[dict[str, Any]]:
    return [{**asdict(t), "at": t.at.isoformat()} for t in record.transfers]


@dataclass(frozen=True, slots=True)
class OwnedRecord:
    """A folded call record with whose it is."""

    record: CallRecord
    owner_org: str
    queue_id: UUID | None
    agent_user: str | None
    handed: tuple[str, str] | None = None
    """The agent of another org node a transfer handed the call to, and their org."""
    part_of: UUID | None = None
    """For the part of a call handed to another org node: the call it is part of."""


@cache
def _saving(columns: tuple[str, ...]) -> ReturningInsert[Any]:
    """The upsert of folded records, built once: each CTI event of every call saves its
    record, and building it (the conflict's ``excluded`` columns) cost more CPU than the
    statement's own round trip."""
    statement = insert(calls)
    folded: dict[str, Any] = {
        name: statement.excluded[name]
        for name in columns
        if name not in ("id", "tenant", "source", "call_key", "task_id", "lead_id")
    }
    # A link an agent made stays; a tag the PBX reports fills one not made yet.
    for name in ("task_id", "lead_id"):
        folded[name] = func.coalesce(calls.c[name], statement.excluded[name])
    return statement.on_conflict_do_update(constraint="uq_calls_call_key", set_=folded).returning(
        *calls.c, literal_column("xmax = 0").label("inserted")
    )


async def save_records(
    session: AsyncSession,
    tenant: str,
    records: Sequence[OwnedRecord],
    *,
    settles_at: datetime,
) -> Sequence[Mapping[Any, Any]]:
    """Inserts or refreshes the folded records; the links an agent made (lead, customer,
    task…) and the disposition are kept. A handed part the call no longer has (later events
    showed the transfer went back) is dropped unless its CallCompleted is out. Returns the
    stored rows, each with ``inserted`` telling a new call from a refreshed one."""
    if not records:
        return []
    rows = [
        {
            "id": call_id_of(tenant, owned.record.source, owned.record.call_key),
            "tenant": tenant,
            "owner_org": owned.owner_org,
            "source": owned.record.source,
            "call_key": owned.record.call_key,
            "direction": owned.record.direction.value,
            "customer_phone": owned.record.customer_number,
            "queue_id": owned.queue_id,
            "agent_user": owned.agent_user,
            "handed_to": owned.handed[0] if owned.handed else None,
            "handed_to_org": owned.handed[1] if owned.handed else None,
            "agent_extension": owned.record.agent_extension,
            "extensions": list(owned.record.extensions),
            "started_at": owned.record.started_at,
            "ring_at": owned.record.ring_at,
            "answered_at": owned.record.answered_at,
            "ended_at": owned.record.ended_at,
            "wait_seconds": owned.record.wait_seconds,
            "talk_seconds": owned.record.talk_seconds,
            "hold_seconds": owned.record.hold_seconds,
            "connected": owned.record.connected,
            "abandoned": owned.record.abandoned,
            "callback_requested": owned.record.callback_requested,
            "system_disposition": owned.record.system_disposition,
            "recording_file": owned.record.recording_file,
            "transfers": _transfers(owned.record),
            "settles_at": settles_at,
            "part_of": owned.part_of,
            "task_id": _tag_id(owned.record, "task_id"),
            "lead_id": _tag_id(owned.record, "lead_id"),
        }
        for owned in records
    ]
    result = await session.execute(_saving(tuple(rows[0])), rows)
    saved = await _linked_like_their_calls(session, result.mappings().all())
    # Only a call with a transfer among its events ever had a part handed on (a transfer once
    # folded stays in every later fold): the others need no statement (one less per event).
    transferred = [
        row["id"]
        for row, owned in zip(rows, records, strict=True)
        if owned.part_of is None and owned.record.transfers
    ]
    if transferred:
        await session.execute(
            delete(calls).where(
                calls.c.part_of.in_(transferred),
                calls.c.id.not_in([r["id"] for r in rows]),
                calls.c.completed_published_at.is_(None),
            )
        )
    return saved


async def _linked_like_their_calls(
    session: AsyncSession, saved: Sequence[RowMapping]
) -> Sequence[Mapping[Any, Any]]:
    """A handed part not linked yet takes the lead and customer the screen pop of its
    consultant found, else those of the call it is part of (the hotline's pop linked that
    call when it rang): its CallCompleted then counts as contact with that lead and shows on
    that customer's file."""
    unlinked = [r["id"] for r in saved if r["part_of"] is not None and r["lead_id"] is None]
    if not unlinked:
        return saved
    whole = calls.alias("whole")
    linked = {
        row.id: row
        for row in await session.execute(
            update(calls)
            .where(
                calls.c.id.in_(unlinked),
                calls.c.part_of == whole.c.id,
                or_(whole.c.handed_lead_id.is_not(None), whole.c.lead_id.is_not(None)),
            )
            .values(
                lead_id=func.coalesce(whole.c.handed_lead_id, whole.c.lead_id),
                customer_id=func.coalesce(
                    calls.c.customer_id,
                    case(
                        (whole.c.handed_lead_id.is_not(None), whole.c.handed_customer_id),
                        else_=whole.c.customer_id,
                    ),
                ),
            )
            .returning(calls.c.id, calls.c.lead_id, calls.c.customer_id)
        )
    }
    return [
        {**row, "lead_id": linked[row["id"]].lead_id, "customer_id": linked[row["id"]].customer_id}
        if row["id"] in linked
        else row
        for row in saved
    ]


async def calls_to_settle(session: AsyncSession, now: datetime, limit: int) -> list[RowMapping]:
    """Finished calls quiet for the settle time whose CallCompleted is not out, locked (other
    workers skip them)."""
    query = (
        select(calls)
        .where(
            calls.c.ended_at.is_not(None),
            calls.c.completed_published_at.is_(None),
            calls.c.settles_at <= now,
        )
        .order_by(calls.c.settles_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(query)).mappings())


async def agent_names(
    session: AsyncSession, agents_of: set[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """The names the call center knows these (tenant, user) by: its agents' and the dealers'
    consultants' who take calls."""
    if not agents_of:
        return {}
    rows = await session.execute(
        select(agents.c.tenant, agents.c.user_id, agents.c.display_name).where(
            tuple_(agents.c.tenant, agents.c.user_id).in_(sorted(agents_of))
        )
    )
    return {(tenant, user): name for tenant, user, name in rows}


async def mark_completed(session: AsyncSession, call_ids: Sequence[UUID], now: datetime) -> None:
    await session.execute(
        update(calls).where(calls.c.id.in_(call_ids)).values(completed_published_at=now)
    )


async def open_calls(session: AsyncSession, tenant: str, source: str) -> list[str]:
    """Call keys of the source's calls not ended yet."""
    result = await session.execute(
        select(calls.c.call_key).where(
            calls.c.tenant == tenant,
            calls.c.source == source,
            calls.c.ended_at.is_(None),
            calls.c.part_of.is_(None),
        )
    )
    return list(result.scalars())


async def call_for_change(
    session: AsyncSession, principal: Principal, call_id: UUID
) -> RowMapping | None:
    """The call row if the principal may change it, locked for the change."""
    query = (
        select(calls)
        .where(calls.c.id == call_id, changeable_calls(principal))
        .with_for_update(of=calls)
    )
    return (await session.execute(query)).mappings().first()


async def update_call(session: AsyncSession, call_id: UUID, **values: Any) -> None:
    await session.execute(update(calls).where(calls.c.id == call_id).values(**values))


async def link_call(
    session: AsyncSession,
    call_id: UUID,
    lead_id: UUID,
    customer_id: UUID | None,
    *,
    popped_for: str | None = None,
) -> None:
    """The lead and customer the screen pop found, on the call and on the parts of it handed
    to a dealer already (a part handed later takes them when it is made); a link already made
    stays. The pop of ``popped_for``, an agent of another org node than the call's (a
    dealer's consultant a transfer rang), links only the part that agent takes: now if it is
    made, else when it is (the hotline's call keeps what its own pop found)."""
    if popped_for is not None:
        elsewhere = await session.scalar(
            select(agents.c.owner_org)
            .join(calls, calls.c.tenant == agents.c.tenant)
            .where(
                calls.c.id == call_id,
                agents.c.user_id == popped_for,
                agents.c.owner_org != calls.c.owner_org,
            )
        )
        if elsewhere is not None:
            await session.execute(
                update(calls)
                .where(calls.c.id == call_id)
                .values(
                    handed_lead_id=func.coalesce(calls.c.handed_lead_id, lead_id),
                    handed_customer_id=func.coalesce(calls.c.handed_customer_id, customer_id),
                )
            )
            await session.execute(
                update(calls)
                .where(calls.c.part_of == call_id, calls.c.agent_user == popped_for)
                .values(
                    lead_id=func.coalesce(calls.c.lead_id, lead_id),
                    customer_id=func.coalesce(calls.c.customer_id, customer_id),
                )
            )
            return
    await session.execute(
        update(calls)
        .where(or_(calls.c.id == call_id, calls.c.part_of == call_id))
        .values(
            lead_id=func.coalesce(calls.c.lead_id, lead_id),
            customer_id=func.coalesce(calls.c.customer_id, customer_id),
        )
    )


async def link_ticket(session: AsyncSession, tenant: str, call_id: UUID, ticket_id: UUID) -> None:
    """The ticket opened for the call; the first one linked stays."""
    await session.execute(
        update(calls)
        .where(calls.c.id == call_id, calls.c.tenant == tenant)
        .values(ticket_id=func.coalesce(calls.c.ticket_id, ticket_id))
    )
