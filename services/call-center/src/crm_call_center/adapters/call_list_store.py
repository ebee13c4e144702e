"""SQL of call lists imported in the background: the import job, its attempts (a worker that
died on a slice) and its rejected rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, case, insert, literal, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_call_center.adapters.tables import (
    call_list_import_attempts,
    call_list_import_errors,
    call_list_imports,
)
from crm_call_center.domain.call_lists import (
    CallListImport,
    ImportStatus,
    ReportedRowError,
    RowError,
)
from crm_call_center.domain.tasks import TaskKind
from crm_common.auth import Principal
from crm_common.policy import DataType, SharingLevel, visible_to

_COLUMNS = [f.name for f in fields(CallListImport)]
PENDING = [ImportStatus.QUEUED.value, ImportStatus.RUNNING.value]


def _import_of(row: Any) -> CallListImport:
    values = {name: row[name] for name in _COLUMNS}
    values["kind"] = TaskKind(values["kind"])
    values["status"] = ImportStatus(values["status"])
    return CallListImport(**values)


async def add_import(session: AsyncSession, job: CallListImport) -> None:
    values = {name: getattr(job, name) for name in _COLUMNS}
    values["kind"] = job.kind.value
    values["status"] = job.status.value
    await session.execute(insert(call_list_imports).values(**values))


def imports_visible_to(principal: Principal) -> ColumnElement[bool]:
    """The shared policy on the import's book, at the full level: its rejected rows quote the
    customers' names and phones."""
    return visible_to(
        principal,
        DataType.CALL,
        tenant=call_list_imports.c.tenant,
        owner_org=call_list_imports.c.owner_org,
        need=SharingLevel.FULL,
    )


async def import_for(
    session: AsyncSession, import_id: UUID, visible: ColumnElement[bool]
) -> CallListImport | None:
    row = (
        (
            await session.execute(
                select(call_list_imports).where(call_list_imports.c.id == import_id, visible)
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else _import_of(row)


async def lock_pending_import(
    session: AsyncSession, import_id: UUID | None
) -> CallListImport | None:
    """A queued or running import nobody works on right now (that one, if named), oldest
    first, locked for this transaction; one a worker holds mid-slice is skipped (SKIP LOCKED).
    The lock leaves the key alone, so ``record_attempt`` may reference the import meanwhile."""
    query = select(call_list_imports).where(call_list_imports.c.status.in_(PENDING))
    if import_id is not None:
        query = query.where(call_list_imports.c.id == import_id)
    row = (
        (
            await session.execute(
                query.order_by(call_list_imports.c.created_at)
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
    one included (an import that has moved on starts again at 1)."""
    a = call_list_import_attempts
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
    """The attempt ended in an error its worker survived: it is no crash."""
    a = call_list_import_attempts
    await session.execute(
        update(a)
        .where(a.c.import_id == import_id, a.c.resume_row == resume_row, a.c.attempts > 0)
        .values(attempts=a.c.attempts - 1)
    )


async def add_errors(
    session: AsyncSession, job: CallListImport, errors: Sequence[RowError]
) -> None:
    if not errors:
        return
    await session.execute(
        insert(call_list_import_errors),
        [
            {
                "tenant": job.tenant,
                "import_id": job.id,
                "row_number": e.row_number,
                "field": e.field,
                "message": e.message,
                "value": e.value,
            }
            for e in errors
        ],
    )


@dataclass(frozen=True, slots=True)
class Progress:
    """What one slice adds to the import's counts, and where the next one starts."""

    rows_read: int
    tasks_created: int
    waiting: int
    already_imported: int
    rows_rejected: int
    next_row: int


async def record_progress(
    session: AsyncSession,
    import_id: UUID,
    progress: Progress,
    *,
    status: ImportStatus,
    now: datetime,
    rows_estimated: int | None,
) -> None:
    i = call_list_imports
    values: dict[str, Any] = {
        "rows_read": i.c.rows_read + progress.rows_read,
        "tasks_created": i.c.tasks_created + progress.tasks_created,
        "waiting": i.c.waiting + progress.waiting,
        "already_imported": i.c.already_imported + progress.already_imported,
        "rows_rejected": i.c.rows_rejected + progress.rows_rejected,
        "next_row": progress.next_row,
        "status": status.value,
        "updated_at": now,
    }
    if rows_estimated is not None:
        values["rows_estimated"] = rows_estimated
    if status is ImportStatus.DONE:
        values["finished_at"] = now
    await session.execute(update(i).where(i.c.id == import_id).values(**values))


async def fail_import(session: AsyncSession, import_id: UUID, error: str, now: datetime) -> None:
    """The import stops with the reason; the rows stored before it stay."""
    i = call_list_imports
    await session.execute(
        update(i)
        .where(i.c.id == import_id)
        .values(status=ImportStatus.FAILED.value, error=error, updated_at=now, finished_at=now)
    )


async def errors_of(
    session: AsyncSession, import_id: UUID, *, after: int, limit: int
) -> list[ReportedRowError]:
    """A page of the rejected rows in file order (as stored), after the error ``after``."""
    e = call_list_import_errors
    rows = await session.execute(
        select(e.c.id, e.c.row_number, e.c.field, e.c.message, e.c.value)
        .where(e.c.import_id == import_id, e.c.id > after)
        .order_by(e.c.id)
        .limit(limit)
    )
    return [ReportedRowError(r.id, r.row_number, r.field, r.message, r.value) for r in rows]
