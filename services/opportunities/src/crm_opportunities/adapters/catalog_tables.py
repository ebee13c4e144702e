"""The vehicle catalogue HQ publishes (every version kept) and each dealer's own accessories and
selling prices."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Table
from sqlalchemy.dialects.postgresql import JSONB

from crm_opportunities.adapters.tables import metadata

# One row per published version; a dealer's deployment receives the same rows through
# CatalogPublished, so a version's document is the same everywhere.
catalog_versions = Table(
    "catalog_versions",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("document", JSONB, nullable=False),
    Column("published_by", String(64), nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
)

# A dealer's price list on top of the catalogue: its selling price of trims (when it differs
# from MSRP) and its own accessories; replaced as a whole.
dealer_pricing = Table(
    "dealer_pricing",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("owner_org", String(64), primary_key=True),
    Column("trim_prices", JSONB, nullable=False),
    Column("accessories", JSONB, nullable=False),
    Column("updated_by", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
