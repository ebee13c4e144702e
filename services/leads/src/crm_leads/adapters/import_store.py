"""SQL of bulk imports: the job, its chunks and error report, and one slice of leads written
set-based (a statement per table, not per row)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import (
    ColumnElement,
    RowMapping,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_leads.adapters.customer_dedup import Book, add_identifiers, customers_for
from crm_leads.adapters.import_tables import (
    lead_import_attempts,
    lead_import_chunks,
    lead_import_errors,
    lead_imports,
)
from crm_leads.adapters.tables import inline
from crm_leads.domain.assignment import Candidate
from crm_leads.domain.customer_identifiers import (
    IdentifierKind,
)
from crm_leads.domain.lead_import import (
    ImportFormat,
    ImportRow,
    ImportStatus,
    LeadImport,
    Repeat,
    ReportedRowError,
    RowError,
)
from crm_leads.domain.origin import LeadOrigin

PENDING = [inline(ImportStatus.QUEUED.value), inline(ImportStatus.RUNNING.value)]


async def add_import(session: AsyncSession, job: LeadImport) -> None:
    values = {column.name: getattr(job, column.name) for column in lead_imports.c}
    await session.execute(insert(lead_imports).values(**values))


async def add_chunk(session: AsyncSession, import_id: UUID, seq: int, data: bytes) -> None:
    await session.execute(
        insert(lead_import_chunks).values(import_id=import_id, seq=seq, data=data)
    )


async def record_upload(
    session: AsyncSession, import_id: UUID, *, size_bytes: int, rows_estimated: int | None
) -> None:
    await session.execute(
        update(lead_imports)
        .where(lead_imports.c.id == import_id)
        .values(size_bytes=size_bytes, rows_estimated=rows_estimated)
    )


async def chunks_of(session: AsyncSession, import_id: UUID) -> AsyncIterator[bytes]:
    """The uploaded file in order, one chunk in memory at a time."""
    seq = 0
    while True:
        data = (
            await session.execute(
                select(lead_import_chunks.c.data).where(
                    lead_import_chunks.c.import_id == import_id, lead_import_chunks.c.seq == seq
                )
            )
        ).scalar()
        if data is None:
            return
        yield data
        seq += 1


def imports_visible_to(principal: Principal) -> ColumnElement[bool]:
    """The shared policy on the job's book, at the full level: its error report quotes the
    customers' names and phones."""
    return visible_to(
        principal,
        DataType.LEAD,
        tenant=lead_imports.c.tenant,
        owner_org=lead_imports.c.owner_org,
        need=SharingLevel.FULL,
    )


async def import_for(
    session: AsyncSession, import_id: UUID, visible: ColumnElement[bool]
) -> LeadImport | None:
    row = (
        (await session.execute(select(lead_imports).where(lead_imports.c.id == import_id, visible)))
        .mappings()
        .first()
    )
    return None if row is None else _import_of(row)


