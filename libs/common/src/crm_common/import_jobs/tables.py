"""The tables of import jobs, declared once and built in each importing service's own
database (``import_job_tables(metadata)`` in its ``adapters/tables.py``; its migration makes
them): the job, the uploaded file in chunks, the attempts at a slice, the rejected rows."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

PENDING_STATUSES = "status IN ('queued', 'running')"
EMPTY_OBJECT = text("'{}'::jsonb")


@dataclass(frozen=True, slots=True)
class ImportJobTables:
    jobs: Table
    chunks: Table
    attempts: Table
    errors: Table


def import_job_tables(metadata: MetaData) -> ImportJobTables:
    jobs = Table(
        "import_jobs",
        metadata,
        Column("id", UUID(as_uuid=True), primary_key=True),
        Column("tenant", String(64), nullable=False),
        Column("owner_org", String(64), nullable=False),
        Column("created_by", String(64), nullable=False),
        Column("created_by_org", String(64), nullable=False),
        Column("kind", String(30), nullable=False),
        Column("options", JSONB, nullable=False, server_default=EMPTY_OBJECT),
        Column("format", String(8), nullable=False),
        Column("status", String(10), nullable=False),
        Column("size_bytes", BigInteger, nullable=False),
        Column("rows_estimated", Integer),
        Column("rows_read", Integer, nullable=False, server_default=text("0")),
        Column("rows_rejected", Integer, nullable=False, server_default=text("0")),
        Column("counts", JSONB, nullable=False, server_default=EMPTY_OBJECT),
        # The resume point: the file row the next slice starts at (the header is row 1).
        Column("next_row", Integer, nullable=False),
        Column("error", Text),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Column("finished_at", DateTime(timezone=True)),
        Index("ix_import_jobs_pending", "created_at", postgresql_where=text(PENDING_STATUSES)),
        Index("ix_import_jobs_book", "tenant", "owner_org", "created_at"),
    )
    # The uploaded file in upload order, ~1 MiB each, committed with its job (an upload cut
    # off midway, or an api that dies before the commit, leaves neither); deleted once the
    # job has ended.
    chunks = Table(
        "import_job_chunks",
        metadata,
        Column(
            "import_id",
            UUID(as_uuid=True),
            ForeignKey("import_jobs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("seq", Integer, primary_key=True),
        Column("data", LargeBinary, nullable=False),
    )
    # Slices a worker started at the job's resume point and never reported back on, counted
    # in a transaction of their own before reading: a file that kills its worker cannot be
    # retried forever (``jobs.MAX_WORKER_CRASHES``).
    attempts = Table(
        "import_job_attempts",
        metadata,
        Column(
            "import_id",
            UUID(as_uuid=True),
            ForeignKey("import_jobs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("resume_row", Integer, nullable=False),
        Column("attempts", Integer, nullable=False),
    )
    # The rejected rows, each naming its row and field; they quote the uploaded cells.
    errors = Table(
        "import_job_errors",
        metadata,
        Column("id", BigInteger, primary_key=True, autoincrement=True),
        Column("tenant", String(64), nullable=False),
        Column(
            "import_id",
            UUID(as_uuid=True),
            ForeignKey("import_jobs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        Column("row_number", Integer, nullable=False),
        Column("field", String(40), nullable=False),
        Column("message", Text, nullable=False),
        Column("value", Text, nullable=False),
        Index("ix_import_job_errors_import", "import_id", "id"),
    )
    return ImportJobTables(jobs, chunks, attempts, errors)
