"""Loading and storing leads, customers and pools: thin, one statement per need."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import ColumnElement, delete, func, insert, literal, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.db.tables import org_directory, staff
from crm_common.policy.directory import dealer_of
from crm_leads.adapters.tables import (
    LEAD_IS_OPEN,
    customer_opportunities,
    customers,
    draw_entries,
    follow_ups,
    inline,
    lead_history,
    leads,
    pool_members,
    pools,
)
from crm_leads.domain.assignment import Candidate
from crm_leads.domain.customer_identifiers import (
    IdentifierKind,
    dedup_keys_from,
)
from crm_leads.domain.distribution import DealerLoad
from crm_leads.domain.lead import (
    ClaimantRecord,
    FollowUp,
    Lead,
    LeadSource,
    LeadStatus,
    Worker,
)
from crm_leads.domain.origin import LeadOrigin
from crm_leads.domain.pool_rules import AutoAssignment, PoolKind, PoolRules

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


async def default_pool(
    session: AsyncSession, *, tenant: str, owner_org: str, now: datetime
) -> UUID:
    """The public pool of an org node, created with the default rules on first use."""
    return (await book_settings(session, tenant=tenant, owner_org=owner_org, now=now)).pool_id


@dataclass(frozen=True, slots=True)
class BookSettings:
    pool_id: UUID
    """The book's default pool, where its unowned leads wait."""
    dedup_keys: tuple[IdentifierKind, ...]


async def book_settings(
    session: AsyncSession, *, tenant: str, owner_org: str, now: datetime
) -> BookSettings:
    """The default pool of an org node (created with the default rules on first use) and the
    settings of its book kept with it. Read first: every lead taken in asks, the pool exists
    but once."""
    default_pool = select(pools.c.id, pools.c.dedup_keys).where(
        pools.c.tenant == tenant, pools.c.owner_org == owner_org, pools.c.is_default
    )
    row = (await session.execute(default_pool)).first()
    if row is None:
        await session.execute(
            pg_insert(pools)
            .values(
                id=uuid4(),
                tenant=tenant,
                owner_org=owner_org,
                name=f"Public pool of {owner_org}",
                kind=PoolKind.CLAIM.value,
                auto_assignment=AutoAssignment.NONE.value,
                rules={},
                is_default=True,
                created_at=now,
            )
            .on_conflict_do_nothing(
                index_elements=["tenant", "owner_org"], index_where=pools.c.is_default
            )
        )
        row = (await session.execute(default_pool)).one()  # ours, or a concurrent creator's
    return BookSettings(row.id, dedup_keys_from(row.dedup_keys))


async def set_dedup_keys(
    session: AsyncSession,
    *,
    tenant: str,
    owner_org: str,
    keys: Sequence[IdentifierKind],
    now: datetime,
) -> None:
    pool_id = (await book_settings(session, tenant=tenant, owner_org=owner_org, now=now)).pool_id
    await session.execute(
        update(pools).where(pools.c.id == pool_id).values(dedup_keys=[k.value for k in keys])
    )


@dataclass(frozen=True, slots=True)
class Pool:
    id: UUID
    tenant: str
    owner_org: str
    name: str
    kind: PoolKind
    auto_assignment: AutoAssignment
    rules: PoolRules


async def pool(session: AsyncSession, pool_id: UUID) -> Pool:
    found = await pool_or_none(session, pool_id)
    if found is None:
        raise LookupError(f"pool {pool_id} does not exist")
    return found


async def pool_or_none(session: AsyncSession, pool_id: UUID) -> Pool | None:
    row = (await session.execute(select(pools).where(pools.c.id == pool_id))).mappings().first()
    if row is None:
        return None
    return Pool(
        id=row["id"],
        tenant=row["tenant"],
        owner_org=row["owner_org"],
        name=row["name"],
        kind=PoolKind(row["kind"]),
        auto_assignment=AutoAssignment(row["auto_assignment"]),
        rules=PoolRules.model_validate(row["rules"]),
    )


