"""Alembic operations for the shared tables, called from each service's first revision."""

from __future__ import annotations

from alembic import op

from crm_common.db.tables import inbox, org_directory, outbox, sharing_levels


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


def drop_messaging_tables() -> None:
    bind = op.get_bind()
    inbox.drop(bind)
    outbox.drop(bind)
