"""lead activity facts: the kind of follow-up that changed a grade (LeadGraded version 2)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, no default: adding it rewrites nothing, and old writers leave it empty.
    op.add_column("lead_activity_facts", sa.Column("follow_up", sa.String(20)))


def downgrade() -> None:
    op.drop_column("lead_activity_facts", "follow_up")
