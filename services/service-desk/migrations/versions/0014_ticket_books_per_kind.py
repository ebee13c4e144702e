"""each book's complaints and its other tickets newest first (then by id), apart: the ticket
list walks each visibility branch (complaints, other kinds) book by book in the index's own
order and stops at a page

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

from crm_common.db.migration_ops import create_index_concurrently

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_index_concurrently(
        "ix_tickets_book_complaints",
        "tickets",
        ["tenant", "owner_org", "opened_at", "id"],
        where="kind = 'complaint'",
    )
    create_index_concurrently(
        "ix_tickets_book_others",
        "tickets",
        ["tenant", "owner_org", "opened_at", "id"],
        where="kind <> 'complaint'",
    )


def downgrade() -> None:
    op.drop_index("ix_tickets_book_others", table_name="tickets")
    op.drop_index("ix_tickets_book_complaints", table_name="tickets")
