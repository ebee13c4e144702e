"""Tables of sales targets: the targets of the org tree and its consultants, and the facts
only targets need (money collected on orders, the product line of each model)."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Index, Numeric, String, Table, UniqueConstraint
from sqlalchemy.dialects.postgresql import UUID

from crm_kpi.adapters.tables import metadata

# What an org node — or a consultant (user_id) working in it — should reach in a month, by
# product line ("*": all) and measure. A consultant has one leaf per dealer: the units leaf of
# product line "*" is the target commission's attainment tiers read.
targets = Table(
    "targets",
    metadata,
    Column("tenant", String(64), nullable=False),
    Column("org_node", String(64), nullable=False),
    Column("user_id", String(64)),
    Column("product_line", String(40), nullable=False),
    Column("month", String(7), nullable=False),
    Column("measure", String(20), nullable=False),
    Column("amount", Numeric(14, 2), nullable=False),
    Column("set_by", String(64), nullable=False),
    Column("set_at", DateTime(timezone=True), nullable=False),
    # A node's own target has no user: NULLS NOT DISTINCT keeps it one row too.
    UniqueConstraint(
        "tenant",
        "month",
        "measure",
        "product_line",
        "org_node",
        "user_id",
        name="uq_targets_position",
        postgresql_nulls_not_distinct=True,
    ),
)

# One row per OrderStepCompleted carrying money (deposit paid, payment received): the grain of
# collections (回款). The event does not name the consultant: the order's win does, when it was
# projected first (as it usually is), else at read time.
collection_facts = Table(
    "collection_facts",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("dealer_id", String(64), nullable=False),
    Column("order_id", UUID(as_uuid=True), nullable=False),
    Column("consultant", String(64)),
    Column("amount", Numeric(14, 2), nullable=False),
    Column("day", Date, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Index("ix_collection_facts_tenant_day_dealer", "tenant", "day", "dealer_id"),
    Index("ix_collection_facts_book_day", "tenant", "owner_org", "day"),
    Index("ix_collection_facts_order", "order_id"),
)

# The product line of each model, from the latest catalogue published (CatalogPublished): a
# model dropped from the catalogue keeps its line, so its past deals still count towards it.
model_product_lines = Table(
    "model_product_lines",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("model_code", String(40), primary_key=True),
    Column("product_line", String(40), nullable=False),
)
