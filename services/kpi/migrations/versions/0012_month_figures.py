"""lead activities and deal outcomes per book and month, kept with the facts

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from crm_common.db.migration_ops import isolate_tenants, share_tenants

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIVITY_KEY = ["tenant", "owner_org", "activity", "month", "dealer_id", "consultant", "detail"]
DEAL_KEY = ["tenant", "owner_org", "outcome", "month", "dealer_id", "team", "consultant"]


def upgrade() -> None:
    op.create_table(
        "lead_activity_months",
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("dealer_id", sa.String(64), nullable=False),
        sa.Column("consultant", sa.String(64)),
        sa.Column("activity", sa.String(20), nullable=False),
        sa.Column("detail", sa.String(40)),
        sa.Column("n", sa.Integer, nullable=False),
    )
    op.create_table(
        "deal_months",
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("dealer_id", sa.String(64), nullable=False),
        sa.Column("team", sa.String(64)),
        sa.Column("consultant", sa.String(64)),
        sa.Column("outcome", sa.String(12), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("units", sa.Integer, nullable=False),
        sa.Column("revenue", sa.Numeric(16, 2), nullable=False),
        sa.Column("gross_margin", sa.Numeric(16, 2), nullable=False),
        sa.Column("msrp", sa.Numeric(16, 2), nullable=False),
    )
    isolate_tenants("lead_activity_months", "deal_months")
    # The facts projected so far; from here on the projections keep the figures.
    op.execute(
        """
        INSERT INTO lead_activity_months
        SELECT tenant, owner_org, date_trunc('month', day)::date, dealer_id, consultant,
               activity, detail, count(*)
        FROM lead_activity_facts
        GROUP BY 1, 2, 3, 4, 5, 6, 7
        """
    )
    op.execute(
        """
        INSERT INTO deal_months
        SELECT tenant, owner_org, date_trunc('month', day)::date, dealer_id, team, consultant,
               outcome, count(*), sum(units), sum(revenue), sum(gross_margin), sum(msrp)
        FROM deal_facts
        GROUP BY 1, 2, 3, 4, 5, 6, 7
        """
    )
    op.create_index(
        "ux_lead_activity_months_key",
        "lead_activity_months",
        ACTIVITY_KEY,
        unique=True,
        postgresql_nulls_not_distinct=True,
    )
    op.create_index(
        "ux_deal_months_key",
        "deal_months",
        DEAL_KEY,
        unique=True,
        postgresql_nulls_not_distinct=True,
    )


def downgrade() -> None:
    share_tenants("lead_activity_months", "deal_months")
    op.drop_table("deal_months")
    op.drop_table("lead_activity_months")
