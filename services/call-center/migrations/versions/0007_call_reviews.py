"""call reviews: QA scores and comments of recorded calls

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import isolate_tenants

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)


def upgrade() -> None:
    op.create_table(
        "call_reviews",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("call_id", UUID, sa.ForeignKey("calls.id"), nullable=False),
        sa.Column("agent_user", sa.String(64)),
        sa.Column("reviewer", sa.String(64), nullable=False),
        sa.Column("scores", postgresql.JSONB, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("comment", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("call_id", "reviewer", name="uq_call_reviews_reviewer"),
    )
    op.create_index("ix_call_reviews_agent", "call_reviews", ["tenant", "agent_user", "created_at"])
    isolate_tenants("call_reviews")
    op.create_table(
        "call_comments",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("call_id", UUID, sa.ForeignKey("calls.id"), nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("at_second", sa.Integer),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_call_comments_call", "call_comments", ["call_id", "created_at"])
    isolate_tenants("call_comments")


def downgrade() -> None:
    op.drop_table("call_comments")
    op.drop_table("call_reviews")
