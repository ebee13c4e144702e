"""Bulk import of leads (CSV, XLSX): the upload becomes a job; the worker imports it slice by
slice, each slice one transaction with its leads, events, error rows and the job's progress, so
a crash resumes exactly after the last stored slice."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.contracts import new_event
from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.leads.v1 import LeadAssigned, LeadCreated
from crm_common.db import UnitOfWork
from crm_common.observability.context import Trace, bound_trace
from crm_common.outbox.store import add_to_outbox
from crm_common.policy import DataType, SharingLevel
from crm_common.policy.audit import record_personal_data_access
from crm_common.spreadsheet_rows import SpreadsheetRows
from crm_leads.adapters import book_store, import_store, pool_store
from crm_leads.application import routing
from crm_leads.application.handlers import DEFAULT_BUSINESS_TZ, PERSONAL_FIELDS
from crm_leads.domain.assignment import Candidate, plan_assignments
from crm_leads.domain.lead import ROUTING_ACTOR
from crm_leads.domain.lead_import import (
    HEADER_ROW,
    MAX_DATA_ROWS,
    Columns,
    ImportFormat,
    ImportRow,
    ImportStatus,
    InvalidHeader,
    LeadImport,
    ReportedRowError,
    Slice,
    UnreadableFile,
    check_upload_start,
    columns_of,
    estimated_rows,
    first_per_customer,
    read_slice,
)
from crm_leads.domain.origin import Acquisition, origin_of_ownership
from crm_leads.domain.pool_rules import AutoAssignment
from crm_leads.domain.routing import Arrival

CHUNK_BYTES = 1 << 20
MAX_IMPORT_BYTES = 256 << 20
SLICE_ROWS = 5_000
RUN_SECONDS = 20.0
"""A worker run stops taking slices after this, so a shutdown never waits long; the next run
resumes where it stopped."""
MAX_WORKER_CRASHES = 2
"""Slices started at one resume point that never came back (their worker died: out of memory,
killed) before the job is failed instead of taking the next worker down too."""


class ImportNotFound(LookupError):
    """No such import visible to the caller (answered 404, whether it exists or not)."""


class ImportTooLarge(Exception):
    """The upload is over ``MAX_IMPORT_BYTES``, or a CSV over ``MAX_DATA_ROWS`` lines (answered
    413); nothing was stored."""


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
        session = uow.session
        book = await book_store.book_of(session, actor.tenant, actor.org_node)
        job = LeadImport(
            id=uuid4(),
            tenant=actor.tenant,
            owner_org=book,
            created_by=actor.user_id,
            created_by_org=actor.org_node,
            format=file_format,
            status=ImportStatus.QUEUED,
            size_bytes=0,
            rows_estimated=None,
            rows_read=0,
            rows_created=0,
            rows_attached=0,
            rows_failed=0,
            next_row=HEADER_ROW + 1,
            error=None,
            created_at=now,
            updated_at=now,
            finished_at=None,
        )
        await import_store.add_import(session, job)
        size = newlines = seq = 0
        last_byte = b""
        async for chunk, last in _chunks(body, CHUNK_BYTES):
            if seq == 0:
                check_upload_start(chunk, file_format, complete=last)
            size += len(chunk)
            if size > MAX_IMPORT_BYTES:
                raise ImportTooLarge(f"the file is over {MAX_IMPORT_BYTES >> 20} MiB")
            newlines += chunk.count(b"\n")
            last_byte = chunk[-1:]
            await import_store.add_chunk(session, job.id, seq, chunk)
            seq += 1
        if seq == 0:
            check_upload_start(b"", file_format, complete=True)
        estimate = (
            estimated_rows(newlines, ends_with_newline=last_byte == b"\n")
            if file_format is ImportFormat.CSV
            else None
        )
        if estimate is not None and estimate > MAX_DATA_ROWS:
            raise ImportTooLarge(
                f"the file has about {estimate:,} rows; an import reads at most {MAX_DATA_ROWS:,}"
            )
        await import_store.record_upload(session, job.id, size_bytes=size, rows_estimated=estimate)
    return replace(job, size_bytes=size, rows_estimated=estimate)


async def _chunks(body: AsyncIterable[bytes], size: int) -> AsyncIterator[tuple[bytes, bool]]:
    """The body re-cut into chunks of ``size`` bytes, each with whether it is the last."""
    buffer = bytearray()
    pending: bytes | None = None
    async for part in body:
        buffer += part
        while len(buffer) >= size:
            if pending is not None:
                yield pending, False
            pending = bytes(buffer[:size])
            del buffer[:size]
    if buffer:
        if pending is not None:
            yield pending, False
        pending = bytes(buffer)
    if pending is not None:
        yield pending, True


async def import_of(
    import_id: UUID, actor: Principal, sessions: async_sessionmaker[AsyncSession]
) -> LeadImport:
    async with sessions() as session:
        job = await import_store.import_for(
            session, import_id, import_store.imports_visible_to(actor)
        )
    if job is None:
        raise ImportNotFound("import not found")
    return job


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
    async with uow:
        job = await _visible_import(uow.session, import_id, actor)
        page = await import_store.errors_of(uow.session, import_id, after=after, limit=limit)
        await _audit_report_read(uow.session, job, actor, via)
    return page


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
    async with UnitOfWork(sessions) as uow:
        job = await _visible_import(uow.session, import_id, actor)
        await _audit_report_read(uow.session, job, actor, via)
    return _error_pages(sessions, import_id, page_size)


async def _error_pages(
    sessions: async_sessionmaker[AsyncSession], import_id: UUID, page_size: int
) -> AsyncIterator[ReportedRowError]:
    after = 0
    while True:
        async with sessions() as session:
            page = await import_store.errors_of(session, import_id, after=after, limit=page_size)
        for error in page:
            yield error
        if len(page) < page_size:
            return
        after = page[-1].id


async def _visible_import(session: AsyncSession, import_id: UUID, actor: Principal) -> LeadImport:
    job = await import_store.import_for(session, import_id, import_store.imports_visible_to(actor))
    if job is None:
        raise ImportNotFound("import not found")
    return job


async def _audit_report_read(
    session: AsyncSession, job: LeadImport, actor: Principal, via: str
) -> None:
    await record_personal_data_access(
        session,
        actor,
        action="read",
        resource_type=DataType.LEAD,
        resource_id=str(job.id),
        owner_org=job.owner_org,
        fields=PERSONAL_FIELDS,
        level=SharingLevel.FULL,
        endpoint=via,
    )


@dataclass
class _OpenFile:
    """A job's file as this worker reads it: downloaded from its chunks, positioned."""

    import_id: UUID
    folder: Path
    rows: SpreadsheetRows
    columns: Columns
    next_row: int

    def close(self) -> None:
        self.rows.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class _Reader:
    """The file this worker has open, reused slice after slice while it is where the job's
    resume point says; reopened when not (another worker took slices, or a slice rolled back)."""

    def __init__(self) -> None:
        self.file: _OpenFile | None = None

    @property
    def import_id(self) -> UUID | None:
        return None if self.file is None else self.file.import_id

    async def at_resume_point(self, session: AsyncSession, job: LeadImport) -> _OpenFile:
        file = self.file
        if file is not None and file.import_id == job.id and file.next_row == job.next_row:
            return file
        self.close()
        self.file = await _open(session, job)
        return self.file

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


