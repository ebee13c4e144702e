"""Read side of customer files (客户档案): the search and one customer's file — leads' own
records and the timeline the other services' events left — scoped by the shared policy.

A file is visible to whoever may see the customer's current lead (the open one, else the
latest): one customer, one owner, and the lead's sharing with the OEM. Its personal data (name,
phone, identifiers, VINs and plates) is masked as that lead's is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, RowMapping, Select, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.policy import (
    SharingLevel,
    id_number_seen_at,
    name_seen_at,
    personal_data_level,
    phone_seen_at,
    plate_seen_at,
    reads_in_full,
    vin_seen_at,
)
from crm_leads.adapters.access import lead_level, visible_leads
from crm_leads.adapters.tables import (
    customer_identifiers,
    customer_links,
    customer_opportunities,
    customer_timeline,
    customer_vehicles,
    customers,
    follow_ups,
    lead_history,
    leads,
)
from crm_leads.domain.customer_file import CALL_ENTRY, CALL_PART_ENTRY

MAX_LEADS = 100
MAX_RECORDS = 200
"""Of each kind of record (opportunities, orders, tickets, vehicles) a file lists the latest."""


@dataclass(frozen=True, slots=True)
class Search:
    name: str | None = None
    phone: str | None = None
    vin: str | None = None
    plate: str | None = None


@dataclass(frozen=True, slots=True)
class Shown:
    """A customer as the caller may see them."""

    customer_id: UUID
    owner_org: str
    name: str
    phone: str
    owner_user: str | None
    owner_team: str | None
    lead_id: UUID
    lead_status: str
    grade: str | None
    created_at: datetime
    level: SharingLevel


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the timeline."""

    at: datetime
    kind: str
    source: str
    subject_id: UUID
    record_id: UUID | None
    vin: str | None
    model_code: str | None
    details: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Vehicle:
    vin: str
    plate: str | None
    model_code: str | None
    delivered_on: date | None


@dataclass(frozen=True, slots=True)
class Record:
    """An opportunity, order or ticket of the customer and its latest state."""

    id: UUID
    status: str
    at: datetime
    details: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CustomerFile:
    customer: Shown
    merged_from: list[UUID]
    identifiers: list[tuple[str, str]]
    leads: list[RowMapping]
    opportunities: list[Record]
    orders: list[Record]
    tickets: list[Record]
    vehicles: list[Vehicle]
    timeline: list[Entry]


def current_lead() -> ColumnElement[UUID]:
    """The customer's current lead: the open one, else the latest."""
    mine = leads.alias("customer_lead")
    return (
        select(mine.c.id)
        .where(mine.c.customer_id == customers.c.id)
        .order_by(
            mine.c.status.in_(["open", "loss_pending"]).desc(), mine.c.created_at.desc(), mine.c.id
        )
        .limit(1)
        .correlate(customers)
        .scalar_subquery()
    )


def _files(principal: Principal) -> Select[Any]:
    """Customer files visible to the principal, each with its current lead."""
    return (
        select(
            customers.c.id,
            customers.c.owner_org,
            customers.c.name,
            customers.c.phone,
            customers.c.created_at,
            leads.c.id.label("lead_id"),
            leads.c.owner_user,
            leads.c.owner_team,
            leads.c.status,
            leads.c.grade,
            lead_level(principal).label("shared_level"),
        )
        .select_from(customers.join(leads, leads.c.id == current_lead()))
        .where(
            customers.c.tenant == principal.tenant,
            customers.c.merged_into.is_(None),
            visible_leads(principal),
        )
    )


def _shown(principal: Principal, row: RowMapping) -> Shown:
    level = personal_data_level(
        principal,
        owner_user=row["owner_user"],
        owner_org=row["owner_org"],
        shared=SharingLevel(row["shared_level"]),
    )
    return Shown(
        customer_id=row["id"],
        owner_org=row["owner_org"],
        name=name_seen_at(level, row["name"]),
        phone=phone_seen_at(level, row["phone"]),
        owner_user=row["owner_user"],
        owner_team=row["owner_team"],
        lead_id=row["lead_id"],
        lead_status=row["status"],
        grade=row["grade"],
        created_at=row["created_at"],
        level=level,
    )


