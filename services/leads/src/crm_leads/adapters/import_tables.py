"""Tables of bulk lead imports: the job, the uploaded file in chunks, the per-row error report."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import UUID

from crm_leads.adapters.tables import metadata

PENDING_STATUSES = "status IN ('queued', 'running')"

lead_imports = Table(
    "lead_imports",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_by_org", String(64), nullable=False),
    Column("format", String(8), nullable=False),
    Column("status", String(10), nullable=False),
    Column("size_bytes", BigInteger, nullable=False),
    Column("rows_estimated", Integer),
    Column("rows_read", Integer, nullable=False, server_default=text("0")),
    Column("rows_created", Integer, nullable=False, server_default=text("0")),
    Column("rows_attached", Integer, nullable=False, server_default=text("0")),
    Column("rows_failed", Integer, nullable=False, server_default=text("0")),
    # The resume point: the file row the next slice starts at (the header is row 1).
    Column("next_row", Integer, nullable=False),
    Column("error", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Index("ix_lead_imports_pending", "created_at", postgresql_where=text(PENDING_STATUSES)),
    Index("ix_lead_imports_book", "tenant", "owner_org", "created_at"),
)

# The uploaded file in upload order, ~1 MiB each; deleted once the job has finished.
lead_import_chunks = Table(
    "lead_import_chunks",
    metadata,
    Column(
        "import_id",
        UUID(as_uuid=True),
        ForeignKey("lead_imports.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("seq", Integer, primary_key=True),
    Column("data", LargeBinary, nullable=False),
)

# Slices a worker started at the job's resume point and never reported back on, counted in a
# transaction of their own before reading: a file that kills its worker cannot be retried
# forever (see ``application.imports.MAX_WORKER_CRASHES``).
lead_import_attempts = Table(
    "lead_import_attempts",
    metadata,
    Column(
        "import_id",
        UUID(as_uuid=True),
        ForeignKey("lead_imports.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("resume_row", Integer, nullable=False),
    Column("attempts", Integer, nullable=False),
)

lead_import_errors = Table(
    "lead_import_errors",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column(
        "import_id",
        UUID(as_uuid=True),
        ForeignKey("lead_imports.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("row_number", Integer, nullable=False),
    Column("field", String(40), nullable=False),
    Column("message", Text, nullable=False),
    Column("value", Text, nullable=False),
    Index("ix_lead_import_errors_import", "import_id", "id"),
)
