"""follow-ups made from the call center's call records: the call they came from

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("follow_ups", sa.Column("call_id", postgresql.UUID(as_uuid=True)))
    op.create_index(
        "uq_follow_ups_call",
        "follow_ups",
        ["call_id"],
        unique=True,
        postgresql_where=sa.text("call_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_follow_ups_call", table_name="follow_ups")
    op.drop_column("follow_ups", "call_id")
