"""system work across tenants only by the owner and the system role; the campaign form's lookup

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

from crm_common.db.migration_ops import (
    confine_system_work_to_its_roles,
    let_any_role_work_across_tenants,
)

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    confine_system_work_to_its_roles()
    # The campaign form's lookup: the public form names no tenant, its campaign's id and key
    # say which. The api's role may not act across tenants; this function, the owner's, finds
    # the one campaign whose key matches, and nothing else.
    op.execute(
        """
        CREATE FUNCTION campaign_form_book(form_campaign uuid, form_key_hash text)
        RETURNS TABLE (book_tenant text, book_org text)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
        DECLARE
            previous text := current_setting('crm.all_tenants', true);
        BEGIN
            -- The owner's system work for this one query (a function may not SET it itself).
            PERFORM set_config('crm.all_tenants', 'on', true);
            RETURN QUERY
                SELECT c.tenant::text, c.owner_org::text FROM public.campaigns c
                 WHERE c.id = form_campaign AND c.active AND c.key_hash = form_key_hash;
            PERFORM set_config('crm.all_tenants', coalesce(previous, 'off'), true);
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute("DROP FUNCTION campaign_form_book(uuid, text)")
    let_any_role_work_across_tenants()
