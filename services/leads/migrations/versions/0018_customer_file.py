"""the customer's file: a timeline of the other services' events, their subjects' customers,
and the customers' vehicles

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import isolate_tenants

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "customer_timeline",
        sa.Column("event_id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("customer_id", postgresql.UUID(as_uuid=True)),
        sa.Column("subject_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("record_id", postgresql.UUID(as_uuid=True)),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("vin", sa.String(17)),
        sa.Column("model_code", sa.String(40)),
        sa.Column("details", postgresql.JSONB(), nullable=False),
    )
    op.create_index(
        "ix_customer_timeline_customer",
        "customer_timeline",
        ["customer_id", "at"],
        postgresql_where=sa.text("customer_id IS NOT NULL"),
    )
    op.create_index("ix_customer_timeline_subject", "customer_timeline", ["subject_id", "at"])
    op.create_table(
        "customer_links",
        sa.Column("subject_id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("customer_id", postgresql.UUID(as_uuid=True), nullable=False),
    )
    op.create_index("ix_customer_links_customer", "customer_links", ["customer_id"])
    op.create_table(
        "customer_vehicles",
        sa.Column("customer_id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("vin", sa.String(17), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("model_code", sa.String(40)),
        sa.Column("delivered_on", sa.Date()),
        sa.Column("plate", sa.String(10)),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_customer_vehicles_vin", "customer_vehicles", ["tenant", "vin"])
    op.create_index(
        "ix_customer_vehicles_plate",
        "customer_vehicles",
        ["tenant", "plate"],
        postgresql_where=sa.text("plate IS NOT NULL"),
    )
    isolate_tenants("customer_timeline", "customer_links", "customer_vehicles")


def downgrade() -> None:
    op.drop_table("customer_vehicles")
    op.drop_table("customer_links")
    op.drop_table("customer_timeline")
