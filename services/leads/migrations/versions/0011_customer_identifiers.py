"""customer identifiers besides the phone, and the keys each book deduplicates on

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "customer_identifiers",
        sa.Column("tenant", sa.String(64), primary_key=True),
        sa.Column("owner_org", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("value", sa.String(254), primary_key=True),
        sa.Column(
            "customer_id",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("customers.id"),
            nullable=False,
        ),
    )
    op.create_index("ix_customer_identifiers_customer", "customer_identifiers", ["customer_id"])
    # Default: phone only, so every existing book deduplicates exactly as before.
    op.add_column(
        "pools",
        sa.Column(
            "dedup_keys",
            postgresql.JSONB(),
            nullable=False,
            server_default=sa.text("'[]'::jsonb"),
        ),
    )


def downgrade() -> None:
    op.drop_column("pools", "dedup_keys")
    op.drop_table("customer_identifiers")
