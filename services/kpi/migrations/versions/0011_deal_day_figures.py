"""deal outcomes per book, dealer and day, kept with the facts; cancellations indexed apart

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from crm_common.db.migration_ops import isolate_tenants, share_tenants

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "deal_day_figures",
        sa.Column("tenant", sa.String(64), primary_key=True),
        sa.Column("owner_org", sa.String(64), primary_key=True),
        sa.Column("dealer_id", sa.String(64), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("won_units", sa.Integer, nullable=False),
        sa.Column("revenue", sa.Numeric(16, 2), nullable=False),
        sa.Column("gross_margin", sa.Numeric(16, 2), nullable=False),
        sa.Column("lost", sa.Integer, nullable=False),
        sa.Column("delivered", sa.Integer, nullable=False),
    )
    isolate_tenants("deal_day_figures")
    # The facts projected so far; from here on the projection keeps the figures.
    op.execute(
        """
        INSERT INTO deal_day_figures
        SELECT tenant, owner_org, dealer_id, day,
               coalesce(sum(units) FILTER (WHERE outcome = 'won'), 0),
               coalesce(sum(revenue) FILTER (WHERE outcome = 'won'), 0),
               coalesce(sum(gross_margin) FILTER (WHERE outcome = 'won'), 0),
               count(*) FILTER (WHERE outcome = 'lost'),
               count(*) FILTER (WHERE outcome = 'delivered')
        FROM deal_facts
        WHERE outcome IN ('won', 'lost', 'delivered')
        GROUP BY tenant, owner_org, dealer_id, day
        """
    )
    op.create_index(
        "ix_deal_facts_book_cancelled",
        "deal_facts",
        ["tenant", "owner_org", "day"],
        postgresql_where=sa.text("outcome = 'cancelled'"),
    )


def downgrade() -> None:
    op.drop_index("ix_deal_facts_book_cancelled", "deal_facts")
    share_tenants("deal_day_figures")
    op.drop_table("deal_day_figures")
