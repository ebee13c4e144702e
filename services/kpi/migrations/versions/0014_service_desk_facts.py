"""service-desk facts: tickets (opened, resolved on time or not, escalated) and answered
surveys (NPS, CSI), under row-level security

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from crm_common.db.migration_ops import isolate_tenants, share_tenants

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "survey_facts",
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("survey_response_id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("dealer_id", sa.String(length=64), nullable=False),
        sa.Column("trigger", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("nps", sa.Integer(), nullable=True),
        sa.Column("nps_point", sa.Integer(), nullable=False),
        sa.Column("nps_answered", sa.Integer(), nullable=False),
        sa.Column("csi", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("csi_answered", sa.Integer(), nullable=False),
        sa.Column("low_score", sa.Boolean(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index(
        "ix_survey_facts_book_day", "survey_facts", ["tenant", "owner_org", "day"], unique=False
    )
    op.create_table(
        "ticket_facts",
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("ticket_id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("dealer_id", sa.String(length=64), nullable=False),
        sa.Column("consultant", sa.String(length=64), nullable=True),
        sa.Column("activity", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=True),
        sa.Column("priority", sa.String(length=10), nullable=True),
        sa.Column("category", sa.String(length=60), nullable=True),
        sa.Column("targeted", sa.Boolean(), nullable=False),
        sa.Column("on_time", sa.Boolean(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index(
        "ix_ticket_facts_book_day", "ticket_facts", ["tenant", "owner_org", "day"], unique=False
    )
    isolate_tenants("ticket_facts", "survey_facts")


def downgrade() -> None:
    share_tenants("ticket_facts", "survey_facts")
    op.drop_table("ticket_facts")
    op.drop_table("survey_facts")