async def work_imports(
    sessions: async_sessionmaker[AsyncSession],
    *,
    clock: Callable[[], datetime],
    slice_rows: int = SLICE_ROWS,
    seconds: float = RUN_SECONDS,
    max_slices: int | None = None,
    id_number_key: bytes | None = None,
    business_tz: ZoneInfo = DEFAULT_BUSINESS_TZ,
) -> int:
    """Import queued and running jobs slice by slice until none is left, ``seconds`` have
    passed or ``max_slices`` are stored; returns the rows read. Safe with several workers:
    each slice locks its job (SKIP LOCKED) and starts at the job's stored resume point.
    Without ``id_number_key`` rows with an ID number are rejected. ``business_tz``: where the
    routing rules' hours of day are told."""
    deadline = time.monotonic() + seconds
    rows = slices = 0
    reader = _Reader()
    try:
        while time.monotonic() < deadline and (max_slices is None or slices < max_slices):
            wanted = reader.import_id
            async with UnitOfWork(sessions) as uow:
                job = await import_store.lock_pending_import(uow.session, wanted)
                batch = (
                    None
                    if job is None
                    else await _attempt_slice(
                        uow,
                        sessions,
                        job,
                        reader,
                        clock(),
                        slice_rows,
                        id_number_key,
                        business_tz,
                    )
                )
            if job is None and wanted is None:
                break
            if batch is not None:
                rows += batch.rows_read
                slices += 1
            if batch is None or batch.finished or reader.file is None:
                # Done, failed, or another worker holds it right now: take the next job.
                reader.close()
                continue
            reader.file.next_row = batch.next_row
    finally:
        reader.close()
    return rows


