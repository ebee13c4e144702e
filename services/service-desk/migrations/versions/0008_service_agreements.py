"""service agreements (maintenance packages, extended warranties) of vehicles and customers,
row-level security; where a repair partner has a ticket's job

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from crm_common.db.migration_ops import (
    create_index_concurrently,
    isolate_tenants,
    share_tenants,
)

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "service_agreements",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("vin", sa.String(length=17), nullable=True),
        sa.Column("customer_id", sa.UUID(), nullable=True),
        sa.Column("categories", sa.ARRAY(sa.String(length=60)), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("max_km", sa.Integer(), nullable=True),
        sa.Column("visits", sa.Integer(), nullable=True),
        sa.Column("visits_used", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_service_agreements_vin", "service_agreements", ["tenant", "vin"])
    op.create_index(
        "ix_service_agreements_customer", "service_agreements", ["tenant", "customer_id"]
    )
    isolate_tenants("service_agreements")
    op.add_column("tickets", sa.Column("partner_status", sa.String(length=12), nullable=True))
    create_index_concurrently(
        "ix_tickets_partner",
        "tickets",
        ["tenant", "partner_org", "opened_at"],
        where="partner_org IS NOT NULL",
    )


def downgrade() -> None:
    op.drop_index("ix_tickets_partner", table_name="tickets")
    op.drop_column("tickets", "partner_status")
    share_tenants("service_agreements")
    op.drop_table("service_agreements")
