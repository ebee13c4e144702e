"""targets: cascading sales targets (consultant targets move in), collection facts, product
lines of models

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "targets",
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("org_node", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64)),
        sa.Column("product_line", sa.String(40), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("measure", sa.String(20), nullable=False),
        sa.Column("amount", sa.Numeric(14, 2), nullable=False),
        sa.Column("set_by", sa.String(64), nullable=False),
        sa.Column("set_at", STAMP, nullable=False),
        sa.UniqueConstraint(
            "tenant",
            "month",
            "measure",
            "product_line",
            "org_node",
            "user_id",
            name="uq_targets_position",
            postgresql_nulls_not_distinct=True,
        ),
    )
    # A consultant's units target becomes their leaf of the cascade, under their dealer.
    op.execute(
        "INSERT INTO targets (tenant, org_node, user_id, product_line, month, measure, amount,"
        " set_by, set_at)"
        " SELECT tenant, dealer_id, user_id, '*', month, 'units', units, set_by, set_at"
        " FROM consultant_targets"
    )
    op.drop_table("consultant_targets")
    op.create_table(
        "collection_facts",
        sa.Column("event_id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("dealer_id", sa.String(64), nullable=False),
        sa.Column("order_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("consultant", sa.String(64)),
        sa.Column("amount", sa.Numeric(14, 2), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("occurred_at", STAMP, nullable=False),
    )
    op.create_index(
        "ix_collection_facts_tenant_day_dealer", "collection_facts", ["tenant", "day", "dealer_id"]
    )
    op.create_index("ix_collection_facts_order", "collection_facts", ["order_id"])
    op.create_table(
        "model_product_lines",
        sa.Column("tenant", sa.String(64), primary_key=True),
        sa.Column("model_code", sa.String(40), primary_key=True),
        sa.Column("product_line", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("model_product_lines")
    op.drop_table("collection_facts")
    op.create_table(
        "consultant_targets",
        sa.Column("tenant", sa.String(64), primary_key=True),
        sa.Column("dealer_id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("units", sa.Integer, nullable=False),
        sa.Column("set_by", sa.String(64), nullable=False),
        sa.Column("set_at", STAMP, nullable=False),
    )
    # Back to one row per dealer and consultant: the leaf's node names its dealer.
    op.execute(
        "INSERT INTO consultant_targets (tenant, dealer_id, user_id, month, owner_org, units,"
        " set_by, set_at)"
        " SELECT t.tenant, d.dealer_id, t.user_id, t.month, d.dealer_id, t.amount::integer,"
        " t.set_by, t.set_at"
        " FROM targets t JOIN org_directory d ON d.tenant = t.tenant AND d.id = t.org_node"
        " WHERE t.user_id IS NOT NULL AND t.measure = 'units' AND t.product_line = '*'"
        " AND d.dealer_id IS NOT NULL AND t.amount > 0"
    )
    op.drop_table("targets")
