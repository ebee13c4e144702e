"""Bulk import of leads (CSV, XLSX) on the shared import job (``crm_common.import_jobs``):
the upload becomes a job of the importer's book; the worker imports it slice by slice, each
slice one transaction with its leads, events, error rows and the job's progress, so a crash
resumes exactly after the last stored slice. Leads keeps only its rows: which column is
which, and the leads, customers and events a slice makes."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.contracts import new_event
from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.leads.v1 import LeadAssigned, LeadCreated
from crm_common.db import UnitOfWork
from crm_common.import_jobs import jobs
from crm_common.import_jobs.jobs import ImportNotFound as ImportNotFound
from crm_common.import_jobs.jobs import ImportTooLarge as ImportTooLarge
from crm_common.import_jobs.jobs import NewImport, ReportRead
from crm_common.import_jobs.model import ImportJob, StoredSlice
from crm_common.outbox.store import add_to_outbox
from crm_common.spreadsheet_rows import NumberedRow
from crm_leads.adapters import book_store, import_store, pool_store
from crm_leads.application import routing
from crm_leads.application.handlers import DEFAULT_BUSINESS_TZ, PERSONAL_FIELDS
from crm_leads.domain.assignment import Candidate, plan_assignments
from crm_leads.domain.lead import ROUTING_ACTOR
from crm_leads.domain.lead_import import (
    ATTACHED,
    CREATED,
    IMPORT_KIND,
    Columns,
    ImportFormat,
    ImportRow,
    LeadImport,
    ReportedRowError,
    Slice,
    check_upload_start,
    columns_of,
    first_per_customer,
    lead_import,
    read_slice,
)
from crm_leads.domain.origin import Acquisition, origin_of_ownership
from crm_leads.domain.pool_rules import AutoAssignment
from crm_leads.domain.routing import Arrival

MAX_IMPORT_BYTES = 256 << 20
SLICE_ROWS = 5_000


async def start_import(
    body: AsyncIterable[bytes],
    file_format: ImportFormat,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> LeadImport:
    """Store the uploaded file as a queued job of the importer's book. The job and its chunks
    commit together: an upload cut off midway leaves nothing behind."""
    async with uow:
        book = await book_store.book_of(uow.session, actor.tenant, actor.org_node)
    job = await jobs.start_import(
        uow,
        import_store.job_store,
        NewImport(
            tenant=actor.tenant,
            owner_org=book,
            created_by=actor.user_id,
            created_by_org=actor.org_node,
            kind=IMPORT_KIND,
            format=file_format.value,
            options={},
        ),
        body,
        check_start=lambda head, complete: check_upload_start(head, file_format, complete=complete),
        max_bytes=MAX_IMPORT_BYTES,
        now=now,
    )
    return lead_import(job)


async def import_of(
    import_id: UUID, actor: Principal, sessions: async_sessionmaker[AsyncSession]
) -> LeadImport:
    return lead_import(await jobs.import_of(sessions, import_store.job_store, actor, import_id))


async def import_errors(
    import_id: UUID,
    actor: Principal,
    uow: UnitOfWork,
    *,
    after: int,
    limit: int,
    via: str,
) -> list[ReportedRowError]:
    """A page of the per-row error report; it quotes the rejected cells, so reading it is
    recorded in the personal-data audit."""
    return await jobs.rejected_rows(
        uow,
        import_store.job_store,
        ReportRead(actor, via, PERSONAL_FIELDS),
        import_id,
        after=after,
        limit=limit,
    )


async def error_report(
    import_id: UUID,
    actor: Principal,
    sessions: async_sessionmaker[AsyncSession],
    *,
    via: str,
    page_size: int = 5_000,
) -> AsyncIterator[ReportedRowError]:
    """The whole error report in file order (for a download): checked and audited now, read
    page by page as the caller iterates."""
    return await jobs.error_report(
        sessions,
        import_store.job_store,
        ReportRead(actor, via, PERSONAL_FIELDS),
        import_id,
        page_size=page_size,
    )


@dataclass(frozen=True, slots=True)
class LeadRows:
    """Leads' part of an import (``crm_common.import_jobs.jobs.RowHandler``). Without
    ``id_number_key`` rows with an ID number are rejected. ``business_tz``: where the routing
    rules' hours of day are told."""

    id_number_key: bytes | None
    business_tz: ZoneInfo

    def columns_of(self, header: Sequence[str]) -> Columns:
        return columns_of(header)

    async def store(
        self,
        uow: UnitOfWork,
        job: ImportJob,
        columns: Columns,
        rows: Sequence[NumberedRow],
        now: datetime,
    ) -> StoredSlice:
        batch = read_slice(
            rows,
            columns,
            size=len(rows) + 1,
            next_row=job.next_row,
            id_number_key=self.id_number_key,
        )
        stored = await _store(uow, job, batch, now, self.business_tz)
        return StoredSlice(
            rows_read=batch.rows_read,
            rows_rejected=batch.rows_failed,
            errors=batch.errors,
            counts={CREATED: len(stored.created), ATTACHED: stored.attached},
        )


async def work_imports(
    sessions: async_sessionmaker[AsyncSession],
    *,
    clock: Callable[[], datetime],
    slice_rows: int = SLICE_ROWS,
    seconds: float = jobs.RUN_SECONDS,
    max_slices: int | None = None,
    id_number_key: bytes | None = None,
    business_tz: ZoneInfo = DEFAULT_BUSINESS_TZ,
) -> int:
    """Import queued and running jobs slice by slice until none is left, ``seconds`` have
    passed or ``max_slices`` are stored; returns the rows read (``jobs.work_imports``)."""
    return await jobs.work_imports(
        sessions,
        import_store.job_store,
        LeadRows(id_number_key, business_tz),
        clock=clock,
        slice_rows=slice_rows,
        seconds=seconds,
        max_slices=max_slices,
    )


