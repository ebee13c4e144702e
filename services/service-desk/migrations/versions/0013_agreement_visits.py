"""the visits a maintenance package's tickets used up, one per ticket, never more than the
package includes; row-level security

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from crm_common.db.migration_ops import isolate_tenants, share_tenants

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agreement_visits",
        sa.Column("ticket_id", sa.UUID(), nullable=False),
        sa.Column("agreement_id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("used_by", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["service_agreements.id"]),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"]),
        sa.PrimaryKeyConstraint("ticket_id"),
    )
    op.create_index("ix_agreement_visits_agreement", "agreement_visits", ["agreement_id"])
    isolate_tenants("agreement_visits")
    op.create_check_constraint(
        "ck_service_agreements_visits_left",
        "service_agreements",
        "visits IS NULL OR visits_used <= visits",
    )


def downgrade() -> None:
    op.drop_constraint("ck_service_agreements_visits_left", "service_agreements", type_="check")
    share_tenants("agreement_visits")
    op.drop_table("agreement_visits")