async def _attempt_slice(
    uow: UnitOfWork,
    sessions: async_sessionmaker[AsyncSession],
    job: LeadImport,
    reader: _Reader,
    now: datetime,
    size: int,
    id_number_key: bytes | None,
    business_tz: ZoneInfo,
) -> Slice | None:
    """The next slice of ``job`` (locked in ``uow``), counted as an attempt first in a
    transaction of its own, so that it stays counted if this worker dies reading or storing it;
    an attempt that ends in an error this worker survives is taken back."""
    async with UnitOfWork(sessions) as attempt:
        attempts = await import_store.record_attempt(attempt.session, job.id, job.next_row)
    crashes = attempts - 1
    if crashes >= MAX_WORKER_CRASHES:
        reader.close()
        await import_store.fail_import(
            uow.session,
            job.id,
            f"the import stopped its worker {crashes} times at row {job.next_row} (out of memory "
            "or killed) and was abandoned; the rows before it are imported",
            now,
        )
        return None
    try:
        return await _import_slice(uow, job, reader, now, size, id_number_key, business_tz)
    except Exception:
        async with UnitOfWork(sessions) as attempt:
            await import_store.forget_attempt(attempt.session, job.id, job.next_row)
        raise


async def _import_slice(
    uow: UnitOfWork,
    job: LeadImport,
    reader: _Reader,
    now: datetime,
    size: int,
    id_number_key: bytes | None,
    business_tz: ZoneInfo,
) -> Slice | None:
    """One slice of ``job`` in the caller's transaction: its leads, customers, history,
    events, error rows and the job's progress. None when the job failed instead."""
    session = uow.session
    try:
        file = await reader.at_resume_point(session, job)
        file.next_row = -1  # the reader moves on now; its position counts once the slice commits
        batch = await asyncio.to_thread(
            read_slice,
            file.rows,
            file.columns,
            size=size,
            next_row=job.next_row,
            id_number_key=id_number_key,
        )
    except (InvalidHeader, UnreadableFile) as exc:
        await import_store.fail_import(session, job.id, str(exc), now)
        return None
    # Everything one import causes shares one trace: the import's.
    with bound_trace(Trace(trace_id=job.id.hex, correlation_id=str(job.id))):
        stored = await _store(uow, job, batch, now, business_tz)
    await import_store.record_progress(
        session,
        job.id,
        import_store.Progress(
            rows_read=batch.rows_read,
            rows_created=len(stored.created),
            rows_attached=stored.attached,
            rows_failed=batch.rows_failed,
            next_row=batch.next_row,
        ),
        status=ImportStatus.DONE if batch.finished else ImportStatus.RUNNING,
        now=now,
        rows_estimated=file.rows.rows_estimated if job.rows_estimated is None else None,
    )
    return batch


async def _store(
    uow: UnitOfWork, job: LeadImport, batch: Slice, now: datetime, business_tz: ZoneInfo
) -> import_store.StoredSlice:
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
    await import_store.add_errors(session, job.id, batch.errors)
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
    job: LeadImport,
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
    job: LeadImport,
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
    job: LeadImport,
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


async def _open(session: AsyncSession, job: LeadImport) -> _OpenFile:
    """Download the job's chunks to a private temporary file, read its header and move to the
    job's resume point."""
    folder = Path(tempfile.mkdtemp(prefix="lead-import-"))
    try:
        path = folder / f"upload.{job.format.value}"
        with path.open("wb") as file:
            async for chunk in import_store.chunks_of(session, job.id):
                file.write(chunk)
        rows = await asyncio.to_thread(SpreadsheetRows, path, job.format, start_row=job.next_row)
        try:
            columns = await asyncio.to_thread(_header_and_skip, rows, job.next_row)
        except BaseException:
            rows.close()
            raise
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return _OpenFile(job.id, folder, rows, columns, job.next_row)


def _header_and_skip(rows: SpreadsheetRows, next_row: int) -> Columns:
    header = next(iter(rows), None)
    if header is None:
        raise InvalidHeader("header", "the file has no header row")
    columns = columns_of(header[1])
    rows.skip_to(next_row)
    return columns
