"""kpi definitions: custom KPIs and who they are shared with

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAMES = postgresql.ARRAY(sa.String(64))


def upgrade() -> None:
    op.create_table(
        "kpi_definitions",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("owner_user", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("definition", postgresql.JSONB, nullable=False),
        sa.Column("shared_roles", NAMES, nullable=False),
        sa.Column("shared_nodes", NAMES, nullable=False),
        sa.Column("shared_users", NAMES, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_kpi_definitions_tenant", "kpi_definitions", ["tenant"])


def downgrade() -> None:
    op.drop_table("kpi_definitions")