async def add_lead(session: AsyncSession, lead: Lead) -> None:
    await session.execute(insert(leads).values(**_row_of(lead)))
    await add_changes(session, lead)


async def lead_for_change(
    session: AsyncSession,
    lead_id: UUID,
    allowed: ColumnElement[bool],
    *,
    unless_drawn_at: datetime | None = None,
) -> Lead | None:
    """The lead if ``allowed`` lets the caller act on it, locked for this transaction;
    ``LeadBusy`` instead of queueing behind another transaction that holds it (a contested
    claim answers at once). ``unless_drawn_at``: None, without locking it, for a lead whose
    lottery is still collecting entries then.

    SKIP LOCKED, then a plain read of a lead it skipped, rather than NOWAIT: a contested claim
    is business as usual, and NOWAIT's refusal is an ERROR in PostgreSQL's log each time."""
    query = select(leads).where(leads.c.id == lead_id, allowed)
    if unless_drawn_at is not None:
        query = query.where(
            or_(leads.c.draw_until.is_(None), leads.c.draw_until <= unless_drawn_at)
        )
    locked = query.with_for_update(skip_locked=True, of=leads)
    row = (await session.execute(locked)).mappings().first()
    if row is not None:
        return lead_from_row(row)
    if (await session.execute(query.with_only_columns(leads.c.id))).first() is not None:
        raise LeadBusy("another change of this lead is in progress; try again")
    return None


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


async def lead_exists(session: AsyncSession, lead_id: UUID) -> bool:
    return (
        await session.execute(select(leads.c.id).where(leads.c.id == lead_id))
    ).first() is not None


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


async def save_lead(session: AsyncSession, lead: Lead) -> None:
    values = {name: _value(getattr(lead, name)) for name in _STATE_COLUMNS}
    await session.execute(update(leads).where(leads.c.id == lead.id).values(**values))
    await add_changes(session, lead)


