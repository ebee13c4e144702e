"""the parts of each hand-over of a leaver: a grading arriving after its final part makes the
callback task for the successor

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

from crm_common.db.migration_ops import isolate_tenants

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hand_overs",
        sa.Column("hand_over_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("part", sa.Integer(), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("consultant", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handed", JSONB(), nullable=False),
    )
    op.create_index(
        "ix_hand_overs_leaver", "hand_overs", ["tenant", "owner_org", "consultant", "at"]
    )
    isolate_tenants("hand_overs")


def downgrade() -> None:
    op.drop_table("hand_overs")
