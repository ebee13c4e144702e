from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, MetaData, String, Table
from sqlalchemy.dialects.postgresql import UUID

metadata = MetaData()

leads = Table(
    "leads",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("customer_name", String(200), nullable=False),
    Column("phone", String(20), nullable=False),
    Column("source", String(32), nullable=False),
    Column("vehicle_interest", String(200)),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_leads_tenant_owner_org", "tenant", "owner_org"),
    Index("ix_leads_tenant_phone", "tenant", "phone"),
)
