"""Importing a call list (CSV or XLSX) in the background: the upload is kept in the file store
as an import the manager follows (status, counts, progress, rejected rows); the worker reads it
through the shared reader process (never parsed in the api or worker itself) a slice of rows
at a time, each slice one transaction with its tasks, rejected rows and the import's progress,
so a worker killed midway resumes after the last stored slice. The calls become tasks dealt out
by the queue of the manager's org node that takes the list's kind — or wait until one can,
like every rule-pushed call. A customer and date is one task however often the list is
imported, so a list fixed after its errors is simply imported again."""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import call_list_store
from crm_call_center.application.distribution import RuleCall, push_rule_calls
from crm_call_center.domain.call_lists import (
    CallListImport,
    ImportStatus,
    ListColumns,
    ReportedRowError,
    call_day,
    columns_of,
    listed_kind,
    read_list,
    rows_rejected,
    source_key,
)
from crm_call_center.domain.tasks import TaskKind, end_of
from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.observability.context import Trace, bound_trace
from crm_common.policy import DataType, SharingLevel
from crm_common.policy.audit import record_personal_data_access
from crm_common.spreadsheet_reader import (
    HEADER_ROW,
    UnreadableFile,
    estimated_rows,
    header_at_upload,
)
from crm_common.spreadsheet_rows import NumberedRow, SpreadsheetRows
from crm_common.storage import FileStore, FileTooLarge, StoredFileNotFound

log = logging.getLogger(__name__)

MAX_LIST_BYTES = 128 << 20
HEAD_BYTES = 1 << 20
"""What of an upload is looked at before it is kept: its format and a CSV's header row."""
SLICE_ROWS = 2_000
RUN_SECONDS = 20.0
"""A worker run stops taking slices after this, so a shutdown never waits long; the next run
resumes where it stopped."""
MAX_WORKER_CRASHES = 2
"""Slices started at one resume point that never came back (their worker died) before the
import is failed instead of taking the next worker down too."""
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
REJECTED_ROW_FIELDS = ("customer_name", "phone")
"""What the rejected rows quote of the customers (the personal-data audit's fields)."""


class CallListTooLarge(Exception):
    """The file is over ``MAX_LIST_BYTES`` (answered 413); nothing was kept."""


class CallListImportNotFound(LookupError):
    """No such import visible to the caller (answered 404, whether it exists or not)."""


@dataclass(frozen=True, slots=True)
class ImportCallList:
    file_format: str
    kind: TaskKind
    days_before: int
    """The call is due this many days before the listed date (a policy's expiry)."""


def file_key_of(tenant: str, import_id: UUID, file_format: str) -> str:
    # openpyxl reads a workbook by its name's ending.
    return f"call-lists/{tenant}/{import_id}.{file_format}"


async def _with_head(
    chunks: AsyncIterator[bytes], size: int
) -> tuple[bytes, bool, AsyncIterator[bytes]]:
    """The upload's first ``size`` bytes (or more), whether that is all of it, and the whole
    upload again as chunks."""
    head = bytearray()
    ended = False
    while len(head) < size:
        chunk = await anext(chunks, None)
        if chunk is None:
            ended = True
            break
        head += chunk
    first = bytes(head)

    async def whole() -> AsyncIterator[bytes]:
        yield first
        async for chunk in chunks:
            yield chunk

    return first, ended, whole()


