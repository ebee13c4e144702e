"""Alembic operations for the shared tables, called from each service's first revision."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crm_common.db.tables import (
    AUDIT_ACTION_LENGTH,
    OUTBOX_FILLFACTOR,
    inbox,
    org_directory,
    outbox,
    personal_data_audit,
    sharing_levels,
)
from crm_common.db.tenancy import (
    ACROSS_TENANTS_PREDICATE,
    ISOLATION_PREDICATE,
    isolation_statements,
)


def create_messaging_tables() -> None:
    bind = op.get_bind()
    outbox.create(bind)
    inbox.create(bind)


def add_outbox_delivery_state() -> None:
    """The relay's retry, parking and lease columns (``crm_common.outbox.relay``). Databases
    created since they exist already have them: the first revision builds the current table."""
    for column in ("retry_at", "parked_at", "leased_until"):
        op.execute(f"ALTER TABLE outbox ADD COLUMN IF NOT EXISTS {column} timestamptz")
    op.execute("ALTER TABLE outbox ADD COLUMN IF NOT EXISTS leased_by uuid")


def drop_outbox_delivery_state() -> None:
    for column in ("retry_at", "parked_at", "leased_until", "leased_by"):
        op.execute(f"ALTER TABLE outbox DROP COLUMN {column}")


def leave_room_in_outbox_pages() -> None:
    """The outbox's pages filled to ``OUTBOX_FILLFACTOR`` (``crm_common.db.tables``), so that a
    relay's lease stays on the row's page. Applies to pages written from now on; the table
    is not rewritten (the relay purges published rows after a day)."""
    op.execute(f"ALTER TABLE outbox SET (fillfactor = {OUTBOX_FILLFACTOR})")


def fill_outbox_pages() -> None:
    op.execute("ALTER TABLE outbox RESET (fillfactor)")


def create_index_concurrently(
    name: str, table: str, columns: list[str], *, where: str | None = None, unique: bool = False
) -> None:
    """An index on a table that may be large: built without blocking writes (old instances keep
    writing during a rolling deploy), outside the revision's transaction, and skipped when a
    previous attempt already built it."""
    with op.get_context().autocommit_block():
        op.create_index(
            name,
            table,
            columns,
            unique=unique,
            postgresql_concurrently=True,
            postgresql_where=sa.text(where) if where else None,
            if_not_exists=True,
        )


def backfill_in_batches(update_batch: str, **parameters: object) -> int:
    """Run ``update_batch`` (an UPDATE of at most a batch of rows still to fill, e.g. ``...
    WHERE id IN (SELECT id FROM t WHERE c IS NULL LIMIT 10000)``) until it changes nothing,
    each batch in its own transaction, so no lock is held on the whole table and old
    instances writing meanwhile wait for one batch at most. Returns the rows filled."""
    filled = 0
    with op.get_context().autocommit_block():
        bind = op.get_bind()
        while True:
            changed = bind.execute(sa.text(update_batch), parameters).rowcount
            if not changed:
                return filled
            filled += changed


def create_policy_tables() -> None:
    """The service's copies of the org tree and of the sharing agreements."""
    org_directory.create(op.get_bind())
    sharing_levels.create(op.get_bind())


def drop_policy_tables() -> None:
    sharing_levels.drop(op.get_bind())
    org_directory.drop(op.get_bind())


def create_audit_log() -> None:
    personal_data_audit.create(op.get_bind())
    op.execute(
        """
        CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'personal_data_audit is append-only'; END $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER personal_data_audit_append_only
            BEFORE UPDATE OR DELETE OR TRUNCATE ON personal_data_audit
            FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()
        """
    )


def drop_audit_log() -> None:
    op.execute("DROP TRIGGER personal_data_audit_append_only ON personal_data_audit")
    op.execute("DROP FUNCTION refuse_audit_change()")
    personal_data_audit.drop(op.get_bind())


