"""commission_lines: keyed by statement (statement_id, id); order lookups within a statement

Two indexes instead of three on the table a run writes millions of rows to: the primary key
on (statement_id, id) serves a statement's lines in order and the run's DELETE of a dealer's
month; (statement_id, order_id) serves the clawback lookup, which now reaches the paid lines
through the statements of the cancelled deal's month. The index on order_id alone was
inserted into at random (order ids are random UUIDs).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint("commission_lines_pkey", "commission_lines", type_="primary")
    op.drop_index("ix_commission_lines_statement", table_name="commission_lines")
    op.drop_index("ix_commission_lines_order", table_name="commission_lines")
    op.create_primary_key("commission_lines_pkey", "commission_lines", ["statement_id", "id"])
    op.create_index(
        "ix_commission_lines_statement_order", "commission_lines", ["statement_id", "order_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_commission_lines_statement_order", table_name="commission_lines")
    op.drop_constraint("commission_lines_pkey", "commission_lines", type_="primary")
    op.create_primary_key("commission_lines_pkey", "commission_lines", ["id"])
    op.create_index("ix_commission_lines_statement", "commission_lines", ["statement_id"])
    op.create_index("ix_commission_lines_order", "commission_lines", ["order_id"])
