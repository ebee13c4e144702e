"""queues distribute call tasks (round robin or by skill); rule-pushed tasks no queue takes yet

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import isolate_tenants

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)


def upgrade() -> None:
    op.add_column(
        "queues",
        sa.Column("strategy", sa.String(20), nullable=False, server_default="round_robin"),
    )
    op.add_column(
        "queues",
        sa.Column("task_kinds", sa.ARRAY(sa.String(30)), nullable=False, server_default="{}"),
    )
    op.add_column("queues", sa.Column("last_assignee", sa.String(64)))
    op.add_column("queues", sa.Column("last_routed", sa.String(64)))
    op.create_index("ix_queues_org", "queues", ["tenant", "owner_org"])
    op.add_column("call_tasks", sa.Column("queue_id", UUID, sa.ForeignKey("queues.id")))
    op.add_column("call_tasks", sa.Column("reason", sa.Text))
    op.create_table(
        "waiting_call_tasks",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("customer_name", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(40)),
        sa.Column("lead_id", UUID),
        sa.Column("customer_id", UUID),
        sa.Column("rule", sa.String(40)),
        sa.Column("reason", sa.Text),
        sa.Column("source_key", sa.String(200), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("tenant", "source_key", name="uq_waiting_call_tasks_source"),
    )
    op.create_index(
        "ix_waiting_call_tasks_org", "waiting_call_tasks", ["tenant", "owner_org", "kind"]
    )
    isolate_tenants("waiting_call_tasks")


def downgrade() -> None:
    op.drop_table("waiting_call_tasks")
    op.drop_column("call_tasks", "reason")
    op.drop_column("call_tasks", "queue_id")
    op.drop_index("ix_queues_org", table_name="queues")
    op.drop_column("queues", "last_routed")
    op.drop_column("queues", "last_assignee")
    op.drop_column("queues", "task_kinds")
    op.drop_column("queues", "strategy")