def widen_audit_action() -> None:
    """Room in the audit's ``action`` for a command's whole last word (leads audits its
    answer to ``POST /leads/{lead_id}/reject-distribution`` as ``reject-distribution``): it
    was 10 characters, and the answer failed after the command had committed."""
    op.alter_column(
        "personal_data_audit",
        "action",
        type_=sa.String(AUDIT_ACTION_LENGTH),
        existing_type=sa.String(10),
        existing_nullable=False,
    )


def narrow_audit_action() -> None:
    """Undo ``widen_audit_action`` (refused while a longer action is recorded: the log is
    append-only)."""
    op.alter_column(
        "personal_data_audit",
        "action",
        type_=sa.String(10),
        existing_type=sa.String(AUDIT_ACTION_LENGTH),
        existing_nullable=False,
    )


def name_staff() -> None:
    """The staff copy keeps each user's display name (identity.UserChanged version 2), so a
    service can show a colleague by name where it shows them at all; filled as users' events
    arrive (none is backfilled: until then the name is missing, never an id in its place)."""
    op.add_column("staff", sa.Column("display_name", sa.String(200), nullable=True))


def unname_staff() -> None:
    op.drop_column("staff", "display_name")


def drop_messaging_tables() -> None:
    bind = op.get_bind()
    inbox.drop(bind)
    outbox.drop(bind)


def isolate_tenants(*tables: str) -> None:
    """Row-level security on ``tables`` (each with a ``tenant`` column), forced for the tables'
    owner too (see ``crm_common.db.tenancy``)."""
    for table in tables:
        for statement in isolation_statements(table):
            op.execute(statement)


def share_tenants(*tables: str) -> None:
    """Undo ``isolate_tenants``."""
    for table in tables:
        op.execute(f"DROP POLICY IF EXISTS across_tenants ON {table}")
        op.execute(f"DROP POLICY tenant_isolation ON {table}")
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")


# What tenant_isolation admitted before system work needed a role of its own: any connection
# that set crm.all_tenants, whatever its role.
_ISOLATION_ANY_ROLE_ACROSS_TENANTS = (
    "((SELECT current_setting('crm.all_tenants', true) = 'on')"
    " OR tenant = ANY (CAST((SELECT string_to_array(current_setting('crm.tenants', true), ','))"
    " AS text[])))"
)


def _isolated_tables() -> list[str]:
    return list(
        op.get_bind()
        .scalars(
            sa.text(
                "SELECT c.relname FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid"
                " WHERE p.polname = 'tenant_isolation'"
                " AND c.relnamespace = 'public'::regnamespace ORDER BY c.relname"
            )
        )
        .all()
    )


def confine_system_work_to_its_roles() -> None:
    """Databases isolated before ``across_tenants`` existed: ``tenant_isolation`` no longer
    admits whoever sets crm.all_tenants; ``across_tenants`` admits the owner (this migration's
    role) and, after the migration, the system role (``crm_common.db.roles``)."""
    for table in _isolated_tables():
        op.execute(
            f"ALTER POLICY tenant_isolation ON {table}"
            f" USING {ISOLATION_PREDICATE} WITH CHECK {ISOLATION_PREDICATE}"
        )
        op.execute(f"DROP POLICY IF EXISTS across_tenants ON {table}")
        op.execute(
            f"CREATE POLICY across_tenants ON {table} TO CURRENT_USER"
            f" USING {ACROSS_TENANTS_PREDICATE} WITH CHECK {ACROSS_TENANTS_PREDICATE}"
        )


def let_any_role_work_across_tenants() -> None:
    """Undo ``confine_system_work_to_its_roles``."""
    old = _ISOLATION_ANY_ROLE_ACROSS_TENANTS
    for table in _isolated_tables():
        op.execute(f"DROP POLICY IF EXISTS across_tenants ON {table}")
        op.execute(f"ALTER POLICY tenant_isolation ON {table} USING {old} WITH CHECK {old}")
