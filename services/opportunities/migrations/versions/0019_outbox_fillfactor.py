"""outbox: room on each page for a relay's lease (a HOT update)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from crm_common.db.migration_ops import fill_outbox_pages, leave_room_in_outbox_pages

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    leave_room_in_outbox_pages()


def downgrade() -> None:
    fill_outbox_pages()
