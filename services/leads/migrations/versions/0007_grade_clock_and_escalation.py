"""when a lead got its grade, when it was last escalated; locked customers indexed

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("leads", sa.Column("graded_at", sa.DateTime(timezone=True)))
    op.add_column("leads", sa.Column("escalated_at", sa.DateTime(timezone=True)))
    op.execute(
        "UPDATE leads SET graded_at = coalesce(last_follow_up_at, created_at)"
        " WHERE grade IS NOT NULL"
    )
    op.create_index(
        "ix_leads_grade_clock",
        "leads",
        ["home_pool_id", "grade", "graded_at"],
        postgresql_where=sa.text("status = 'open' AND owner_user IS NOT NULL"),
    )
    # The sweep skips locked customers: few rows, looked up per due lead.
    op.create_index("ix_customers_locked", "customers", ["id"], postgresql_where=sa.text("locked"))


def downgrade() -> None:
    op.drop_index("ix_customers_locked", table_name="customers")
    op.drop_index("ix_leads_grade_clock", table_name="leads")
    op.drop_column("leads", "escalated_at")
    op.drop_column("leads", "graded_at")
