"""The upload, the reads and the worker of import jobs.

The upload becomes a queued job: the job row and the file's chunks commit in one transaction,
so an upload cut off midway, or an api that dies before the commit, leaves neither a job nor
a file behind. The worker reads a job's file through the shared reader process
(``crm_common.spreadsheet_rows``: never parsed in the worker itself) a slice of rows at a
time; each slice is one transaction with what its rows made (the service's ``RowHandler``),
its rejected rows and the job's progress, so a worker killed midway resumes after the last
stored slice. A slice that killed its worker twice fails the job instead of the next worker."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar
from uuid import UUID, uuid4

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.import_jobs.model import ImportJob, ImportStatus, ReportedRowError, StoredSlice
from crm_common.import_jobs.store import ImportJobStore
from crm_common.observability.context import Trace, bound_trace
from crm_common.policy import SharingLevel
from crm_common.policy.audit import record_personal_data_access
from crm_common.spreadsheet_reader import (
    HEADER_ROW,
    MAX_DATA_ROWS,
    UnreadableFile,
    estimated_rows,
)
from crm_common.spreadsheet_rows import NumberedRow, SpreadsheetRows

CHUNK_BYTES = 1 << 20
"""What of an upload is stored per row, and looked at before anything is stored (its format
and a CSV's header row)."""
RUN_SECONDS = 20.0
"""A worker run stops taking slices after this, so a shutdown never waits long; the next run
resumes where it stopped."""
MAX_WORKER_CRASHES = 2
"""Slices started at one resume point that never came back (their worker died: out of memory,
killed) before the job is failed instead of taking the next worker down too."""
ROWS_LIMIT = MAX_DATA_ROWS
"""A CSV that seems to have more data rows than this is refused at upload."""


class ImportTooLarge(Exception):
    """The upload is over its limit in bytes, or a CSV over ``ROWS_LIMIT`` lines (answered
    413); nothing was stored."""


class ImportNotFound(LookupError):
    """No such import visible to the caller (answered 404, whether it exists or not)."""


@dataclass(frozen=True, slots=True)
class NewImport:
    """What the service decided of an upload: whose book, what its rows become."""

    tenant: str
    owner_org: str
    created_by: str
    created_by_org: str
    kind: str
    format: str
    options: Mapping[str, Any]


async def start_import(
    uow: UnitOfWork,
    store: ImportJobStore,
    new: NewImport,
    body: AsyncIterable[bytes],
    *,
    check_start: Callable[[bytes, bool], None],
    max_bytes: int,
    now: datetime,
) -> ImportJob:
    """Keep the uploaded file as a queued job. ``check_start(head, complete)`` refuses what
    can never be imported from the upload's first chunk (an empty body, the other format, a
    CSV header without a column the service needs); ``complete``: that chunk is the whole
    file. The job and its chunks commit together or not at all."""
    job = ImportJob(
        id=uuid4(),
        tenant=new.tenant,
        owner_org=new.owner_org,
        created_by=new.created_by,
        created_by_org=new.created_by_org,
        kind=new.kind,
        options=dict(new.options),
        format=new.format,
        status=ImportStatus.QUEUED,
        size_bytes=0,
        rows_estimated=None,
        rows_read=0,
        rows_rejected=0,
        counts={},
        next_row=HEADER_ROW + 1,
        error=None,
        created_at=now,
        updated_at=now,
        finished_at=None,
    )
    async with uow:
        session = uow.session
        await store.add(session, job)
        size = newlines = seq = 0
        last_byte = b""
        async for chunk, last in _chunks(body, CHUNK_BYTES):
            if seq == 0:
                check_start(chunk, last)
            size += len(chunk)
            if size > max_bytes:
                raise ImportTooLarge(f"the file is over {max_bytes >> 20} MiB")
            newlines += chunk.count(b"\n")
            last_byte = chunk[-1:]
            await store.add_chunk(session, job.id, seq, chunk)
            seq += 1
        if seq == 0:
            check_start(b"", True)
        estimate = (
            estimated_rows(newlines, ends_with_newline=last_byte == b"\n")
            if new.format == "csv"
            else None
        )
        if estimate is not None and estimate > ROWS_LIMIT:
            raise ImportTooLarge(
                f"the file has about {estimate:,} rows; an import reads at most {ROWS_LIMIT:,}"
            )
        await store.record_upload(session, job.id, size_bytes=size, rows_estimated=estimate)
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
    sessions: async_sessionmaker[AsyncSession],
    store: ImportJobStore,
    principal: Principal,
    import_id: UUID,
) -> ImportJob:
    async with sessions() as session:
        job = await store.job(session, import_id, store.visible_to(principal))
    if job is None:
        raise ImportNotFound("import not found")
    return job