async def add_changes(session: AsyncSession, lead: Lead) -> None:
    if not lead.changes:
        return
    await session.execute(
        insert(lead_history),
        [
            {
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
            for change in lead.changes
        ],
    )
    lead.changes.clear()


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
    values["status"] = LeadStatus(values["status"])
    values["source"] = LeadSource(values["source"])
    if values["ownership_origin"] is not None:
        values["ownership_origin"] = LeadOrigin(values["ownership_origin"])
    return Lead(**values)


async def book_of(session: AsyncSession, tenant: str, org_node: str) -> str:
    """The book a node's leads go into: its dealer, or the node itself above dealers."""
    return await dealer_of(session, tenant, org_node) or org_node


async def staff_member(
    session: AsyncSession, tenant: str, user_id: str, book: str
) -> tuple[str, list[str]] | None:
    """(org node, roles) of an active user working in ``book`` (the dealer or node itself)."""
    row = (
        await session.execute(
            select(staff.c.org_node, staff.c.roles)
            .select_from(staff.outerjoin(org_directory, org_directory.c.id == staff.c.org_node))
            .where(
                staff.c.tenant == tenant,
                staff.c.user_id == user_id,
                staff.c.active,
                or_(staff.c.org_node == book, org_directory.c.dealer_id == book),
            )
        )
    ).first()
    return None if row is None else (row[0], list(row[1]))


async def open_leads_owned_by(session: AsyncSession, tenant: str, user_id: str) -> list[Lead]:
    rows = (
        await session.execute(
            select(leads)
            .where(
                leads.c.tenant == tenant,
                leads.c.owner_user == user_id,
                LEAD_IS_OPEN,
            )
            .with_for_update()
        )
    ).mappings()
    return [lead_from_row(row) for row in rows]


async def dealer_loads(
    session: AsyncSession, *, tenant: str, under: str, phone: str
) -> list[DealerLoad]:
    """Active dealers below ``under`` with their region, open distributed leads, capacity
    (their default pool's rule) and whether they already work this phone's customer."""
    d = org_directory
    under_path = select(d.c.path).where(d.c.tenant == tenant, d.c.id == under).scalar_subquery()
    dealers = (
        await session.execute(
            select(d.c.id, d.c.path).where(
                d.c.tenant == tenant,
                d.c.kind == "dealer",
                d.c.active,
                d.c.path.startswith(under_path),
            )
        )
    ).all()
    if not dealers:
        return []
    ids = [row.id for row in dealers]
    open_distributed: dict[str, int] = dict(
        (
            await session.execute(
                select(leads.c.owner_org, func.count())
                .where(
                    leads.c.tenant == tenant,
                    leads.c.owner_org.in_(ids),
                    leads.c.origin_org.is_not(None),
                    LEAD_IS_OPEN,
                )
                .group_by(leads.c.owner_org)
            )
        ).all()
    )
    rules: dict[str, Any] = dict(
        (
            await session.execute(
                select(pools.c.owner_org, pools.c.rules).where(
                    pools.c.tenant == tenant, pools.c.owner_org.in_(ids), pools.c.is_default
                )
            )
        ).all()
    )
    working = set(
        (
            await session.execute(
                select(customers.c.owner_org)
                .join(leads, leads.c.customer_id == customers.c.id)
                .where(
                    customers.c.tenant == tenant,
                    customers.c.owner_org.in_(ids),
                    customers.c.phone == phone,
                    LEAD_IS_OPEN,
                )
            )
        ).scalars()
    )
    return [
        DealerLoad(
            dealer_id=row.id,
            region_id=_region_of(row.path),
            open_distributed=open_distributed.get(row.id, 0),
            capacity=PoolRules.model_validate(rules.get(row.id, {})).distribution.capacity,
            works_customer=row.id in working,
        )
        for row in dealers
    ]


def _region_of(path: str) -> str | None:
    """The region of a dealer: the node below HQ in ``/hq/region/[group/]dealer/``."""
    nodes = [n for n in path.split("/") if n]
    return nodes[1] if len(nodes) >= 3 else None


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


async def locked_customers_of(session: AsyncSession, tenant: str, user_id: str) -> int:
    count: int = (
        await session.execute(
            select(func.count())
            .select_from(leads.join(customers, customers.c.id == leads.c.customer_id))
            .where(
                leads.c.tenant == tenant,
                leads.c.owner_user == user_id,
                LEAD_IS_OPEN,
                customers.c.locked,
            )
        )
    ).scalar_one()
    return count


async def set_customer_locked(session: AsyncSession, customer_id: UUID, locked: bool) -> None:
    await session.execute(
        update(customers).where(customers.c.id == customer_id).values(locked=locked)
    )


async def pool_candidates(session: AsyncSession, pool_id: UUID) -> list[Candidate]:
    """The pool's explicit members who are active staff, with how many open leads they own."""
    owned = (
        select(func.count())
        .where(
            leads.c.owner_user == pool_members.c.user_id,
            LEAD_IS_OPEN,
        )
        .correlate(pool_members)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(
            pool_members.c.user_id,
            staff.c.org_node,
            owned,
            pool_members.c.weight,
            pool_members.c.last_assigned_at,
        )
        .join(staff, staff.c.user_id == pool_members.c.user_id)
        .where(pool_members.c.pool_id == pool_id, staff.c.active)
    )
    return [Candidate(*row) for row in rows]


async def note_assignment(
    session: AsyncSession, pool_id: UUID, user_id: str, now: datetime
) -> None:
    await session.execute(
        update(pool_members)
        .where(pool_members.c.pool_id == pool_id, pool_members.c.user_id == user_id)
        .values(last_assigned_at=now)
    )


async def add_pool(
    session: AsyncSession,
    *,
    tenant: str,
    owner_org: str,
    name: str,
    kind: PoolKind,
    auto_assignment: AutoAssignment,
    rules: PoolRules,
    now: datetime,
) -> UUID:
    pool_id = uuid4()
    await session.execute(
        insert(pools).values(
            id=pool_id,
            tenant=tenant,
            owner_org=owner_org,
            name=name,
            kind=kind.value,
            auto_assignment=auto_assignment.value,
            rules=rules.model_dump(mode="json"),
            is_default=False,
            created_at=now,
        )
    )
    return pool_id


async def replace_members(
    session: AsyncSession, pool_id: UUID, members: list[tuple[str, str, int]]
) -> None:
    """``members``: (user id, org node, weight); who is not listed is no longer a member."""
    await session.execute(delete(pool_members).where(pool_members.c.pool_id == pool_id))
    if members:
        await session.execute(
            insert(pool_members),
            [
                {"pool_id": pool_id, "user_id": u, "org_node": node, "weight": w}
                for u, node, w in members
            ],
        )


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
                or_(*conditions),
            )
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
    ).mappings()
    return [lead_from_row(row) for row in rows]


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
    await session.execute(text(f"SET LOCAL lock_timeout = '{int(wait_seconds)}s'"))
    query = select(leads).where(leads.c.id == lead_id, allowed)
    try:
        row = (await session.execute(query.with_for_update(read=True, of=leads))).mappings().first()
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
            raise LeadBusy("another change of this lead is in progress; try again") from exc
        raise
    return None if row is None else lead_from_row(row)


