"""call_list_imports (with their attempts and rejected rows): call lists imported in the
background by the worker, slice by slice, resumable

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import isolate_tenants, share_tenants

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING_IMPORTS = "status IN ('queued', 'running')"


def upgrade() -> None:
    op.create_table(
        "call_list_imports",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("days_before", sa.Integer, nullable=False),
        sa.Column("file_key", sa.String(300), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("size_bytes", sa.BigInteger, nullable=False),
        sa.Column("rows_estimated", sa.Integer),
        sa.Column("rows_read", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("tasks_created", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("waiting", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("already_imported", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("rows_rejected", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("next_row", sa.Integer, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
    )
    op.create_index(
        "ix_call_list_imports_pending",
        "call_list_imports",
        ["created_at"],
        postgresql_where=sa.text(PENDING_IMPORTS),
    )
    op.create_index(
        "ix_call_list_imports_book", "call_list_imports", ["tenant", "owner_org", "created_at"]
    )
    op.create_table(
        "call_list_import_attempts",
        sa.Column(
            "import_id",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("call_list_imports.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("resume_row", sa.Integer, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
    )
    op.create_table(
        "call_list_import_errors",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column(
            "import_id",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("call_list_imports.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("row_number", sa.Integer, nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_index(
        "ix_call_list_import_errors_import", "call_list_import_errors", ["import_id", "id"]
    )
    isolate_tenants("call_list_imports", "call_list_import_errors")


def downgrade() -> None:
    share_tenants("call_list_imports", "call_list_import_errors")
    op.drop_table("call_list_import_errors")
    op.drop_table("call_list_import_attempts")
    op.drop_table("call_list_imports")