async def imports_of(
    sessions: async_sessionmaker[AsyncSession],
    store: ImportJobStore,
    principal: Principal,
    *,
    limit: int,
    offset: int,
) -> list[ImportJob]:
    """The imports of the books the principal sees in full, newest first."""
    async with sessions() as session:
        return await store.jobs(session, store.visible_to(principal), limit=limit, offset=offset)


@dataclass(frozen=True, slots=True)
class ReportRead:
    """Reading a job's rejected rows, which quote the uploaded cells: who, through which
    endpoint, and which personal fields the personal-data audit names."""

    principal: Principal
    via: str
    fields: Sequence[str]


async def rejected_rows(
    uow: UnitOfWork,
    store: ImportJobStore,
    read: ReportRead,
    import_id: UUID,
    *,
    after: int,
    limit: int,
) -> list[ReportedRowError]:
    """A page of the rejected rows in file order, each naming its row and field; reading it
    is recorded in the personal-data audit."""
    async with uow:
        await _audited(uow.session, store, read, import_id)
        return await store.errors_of(uow.session, import_id, after=after, limit=limit)


async def error_report(
    sessions: async_sessionmaker[AsyncSession],
    store: ImportJobStore,
    read: ReportRead,
    import_id: UUID,
    *,
    page_size: int = 5_000,
) -> AsyncIterator[ReportedRowError]:
    """All the rejected rows in file order (for a download): checked and audited now, read
    page by page as the caller iterates."""
    async with UnitOfWork(sessions) as uow:
        await _audited(uow.session, store, read, import_id)
    return _error_pages(sessions, store, import_id, page_size)


async def _error_pages(
    sessions: async_sessionmaker[AsyncSession],
    store: ImportJobStore,
    import_id: UUID,
    page_size: int,
) -> AsyncIterator[ReportedRowError]:
    after = 0
    while True:
        async with sessions() as session:
            page = await store.errors_of(session, import_id, after=after, limit=page_size)
        for error in page:
            yield error
        if len(page) < page_size:
            return
        after = page[-1].id


async def _audited(
    session: AsyncSession, store: ImportJobStore, read: ReportRead, import_id: UUID
) -> ImportJob:
    job = await store.job(session, import_id, store.visible_to(read.principal))
    if job is None:
        raise ImportNotFound("import not found")
    await record_personal_data_access(
        session,
        read.principal,
        action="read",
        resource_type=store.data_type,
        resource_id=str(job.id),
        owner_org=job.owner_org,
        fields=read.fields,
        level=SharingLevel.FULL,
        endpoint=read.via,
    )
    return job


Columns = TypeVar("Columns")


class RowHandler(Protocol[Columns]):
    """A service's part of an import: which column is which, and what a slice of rows
    makes."""

    def columns_of(self, header: Sequence[str]) -> Columns:
        """From the header row; ``InvalidInput`` (naming what is missing) fails the job."""
        ...

    async def store(
        self,
        uow: UnitOfWork,
        job: ImportJob,
        columns: Columns,
        rows: Sequence[NumberedRow],
        now: datetime,
    ) -> StoredSlice:
        """What ``rows`` (blank ones included) make, in ``uow``'s transaction."""
        ...


@dataclass
class _OpenFile(Generic[Columns]):
    """A job's file as this worker reads it: fetched from its chunks, positioned."""

    import_id: UUID
    folder: Path
    rows: SpreadsheetRows
    columns: Columns
    next_row: int

    def close(self) -> None:
        self.rows.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class _Reader(Generic[Columns]):
    """The file this worker has open, reused slice after slice while it is where the job's
    resume point says; opened again when not (another worker took slices, or a slice rolled
    back)."""

    def __init__(self, store: ImportJobStore, handler: RowHandler[Columns]) -> None:
        self.store = store
        self.handler = handler
        self.file: _OpenFile[Columns] | None = None

    @property
    def import_id(self) -> UUID | None:
        return None if self.file is None else self.file.import_id

    async def at_resume_point(self, session: AsyncSession, job: ImportJob) -> _OpenFile[Columns]:
        file = self.file
        if file is not None and file.import_id == job.id and file.next_row == job.next_row:
            return file
        self.close()
        self.file = await self._open(session, job)
        return self.file

    async def _open(self, session: AsyncSession, job: ImportJob) -> _OpenFile[Columns]:
        """Fetch the job's chunks to a private folder, read its header and move to the resume
        point."""
        folder = Path(tempfile.mkdtemp(prefix="import-"))
        try:
            path = folder / f"upload.{job.format}"
            with path.open("wb") as out:
                async for chunk in self.store.chunks_of(session, job.id):
                    out.write(chunk)
            rows = await asyncio.to_thread(
                SpreadsheetRows, path, job.format, start_row=job.next_row
            )
            try:
                columns = await asyncio.to_thread(self._header_and_skip, rows, job.next_row)
            except BaseException:
                rows.close()
                raise
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return _OpenFile(job.id, folder, rows, columns, job.next_row)

    def _header_and_skip(self, rows: SpreadsheetRows, next_row: int) -> Columns:
        header = next(rows, None)
        if header is None:
            raise InvalidInput("header", "the file has no header row", location="body")
        columns = self.handler.columns_of(header[1])
        rows.skip_to(next_row)
        return columns

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