def _has_vehicle(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    v = customer_vehicles
    return exists().where(
        v.c.customer_id == customers.c.id, v.c.tenant == customers.c.tenant, condition
    )


async def search(
    session: AsyncSession, principal: Principal, by: Search, *, limit: int, offset: int
) -> list[Shown]:
    """Files matching every criterion given, newest first. Phone, VIN and plate match exactly
    (normalised by the caller); a name matches in part and only among the files whose personal
    data the caller sees in full — a masked reader cannot confirm a name by searching it."""
    query = _files(principal)
    if by.phone is not None:
        query = query.where(customers.c.phone == by.phone)
    if by.vin is not None:
        query = query.where(_has_vehicle(customer_vehicles.c.vin == by.vin))
    if by.plate is not None:
        query = query.where(_has_vehicle(customer_vehicles.c.plate == by.plate))
    if by.name is not None:
        query = query.where(
            customers.c.name.contains(by.name, autoescape=True),
            reads_in_full(
                principal,
                owner_user=leads.c.owner_user,
                owner_org=leads.c.owner_org,
                shared=lead_level(principal),
            ),
        )
    query = (
        query.order_by(customers.c.created_at.desc(), customers.c.id).limit(limit).offset(offset)
    )
    rows = (await session.execute(query)).mappings().all()
    return [_shown(principal, row) for row in rows]


async def file_of(
    session: AsyncSession,
    principal: Principal,
    customer_id: UUID,
    *,
    before: datetime | None,
    limit: int,
) -> CustomerFile | None:
    """The customer's file; its timeline newest first, ``limit`` entries older than ``before``
    (the next page starts before the last entry's time). None when not visible."""
    row = (
        (await session.execute(_files(principal).where(customers.c.id == customer_id)))
        .mappings()
        .first()
    )
    if row is None:
        return None
    shown = _shown(principal, row)
    merged = await _merged_into(session, customer_id)
    ids = [customer_id, *merged]
    lead_rows = (
        (
            await session.execute(
                select(
                    leads.c.id,
                    leads.c.owner_org,
                    leads.c.status,
                    leads.c.source,
                    leads.c.vehicle_interest,
                    leads.c.grade,
                    leads.c.owner_user,
                    leads.c.ownership_origin,
                    leads.c.created_at,
                )
                .where(leads.c.customer_id.in_(ids))
                .order_by(leads.c.created_at.desc(), leads.c.id)
                .limit(MAX_LEADS)
            )
        )
        .mappings()
        .all()
    )
    lead_ids = [lead["id"] for lead in lead_rows]
    subjects = select(customer_links.c.subject_id).where(customer_links.c.customer_id.in_(ids))
    theirs = or_(
        customer_timeline.c.customer_id.in_(ids), customer_timeline.c.subject_id.in_(subjects)
    )
    return CustomerFile(
        customer=shown,
        merged_from=merged,
        identifiers=[
            (kind, id_number_seen_at(shown.level, value))
            for kind, value in await session.execute(
                select(customer_identifiers.c.kind, customer_identifiers.c.value)
                .where(customer_identifiers.c.customer_id.in_(ids))
                .order_by(customer_identifiers.c.kind, customer_identifiers.c.value)
                .limit(MAX_RECORDS)
            )
        ],
        leads=list(lead_rows),
        opportunities=await _opportunities(session, ids),
        orders=await _records(session, theirs, ORDER_STEPS, by_record=True),
        tickets=await _records(session, theirs, TICKET_STEPS, by_record=False),
        vehicles=await _vehicles(session, ids, shown.level),
        timeline=await _timeline(
            session, theirs, lead_ids, shown.level, before=before, limit=limit
        ),
    )


async def _merged_into(session: AsyncSession, customer_id: UUID) -> list[UUID]:
    """The files merged into this one, and those merged into them."""
    merged = (
        select(customers.c.id)
        .where(customers.c.merged_into == customer_id)
        .cte("merged", recursive=True)
    )
    earlier = customers.alias("earlier")
    merged = merged.union_all(select(earlier.c.id).where(earlier.c.merged_into == merged.c.id))
    return list((await session.execute(select(merged.c.id).limit(MAX_RECORDS))).scalars())


async def _opportunities(session: AsyncSession, ids: Sequence[UUID]) -> list[Record]:
    o = customer_opportunities
    rows = await session.execute(
        select(o.c.opportunity_id, o.c.status, o.c.status_at)
        .where(o.c.customer_id.in_(ids))
        .order_by(o.c.status_at.desc())
        .limit(MAX_RECORDS)
    )
    return [Record(opportunity, status, at, {}) for opportunity, status, at in rows]


# The entries that make up an order's or a ticket's state, and the state each leaves it in.
ORDER_STEPS = {
    "order_placed": "placed",
    "order_cancelled": "cancelled",
    "vehicle_delivered": "delivered",
}
TICKET_STEPS = {"ticket_opened": "open", "ticket_resolved": "resolved", "ticket_reopened": "open"}


async def _records(
    session: AsyncSession, theirs: ColumnElement[bool], steps: dict[str, str], *, by_record: bool
) -> list[Record]:
    """Orders (by the order an entry names) or tickets (by their subject), each in the state
    of its latest entry, with what its entries said (the latest where they differ)."""
    t = customer_timeline
    key = t.c.record_id if by_record else t.c.subject_id
    rows = (
        await session.execute(
            select(key.label("id"), t.c.kind, t.c.at, t.c.details)
            .where(theirs, t.c.kind.in_(list(steps)))
            .order_by(t.c.at, t.c.event_id)
            .limit(MAX_RECORDS * 3)
        )
    ).all()
    records: dict[UUID, Record] = {}
    for record_id, kind, at, details in rows:
        first = records.get(record_id)
        merged = details if first is None else {**first.details, **details}
        records[record_id] = Record(record_id, steps[kind], at, merged)
    return sorted(records.values(), key=lambda r: r.at, reverse=True)


async def vehicle_of(session: AsyncSession, customer_id: UUID, vin: str) -> Vehicle:
    """A vehicle of the customer's, unmasked: for the manager who just recorded it."""
    v = customer_vehicles
    row = (
        await session.execute(
            select(v.c.vin, v.c.plate, v.c.model_code, v.c.delivered_on).where(
                v.c.customer_id == customer_id, v.c.vin == vin
            )
        )
    ).one()
    return Vehicle(*row)


async def _vehicles(
    session: AsyncSession, ids: Sequence[UUID], level: SharingLevel
) -> list[Vehicle]:
    v = customer_vehicles
    rows = await session.execute(
        select(v.c.vin, v.c.plate, v.c.model_code, v.c.delivered_on)
        .where(v.c.customer_id.in_(ids))
        .order_by(v.c.first_seen_at.desc(), v.c.vin)
        .limit(MAX_RECORDS)
    )
    return [
        Vehicle(
            vin_seen_at(level, vin),
            plate_seen_at(level, plate),
            model,
            delivered_on,
        )
        for vin, plate, model, delivered_on in rows
    ]


SOURCES = {
    "opportunity": "opportunities",
    "test": "opportunities",
    "deal": "opportunities",
    "order": "opportunities",
    "vehicle": "opportunities",
    "ticket": "service-desk",
    "survey": "service-desk",
    "care": "service-desk",
    "call": "call-center",
}


async def _timeline(
    session: AsyncSession,
    theirs: ColumnElement[bool],
    lead_ids: Sequence[UUID],
    level: SharingLevel,
    *,
    before: datetime | None,
    limit: int,
) -> list[Entry]:
    """The newest ``limit`` entries of three sources — the other services' events, the leads'
    history and their follow-ups — merged."""
    t, h, f = customer_timeline, lead_history, follow_ups
    call = t.alias("whole_call")
    others = select(t).where(
        theirs,
        # A dealer consultant's part of a hotline call shows inside the call's entry; alone
        # only while (or if) the call's own entry is not here.
        or_(
            t.c.kind != CALL_PART_ENTRY,
            ~exists().where(call.c.subject_id == t.c.subject_id, call.c.kind == CALL_ENTRY),
        ),
    )
    history = select(h).where(h.c.lead_id.in_(lead_ids))
    visits = select(f).where(f.c.lead_id.in_(lead_ids))
    if before is not None:
        others = others.where(t.c.at < before)
        history = history.where(h.c.at < before)
        visits = visits.where(f.c.at < before)
    entries = [
        Entry(
            row["at"],
            row["kind"],
            SOURCES.get(row["kind"].split("_", 1)[0], "other"),
            row["subject_id"],
            row["record_id"],
            vin_seen_at(level, row["vin"]),
            row["model_code"],
            row["details"],
        )
        for row in (
            await session.execute(others.order_by(t.c.at.desc(), t.c.event_id).limit(limit))
        ).mappings()
    ]
    entries += [
        Entry(
            row["at"],
            f"lead_{row['kind']}",
            "leads",
            row["lead_id"],
            None,
            None,
            None,
            {
                "actor": row["actor"],
                "from_user": row["from_user"],
                "to_user": row["to_user"],
                "reason": row["reason"],
                "rule": row["rule"],
            },
        )
        for row in (
            await session.execute(history.order_by(h.c.at.desc(), h.c.id.desc()).limit(limit))
        ).mappings()
    ]
    entries += [
        Entry(
            row["at"],
            "follow_up",
            "leads",
            row["lead_id"],
            row["id"],
            None,
            None,
            {
                "follow_up_kind": row["kind"],
                "outcome": row["outcome"],
                "grade": row["grade"],
                "verified": row["verified"],
                "by_user": row["by_user"],
                "call_seconds": row["call_seconds"],
            },
        )
        for row in (
            await session.execute(visits.order_by(f.c.at.desc(), f.c.id).limit(limit))
        ).mappings()
    ]
    entries.sort(key=lambda e: e.at, reverse=True)
    return await _with_parts(session, entries[:limit], level)


async def _with_parts(
    session: AsyncSession, entries: list[Entry], level: SharingLevel
) -> list[Entry]:
    """Each call's entry with the parts dealers' consultants took of it (``parts``, in
    order), and every call's agent by name where the reader may see names — never as the
    user id of an org whose users the reader may not read."""
    t = customer_timeline
    calls = [e.subject_id for e in entries if e.kind == CALL_ENTRY]
    parts: dict[UUID, list[dict[str, Any]]] = {}
    if calls:
        rows = await session.execute(
            select(t.c.subject_id, t.c.record_id, t.c.at, t.c.details)
            .where(t.c.kind == CALL_PART_ENTRY, t.c.subject_id.in_(calls))
            .order_by(t.c.at, t.c.event_id)
        )
        for subject_id, record_id, at, details in rows:
            parts.setdefault(subject_id, []).append(
                {**_agent_shown(details, level), "call_id": str(record_id), "at": at.isoformat()}
            )
    return [
        replace(
            e,
            details={**_agent_shown(e.details, level), "parts": parts.get(e.subject_id, [])},
        )
        if e.kind == CALL_ENTRY
        else replace(e, details=_agent_shown(e.details, level))
        if e.kind == CALL_PART_ENTRY
        else e
        for e in entries
    ]


def _agent_shown(details: dict[str, Any], level: SharingLevel) -> dict[str, Any]:
    """A call's agent is named to whoever reads the file with names (masked or full); the
    user id stays out: a dealer's consultant may not read HQ's users."""
    shown = {k: v for k, v in details.items() if k != "agent_user"}
    if level < SharingLevel.MASKED:
        shown["agent_name"] = None
    return shown