async def _store(
    uow: UnitOfWork, job: ImportJob, batch: Slice, now: datetime, business_tz: ZoneInfo
) -> import_store.StoredLeads:
    session = uow.session
    settings = await book_store.book_settings(
        session, tenant=job.tenant, owner_org=job.owner_org, now=now
    )
    pool_id = settings.pool_id
    firsts, repeats = first_per_customer(batch.rows, settings.dedup_keys)
    stored = await import_store.store_slice(
        session,
        job,
        firsts,
        repeats,
        pool_id=pool_id,
        dedup_keys=settings.dedup_keys,
        now=now,
    )
    events: list[Envelope[Any]] = [
        new_event(
            LeadCreated(
                lead_id=lead_id,
                dealer_id=job.owner_org,
                source=row.source.value,
                created_at=now,
            ),
            tenant=job.tenant,
            owner_org=job.owner_org,
            actor=job.created_by,
        )
        for lead_id, row in stored.created
    ]
    local_time = now.astimezone(business_tz).time()
    placements = await routing.place_imported(
        session,
        tenant=job.tenant,
        book=job.owner_org,
        default_pool=pool_id,
        arrivals=[
            (lead_id, Arrival(row.source, None, None, row.vehicle_interest, local_time))
            for lead_id, row in stored.created
        ],
        now=now,
    )
    events.extend(await _route(session, job, stored.created, placements, now))
    waiting: dict[UUID, list[tuple[UUID, ImportRow]]] = {}
    for lead_id, row in stored.created:
        placement = placements.get(lead_id)
        if placement is None or placement.owner is None:
            waiting.setdefault(pool_id if placement is None else placement.pool_id, []).append(
                (lead_id, row)
            )
    for pool, created in waiting.items():
        events.extend(await _assign_on_arrival(session, job, pool, created, now))
    await add_to_outbox(session, events)
    return stored


async def _route(
    session: AsyncSession,
    job: ImportJob,
    created: list[tuple[UUID, ImportRow]],
    placements: dict[UUID, routing.Placement],
    now: datetime,
) -> list[Envelope[LeadAssigned]]:
    """Imported leads go through the book's ordered routing rules as single ones do: each
    placed lead into its rule's pool (naming the rule), and to the consultant the rule names or
    its strategy chose."""
    if not placements:
        return []
    await import_store.route_imported(
        session,
        job,
        [(lead_id, p.pool_id, p.rule.id, p.rule.name) for lead_id, p in placements.items()],
        actor=ROUTING_ACTOR,
        now=now,
    )
    by_rule: dict[tuple[UUID, UUID], list[tuple[UUID, ImportRow, Candidate]]] = {}
    names: dict[UUID, str] = {}
    for lead_id, row in created:
        placement = placements.get(lead_id)
        if placement is not None and placement.owner is not None:
            names[placement.rule.id] = placement.rule.name
            by_rule.setdefault((placement.rule.id, placement.pool_id), []).append(
                (lead_id, row, placement.owner)
            )
    events: list[Envelope[LeadAssigned]] = []
    for (rule_id, pool_id), owned in by_rule.items():
        events.extend(
            await _give(
                session, job, pool_id, owned, ROUTING_ACTOR, f"routing rule {names[rule_id]}", now
            )
        )
    return events


async def _assign_on_arrival(
    session: AsyncSession,
    job: ImportJob,
    pool_id: UUID,
    created: list[tuple[UUID, ImportRow]],
    now: datetime,
) -> list[Envelope[LeadAssigned]]:
    """A pool with an assignment strategy hands imported leads waiting in it straight to its
    members, as it does single ones (``handlers.auto_assign_in``)."""
    pool = await pool_store.pool(session, pool_id)
    if pool.auto_assignment is AutoAssignment.NONE or not created:
        return []
    plan = plan_assignments(
        pool.auto_assignment,
        await pool_store.pool_candidates(session, pool_id),
        pool.rules.claim.max_private_leads,
        len(created),
        now,
    )
    owned = [(lead_id, row, c) for (lead_id, row), c in zip(created, plan, strict=False)]
    actor = f"auto:{pool.auto_assignment.value}"
    return await _give(session, job, pool_id, owned, actor, pool.auto_assignment.value, now)


async def _give(
    session: AsyncSession,
    job: ImportJob,
    pool_id: UUID,
    owned: list[tuple[UUID, ImportRow, Candidate]],
    actor: str,
    reason: str,
    now: datetime,
) -> list[Envelope[LeadAssigned]]:
    """Owners for freshly imported leads of one pool, and their ``LeadAssigned`` events."""
    if not owned:
        return []
    await import_store.assign_imported(
        session,
        job,
        pool_id,
        [
            (
                lead_id,
                c,
                origin_of_ownership(
                    distributed=False, source=row.source.value, acquisition=Acquisition.ASSIGNED
                ),
            )
            for lead_id, row, c in owned
        ],
        actor=actor,
        reason=reason,
        now=now,
    )
    return [
        new_event(
            LeadAssigned(
                lead_id=lead_id,
                dealer_id=job.owner_org,
                at=now,
                owner_user=c.user_id,
                owner_team=c.org_node,
                previous_owner=None,
                assigned_by=actor,
                reason=reason,
            ),
            tenant=job.tenant,
            owner_org=job.owner_org,
            actor=actor,
        )
        for lead_id, _, c in owned
    ]
