"""bulk lead imports: the job, its uploaded chunks, its per-row error report

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)
PENDING_STATUSES = "status IN ('queued', 'running')"


def upgrade() -> None:
    op.create_table(
        "lead_imports",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_by_org", sa.String(64), nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("size_bytes", sa.BigInteger, nullable=False),
        sa.Column("rows_estimated", sa.Integer),
        sa.Column("rows_read", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("rows_created", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("rows_attached", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("rows_failed", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("next_row", sa.Integer, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
    )
    op.create_index(
        "ix_lead_imports_pending",
        "lead_imports",
        ["created_at"],
        postgresql_where=sa.text(PENDING_STATUSES),
    )
    op.create_index("ix_lead_imports_book", "lead_imports", ["tenant", "owner_org", "created_at"])
    op.create_table(
        "lead_import_chunks",
        sa.Column(
            "import_id",
            UUID,
            sa.ForeignKey("lead_imports.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "lead_import_errors",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column(
            "import_id",
            UUID,
            sa.ForeignKey("lead_imports.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("row_number", sa.Integer, nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_index("ix_lead_import_errors_import", "lead_import_errors", ["import_id", "id"])


def downgrade() -> None:
    op.drop_table("lead_import_errors")
    op.drop_table("lead_import_chunks")
    op.drop_table("lead_imports")