async def enter_draw(session: AsyncSession, lead_id: UUID, worker: Worker, now: datetime) -> None:
    await session.execute(
        pg_insert(draw_entries)
        .values(lead_id=lead_id, user_id=worker.user_id, org_node=worker.org_node, entered_at=now)
        .on_conflict_do_nothing()
    )


async def draws_closed(
    session: AsyncSession, *, now: datetime, batch: int
) -> list[tuple[Lead, list[Worker]]]:
    """Leads whose draw is over, locked, with their entrants (whose entries are removed)."""
    rows = (
        (
            await session.execute(
                select(leads)
                .where(leads.c.draw_until <= now)
                .order_by(leads.c.draw_until)
                .limit(batch)
                .with_for_update(skip_locked=True)
            )
        )
        .mappings()
        .all()
    )
    found = []
    for row in rows:
        entries = await session.execute(
            delete(draw_entries)
            .where(draw_entries.c.lead_id == row["id"])
            .returning(draw_entries.c.user_id, draw_entries.c.org_node)
        )
        found.append((lead_from_row(row), [Worker(u, n) for u, n in entries]))
    return found


async def clear_draw_entries(session: AsyncSession, lead_id: UUID) -> None:
    await session.execute(delete(draw_entries).where(draw_entries.c.lead_id == lead_id))


async def record_customer_opportunity(
    session: AsyncSession,
    *,
    tenant: str,
    opportunity_id: UUID,
    customer_id: UUID,
    status: str,
    at: datetime,
) -> None:
    """Upserts the opportunity's status unless a later event already set it."""
    statement = pg_insert(customer_opportunities).values(
        opportunity_id=opportunity_id,
        tenant=tenant,
        customer_id=customer_id,
        status=status,
        status_at=at,
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[customer_opportunities.c.opportunity_id],
            set_={"status": statement.excluded.status, "status_at": statement.excluded.status_at},
            where=customer_opportunities.c.status_at <= statement.excluded.status_at,
        )
    )


async def reopen_customer_opportunity(
    session: AsyncSession, *, opportunity_id: UUID, at: datetime
) -> None:
    """A cancelled order reopens a won opportunity (known only if its opening was seen)."""
    await session.execute(
        update(customer_opportunities)
        .where(
            customer_opportunities.c.opportunity_id == opportunity_id,
            customer_opportunities.c.status_at <= at,
        )
        .values(status="open", status_at=at)
    )
