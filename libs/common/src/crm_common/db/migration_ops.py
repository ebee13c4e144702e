"""Alembic operations for the shared tables, called from each service's first revision."""

from __future__ import annotations

from alembic import op

from crm_common.db.tables import (
    inbox,
    org_directory,
    outbox,
    personal_data_audit,
    sharing_levels,
)


def create_messaging_tables() -> None:
    bind = op.get_bind()
    outbox.create(bind)
    inbox.create(bind)


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


def drop_messaging_tables() -> None:
    bind = op.get_bind()
    inbox.drop(bind)
    outbox.drop(bind)
