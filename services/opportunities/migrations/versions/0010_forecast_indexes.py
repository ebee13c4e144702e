"""the forecast's indexes: a book's open pipeline by expected close, its wins by closing time

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_opportunities_book_expected",
        "opportunities",
        ["tenant", "owner_org", "status", "expected_close_on"],
    )
    op.create_index(
        "ix_opportunities_book_closed",
        "opportunities",
        ["tenant", "owner_org", "status", "closed_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_opportunities_book_closed", "opportunities")
    op.drop_index("ix_opportunities_book_expected", "opportunities")
