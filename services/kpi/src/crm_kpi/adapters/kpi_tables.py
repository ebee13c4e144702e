"""Custom KPI definitions and who they are shared with."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, String, Table
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from crm_kpi.adapters.tables import metadata

# One row per definition. ``owner_org``: the owner's dealer (or their node above dealers), the
# reach of a share to a role. The shares are arrays so a caller's candidates are one overlap.
kpi_definitions = Table(
    "kpi_definitions",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("owner_user", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("definition", JSONB, nullable=False),
    Column("shared_roles", ARRAY(String(64)), nullable=False),
    Column("shared_nodes", ARRAY(String(64)), nullable=False),
    Column("shared_users", ARRAY(String(64)), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_kpi_definitions_tenant", "tenant"),
)
