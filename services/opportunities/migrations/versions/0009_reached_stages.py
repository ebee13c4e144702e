"""opportunities remember every stage they reached (the funnel no longer reads the history);
index by book and creation

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "opportunities",
        sa.Column(
            "reached_stages",
            postgresql.ARRAY(sa.String(40)),
            nullable=False,
            server_default=sa.text("'{}'"),
        ),
    )
    # From the history: each stage once, in the order first reached.
    op.execute(
        """
        UPDATE opportunities o SET reached_stages = r.stages
        FROM (
            SELECT opportunity_id, array_agg(to_stage ORDER BY first_id) AS stages
            FROM (
                SELECT opportunity_id, to_stage, min(id) AS first_id
                FROM stage_history GROUP BY opportunity_id, to_stage
            ) firsts
            GROUP BY opportunity_id
        ) r
        WHERE r.opportunity_id = o.id
        """
    )
    op.create_index(
        "ix_opportunities_book_created", "opportunities", ["tenant", "owner_org", "created_at"]
    )
    op.drop_index("ix_stage_history_reached", "stage_history")


def downgrade() -> None:
    op.create_index("ix_stage_history_reached", "stage_history", ["opportunity_id", "to_stage"])
    op.drop_index("ix_opportunities_book_created", "opportunities")
    op.drop_column("opportunities", "reached_stages")
