"""calls from the phone system's events, agents and queues; policy copies and audit log

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import (
    create_audit_log,
    create_policy_tables,
    drop_audit_log,
    drop_policy_tables,
    isolate_tenants,
)

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UUID = postgresql.UUID(as_uuid=True)
TENANT_TABLES = (
    "queues",
    "agents",
    "cti_events",
    "calls",
    "org_directory",
    "sharing_levels",
    "personal_data_audit",
)


def upgrade() -> None:
    create_policy_tables()
    create_audit_log()
    op.create_table(
        "queues",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("pbx_queue", sa.String(80), nullable=False),
        sa.Column("skills", sa.ARRAY(sa.String(40)), nullable=False, server_default="{}"),
        sa.Column("overflow_queue_id", UUID, sa.ForeignKey("queues.id")),
        sa.Column("overflow_after_seconds", sa.Integer),
        sa.Column("callback_after_seconds", sa.Integer),
        sa.Column(
            "service_level_seconds", sa.Integer, nullable=False, server_default=sa.text("20")
        ),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("tenant", "pbx_queue", name="uq_queues_pbx_queue"),
    )
    op.create_table(
        "agents",
        sa.Column("tenant", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("extension", sa.String(20), nullable=False),
        sa.Column("skills", sa.ARRAY(sa.String(40)), nullable=False, server_default="{}"),
        sa.Column("queue_ids", sa.ARRAY(UUID), nullable=False, server_default="{}"),
        sa.Column("state", sa.String(20), nullable=False, server_default="offline"),
        sa.Column(
            "state_since", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.text("true")),
        sa.UniqueConstraint("tenant", "extension", name="uq_agents_extension"),
    )
    op.create_table(
        "cti_events",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("source", sa.String(80), nullable=False),
        sa.Column("call_key", sa.String(120), nullable=False),
        sa.Column("fingerprint", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(120), nullable=False),
        sa.Column("details", postgresql.JSONB, nullable=False),
        sa.Column(
            "received_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("tenant", "source", "fingerprint", name="uq_cti_events_fingerprint"),
    )
    op.create_index("ix_cti_events_call", "cti_events", ["tenant", "source", "call_key"])
    op.create_table(
        "calls",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("source", sa.String(80), nullable=False),
        sa.Column("call_key", sa.String(120), nullable=False),
        sa.Column("direction", sa.String(10), nullable=False),
        sa.Column("customer_phone", sa.String(40), nullable=False),
        sa.Column("queue_id", UUID),
        sa.Column("agent_user", sa.String(64)),
        sa.Column("agent_extension", sa.String(20)),
        sa.Column("extensions", sa.ARRAY(sa.String(20)), nullable=False, server_default="{}"),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ring_at", sa.DateTime(timezone=True)),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.Column("wait_seconds", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("talk_seconds", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("hold_seconds", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("wrap_seconds", sa.Integer),
        sa.Column("connected", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("abandoned", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column(
            "callback_requested", sa.Boolean, nullable=False, server_default=sa.text("false")
        ),
        sa.Column("system_disposition", sa.String(20)),
        sa.Column("disposition", sa.String(40)),
        sa.Column("notes", sa.Text),
        sa.Column("disposition_by", sa.String(64)),
        sa.Column("disposition_at", sa.DateTime(timezone=True)),
        sa.Column("recording_file", sa.String(500)),
        sa.Column("transfers", postgresql.JSONB, nullable=False, server_default="[]"),
        sa.Column("customer_id", UUID),
        sa.Column("lead_id", UUID),
        sa.Column("opportunity_id", UUID),
        sa.Column("ticket_id", UUID),
        sa.Column("task_id", UUID),
        sa.Column("settles_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_published_at", sa.DateTime(timezone=True)),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("tenant", "source", "call_key", name="uq_calls_call_key"),
    )
    op.create_index("ix_calls_tenant_org_started", "calls", ["tenant", "owner_org", "started_at"])
    op.create_index("ix_calls_agent_started", "calls", ["tenant", "agent_user", "started_at"])
    op.create_index(
        "ix_calls_to_settle",
        "calls",
        ["settles_at"],
        postgresql_where=sa.text("ended_at IS NOT NULL AND completed_published_at IS NULL"),
    )
    isolate_tenants(*TENANT_TABLES)


def downgrade() -> None:
    for table in ("calls", "cti_events", "agents", "queues"):
        op.drop_table(table)
    drop_audit_log()
    drop_policy_tables()
