"""Leads as commands load and store them: locked for a change (a contested claim answered at
once), their history and follow-ups written with them, and what a claim checks of the claimant
(counts for the pool's limits, one claim of theirs at a time)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import suppress
from datetime import datetime
from functools import cache
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import (
    ColumnElement,
    Insert,
    Select,
    bindparam,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.contracts.envelope import Envelope
from crm_common.outbox.store import OUTBOX_ROWS, outbox_values
from crm_common.policy.audit import AUDIT_ENTRY
from crm_leads.adapters.tables import LEAD_IS_OPEN, follow_ups, inline, lead_history, leads
from crm_leads.domain.lead import (
    Change,
    ClaimantRecord,
    FollowUp,
    Lead,
    LeadSource,
    LeadStatus,
)
from crm_leads.domain.origin import LeadOrigin

_STATE_COLUMNS = (
    "owner_org",
    "customer_id",
    "home_pool_id",
    "origin_org",
    "distributed_at",
    "work_by",
    "region_hint",
    "recycle_reminded_at",
    "graded_at",
    "escalated_at",
    "draw_until",
    "campaign_id",
    "routing_rule_id",
    "nurture_since",
    "status",
    "pool_id",
    "owner_user",
    "owner_team",
    "owned_since",
    "ownership_origin",
    "grade",
    "next_follow_up_due",
    "last_follow_up_at",
    "previous_owner",
    "protected_until",
    "released_at",
    "loss_reason",
)


_LOCK_NOT_AVAILABLE = "55P03"


class LeadBusy(Exception):
    """Another transaction is changing the lead right now (e.g. a competing claim)."""


async def add_lead(
    session: AsyncSession,
    lead: Lead,
    *,
    audit: Mapping[str, Any] | None = None,
    events: Sequence[Envelope[Any]] = (),
) -> None:
    """The new lead's row, its one new history entry, the audit entry of its creation
    (``audit_values``) and its events' outbox rows, in the order given: one statement, one
    round trip (the others as data-modifying WITHs, which PostgreSQL runs to completion with
    it). Several history entries follow in a statement of their own, in their order."""
    history = len(lead.changes) == 1
    values = _lead_values(lead)
    if history:
        values |= _history_values(lead, lead.changes[0])
    if audit is not None:
        values |= audit
    if events:
        values |= outbox_values(events)
    await session.execute(_new_lead_statement(history, audit is not None, bool(events)), values)
    await _add_other_changes(session, lead)


async def lead_for_change(
    session: AsyncSession,
    lead_id: UUID,
    allowed: ColumnElement[bool],
    *,
    unless_drawn_at: datetime | None = None,
    wait_seconds: int = 0,
) -> Lead | None:
    """The lead if ``allowed`` lets the caller act on it, locked for this transaction.

    ``wait_seconds`` 0 (claims): ``LeadBusy`` at once instead of queueing behind another
    transaction that holds it — a contested claim is business as usual, so SKIP LOCKED and then
    a plain read of a lead it skipped, rather than NOWAIT, whose refusal is an ERROR in
    PostgreSQL's log each time. Otherwise (a consultant's other commands): wait that long for
    a short holder such as a worker applying an event to the lead, then ``LeadBusy``.
    ``unless_drawn_at``: None, without locking it, for a lead whose lottery is still collecting
    entries then."""
    query = select(leads).where(leads.c.id == lead_id, allowed)
    if unless_drawn_at is not None:
        query = query.where(
            or_(leads.c.draw_until.is_(None), leads.c.draw_until <= unless_drawn_at)
        )
    if wait_seconds:
        return await _lead_waited_for(session, query.with_for_update(of=leads), wait_seconds)
    locked = query.with_for_update(skip_locked=True, of=leads)
    row = (await session.execute(locked)).mappings().first()
    if row is not None:
        return lead_from_row(row)
    if (await session.execute(query.with_only_columns(leads.c.id))).first() is not None:
        raise LeadBusy("another change of this lead is in progress; try again")
    return None


async def _lead_waited_for(
    session: AsyncSession, locking: Select[Any], wait_seconds: int
) -> Lead | None:
    """``locking`` run with a lock timeout of ``wait_seconds`` for this statement only: the
    rest of the command keeps the server's default."""
    await session.execute(text(f"SET LOCAL lock_timeout = '{int(wait_seconds)}s'"))
    try:
        row = (await session.execute(locking)).mappings().first()
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
            raise LeadBusy("another change of this lead is in progress; try again") from exc
        raise
    await session.execute(text("SET LOCAL lock_timeout = DEFAULT"))
    return None if row is None else lead_from_row(row)


