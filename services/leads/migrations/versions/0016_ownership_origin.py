"""how each lead's ownership arose (its true origin), for commission

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from crm_common.db.migration_ops import backfill_in_batches

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("leads", sa.Column("ownership_origin", sa.String(20)))
    # Leads owned before origins were recorded, judged as crm_leads.domain.origin judges them
    # (Lead.current_origin): the OEM's and the campaigns' by who brought them, a lead its
    # creator has owned since it came in as self-sourced, any other as from the pool. Row-level
    # security hides every row from a session acting for no tenant: this one acts for all.
    op.execute("SELECT set_config('crm.all_tenants', 'on', false)")
    backfill_in_batches(
        """
        UPDATE leads SET ownership_origin = CASE
            WHEN origin_org IS NOT NULL OR source = 'oem_website' THEN 'oem'
            WHEN source IN ('campaign', 'campaign_form') THEN 'campaign'
            WHEN owner_user = created_by AND owned_since = created_at THEN 'self_sourced'
            ELSE 'pool' END
        WHERE id IN (
            SELECT id FROM leads
            WHERE owner_user IS NOT NULL AND ownership_origin IS NULL
              AND status IN ('open', 'loss_pending')
            LIMIT 10000
        )
        """
    )
    op.execute("SELECT set_config('crm.all_tenants', '', false)")


def downgrade() -> None:
    op.drop_column("leads", "ownership_origin")
