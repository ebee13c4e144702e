"""Sales expenses (销售费用) a dealer records: what the sales-expense KPI sums."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Index, Numeric, String, Table, Text
from sqlalchemy.dialects.postgresql import UUID

from crm_kpi.adapters.tables import metadata

# One row per expense entered; ``owner_org`` and ``dealer_id``: the book it was spent for (the
# recorder's dealer, or their own node above dealers).
sales_expenses = Table(
    "sales_expenses",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("dealer_id", String(64), nullable=False),
    Column("consultant", String(64)),
    Column("category", String(20), nullable=False),
    Column("amount", Numeric(14, 2), nullable=False),
    Column("note", Text),
    Column("day", Date, nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Index("ix_sales_expenses_book_day", "tenant", "owner_org", "day"),
)
