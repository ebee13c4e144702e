"""call-center facts: calls (direction, connected, abandoned, talk and wait seconds, the hour)
and call tasks (created, cleared on time or not, cancellation asked, approved or rejected,
escalated), under row-level security

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from crm_common.db.migration_ops import isolate_tenants, share_tenants

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "call_facts",
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("call_id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("dealer_id", sa.String(length=64), nullable=False),
        sa.Column("consultant", sa.String(length=64), nullable=True),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("connected", sa.Boolean(), nullable=False),
        sa.Column("abandoned", sa.Boolean(), nullable=False),
        sa.Column("callback_requested", sa.Boolean(), nullable=False),
        sa.Column("from_task", sa.Boolean(), nullable=False),
        sa.Column("wait_seconds", sa.Integer(), nullable=False),
        sa.Column("talk_seconds", sa.Integer(), nullable=False),
        sa.Column("hold_seconds", sa.Integer(), nullable=False),
        sa.Column("hour", sa.SmallInteger(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index(
        "ix_call_facts_book_day", "call_facts", ["tenant", "owner_org", "day"], unique=False
    )
    op.create_table(
        "call_task_facts",
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("task_id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("dealer_id", sa.String(length=64), nullable=False),
        sa.Column("consultant", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("activity", sa.String(length=20), nullable=False),
        sa.Column("by_call", sa.Boolean(), nullable=False),
        sa.Column("on_time", sa.Boolean(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index(
        "ix_call_task_facts_book_day",
        "call_task_facts",
        ["tenant", "owner_org", "day"],
        unique=False,
    )
    isolate_tenants("call_facts", "call_task_facts")


def downgrade() -> None:
    share_tenants("call_facts", "call_task_facts")
    op.drop_table("call_task_facts")
    op.drop_table("call_facts")
