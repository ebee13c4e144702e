"""Quotes, orders, the finance and insurance applications they open with partners, and the
dealers' sales settings (discount limits, order process, the quote's letterhead) and quote
templates."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from crm_opportunities.adapters.tables import Money, metadata

# One row per version of a quote; lines as issued ({kind, code, description, list_price,
# price, cost, partner_id}); only the newest version of an opportunity's quote is worked on.
quotes = Table(
    "quotes",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("opportunity_id", UUID(as_uuid=True), ForeignKey("opportunities.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("lines", JSONB, nullable=False),
    Column("extra_discount", Money, nullable=False),
    Column("list_total", Money, nullable=False),
    Column("total", Money, nullable=False),
    Column("cost_total", Money, nullable=False),
    Column("status", String(20), nullable=False),
    Column("approver_needed", String(20)),
    Column("decided_by", String(64)),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("issued_at", DateTime(timezone=True)),
    Column("accepted_at", DateTime(timezone=True)),
    Column("order_id", UUID(as_uuid=True)),
    Index("ux_quotes_opportunity_version", "opportunity_id", "version", unique=True),
)

orders = Table(
    "orders",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("opportunity_id", UUID(as_uuid=True), ForeignKey("opportunities.id"), nullable=False),
    Column("quote_id", UUID(as_uuid=True), ForeignKey("quotes.id"), nullable=False, unique=True),
    Column("owner_user", String(64), nullable=False),
    Column("process", String(20), nullable=False),
    Column("total", Money, nullable=False),
    Column("deposit", Money, nullable=False),
    Column("steps_done", JSONB, nullable=False),
    Column("vin", String(17)),
    Column("delivered_on", Date),
    Column("cancelled_at", DateTime(timezone=True)),
    Column("cancel_reason", Text),
    Column("refunded_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_orders_opportunity", "opportunity_id"),
)

# Per dealer: discount limits and the order process (defaults when a dealer has no row).
sales_settings = Table(
    "sales_settings",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("owner_org", String(64), primary_key=True),
    Column("discount_policy", JSONB, nullable=False),
    Column("order_process", String(20), nullable=False),
    Column("letterhead", JSONB),
    Column("quote_valid_days", Integer, nullable=False, server_default=text("7")),
)

# A dealer's quote templates (报价模板): standard packages — a configuration to price when the
# quote is drafted, and lines (fees, warranty, service packs) it starts with.
quote_templates = Table(
    "quote_templates",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("configuration", JSONB),
    Column("lines", JSONB, nullable=False),
    Column("extra_discount", Money, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_quote_templates_book", "tenant", "owner_org"),
)

# One application per partner product of an accepted quote (finance: a loan; insurance: a
# policy), worked by the partner through its own API access: submitted → approved | declined.
partner_applications = Table(
    "partner_applications",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("opportunity_id", UUID(as_uuid=True), ForeignKey("opportunities.id"), nullable=False),
    Column("quote_id", UUID(as_uuid=True), ForeignKey("quotes.id"), nullable=False),
    Column("order_id", UUID(as_uuid=True)),
    Column("partner_id", String(64), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("product_code", String(40), nullable=False),
    Column("description", String(200), nullable=False),
    Column("amount", Money, nullable=False),
    Column("status", String(20), nullable=False),
    Column("note", Text),
    Column("updated_by", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index(
        "ux_partner_applications_quote_product",
        "quote_id",
        "partner_id",
        "product_code",
        unique=True,
    ),
    # A partner's work queue: its applications by status.
    Index("ix_partner_applications_partner_status", "tenant", "partner_id", "status"),
)
