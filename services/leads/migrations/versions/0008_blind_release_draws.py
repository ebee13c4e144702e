"""blind release: a just-released lead goes by lottery among those who ask for it

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("leads", sa.Column("draw_until", sa.DateTime(timezone=True)))
    op.create_index(
        "ix_leads_draw_until",
        "leads",
        ["draw_until"],
        postgresql_where=sa.text("draw_until IS NOT NULL"),
    )
    op.create_table(
        "draw_entries",
        sa.Column(
            "lead_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("leads.id"), primary_key=True
        ),
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("org_node", sa.String(64), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("draw_entries")
    op.drop_index("ix_leads_draw_until", table_name="leads")
    op.drop_column("leads", "draw_until")
