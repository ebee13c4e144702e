"""a book's own grade schemes (versioned), its nurture list's owner, leads on the nurture list,
and the callbacks the sweep announced

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import (
    backfill_in_batches,
    create_index_concurrently,
    isolate_tenants,
)

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "grade_schemes",
        sa.Column("tenant", sa.String(64), primary_key=True),
        sa.Column("owner_org", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("grades", postgresql.JSONB(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
    )
    isolate_tenants("grade_schemes")
    op.add_column("pools", sa.Column("nurture_owner", sa.String(64)))
    op.add_column("leads", sa.Column("nurture_since", sa.DateTime(timezone=True)))
    op.add_column("leads", sa.Column("callback_announced_for", sa.DateTime(timezone=True)))
    # Callbacks already overdue are not announced as if new (a flood of call tasks and
    # notices): the sweep starts from those falling due after this release. Row-level security
    # hides every row from a session acting for no tenant: this one acts for all.
    op.execute("SELECT set_config('crm.all_tenants', 'on', false)")
    backfill_in_batches(
        """
        UPDATE leads SET callback_announced_for = next_follow_up_due
        WHERE id IN (
            SELECT id FROM leads
            WHERE status = 'open' AND owner_user IS NOT NULL
              AND next_follow_up_due <= now() AND callback_announced_for IS NULL
            LIMIT 10000
        )
        """
    )
    op.execute("SELECT set_config('crm.all_tenants', '', false)")
    create_index_concurrently(
        "ix_leads_callbacks_due",
        "leads",
        ["next_follow_up_due"],
        where="status = 'open' AND owner_user IS NOT NULL",
    )


def downgrade() -> None:
    op.drop_index("ix_leads_callbacks_due", table_name="leads")
    op.drop_column("leads", "callback_announced_for")
    op.drop_column("leads", "nurture_since")
    op.drop_column("pools", "nurture_owner")
    op.drop_table("grade_schemes")