async def distributed_lead(session: AsyncSession, lead_id: UUID) -> Lead | None:
    """The lead, locked, if it lies in a dealer's book by distribution (None otherwise: most
    leads, so the events of this deployment's own leads lock nothing)."""
    row = (
        (
            await session.execute(
                select(leads)
                .where(leads.c.id == lead_id, leads.c.origin_org.is_not(None))
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else lead_from_row(row)


async def sent_back_lead(session: AsyncSession, lead_id: UUID) -> Lead | None:
    """The lead, locked, if it came back from a distribution and waits in its origin's book
    (None otherwise)."""
    row = (
        (
            await session.execute(
                select(leads)
                .where(
                    leads.c.id == lead_id,
                    leads.c.origin_org.is_(None),
                    leads.c.distributed_at.is_not(None),
                )
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else lead_from_row(row)


async def handed_down(session: AsyncSession, lead_ids: Sequence[str]) -> dict[str, str]:
    """Of ``lead_ids``, the leads in a dealer's book by distribution, each with the org node
    that distributed it (a dealer deployment's uplink asks: what happens to them goes up)."""
    ids = []
    for lead_id in lead_ids:
        with suppress(ValueError):
            ids.append(UUID(lead_id))
    if not ids:
        return {}
    rows = await session.execute(
        select(leads.c.id, leads.c.origin_org).where(
            leads.c.id.in_(ids), leads.c.origin_org.is_not(None)
        )
    )
    return {str(row.id): row.origin_org for row in rows}


async def lead_exists(session: AsyncSession, lead_id: UUID) -> bool:
    return (
        await session.execute(select(leads.c.id).where(leads.c.id == lead_id))
    ).first() is not None


async def lead_to_look_at(
    session: AsyncSession, lead_id: UUID, allowed: ColumnElement[bool]
) -> Lead | None:
    """The lead as it is now, without locking it."""
    row = (
        (await session.execute(select(leads).where(leads.c.id == lead_id, allowed)))
        .mappings()
        .first()
    )
    return None if row is None else lead_from_row(row)


async def lead_once_settled(
    session: AsyncSession, lead_id: UUID, allowed: ColumnElement[bool], *, wait_seconds: int
) -> Lead | None:
    """The lead as the transaction holding it (e.g. a winning claim) leaves it, waiting at
    most ``wait_seconds`` (else ``LeadBusy``). A shared lock: everyone who waits for the same
    lead reads it at once when it is free, none holds it against the others."""
    query = select(leads).where(leads.c.id == lead_id, allowed)
    return await _lead_waited_for(session, query.with_for_update(read=True, of=leads), wait_seconds)


async def open_lead_called(
    session: AsyncSession, tenant: str, *, lead_id: UUID | None, phone: str | None, by: str
) -> Lead | None:
    """The open lead a consultant's phone call was about, locked: the one the call names, else
    the consultant's own open lead with the number called (the most recent)."""
    query = select(leads).where(leads.c.tenant == tenant, LEAD_IS_OPEN)
    if lead_id is not None:
        query = query.where(leads.c.id == lead_id)
    elif phone is not None:
        query = query.where(leads.c.phone == phone, leads.c.owner_user == by)
    else:
        return None
    query = query.order_by(leads.c.created_at.desc()).limit(1).with_for_update(of=leads)
    row = (await session.execute(query)).mappings().first()
    return None if row is None else lead_from_row(row)


async def open_lead_of_customer(session: AsyncSession, customer_id: UUID) -> Lead | None:
    row = (
        (
            await session.execute(
                select(leads)
                .where(leads.c.customer_id == customer_id, LEAD_IS_OPEN)
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else lead_from_row(row)


async def open_leads_owned_by(
    session: AsyncSession, tenant: str, user_id: str, *, book: str | None = None
) -> list[Lead]:
    """The user's open leads (of one book, when given), locked, oldest first."""
    query = select(leads).where(
        leads.c.tenant == tenant, leads.c.owner_user == user_id, LEAD_IS_OPEN
    )
    if book is not None:
        query = query.where(leads.c.owner_org == book)
    rows = (
        await session.execute(query.order_by(leads.c.created_at, leads.c.id).with_for_update())
    ).mappings()
    return [lead_from_row(row) for row in rows]


async def distributions_past_deadline(
    session: AsyncSession, *, now: datetime, batch: int
) -> list[Lead]:
    rows = (
        await session.execute(
            select(leads)
            .where(leads.c.work_by < now, leads.c.status == inline("open"))
            .order_by(leads.c.work_by)
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
    ).mappings()
    return [lead_from_row(row) for row in rows]


async def leads_stuck_in_grade(
    session: AsyncSession,
    pool_id: UUID,
    *,
    to_marketing_before: dict[str, datetime],
    stalled_before: dict[str, datetime],
    batch: int,
) -> list[Lead]:
    """Owned open leads of the pool whose grade has not changed since the given times (the
    three-stage rules), locked; those another transaction holds are left for the next round."""
    conditions = [
        (leads.c.grade == grade) & (leads.c.graded_at <= before)
        for grade, before in to_marketing_before.items()
    ] + [
        (leads.c.grade == grade) & (leads.c.graded_at <= before) & leads.c.escalated_at.is_(None)
        for grade, before in stalled_before.items()
    ]
    if not conditions:
        return []
    rows = (
        await session.execute(
            select(leads)
            .where(
                leads.c.home_pool_id == pool_id,
                leads.c.status == inline("open"),
                leads.c.owner_user.is_not(None),
                # On the nurture list the lead is marketing's, neither stalled nor overdue.
                leads.c.nurture_since.is_(None),
                or_(*conditions),
            )
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
    ).mappings()
    return [lead_from_row(row) for row in rows]


async def save_lead(session: AsyncSession, lead: Lead) -> None:
    """The lead's state, with its one new history entry in the same statement (several follow
    in a statement of their own, in their order)."""
    history = len(lead.changes) == 1
    values = {f"lead_{name}": _value(getattr(lead, name)) for name in _STATE_COLUMNS}
    values["lead_key"] = lead.id
    if history:
        values |= _history_values(lead, lead.changes[0])
    await session.execute(_SAVE_WITH_HISTORY if history else _SAVE, values)
    await _add_other_changes(session, lead)


async def _add_other_changes(session: AsyncSession, lead: Lead) -> None:
    """After a statement that wrote the one new history entry as a CTE: the entries it did not
    write (none, or several)."""
    if len(lead.changes) == 1:
        lead.changes.clear()
    else:
        await add_changes(session, lead)


async def add_changes(session: AsyncSession, lead: Lead) -> None:
    if lead.changes:
        await session.execute(insert(lead_history), [_history_row(lead, c) for c in lead.changes])
        lead.changes.clear()


# The statements of a lead's writes, built once with bound parameters: SQLAlchemy then keeps
# their compiled form, where building and cache-keying them per call was a large part of a
# create's CPU (issue #23). Parameters are prefixed by what they fill, so the statements can
# be combined as CTEs.
_ROW_COLUMNS = (
    "id",
    "tenant",
    "customer_name",
    "phone",
    "source",
    "vehicle_interest",
    "created_by",
    "created_at",
    *_STATE_COLUMNS,
)
_HISTORY_COLUMNS = (
    "lead_id",
    "tenant",
    "owner_org",
    "kind",
    "actor",
    "from_user",
    "to_user",
    "reason",
    "rule",
    "at",
)
_NEW_LEAD = insert(leads).values({name: bindparam(f"lead_{name}") for name in _ROW_COLUMNS})
_HISTORY_ENTRY = insert(lead_history).values(
    {name: bindparam(f"history_{name}") for name in _HISTORY_COLUMNS}
)
_SAVE = (
    update(leads)
    .where(leads.c.id == bindparam("lead_key"))
    .values({name: bindparam(f"lead_{name}") for name in _STATE_COLUMNS})
)
# The history entry as a data-modifying WITH, which PostgreSQL runs to completion with the
# lead's write. Several entries keep a statement of their own, in their order: separate WITHs
# would run in no set order.
_SAVE_WITH_HISTORY = _SAVE.add_cte(_HISTORY_ENTRY.cte("history"))


@cache
def _new_lead_statement(history: bool, audit: bool, events: bool) -> Insert:
    """A new lead's insert with what goes with it (built once per combination)."""
    ctes = [_HISTORY_ENTRY.cte("history")] if history else []
    if audit:
        ctes.append(AUDIT_ENTRY.cte("audit"))
    if not events:
        return _NEW_LEAD.add_cte(*ctes) if ctes else _NEW_LEAD
    return OUTBOX_ROWS.add_cte(_NEW_LEAD.cte("new_lead"), *ctes)


def _lead_values(lead: Lead) -> dict[str, Any]:
    return {f"lead_{name}": value for name, value in _row_of(lead).items()}


def _history_values(lead: Lead, change: Change) -> dict[str, Any]:
    return {f"history_{name}": value for name, value in _history_row(lead, change).items()}


def _history_row(lead: Lead, change: Change) -> dict[str, Any]:
    return {
        "lead_id": lead.id,
        "tenant": lead.tenant,
        "owner_org": lead.owner_org,
        "kind": change.kind,
        "actor": change.actor,
        "from_user": change.from_user,
        "to_user": change.to_user,
        "reason": change.reason,
        "rule": change.rule,
        "at": change.at,
    }


async def add_follow_up(
    session: AsyncSession, lead: Lead, follow_up: FollowUp, *, resets_clock: bool
) -> UUID:
    follow_up_id = uuid4()
    await session.execute(
        insert(follow_ups).values(
            id=follow_up_id,
            lead_id=lead.id,
            tenant=lead.tenant,
            owner_org=lead.owner_org,
            kind=follow_up.kind.value,
            outcome=follow_up.outcome,
            next_step=follow_up.next_step,
            grade=follow_up.grade,
            call_seconds=follow_up.call_seconds,
            verified=follow_up.verified,
            call_id=follow_up.call_id,
            resets_clock=resets_clock,
            by_user=follow_up.by,
            at=follow_up.at,
        )
    )
    return follow_up_id


async def claimant_record(
    session: AsyncSession,
    *,
    tenant: str,
    user_id: str,
    department: str,
    previous_owner: str | None,
    day_started: datetime,
    collusion_since: datetime,
) -> ClaimantRecord:
    owned = select(func.count()).where(
        leads.c.tenant == tenant,
        leads.c.owner_user == user_id,
        LEAD_IS_OPEN,
    )
    of_department = select(func.count()).where(
        leads.c.tenant == tenant,
        leads.c.owner_team == department,
        LEAD_IS_OPEN,
    )
    claims = select(func.count()).where(
        lead_history.c.tenant == tenant,
        lead_history.c.kind == inline("claimed"),
        lead_history.c.to_user == user_id,
        lead_history.c.at >= day_started,
    )
    from_previous = select(func.count()).where(
        lead_history.c.tenant == tenant,
        lead_history.c.kind == inline("claimed"),
        lead_history.c.to_user == user_id,
        lead_history.c.from_user == previous_owner,
        lead_history.c.at >= collusion_since,
    )
    row = (
        await session.execute(
            select(
                owned.scalar_subquery(),
                claims.scalar_subquery(),
                from_previous.scalar_subquery() if previous_owner is not None else literal(0),
                of_department.scalar_subquery(),
            )
        )
    ).one()
    return ClaimantRecord(row[0], row[1], row[2], row[3])


async def serialise_claims_of(session: AsyncSession, tenant: str, user_id: str) -> None:
    """Claims by one consultant run one at a time, so two parallel claims cannot both slip
    under the same limit."""
    key = func.hashtextextended(f"{tenant}:{user_id}", 0)
    await session.execute(select(func.pg_advisory_xact_lock(key)))


def _value(value: Any) -> Any:
    return value.value if isinstance(value, LeadStatus | LeadSource | LeadOrigin) else value


def _row_of(lead: Lead) -> dict[str, Any]:
    return {
        "id": lead.id,
        "tenant": lead.tenant,
        "owner_org": lead.owner_org,
        "customer_name": lead.customer_name,
        "phone": lead.phone,
        "source": lead.source.value,
        "vehicle_interest": lead.vehicle_interest,
        "created_by": lead.created_by,
        "created_at": lead.created_at,
        **{name: _value(getattr(lead, name)) for name in _STATE_COLUMNS},
    }


def lead_from_row(row: Any) -> Lead:
    values = dict(row)
    # The sweep's own bookkeeping of the callbacks it announced, not the lead's state.
    values.pop("callback_announced_for", None)
    values["status"] = LeadStatus(values["status"])
    values["source"] = LeadSource(values["source"])
    if values["ownership_origin"] is not None:
        values["ownership_origin"] = LeadOrigin(values["ownership_origin"])
    return Lead(**values)
