"""ticket facts: the customer a ticket was opened for (service visits in customer retention)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from crm_common.db.migration_ops import create_index_concurrently

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, no default: nothing rewritten. Tickets projected before carry no customer
    # (their TicketOpened events do: `python -m crm_kpi rebuild` fills them).
    op.add_column("ticket_facts", sa.Column("customer_id", postgresql.UUID(as_uuid=True)))
    create_index_concurrently(
        "ix_ticket_facts_service_visits",
        "ticket_facts",
        ["customer_id", "day"],
        where="activity = 'opened' AND kind = 'service_request' AND customer_id IS NOT NULL",
    )


def downgrade() -> None:
    op.drop_index("ix_ticket_facts_service_visits", table_name="ticket_facts")
    op.drop_column("ticket_facts", "customer_id")
