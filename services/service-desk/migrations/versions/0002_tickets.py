"""tickets: categories, SLA policies, calendars, escalation ladders, tickets and their entries,
watchers and history; the policy tables, the personal-data audit, staff; row-level security

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import (
    create_audit_log,
    create_policy_tables,
    drop_audit_log,
    drop_policy_tables,
    isolate_tenants,
    share_tenants,
)

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TENANT_TABLES = (
    "business_calendars",
    "escalation_ladders",
    "org_directory",
    "personal_data_audit",
    "sharing_levels",
    "sla_policies",
    "staff",
    "ticket_categories",
    "ticket_entries",
    "ticket_history",
    "ticket_watchers",
    "tickets",
)


def upgrade() -> None:
    create_policy_tables()
    create_audit_log()
    op.execute("CREATE SEQUENCE ticket_numbers")
    op.create_table(
        "business_calendars",
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("weekly", postgresql.JSONB(astext_type=Text()), nullable=False),
        sa.Column("holidays", postgresql.JSONB(astext_type=Text()), nullable=False),
        sa.Column("working_days", postgresql.JSONB(astext_type=Text()), nullable=False),
        sa.PrimaryKeyConstraint("tenant", "owner_org"),
    )
    op.create_table(
        "escalation_ladders",
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("steps", postgresql.JSONB(astext_type=Text()), nullable=False),
        sa.Column("team_lead", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("tenant", "owner_org"),
    )
    op.create_table(
        "staff",
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("org_node", sa.String(length=64), nullable=False),
        sa.Column("roles", sa.ARRAY(sa.String(length=40)), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_index("ix_staff_tenant_org", "staff", ["tenant", "org_node"], unique=False)
    op.create_table(
        "ticket_categories",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("parent_id", sa.UUID(), nullable=True),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("default_priority", sa.String(length=10), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["ticket_categories.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ux_ticket_categories_code",
        "ticket_categories",
        ["tenant", "owner_org", "code"],
        unique=True,
    )
    op.create_table(
        "sla_policies",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("category_id", sa.UUID(), nullable=True),
        sa.Column("priority", sa.String(length=10), nullable=True),
        sa.Column("first_response_minutes", sa.Integer(), nullable=True),
        sa.Column("resolution_minutes", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["ticket_categories.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ux_sla_policies_rule",
        "sla_policies",
        ["tenant", "owner_org", "category_id", "priority"],
        unique=True,
        postgresql_nulls_not_distinct=True,
    )
    op.create_table(
        "tickets",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("owner_user", sa.String(length=64), nullable=True),
        sa.Column("owner_team", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("category_id", sa.UUID(), nullable=True),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("waiting_for", sa.String(length=10), nullable=True),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("customer_id", sa.UUID(), nullable=True),
        sa.Column("customer_name", sa.String(length=200), nullable=True),
        sa.Column("customer_phone", sa.String(length=20), nullable=True),
        sa.Column("vin", sa.String(length=17), nullable=True),
        sa.Column("vehicle_model", sa.String(length=100), nullable=True),
        sa.Column("lead_id", sa.UUID(), nullable=True),
        sa.Column("opportunity_id", sa.UUID(), nullable=True),
        sa.Column("order_id", sa.UUID(), nullable=True),
        sa.Column("call_id", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paused_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused", sa.Interval(), nullable=False),
        sa.Column("first_response_target", sa.Interval(), nullable=True),
        sa.Column("resolution_target", sa.Interval(), nullable=True),
        sa.Column("first_responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("response_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolve_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("merged_into", sa.UUID(), nullable=True),
        sa.Column("raised_to_org", sa.String(length=64), nullable=True),
        sa.Column("escalation_steps", sa.ARRAY(sa.String(length=60)), nullable=False),
        sa.Column("next_escalation_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("appointment_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("appointment_minutes", sa.Integer(), nullable=True),
        sa.Column("appointment_place", sa.String(length=200), nullable=True),
        sa.Column("partner_org", sa.String(length=64), nullable=True),
        sa.Column("survey_response_id", sa.UUID(), nullable=True),
        sa.Column("responsible_user", sa.String(length=64), nullable=True),
        sa.Column("root_cause", sa.Text(), nullable=True),
        sa.Column("customer_confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("customer_satisfied", sa.Boolean(), nullable=True),
        sa.Column("search_grams", sa.ARRAY(sa.Text()), nullable=False),
        sa.Column(
            "search_text",
            sa.Text(),
            sa.Computed(
                "lower(subject || ' ' || description || ' ' || coalesce(customer_name, ''))"
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["ticket_categories.id"],
        ),
        sa.ForeignKeyConstraint(
            ["merged_into"],
            ["tickets.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    op.create_index(
        "ix_tickets_book_opened", "tickets", ["tenant", "owner_org", "opened_at"], unique=False
    )
    op.create_index("ix_tickets_customer", "tickets", ["tenant", "customer_id"], unique=False)
    op.create_index(
        "ix_tickets_next_escalation",
        "tickets",
        ["next_escalation_at"],
        unique=False,
        postgresql_where=sa.text("next_escalation_at IS NOT NULL"),
    )
    op.create_index(
        "ix_tickets_owner",
        "tickets",
        ["tenant", "owner_user"],
        unique=False,
        postgresql_where=sa.text("owner_user IS NOT NULL"),
    )
    op.create_index("ix_tickets_phone", "tickets", ["tenant", "customer_phone"], unique=False)
    op.create_index(
        "ix_tickets_raised_to",
        "tickets",
        ["tenant", "raised_to_org"],
        unique=False,
        postgresql_where=sa.text("raised_to_org IS NOT NULL"),
    )
    op.create_index("ix_tickets_vin", "tickets", ["tenant", "vin"], unique=False)
    op.create_table(
        "ticket_entries",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("ticket_id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("author_org", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ticket_entries_ticket", "ticket_entries", ["ticket_id", "id"], unique=False)
    op.create_table(
        "ticket_history",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("ticket_id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("rule", sa.String(length=60), nullable=True),
        sa.Column("detail", postgresql.JSONB(astext_type=Text()), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ticket_history_ticket", "ticket_history", ["ticket_id", "id"], unique=False)
    op.create_table(
        "ticket_watchers",
        sa.Column("ticket_id", sa.UUID(), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
        ),
        sa.PrimaryKeyConstraint("ticket_id", "user_id"),
    )
    op.create_index(
        "ix_ticket_watchers_user", "ticket_watchers", ["tenant", "user_id"], unique=False
    )
    op.create_index("ix_tickets_search_grams", "tickets", ["search_grams"], postgresql_using="gin")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index(
        "ix_tickets_search_text",
        "tickets",
        ["search_text"],
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    isolate_tenants(*TENANT_TABLES)


def downgrade() -> None:
    share_tenants(*TENANT_TABLES)
    for table in (
        "ticket_watchers",
        "ticket_history",
        "ticket_entries",
        "tickets",
        "sla_policies",
        "ticket_categories",
        "staff",
        "escalation_ladders",
        "business_calendars",
    ):
        op.drop_table(table)
    op.execute("DROP SEQUENCE ticket_numbers")
    drop_audit_log()
    drop_policy_tables()
