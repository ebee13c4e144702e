from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Index, MetaData, String, Table
from sqlalchemy.dialects.postgresql import UUID

metadata = MetaData()

# One row per LeadCreated event: the grain every lead figure is summed from.
lead_facts = Table(
    "lead_facts",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("lead_id", UUID(as_uuid=True), nullable=False),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("dealer_id", String(64), nullable=False),
    Column("source", String(32), nullable=False),
    Column("day", Date, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Index("ix_lead_facts_tenant_day_dealer", "tenant", "day", "dealer_id"),
)

# One row per lead transition (claimed, released, followed up, converted...): the grain of the
# daily sales-meeting figures per dealer and consultant.
lead_activity_facts = Table(
    "lead_activity_facts",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("lead_id", UUID(as_uuid=True), nullable=False),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("dealer_id", String(64), nullable=False),
    Column("consultant", String(64)),
    Column("activity", String(20), nullable=False),
    Column("detail", String(40)),
    Column("day", Date, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Index("ix_lead_activity_facts_tenant_day_dealer", "tenant", "day", "dealer_id"),
)
