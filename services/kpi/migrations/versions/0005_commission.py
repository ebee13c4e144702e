"""commission: split credit of won deals, consultants' targets, plans, runs, statements, lines

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(14, 2)
ID = postgresql.UUID(as_uuid=True)
STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "deal_credits",
        sa.Column("event_id", ID, primary_key=True),
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("order_id", ID, nullable=False),
        sa.Column("team", sa.String(64)),
        sa.Column("share_percent", sa.Numeric(5, 2), nullable=False),
    )
    op.create_index("ix_deal_facts_tenant_dealer_day", "deal_facts", ["tenant", "dealer_id", "day"])
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
    op.create_table(
        "commission_plans",
        sa.Column("id", ID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("dealer_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.UniqueConstraint("tenant", "dealer_id", name="uq_commission_plans_dealer"),
    )
    op.create_table(
        "commission_plan_versions",
        sa.Column("plan_id", ID, sa.ForeignKey("commission_plans.id"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("effective_from", sa.Date, nullable=False),
        sa.Column("effective_to", sa.Date),
        sa.Column("rules", postgresql.JSONB, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
    )
    op.create_table(
        "commission_runs",
        sa.Column("id", ID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("dealer_id", sa.String(64), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("statements", sa.Integer, nullable=False),
        sa.Column("lines", sa.Integer, nullable=False),
        sa.Column("total", MONEY, nullable=False),
        sa.Column("run_by", sa.String(64), nullable=False),
        sa.Column("run_at", STAMP, nullable=False),
    )
    op.create_index(
        "ix_commission_runs_dealer_month", "commission_runs", ["tenant", "dealer_id", "month"]
    )
    op.create_table(
        "commission_statements",
        sa.Column("id", ID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("dealer_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("team", sa.String(64)),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("run_id", ID, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("units", sa.Numeric(10, 2), nullable=False),
        sa.Column("target_units", sa.Integer),
        sa.Column("attainment_percent", sa.Numeric(8, 2)),
        sa.Column("total", MONEY, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("lines", sa.Integer, nullable=False),
        sa.Column("computed_at", STAMP, nullable=False),
        sa.Column("acknowledged_by", sa.String(64)),
        sa.Column("acknowledged_at", STAMP),
        sa.Column("disputed_by", sa.String(64)),
        sa.Column("disputed_at", STAMP),
        sa.Column("dispute_note", sa.Text),
        sa.Column("approved_by", sa.String(64)),
        sa.Column("approved_at", STAMP),
        sa.Column("issued_by", sa.String(64)),
        sa.Column("issued_at", STAMP),
        sa.UniqueConstraint(
            "tenant", "dealer_id", "user_id", "month", name="uq_commission_statement"
        ),
    )
    op.create_index(
        "ix_commission_statements_month",
        "commission_statements",
        ["tenant", "month", "dealer_id"],
    )
    op.create_table(
        "commission_lines",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("statement_id", ID, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("order_id", ID, nullable=False),
        sa.Column("opportunity_id", ID, nullable=False),
        sa.Column("deal_day", sa.Date, nullable=False),
        sa.Column("plan_id", ID, nullable=False),
        sa.Column("plan_version", sa.Integer, nullable=False),
        sa.Column("rule", sa.String(80), nullable=False),
        sa.Column("basis", sa.Numeric(14, 2), nullable=False),
        sa.Column("rate", sa.Numeric(14, 4), nullable=False),
        sa.Column("origin_rate", sa.Numeric(8, 4), nullable=False),
        sa.Column("share_percent", sa.Numeric(5, 2), nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("clawback_of", ID),
    )
    op.create_index("ix_commission_lines_statement", "commission_lines", ["statement_id"])
    op.create_index("ix_commission_lines_order", "commission_lines", ["order_id"])


def downgrade() -> None:
    for table in (
        "commission_lines",
        "commission_statements",
        "commission_runs",
        "commission_plan_versions",
        "commission_plans",
        "consultant_targets",
        "deal_credits",
    ):
        op.drop_table(table)
    op.drop_index("ix_deal_facts_tenant_dealer_day", table_name="deal_facts")
