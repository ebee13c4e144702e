"""call tasks: phone tasks rules push to consultants and agents

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import isolate_tenants

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)


def upgrade() -> None:
    op.create_table(
        "call_tasks",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("assignee", sa.String(64), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("customer_name", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(40)),
        sa.Column("lead_id", UUID),
        sa.Column("customer_id", UUID),
        sa.Column("rule", sa.String(40)),
        sa.Column("source_key", sa.String(200)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("cleared_by_call", UUID),
        sa.Column("cleared_at", sa.DateTime(timezone=True)),
        sa.Column("cancel_reason", sa.Text),
        sa.Column("cancel_requested_at", sa.DateTime(timezone=True)),
        sa.Column("decided_by", sa.String(64)),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.Column("rejected", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("escalated_at", sa.DateTime(timezone=True)),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("tenant", "source_key", name="uq_call_tasks_source"),
    )
    op.create_index(
        "ix_call_tasks_assignee_due", "call_tasks", ["tenant", "assignee", "status", "due_at"]
    )
    op.create_index("ix_call_tasks_org_due", "call_tasks", ["tenant", "owner_org", "due_at"])
    op.create_index(
        "ix_call_tasks_lead",
        "call_tasks",
        ["lead_id"],
        postgresql_where=sa.text("lead_id IS NOT NULL"),
    )
    op.create_index(
        "ix_call_tasks_to_escalate",
        "call_tasks",
        ["due_at"],
        postgresql_where=sa.text("status = 'open' AND rejected AND escalated_at IS NULL"),
    )
    isolate_tenants("call_tasks")


def downgrade() -> None:
    op.drop_table("call_tasks")
