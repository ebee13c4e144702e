"""SQL of import jobs on a service's tables (``tables.import_job_tables``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import (
    ColumnElement,
    RowMapping,
    case,
    delete,
    insert,
    literal,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.import_jobs.model import (
    ImportJob,
    ImportStatus,
    ReportedRowError,
    RowError,
    StoredSlice,
    added_counts,
)
from crm_common.import_jobs.tables import PENDING_STATUSES, ImportJobTables
from crm_common.policy import DataType, SharingLevel, visible_to

_COLUMNS = [f.name for f in fields(ImportJob)]


class ImportJobStore:
    """The SQL of one service's import jobs."""

    def __init__(self, tables: ImportJobTables, data_type: DataType) -> None:
        self.tables = tables
        self.data_type = data_type
        """What the rows are, for the shared policy (leads, calls)."""

    def visible_to(self, principal: Principal) -> ColumnElement[bool]:
        """The shared policy on the job's book, at the full level: its rejected rows quote
        the customers' names and phones."""
        jobs = self.tables.jobs
        return visible_to(
            principal,
            self.data_type,
            tenant=jobs.c.tenant,
            owner_org=jobs.c.owner_org,
            need=SharingLevel.FULL,
        )

    async def add(self, session: AsyncSession, job: ImportJob) -> None:
        values = {name: getattr(job, name) for name in _COLUMNS}
        values["status"] = job.status.value
        values["options"] = dict(job.options)
        values["counts"] = dict(job.counts)
        await session.execute(insert(self.tables.jobs).values(**values))

    async def add_chunk(
        self, session: AsyncSession, import_id: UUID, seq: int, data: bytes
    ) -> None:
        await session.execute(
            insert(self.tables.chunks).values(import_id=import_id, seq=seq, data=data)
        )

    async def record_upload(
        self,
        session: AsyncSession,
        import_id: UUID,
        *,
        size_bytes: int,
        rows_estimated: int | None,
    ) -> None:
        jobs = self.tables.jobs
        await session.execute(
            update(jobs)
            .where(jobs.c.id == import_id)
            .values(size_bytes=size_bytes, rows_estimated=rows_estimated)
        )

    async def chunks_of(self, session: AsyncSession, import_id: UUID) -> AsyncIterator[bytes]:
        """The uploaded file in order, one chunk in memory at a time."""
        chunks = self.tables.chunks
        seq = 0
        while True:
            data = (
                await session.execute(
                    select(chunks.c.data).where(
                        chunks.c.import_id == import_id, chunks.c.seq == seq
                    )
                )
            ).scalar()
            if data is None:
                return
            yield data
            seq += 1

    async def job(
        self, session: AsyncSession, import_id: UUID, visible: ColumnElement[bool]
    ) -> ImportJob | None:
        jobs = self.tables.jobs
        row = (
            (await session.execute(select(jobs).where(jobs.c.id == import_id, visible)))
            .mappings()
            .first()
        )
        return None if row is None else _job_of(row)

    async def jobs(
        self, session: AsyncSession, visible: ColumnElement[bool], *, limit: int, offset: int
    ) -> list[ImportJob]:
        """Newest first."""
        jobs = self.tables.jobs
        rows = await session.execute(
            select(jobs)
            .where(visible)
            .order_by(jobs.c.created_at.desc(), jobs.c.id)
            .limit(limit)
            .offset(offset)
        )
        return [_job_of(row) for row in rows.mappings()]

    async def lock_pending(self, session: AsyncSession, import_id: UUID | None) -> ImportJob | None:
        """A queued or running job nobody works on right now (that one, if named), oldest
        first, locked for this transaction; one a worker holds mid-slice is skipped (SKIP
        LOCKED). The lock leaves the key alone, so ``record_attempt`` may reference the job
        meanwhile, and keeps every other writer off the job's counts until the slice ends."""
        jobs = self.tables.jobs
        # The partial index's own predicate, as text: bound values could not prove it under a
        # generic plan, and the worker's next-job query would scan every job ever imported.
        query = select(jobs).where(text(PENDING_STATUSES))
        if import_id is not None:
            query = query.where(jobs.c.id == import_id)
        row = (
            (
                await session.execute(
                    query.order_by(jobs.c.created_at)
                    .limit(1)
                    .with_for_update(skip_locked=True, key_share=True)
                )
            )
            .mappings()
            .first()
        )
        return None if row is None else _job_of(row)

    async def record_attempt(self, session: AsyncSession, import_id: UUID, resume_row: int) -> int:
        """Count a slice starting at ``resume_row``; returns the attempts at that row so far,
        this one included (a job that has moved on starts again at 1)."""
        a = self.tables.attempts
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

    async def forget_attempt(self, session: AsyncSession, import_id: UUID, resume_row: int) -> None:
        """The attempt ended in an error its worker survived: it is no crash."""
        a = self.tables.attempts
        await session.execute(
            update(a)
            .where(a.c.import_id == import_id, a.c.resume_row == resume_row, a.c.attempts > 0)
            .values(attempts=a.c.attempts - 1)
        )

    async def add_errors(
        self, session: AsyncSession, job: ImportJob, errors: Sequence[RowError]
    ) -> None:
        if not errors:
            return
        await session.execute(
            insert(self.tables.errors),
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

    async def record_progress(
        self,
        session: AsyncSession,
        job: ImportJob,
        stored: StoredSlice,
        *,
        next_row: int,
        status: ImportStatus,
        now: datetime,
        rows_estimated: int | None,
    ) -> None:
        """The slice's counts added to the job's (locked by this transaction since
        ``lock_pending``: no one else changes them meanwhile); ``next_row`` moves to where
        the next slice starts."""
        jobs = self.tables.jobs
        values: dict[str, Any] = {
            "rows_read": jobs.c.rows_read + stored.rows_read,
            "rows_rejected": jobs.c.rows_rejected + stored.rows_rejected,
            "counts": added_counts(job.counts, stored.counts),
            "next_row": next_row,
            "status": status.value,
            "updated_at": now,
        }
        if rows_estimated is not None:
            values["rows_estimated"] = rows_estimated
        if status is ImportStatus.DONE:
            values["finished_at"] = now
        await session.execute(update(jobs).where(jobs.c.id == job.id).values(**values))
        await self._clear_attempts(session, job.id)
        if status is ImportStatus.DONE:
            await self._drop_chunks(session, job.id)

    async def fail(self, session: AsyncSession, import_id: UUID, error: str, now: datetime) -> None:
        """The job stops with the reason; the rows stored before it stay."""
        jobs = self.tables.jobs
        await session.execute(
            update(jobs)
            .where(jobs.c.id == import_id)
            .values(status=ImportStatus.FAILED.value, error=error, updated_at=now, finished_at=now)
        )
        await self._clear_attempts(session, import_id)
        await self._drop_chunks(session, import_id)

    async def _clear_attempts(self, session: AsyncSession, import_id: UUID) -> None:
        a = self.tables.attempts
        await session.execute(delete(a).where(a.c.import_id == import_id))

    async def _drop_chunks(self, session: AsyncSession, import_id: UUID) -> None:
        """An ended job never reads its file again."""
        chunks = self.tables.chunks
        await session.execute(delete(chunks).where(chunks.c.import_id == import_id))

    async def errors_of(
        self, session: AsyncSession, import_id: UUID, *, after: int, limit: int
    ) -> list[ReportedRowError]:
        """A page of the rejected rows in file order (as stored), after the error ``after``."""
        e = self.tables.errors
        rows = await session.execute(
            select(e.c.id, e.c.row_number, e.c.field, e.c.message, e.c.value)
            .where(e.c.import_id == import_id, e.c.id > after)
            .order_by(e.c.id)
            .limit(limit)
        )
        return [ReportedRowError(*row) for row in rows]


def _job_of(row: RowMapping) -> ImportJob:
    values = {name: row[name] for name in _COLUMNS}
    values["status"] = ImportStatus(values["status"])
    return ImportJob(**values)
