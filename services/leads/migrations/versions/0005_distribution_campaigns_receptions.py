"""OEM distribution of leads, campaign web forms, showroom receptions, recycle reminders

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)


def upgrade() -> None:
    op.add_column("leads", sa.Column("origin_org", sa.String(64)))
    op.add_column("leads", sa.Column("distributed_at", sa.DateTime(timezone=True)))
    op.add_column("leads", sa.Column("work_by", sa.DateTime(timezone=True)))
    op.add_column("leads", sa.Column("region_hint", sa.String(64)))
    op.add_column("leads", sa.Column("recycle_reminded_at", sa.DateTime(timezone=True)))
    op.create_index(
        "ix_leads_distribution_sla",
        "leads",
        ["work_by"],
        postgresql_where=sa.text("work_by IS NOT NULL AND status = 'open'"),
    )
    op.create_index(
        "ix_leads_origin",
        "leads",
        ["tenant", "origin_org"],
        postgresql_where=sa.text("origin_org IS NOT NULL"),
    )
    op.create_table(
        "campaigns",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "receptions",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("lead_id", UUID, sa.ForeignKey("leads.id"), nullable=False),
        sa.Column("consultant", sa.String(64), nullable=False),
        sa.Column("visitors", sa.Integer, nullable=False),
        sa.Column("companions", sa.Text),
        sa.Column("interest", sa.Text),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("left_at", sa.DateTime(timezone=True)),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_receptions_book_day", "receptions", ["tenant", "owner_org", "arrived_at"])


def downgrade() -> None:
    op.drop_table("receptions")
    op.drop_table("campaigns")
    op.drop_index("ix_leads_origin", table_name="leads")
    op.drop_index("ix_leads_distribution_sla", table_name="leads")
    for name in ("recycle_reminded_at", "region_hint", "work_by", "distributed_at", "origin_org"):
        op.drop_column("leads", name)
