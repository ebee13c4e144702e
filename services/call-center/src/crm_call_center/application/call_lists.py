"""Importing a call list (CSV or XLSX) in the background on the shared import job
(``crm_common.import_jobs``): the upload is kept with an import the manager follows (status,
counts, progress, rejected rows); the worker reads it through the shared reader process a
slice of rows at a time, each slice one transaction with its tasks, rejected rows and the
import's progress, so a worker killed midway resumes after the last stored slice. The call
center keeps only its rows: the calls become tasks dealt out by the queue of the manager's org
node that takes the list's kind — or wait until one can, like every rule-pushed call. A
customer and date is one task however often the list is imported, so a list fixed after its
errors is simply imported again."""

from __future__ import annotations

from collections.abc import AsyncIterable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import call_list_store
from crm_call_center.application.distribution import RuleCall, push_rule_calls
from crm_call_center.domain.call_lists import (
    ALREADY_IMPORTED,
    DAYS_BEFORE,
    TASKS_CREATED,
    WAITING,
    CallListImport,
    ListColumns,
    ReportedRowError,
    call_day,
    call_list_import,
    columns_of,
    listed_kind,
    read_list,
    rows_rejected,
    source_key,
)
from crm_call_center.domain.tasks import TaskKind, end_of
from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.import_jobs import jobs
from crm_common.import_jobs.jobs import ImportNotFound, ImportTooLarge, NewImport, ReportRead
from crm_common.import_jobs.model import ImportJob, StoredSlice
from crm_common.spreadsheet_reader import header_at_upload
from crm_common.spreadsheet_rows import NumberedRow
from crm_common.storage import FileStore

MAX_LIST_BYTES = 128 << 20
SLICE_ROWS = 2_000
REJECTED_ROW_FIELDS = ("customer_name", "phone")
"""What the rejected rows quote of the customers (the personal-data audit's fields)."""
OLD_UPLOADS_FOLDER = "call-lists"
"""Where the file store kept call lists (``call-lists/<tenant>/<import>.<format>``) before an
import kept its file in the database with its job (migration 0015)."""


class CallListTooLarge(ImportTooLarge):
    """The file is over ``MAX_LIST_BYTES`` (answered 413); nothing was kept."""


class CallListImportNotFound(ImportNotFound):
    """No such import visible to the caller (answered 404, whether it exists or not)."""


@dataclass(frozen=True, slots=True)
class ImportCallList:
    file_format: str
    kind: TaskKind
    days_before: int
    """The call is due this many days before the listed date (a policy's expiry)."""


def _check_start(file_format: str) -> Callable[[bytes, bool], None]:
    def check(head: bytes, complete: bool) -> None:
        header = header_at_upload(head, file_format, complete=complete)
        if header is not None:
            columns_of(header)

    return check


async def start_import(
    uow: UnitOfWork,
    manager: Principal,
    body: AsyncIterable[bytes],
    command: ImportCallList,
    *,
    now: datetime,
) -> CallListImport:
    """Keep the uploaded list as an import of the manager's own book, queued for the worker.
    What can never be imported (a kind no list pushes, an empty body, the other format, a CSV
    header without a required column) is refused now; a workbook's header is read by the
    worker. The import and its file commit together or not at all."""
    listed_kind(command.kind)
    try:
        job = await jobs.start_import(
            uow,
            call_list_store.job_store,
            NewImport(
                tenant=manager.tenant,
                owner_org=manager.org_node,
                created_by=manager.user_id,
                created_by_org=manager.org_node,
                kind=command.kind.value,
                format=command.file_format,
                options={DAYS_BEFORE: command.days_before},
            ),
            body,
            check_start=_check_start(command.file_format),
            max_bytes=MAX_LIST_BYTES,
            now=now,
        )
    except ImportTooLarge as exc:
        raise CallListTooLarge(str(exc)) from None
    return call_list_import(job)


async def import_of(
    sessions: async_sessionmaker[AsyncSession], manager: Principal, import_id: UUID
) -> CallListImport:
    try:
        job = await jobs.import_of(sessions, call_list_store.job_store, manager, import_id)
    except ImportNotFound:
        raise CallListImportNotFound("call list import not found") from None
    return call_list_import(job)


async def imports_of(
    sessions: async_sessionmaker[AsyncSession], manager: Principal, *, limit: int, offset: int
) -> list[CallListImport]:
    """The call lists imported into the books the manager sees in full, newest first."""
    return [
        call_list_import(job)
        for job in await jobs.imports_of(
            sessions, call_list_store.job_store, manager, limit=limit, offset=offset
        )
    ]


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
    try:
        return await jobs.rejected_rows(
            uow,
            call_list_store.job_store,
            ReportRead(manager, via, REJECTED_ROW_FIELDS),
            import_id,
            after=after,
            limit=limit,
        )
    except ImportNotFound:
        raise CallListImportNotFound("call list import not found") from None


@dataclass(frozen=True, slots=True)
class CallListRows:
    """The call center's part of an import (``crm_common.import_jobs.jobs.RowHandler``):
    a slice's calls become tasks (or calls waiting for a queue). ``business_tz``: where a
    listed date's day ends."""

    business_tz: ZoneInfo

    def columns_of(self, header: Sequence[str]) -> ListColumns:
        return columns_of(header)

    async def store(
        self,
        uow: UnitOfWork,
        job: ImportJob,
        columns: ListColumns,
        rows: Sequence[NumberedRow],
        now: datetime,
    ) -> StoredSlice:
        read = read_list(rows, columns)
        kind = TaskKind(job.kind)
        days_before = int(job.options.get(DAYS_BEFORE, 0))
        today = now.astimezone(self.business_tz).date()
        calls = [
            RuleCall(
                tenant=job.tenant,
                owner_org=job.owner_org,
                kind=kind,
                due_at=end_of(call_day(call, days_before, today), self.business_tz),
                customer_name=call.customer_name,
                phone=call.phone,
                rule=f"call_list:{kind.value}",
                reason=call.note,
                source_key=source_key(job.owner_org, kind, call),
            )
            for call in read.calls
        ]
        pushed = await push_rule_calls(uow, calls)
        return StoredSlice(
            rows_read=read.rows_read,
            rows_rejected=rows_rejected(read.errors),
            errors=read.errors,
            counts={
                TASKS_CREATED: pushed.dealt,
                WAITING: pushed.waiting_added,
                ALREADY_IMPORTED: (read.repeats + len(calls) - pushed.dealt - pushed.waiting_added),
            },
        )


async def work_call_lists(
    sessions: async_sessionmaker[AsyncSession],
    *,
    clock: Callable[[], datetime],
    business_tz: ZoneInfo,
    slice_rows: int = SLICE_ROWS,
    seconds: float = jobs.RUN_SECONDS,
    max_slices: int | None = None,
) -> int:
    """Import queued and running call lists slice by slice until none is left, ``seconds``
    have passed or ``max_slices`` are stored; returns the rows read (``jobs.work_imports``)."""
    return await jobs.work_imports(
        sessions,
        call_list_store.job_store,
        CallListRows(business_tz),
        clock=clock,
        slice_rows=slice_rows,
        seconds=seconds,
        max_slices=max_slices,
    )


async def sweep_old_uploads(store: FileStore) -> int:
    """Removes the call lists left in the file store from before migration 0015: those of the
    imports the upgrade stopped (it could not reach the file store) and any an api left when
    it died between keeping the file and committing its import. Nothing reads them any more
    and nothing writes there now. Returns how many went."""
    removed = 0
    async for key in store.keys(OLD_UPLOADS_FOLDER):
        await store.delete(key)
        removed += 1
    return removed