@dataclass(frozen=True, slots=True)
class _Batch:
    rows: list[NumberedRow]
    next_row: int
    finished: bool


def _read_batch(rows: SpreadsheetRows, size: int) -> _Batch:
    """The next ``size`` rows of the file (blank ones included), and whether it ended."""
    taken: list[NumberedRow] = []
    for row in rows:
        taken.append(row)
        if len(taken) >= size:
            return _Batch(taken, rows.next_row, finished=False)
    return _Batch(taken, rows.next_row, finished=True)


@dataclass(frozen=True, slots=True)
class _Sliced:
    rows_read: int
    next_row: int
    ended: bool
    """The job is over (done or failed)."""


async def work_imports(
    sessions: async_sessionmaker[AsyncSession],
    store: ImportJobStore,
    handler: RowHandler[Columns],
    *,
    clock: Callable[[], datetime],
    slice_rows: int,
    seconds: float = RUN_SECONDS,
    max_slices: int | None = None,
) -> int:
    """Import queued and running jobs slice by slice until none is left, ``seconds`` have
    passed or ``max_slices`` are stored; returns the rows read. Safe with several workers:
    each slice locks its job (SKIP LOCKED) and starts at the job's stored resume point."""
    deadline = time.monotonic() + seconds
    rows = slices = 0
    reader = _Reader(store, handler)
    try:
        while time.monotonic() < deadline and (max_slices is None or slices < max_slices):
            wanted = reader.import_id
            async with UnitOfWork(sessions) as uow:
                job = await store.lock_pending(uow.session, wanted)
                sliced = (
                    None
                    if job is None
                    else await _attempt_slice(
                        uow, sessions, store, job, reader, clock(), slice_rows
                    )
                )
            if sliced is None:
                reader.close()
                if wanted is None:
                    break
                continue  # another worker holds it right now, or it ended: take the next one
            rows += sliced.rows_read
            slices += 1
            if sliced.ended:
                reader.close()
            elif reader.file is not None:
                reader.file.next_row = sliced.next_row
    finally:
        reader.close()
    return rows


async def _attempt_slice(
    uow: UnitOfWork,
    sessions: async_sessionmaker[AsyncSession],
    store: ImportJobStore,
    job: ImportJob,
    reader: _Reader[Columns],
    now: datetime,
    size: int,
) -> _Sliced:
    """The next slice of ``job`` (locked in ``uow``), counted as an attempt first in a
    transaction of its own, so that it stays counted if this worker dies reading or storing
    it; an attempt that ends in an error this worker survives is taken back."""
    async with UnitOfWork(sessions) as attempt:
        attempts = await store.record_attempt(attempt.session, job.id, job.next_row)
    crashes = attempts - 1
    if crashes >= MAX_WORKER_CRASHES:
        reader.close()
        await store.fail(
            uow.session,
            job.id,
            f"the import stopped its worker {crashes} times at row {job.next_row} (out of "
            "memory or killed) and was abandoned; the rows before it are imported",
            now,
        )
        return _Sliced(0, job.next_row, ended=True)
    try:
        return await _import_slice(uow, store, job, reader, now, size)
    except Exception:
        async with UnitOfWork(sessions) as attempt:
            await store.forget_attempt(attempt.session, job.id, job.next_row)
        raise


async def _import_slice(
    uow: UnitOfWork,
    store: ImportJobStore,
    job: ImportJob,
    reader: _Reader[Columns],
    now: datetime,
    size: int,
) -> _Sliced:
    """One slice of ``job`` in the caller's transaction: what its rows make, its rejected
    rows and the job's progress. A file that cannot be read on fails the job with the
    reason; the slices stored before stay."""
    session = uow.session
    try:
        file = await reader.at_resume_point(session, job)
        file.next_row = -1  # the reader moves on now; its position counts once the slice commits
        batch = await asyncio.to_thread(_read_batch, file.rows, size)
    except (UnreadableFile, InvalidInput) as exc:
        reader.close()
        await store.fail(session, job.id, str(exc), now)
        return _Sliced(0, job.next_row, ended=True)
    # Everything one import causes shares one trace: the import's.
    with bound_trace(Trace(trace_id=job.id.hex, correlation_id=str(job.id))):
        stored = await reader.handler.store(uow, job, file.columns, batch.rows, now)
    await store.add_errors(session, job, stored.errors)
    await store.record_progress(
        session,
        job,
        stored,
        next_row=batch.next_row,
        status=ImportStatus.DONE if batch.finished else ImportStatus.RUNNING,
        now=now,
        rows_estimated=file.rows.rows_estimated if job.rows_estimated is None else None,
    )
    return _Sliced(stored.rows_read, batch.next_row, ended=batch.finished)