async def lock_pending_import(session: AsyncSession, import_id: UUID | None) -> LeadImport | None:
    """A queued or running job nobody is working on right now (that one, if named), locked for
    this transaction; a worker holding it mid-slice makes it invisible here (SKIP LOCKED). The
    lock leaves the key alone, so ``record_attempt`` may reference the job meanwhile."""
    query = select(lead_imports).where(lead_imports.c.status.in_(PENDING))
    if import_id is not None:
        query = query.where(lead_imports.c.id == import_id)
    row = (
        (
            await session.execute(
                query.order_by(lead_imports.c.created_at)
                .limit(1)
                .with_for_update(skip_locked=True, key_share=True)
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else _import_of(row)


async def record_attempt(session: AsyncSession, import_id: UUID, resume_row: int) -> int:
    """Count a slice starting at ``resume_row``; returns the attempts at that row so far, this
    one included (a job that has moved on starts again at 1)."""
    a = lead_import_attempts
    statement = (
        pg_insert(a)
        .values(import_id=import_id, resume_row=resume_row, attempts=1)
        .on_conflict_do_update(
            index_elements=[a.c.import_id],
            set_={
                "attempts": case(
                    (a.c.resume_row == resume_row, a.c.attempts + 1), else_=literal(1)
                ),
                "resume_row": resume_row,
            },
        )
        .returning(a.c.attempts)
    )
    return int((await session.execute(statement)).scalar_one())


async def forget_attempt(session: AsyncSession, import_id: UUID, resume_row: int) -> None:
    """The attempt ended in an error its worker survived: it is not a crash."""
    a = lead_import_attempts
    await session.execute(
        update(a)
        .where(a.c.import_id == import_id, a.c.resume_row == resume_row, a.c.attempts > 0)
        .values(attempts=a.c.attempts - 1)
    )


async def _clear_attempts(session: AsyncSession, import_id: UUID) -> None:
    await session.execute(
        delete(lead_import_attempts).where(lead_import_attempts.c.import_id == import_id)
    )


@dataclass(frozen=True, slots=True)
class StoredSlice:
    created: list[tuple[UUID, ImportRow]]
    """The leads this slice opened, with the row each came from."""
    attached: int


class LeadClosedMeanwhile(Exception):
    """A lead the slice attaches to was closed by a concurrent change: store the slice again."""


async def store_slice(
    session: AsyncSession,
    job: LeadImport,
    firsts: Sequence[ImportRow],
    repeats: Sequence[Repeat],
    *,
    pool_id: UUID,
    dedup_keys: Sequence[IdentifierKind],
    now: datetime,
) -> StoredSlice:
    """Customers, their identifiers, leads and history of one slice. ``firsts`` are of distinct
    customers and may open a lead; a first whose customer already has an open lead, and every
    repeat, attach to it."""
    book = Book(job.tenant, job.owner_org)
    customer_of = await customers_for(session, book, firsts, dedup_keys, now)
    await add_identifiers(
        session,
        book,
        [(customer_of[row.phone], row.identifiers) for row in firsts]
        + [(customer_of[r.first_phone], r.row.identifiers) for r in repeats],
    )
    new_ids = [uuid4() for _ in firsts]
    opened = await _open_leads(session, job, firsts, new_ids, customer_of, pool_id, now)
    created = [
        (lead_id, row) for lead_id, row in zip(new_ids, firsts, strict=True) if lead_id in opened
    ]
    attaching = [
        (customer_of[row.phone], row)
        for lead_id, row in zip(new_ids, firsts, strict=True)
        if lead_id not in opened
    ]
    attaching.extend((customer_of[r.first_phone], r.row) for r in repeats)
    lead_of = await _open_lead_of_customers(
        session, list({customer_id for customer_id, _ in attaching})
    )
    if any(customer_id not in lead_of for customer_id, _ in attaching):
        raise LeadClosedMeanwhile("a lead to attach to was closed meanwhile")
    history = [
        (lead_id, "created", f"imported (import {job.id}, row {row.row_number})")
        for lead_id, row in created
    ]
    history.extend(
        (
            lead_of[customer_id],
            "attached",
            f"submitted again via {row.source.value} (import {job.id}, row {row.row_number})",
        )
        for customer_id, row in attaching
    )
    await _add_history(session, job, history, now)
    await _audit_creation(session, job, [lead_id for lead_id, _ in created])
    return StoredSlice(created, len(attaching))


async def _open_leads(
    session: AsyncSession,
    job: LeadImport,
    rows: Sequence[ImportRow],
    ids: Sequence[UUID],
    customer_of: dict[str, UUID],
    pool_id: UUID,
    now: datetime,
) -> set[UUID]:
    """Insert the leads; a customer who already has an open lead (one-open-lead-per-customer)
    gets none. Returns the ids of the leads inserted."""
    if not rows:
        return set()
    inserted = await session.execute(
        text(
            """
            INSERT INTO leads (
                id, tenant, owner_org, customer_id, customer_name, phone, source,
                vehicle_interest, created_by, created_at, status, home_pool_id, pool_id
            )
            SELECT u.id, :tenant, :book, u.customer_id, u.name, u.phone, u.source,
                   u.vehicle_interest, :actor, :now, 'open', :pool, :pool
            FROM unnest(
                CAST(:ids AS uuid[]), CAST(:customer_ids AS uuid[]), CAST(:names AS text[]),
                CAST(:phones AS text[]), CAST(:sources AS text[]),
                CAST(:vehicle_interests AS text[])
            ) AS u(id, customer_id, name, phone, source, vehicle_interest)
            ON CONFLICT (customer_id) WHERE status IN ('open', 'loss_pending') DO NOTHING
            RETURNING id
            """
        ),
        {
            "tenant": job.tenant,
            "book": job.owner_org,
            "actor": job.created_by,
            "now": now,
            "pool": pool_id,
            "ids": list(ids),
            "customer_ids": [customer_of[row.phone] for row in rows],
            "names": [row.customer_name for row in rows],
            "phones": [row.phone for row in rows],
            "sources": [row.source.value for row in rows],
            "vehicle_interests": [row.vehicle_interest for row in rows],
        },
    )
    return set(inserted.scalars())


async def _open_lead_of_customers(
    session: AsyncSession, customer_ids: list[UUID]
) -> dict[UUID, UUID]:
    if not customer_ids:
        return {}
    found = await session.execute(
        text(
            """
            SELECT customer_id, id FROM leads
            WHERE customer_id = ANY(CAST(:customer_ids AS uuid[]))
              AND status IN ('open', 'loss_pending')
            """
        ),
        {"customer_ids": customer_ids},
    )
    return {customer_id: lead_id for customer_id, lead_id in found.all()}


async def _add_history(
    session: AsyncSession,
    job: LeadImport,
    entries: Sequence[tuple[UUID, str, str]],
    now: datetime,
) -> None:
    if not entries:
        return
    await session.execute(
        text(
            """
            INSERT INTO lead_history (lead_id, tenant, owner_org, kind, actor, reason, at)
            SELECT u.lead_id, :tenant, :book, u.kind, :actor, u.reason, :now
            FROM unnest(CAST(:lead_ids AS uuid[]), CAST(:kinds AS text[]), CAST(:reasons AS text[]))
                 AS u(lead_id, kind, reason)
            """
        ),
        {
            "tenant": job.tenant,
            "book": job.owner_org,
            "actor": job.created_by,
            "now": now,
            "lead_ids": [lead_id for lead_id, _, _ in entries],
            "kinds": [kind for _, kind, _ in entries],
            "reasons": [reason for _, _, reason in entries],
        },
    )


async def _audit_creation(session: AsyncSession, job: LeadImport, lead_ids: list[UUID]) -> None:
    """The personal-data audit of each lead created, as the single create writes it."""
    if not lead_ids:
        return
    await session.execute(
        text(
            """
            INSERT INTO personal_data_audit (
                tenant, owner_org, actor, actor_org, action, resource_type, resource_id,
                fields, level, endpoint
            )
            SELECT :tenant, :book, :actor, :actor_org, 'create', 'lead', CAST(u.id AS text),
                   ARRAY['customer_name', 'phone'], 'full', :endpoint
            FROM unnest(CAST(:lead_ids AS uuid[])) AS u(id)
            """
        ),
        {
            "tenant": job.tenant,
            "book": job.owner_org,
            "actor": job.created_by,
            "actor_org": job.created_by_org,
            "endpoint": f"POST /imports ({job.id})",
            "lead_ids": lead_ids,
        },
    )


async def add_errors(session: AsyncSession, import_id: UUID, errors: Sequence[RowError]) -> None:
    if not errors:
        return
    await session.execute(
        text(
            """
            INSERT INTO lead_import_errors (import_id, row_number, field, message, value)
            SELECT :import_id, u.row_number, u.field, u.message, u.value
            FROM unnest(
                CAST(:row_numbers AS integer[]), CAST(:fields AS text[]),
                CAST(:messages AS text[]), CAST(:raw_values AS text[])
            ) AS u(row_number, field, message, value)
            """
        ),
        {
            "import_id": import_id,
            "row_numbers": [e.row_number for e in errors],
            "fields": [e.field for e in errors],
            "messages": [e.message for e in errors],
            "raw_values": [e.value for e in errors],
        },
    )


@dataclass(frozen=True, slots=True)
class Progress:
    rows_read: int
    rows_created: int
    rows_attached: int
    rows_failed: int
    next_row: int


async def record_progress(
    session: AsyncSession,
    import_id: UUID,
    progress: Progress,
    *,
    status: ImportStatus,
    now: datetime,
    rows_estimated: int | None = None,
) -> None:
    """Counts grow by the slice's; ``next_row`` moves to where the next slice starts."""
    c = lead_imports.c
    values: dict[str, Any] = {
        "status": status.value,
        "rows_read": c.rows_read + progress.rows_read,
        "rows_created": c.rows_created + progress.rows_created,
        "rows_attached": c.rows_attached + progress.rows_attached,
        "rows_failed": c.rows_failed + progress.rows_failed,
        "next_row": progress.next_row,
        "updated_at": now,
        "rows_estimated": func.coalesce(rows_estimated, c.rows_estimated),
    }
    if status is ImportStatus.DONE:
        values["finished_at"] = now
    await session.execute(update(lead_imports).where(c.id == import_id).values(**values))
    await _clear_attempts(session, import_id)
    if status is ImportStatus.DONE:
        await _drop_chunks(session, import_id)


async def fail_import(session: AsyncSession, import_id: UUID, error: str, now: datetime) -> None:
    await session.execute(
        update(lead_imports)
        .where(lead_imports.c.id == import_id)
        .values(status=ImportStatus.FAILED.value, error=error, updated_at=now, finished_at=now)
    )
    await _clear_attempts(session, import_id)
    await _drop_chunks(session, import_id)


async def _drop_chunks(session: AsyncSession, import_id: UUID) -> None:
    """A finished job never reads its file again."""
    await session.execute(
        delete(lead_import_chunks).where(lead_import_chunks.c.import_id == import_id)
    )


async def errors_of(
    session: AsyncSession, import_id: UUID, *, after: int, limit: int
) -> list[ReportedRowError]:
    """A page of the error report in file order; ``after`` is the last ``id`` of the page
    before (keyset pagination: cheap on reports of hundreds of thousands of rows)."""
    e = lead_import_errors
    rows = await session.execute(
        select(e.c.id, e.c.row_number, e.c.field, e.c.message, e.c.value)
        .where(e.c.import_id == import_id, e.c.id > after)
        .order_by(e.c.id)
        .limit(limit)
    )
    return [ReportedRowError(*row) for row in rows]


def _import_of(row: RowMapping) -> LeadImport:
    values = dict(row)
    values["format"] = ImportFormat(values["format"])
    values["status"] = ImportStatus(values["status"])
    return LeadImport(**values)


async def assign_imported(
    session: AsyncSession,
    job: LeadImport,
    pool_id: UUID,
    assignments: Sequence[tuple[UUID, Candidate, LeadOrigin]],
    *,
    actor: str,
    reason: str,
    now: datetime,
) -> None:
    """Owners for freshly imported leads, as ``Lead.assign`` would set them one by one, with
    their history rows and the members' last assignment time — one statement each."""
    params = {
        "tenant": job.tenant,
        "book": job.owner_org,
        "actor": actor,
        "reason": reason,
        "now": now,
        "pool_id": pool_id,
        "lead_ids": [lead_id for lead_id, _, _ in assignments],
        "users": [c.user_id for _, c, _ in assignments],
        "teams": [c.org_node for _, c, _ in assignments],
        "origins": [origin.value for _, _, origin in assignments],
    }
    await session.execute(
        text(
            """
            UPDATE leads SET owner_user = u.user_id, owner_team = u.team, owned_since = :now,
                   ownership_origin = u.origin, pool_id = NULL, draw_until = NULL,
                   recycle_reminded_at = NULL
            FROM unnest(CAST(:lead_ids AS uuid[]), CAST(:users AS text[]), CAST(:teams AS text[]),
                        CAST(:origins AS text[]))
                 AS u(lead_id, user_id, team, origin)
            WHERE leads.id = u.lead_id
            """
        ),
        params,
    )
    await session.execute(
        text(
            """
            INSERT INTO lead_history
                (lead_id, tenant, owner_org, kind, actor, from_user, to_user, reason, at)
            SELECT u.lead_id, :tenant, :book, 'assigned', :actor, NULL, u.user_id, :reason, :now
            FROM unnest(CAST(:lead_ids AS uuid[]), CAST(:users AS text[])) AS u(lead_id, user_id)
            """
        ),
        params,
    )
    await session.execute(
        text(
            """
            UPDATE pool_members SET last_assigned_at = :now
            WHERE pool_id = :pool_id AND user_id = ANY(CAST(:users AS text[]))
            """
        ),
        params,
    )


async def route_imported(
    session: AsyncSession,
    job: LeadImport,
    routed: Sequence[tuple[UUID, UUID, UUID, str]],
    *,
    actor: str,
    now: datetime,
) -> None:
    """Imported leads placed by routing rules — (lead, pool, rule, rule's name) — as
    ``Lead.route`` places single ones: in the rule's pool, naming the rule, each with its
    ``routed`` history row; one statement each."""
    if not routed:
        return
    params = {
        "tenant": job.tenant,
        "book": job.owner_org,
        "actor": actor,
        "now": now,
        "lead_ids": [lead_id for lead_id, _, _, _ in routed],
        "pools": [pool_id for _, pool_id, _, _ in routed],
        "rules": [rule_id for _, _, rule_id, _ in routed],
        "names": [name for _, _, _, name in routed],
    }
    await session.execute(
        text(
            """
            UPDATE leads SET home_pool_id = u.pool_id, pool_id = u.pool_id,
                   routing_rule_id = u.rule_id
            FROM unnest(CAST(:lead_ids AS uuid[]), CAST(:pools AS uuid[]),
                        CAST(:rules AS uuid[])) AS u(lead_id, pool_id, rule_id)
            WHERE leads.id = u.lead_id
            """
        ),
        params,
    )
    await session.execute(
        text(
            """
            INSERT INTO lead_history
                (lead_id, tenant, owner_org, kind, actor, reason, rule, at)
            SELECT u.lead_id, :tenant, :book, 'routed', :actor, u.name,
                   'routing:' || u.rule_id::text, :now
            FROM unnest(CAST(:lead_ids AS uuid[]), CAST(:rules AS uuid[]), CAST(:names AS text[]))
                 AS u(lead_id, rule_id, name)
            """
        ),
        params,
    )
