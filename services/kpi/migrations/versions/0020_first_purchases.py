"""deal facts: a win's buyer and whether it was their first purchase (the new-customer rate)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import create_index_concurrently

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, no default: nothing rewritten. Wins projected before carry no buyer (their
    # events do: `python -m crm_kpi rebuild` fills them).
    op.add_column("deal_facts", sa.Column("customer_id", postgresql.UUID(as_uuid=True)))
    op.add_column("deal_facts", sa.Column("first_purchase", sa.Boolean()))
    create_index_concurrently(
        "ix_deal_facts_buyer_wins",
        "deal_facts",
        ["customer_id", "occurred_at"],
        where="outcome = 'won' AND customer_id IS NOT NULL",
    )


def downgrade() -> None:
    op.drop_index("ix_deal_facts_buyer_wins", table_name="deal_facts")
    op.drop_column("deal_facts", "first_purchase")
    op.drop_column("deal_facts", "customer_id")
