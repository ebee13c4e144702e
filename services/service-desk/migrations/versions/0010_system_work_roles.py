"""system work across tenants only by the owner and the system role; the survey link's lookup

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

from crm_common.db.migration_ops import (
    confine_system_work_to_its_roles,
    let_any_role_work_across_tenants,
)

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    confine_system_work_to_its_roles()
    # The public survey form's lookup: a one-time link names no tenant, its token says which.
    # The api's role may not act across tenants; this function, the owner's, finds the tenant
    # of the one survey whose token digest matches, and nothing else.
    op.execute(
        """
        CREATE FUNCTION survey_link_tenant(link_digest bytea) RETURNS text
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
        DECLARE
            previous text := current_setting('crm.all_tenants', true);
            found text;
        BEGIN
            -- The owner's system work for this one query (a function may not SET it itself).
            PERFORM set_config('crm.all_tenants', 'on', true);
            SELECT r.tenant::text INTO found FROM public.survey_responses r
             WHERE r.token_digest = link_digest;
            PERFORM set_config('crm.all_tenants', coalesce(previous, 'off'), true);
            RETURN found;
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute("DROP FUNCTION survey_link_tenant(bytea)")
    let_any_role_work_across_tenants()
