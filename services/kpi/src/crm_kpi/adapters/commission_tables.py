"""Tables of commission: split credit of won deals, plans and their versions, runs, statements
and their lines. Consultants' targets are their leaves of the sales targets (target_tables)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from crm_kpi.adapters.tables import deal_facts, metadata

Money = Numeric(14, 2)

# Who shares a won deal's credit (DealWon.credit), one row per consultant: written with the
# deal's fact, in the same transaction.
deal_credits = Table(
    "deal_credits",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("order_id", UUID(as_uuid=True), nullable=False),
    Column("team", String(64)),
    Column("share_percent", Numeric(5, 2), nullable=False),
)

# The commission run reads a dealer's month: facts by dealer first, then day.
Index(
    "ix_deal_facts_tenant_dealer_day", deal_facts.c.tenant, deal_facts.c.dealer_id, deal_facts.c.day
)

commission_plans = Table(
    "commission_plans",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("dealer_id", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # One plan per dealer; it changes by versions.
    UniqueConstraint("tenant", "dealer_id", name="uq_commission_plans_dealer"),
)

commission_plan_versions = Table(
    "commission_plan_versions",
    metadata,
    Column("plan_id", UUID(as_uuid=True), ForeignKey("commission_plans.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("effective_from", Date, nullable=False),
    Column("effective_to", Date),
    Column("rules", JSONB, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# One row per dealer and month computed: who ran it, when, what it produced.
commission_runs = Table(
    "commission_runs",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("dealer_id", String(64), nullable=False),
    Column("month", String(7), nullable=False),
    Column("statements", Integer, nullable=False),
    Column("lines", Integer, nullable=False),
    Column("total", Money, nullable=False),
    Column("run_by", String(64), nullable=False),
    Column("run_at", DateTime(timezone=True), nullable=False),
    Index("ix_commission_runs_dealer_month", "tenant", "dealer_id", "month"),
)

commission_statements = Table(
    "commission_statements",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("dealer_id", String(64), nullable=False),
    Column("user_id", String(64), nullable=False),
    Column("team", String(64)),
    Column("month", String(7), nullable=False),
    Column("run_id", UUID(as_uuid=True), nullable=False),
    Column("status", String(12), nullable=False),
    Column("units", Numeric(10, 2), nullable=False),
    Column("target_units", Integer),
    Column("attainment_percent", Numeric(8, 2)),
    Column("total", Money, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("lines", Integer, nullable=False),
    Column("computed_at", DateTime(timezone=True), nullable=False),
    Column("acknowledged_by", String(64)),
    Column("acknowledged_at", DateTime(timezone=True)),
    Column("disputed_by", String(64)),
    Column("disputed_at", DateTime(timezone=True)),
    Column("dispute_note", Text),
    Column("approved_by", String(64)),
    Column("approved_at", DateTime(timezone=True)),
    Column("issued_by", String(64)),
    Column("issued_at", DateTime(timezone=True)),
    UniqueConstraint("tenant", "dealer_id", "user_id", "month", name="uq_commission_statement"),
    Index("ix_commission_statements_month", "tenant", "month", "dealer_id"),
)

# Within a statement a line is known by its order and rule; a clawback line cites the statement
# the undone line was paid in (clawback_of), so recomputing that month keeps the citation good.
# No foreign key: a run replaces a dealer's month with one DELETE and one COPY. Both indexes
# lead with the statement, so a run's COPY (a statement's lines together) touches few pages.
commission_lines = Table(
    "commission_lines",
    metadata,
    Column("statement_id", UUID(as_uuid=True), primary_key=True),
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("order_id", UUID(as_uuid=True), nullable=False),
    Column("opportunity_id", UUID(as_uuid=True), nullable=False),
    Column("deal_day", Date, nullable=False),
    Column("plan_id", UUID(as_uuid=True), nullable=False),
    Column("plan_version", Integer, nullable=False),
    Column("rule", String(80), nullable=False),
    Column("basis", Numeric(14, 2), nullable=False),
    Column("rate", Numeric(14, 4), nullable=False),
    Column("origin_rate", Numeric(8, 4), nullable=False),
    Column("share_percent", Numeric(5, 2), nullable=False),
    Column("amount", Money, nullable=False),
    Column("clawback_of", UUID(as_uuid=True)),
    Index("ix_commission_lines_statement_order", "statement_id", "order_id"),
)
