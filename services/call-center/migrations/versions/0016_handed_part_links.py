"""calls.handed_lead_id, calls.handed_customer_id: the lead and customer the screen pop of the
dealer's consultant a transfer rang found, for the part that consultant takes of the call

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("calls", sa.Column("handed_lead_id", postgresql.UUID(as_uuid=True)))
    op.add_column("calls", sa.Column("handed_customer_id", postgresql.UUID(as_uuid=True)))


def downgrade() -> None:
    op.drop_column("calls", "handed_customer_id")
    op.drop_column("calls", "handed_lead_id")