class _LineCount:
    """Line breaks of the chunks passing through (a CSV's rows, estimated)."""

    def __init__(self) -> None:
        self.newlines = 0
        self.last_byte = b""

    async def through(self, chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
        async for chunk in chunks:
            if chunk:
                self.newlines += chunk.count(b"\n")
                self.last_byte = chunk[-1:]
            yield chunk


async def start_import(
    uow: UnitOfWork,
    store: FileStore,
    manager: Principal,
    chunks: AsyncIterator[bytes],
    command: ImportCallList,
    *,
    now: datetime,
) -> CallListImport:
    """Keep the uploaded list as an import of the manager's own book, queued for the worker.
    What can never be imported (a kind no list pushes, an empty body, the other format, a CSV
    header without a required column) is refused now; a workbook's header is read by the
    worker. The file is kept whole or not at all, and an import whose row fails to commit
    leaves no file behind."""
    listed_kind(command.kind)
    head, complete, body = await _with_head(chunks, HEAD_BYTES)
    header = header_at_upload(head, command.file_format, complete=complete)
    if header is not None:
        columns_of(header)
    import_id = uuid4()
    key = file_key_of(manager.tenant, import_id, command.file_format)
    lines = _LineCount()
    try:
        stored = await store.put(
            key,
            lines.through(body),
            max_bytes=MAX_LIST_BYTES,
            content_type=MEDIA_TYPES[command.file_format],
        )
    except FileTooLarge:
        raise CallListTooLarge(f"the file is over {MAX_LIST_BYTES >> 20} MiB") from None
    job = CallListImport(
        id=import_id,
        tenant=manager.tenant,
        owner_org=manager.org_node,
        created_by=manager.user_id,
        format=command.file_format,
        kind=command.kind,
        days_before=command.days_before,
        file_key=key,
        status=ImportStatus.QUEUED,
        size_bytes=stored.size,
        rows_estimated=(
            estimated_rows(lines.newlines, ends_with_newline=lines.last_byte == b"\n")
            if command.file_format == "csv"
            else None
        ),
        rows_read=0,
        tasks_created=0,
        waiting=0,
        already_imported=0,
        rows_rejected=0,
        next_row=HEADER_ROW + 1,
        error=None,
        created_at=now,
        updated_at=now,
        finished_at=None,
    )
    try:
        async with uow:
            await call_list_store.add_import(uow.session, job)
    except BaseException:
        await store.delete(key)
        raise
    return job


async def import_of(
    sessions: async_sessionmaker[AsyncSession], manager: Principal, import_id: UUID
) -> CallListImport:
    async with sessions() as session:
        job = await call_list_store.import_for(
            session, import_id, call_list_store.imports_visible_to(manager)
        )
    if job is None:
        raise CallListImportNotFound("call list import not found")
    return job


async def rejected_rows(
    uow: UnitOfWork,
    manager: Principal,
    import_id: UUID,
    *,
    after: int,
    limit: int,
    via: str,
) -> list[ReportedRowError]:
    """A page of the rejected rows, each naming its row and field; they quote the uploaded
    cells, so reading them is recorded in the personal-data audit."""
    async with uow:
        session = uow.session
        job = await call_list_store.import_for(
            session, import_id, call_list_store.imports_visible_to(manager)
        )
        if job is None:
            raise CallListImportNotFound("call list import not found")
        page = await call_list_store.errors_of(session, import_id, after=after, limit=limit)
        await record_personal_data_access(
            session,
            manager,
            action="read",
            resource_type=DataType.CALL,
            resource_id=str(import_id),
            owner_org=job.owner_org,
            fields=REJECTED_ROW_FIELDS,
            level=SharingLevel.FULL,
            endpoint=via,
        )
    return page


@dataclass
class _OpenFile:
    """An import's file as this worker reads it: fetched from the file store, positioned."""

    import_id: UUID
    folder: Path
    rows: SpreadsheetRows
    columns: ListColumns
    next_row: int

    def close(self) -> None:
        self.rows.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class _Reader:
    """The file this worker has open, reused slice after slice while it is where the import's
    resume point says; opened again when not (another worker took slices, or a slice rolled
    back)."""

    def __init__(self, store: FileStore) -> None:
        self.store = store
        self.file: _OpenFile | None = None

    @property
    def import_id(self) -> UUID | None:
        return None if self.file is None else self.file.import_id

    async def at_resume_point(self, job: CallListImport) -> _OpenFile:
        file = self.file
        if file is not None and file.import_id == job.id and file.next_row == job.next_row:
            return file
        self.close()
        self.file = await _open(self.store, job)
        return self.file

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


async def _open(store: FileStore, job: CallListImport) -> _OpenFile:
    """Fetch the import's file to a private folder, read its header and move to the resume
    point."""
    folder = Path(tempfile.mkdtemp(prefix="call-list-"))
    try:
        path = folder / f"list.{job.format}"
        with path.open("wb") as out:
            async for chunk in store.read(job.file_key):
                out.write(chunk)
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


def _header_and_skip(rows: SpreadsheetRows, next_row: int) -> ListColumns:
    header = next(rows, None)
    if header is None:
        raise InvalidInput("body", "the file has no header row")
    columns = columns_of(header[1])
    rows.skip_to(next_row)
    return columns


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
    """The import is over (done or failed): its file can go."""


async def work_call_lists(
    sessions: async_sessionmaker[AsyncSession],
    store: FileStore,
    *,
    clock: Callable[[], datetime],
    business_tz: ZoneInfo,
    slice_rows: int = SLICE_ROWS,
    seconds: float = RUN_SECONDS,
    max_slices: int | None = None,
) -> int:
    """Import queued and running call lists slice by slice until none is left, ``seconds``
    have passed or ``max_slices`` are stored; returns the rows read. Safe with several workers:
    each slice locks its import (SKIP LOCKED) and starts at its stored resume point."""
    deadline = time.monotonic() + seconds
    rows = slices = 0
    reader = _Reader(store)
    try:
        while time.monotonic() < deadline and (max_slices is None or slices < max_slices):
            wanted = reader.import_id
            async with UnitOfWork(sessions) as uow:
                job = await call_list_store.lock_pending_import(uow.session, wanted)
                sliced = (
                    None
                    if job is None
                    else await _attempt_slice(
                        uow, sessions, job, reader, clock(), slice_rows, business_tz
                    )
                )
            if job is None:
                reader.close()
                if wanted is None:
                    break
                continue  # another worker holds it right now, or it ended: take the next one
            assert sliced is not None
            rows += sliced.rows_read
            slices += 1
            if sliced.ended:
                reader.close()
                await _forget_file(store, job)
            elif reader.file is not None:
                reader.file.next_row = sliced.next_row
    finally:
        reader.close()
    return rows


async def _forget_file(store: FileStore, job: CallListImport) -> None:
    """The import is over: its file goes (one left behind by a store that failed is only
    space, never imported again)."""
    try:
        await store.delete(job.file_key)
    except OSError:
        log.warning("a finished call list's file stayed in the file store", exc_info=True)


async def _attempt_slice(
    uow: UnitOfWork,
    sessions: async_sessionmaker[AsyncSession],
    job: CallListImport,
    reader: _Reader,
    now: datetime,
    size: int,
    business_tz: ZoneInfo,
) -> _Sliced:
    """The next slice of ``job`` (locked in ``uow``), counted as an attempt first in a
    transaction of its own, so that it stays counted if this worker dies reading or storing
    it; an attempt that ends in an error this worker survives is taken back."""
    async with UnitOfWork(sessions) as attempt:
        attempts = await call_list_store.record_attempt(attempt.session, job.id, job.next_row)
    crashes = attempts - 1
    if crashes >= MAX_WORKER_CRASHES:
        reader.close()
        await call_list_store.fail_import(
            uow.session,
            job.id,
            f"the import stopped its worker {crashes} times at row {job.next_row} (out of "
            "memory or killed) and was abandoned; the rows before it are imported",
            now,
        )
        return _Sliced(0, job.next_row, ended=True)
    try:
        return await _import_slice(uow, job, reader, now, size, business_tz)
    except Exception:
        async with UnitOfWork(sessions) as attempt:
            await call_list_store.forget_attempt(attempt.session, job.id, job.next_row)
        raise


async def _import_slice(
    uow: UnitOfWork,
    job: CallListImport,
    reader: _Reader,
    now: datetime,
    size: int,
    business_tz: ZoneInfo,
) -> _Sliced:
    """One slice of ``job`` in the caller's transaction: its tasks (or calls waiting for a
    queue), rejected rows and the import's progress. A file that cannot be read on fails the
    import with the reason; the slices stored before stay."""
    session = uow.session
    try:
        file = await reader.at_resume_point(job)
        file.next_row = -1  # the reader moves on now; its position counts once the slice commits
        batch = await asyncio.to_thread(_read_batch, file.rows, size)
    except (UnreadableFile, InvalidInput, StoredFileNotFound) as exc:
        reader.close()
        reason = (
            "the uploaded file is gone from the file store"
            if isinstance(exc, StoredFileNotFound)
            else str(exc)
        )
        await call_list_store.fail_import(session, job.id, reason, now)
        return _Sliced(0, job.next_row, ended=True)
    read = read_list(batch.rows, file.columns)
    today = now.astimezone(business_tz).date()
    calls = [
        RuleCall(
            tenant=job.tenant,
            owner_org=job.owner_org,
            kind=job.kind,
            due_at=end_of(call_day(call, job.days_before, today), business_tz),
            customer_name=call.customer_name,
            phone=call.phone,
            rule=f"call_list:{job.kind.value}",
            reason=call.note,
            source_key=source_key(job.owner_org, job.kind, call),
        )
        for call in read.calls
    ]
    # Everything one import causes shares one trace: the import's.
    with bound_trace(Trace(trace_id=job.id.hex, correlation_id=str(job.id))):
        pushed = await push_rule_calls(uow, calls)
    await call_list_store.add_errors(session, job, read.errors)
    await call_list_store.record_progress(
        session,
        job.id,
        call_list_store.Progress(
            rows_read=read.rows_read,
            tasks_created=pushed.dealt,
            waiting=pushed.waiting_added,
            already_imported=read.repeats + len(calls) - pushed.dealt - pushed.waiting_added,
            rows_rejected=rows_rejected(read.errors),
            next_row=batch.next_row,
        ),
        status=ImportStatus.DONE if batch.finished else ImportStatus.RUNNING,
        now=now,
        rows_estimated=file.rows.rows_estimated if job.rows_estimated is None else None,
    )
    return _Sliced(read.rows_read, batch.next_row, ended=batch.finished)
