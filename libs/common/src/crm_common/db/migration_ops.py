"""Alembic operations for the shared tables, called from each service's first revision."""

from __future__ import annotations

from alembic import op

from crm_common.db.tables import inbox, outbox


def create_messaging_tables() -> None:
    bind = op.get_bind()
    outbox.create(bind)
    inbox.create(bind)


def drop_messaging_tables() -> None:
    bind = op.get_bind()
    inbox.drop(bind)
    outbox.drop(bind)
