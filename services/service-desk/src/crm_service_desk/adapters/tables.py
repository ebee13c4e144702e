"""Tables of the service desk. Every business row carries ``tenant`` and ``owner_org``."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Interval,
    MetaData,
    Sequence,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

metadata = MetaData()

ticket_numbers = Sequence("ticket_numbers", metadata=metadata)

# Who works in which org node with which roles (identity's UserChanged): assignees and
# watchers must be staff of the ticket's book.
staff = Table(
    "staff",
    metadata,
    Column("user_id", String(64), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("org_node", String(64), nullable=False),
    Column("roles", ARRAY(String(40)), nullable=False),
    Column("active", Boolean, nullable=False),
    Index("ix_staff_tenant_org", "tenant", "org_node"),
)

# The category tree (HQ's for the whole tenant, a region's or a dealer's own below it).
ticket_categories = Table(
    "ticket_categories",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("parent_id", UUID(as_uuid=True), ForeignKey("ticket_categories.id")),
    Column("code", String(60), nullable=False),
    Column("name", String(200), nullable=False),
    Column("default_priority", String(10), nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Index("ux_ticket_categories_code", "tenant", "owner_org", "code", unique=True),
)

# SLA targets per org node, category (None: any) and priority (None: any), in business minutes.
sla_policies = Table(
    "sla_policies",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("category_id", UUID(as_uuid=True), ForeignKey("ticket_categories.id")),
    Column("priority", String(10)),
    Column("first_response_minutes", Integer),
    Column("resolution_minutes", Integer),
    Index(
        "ux_sla_policies_rule",
        "tenant",
        "owner_org",
        "category_id",
        "priority",
        unique=True,
        postgresql_nulls_not_distinct=True,
    ),
)

# A node's working hours and holidays (the nearest one up the tree applies to a book).
business_calendars = Table(
    "business_calendars",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("owner_org", String(64), primary_key=True),
    Column("timezone", String(64), nullable=False),
    Column("weekly", JSONB, nullable=False),
    Column("holidays", JSONB, nullable=False),
    Column("working_days", JSONB, nullable=False),
)

# A node's escalation ladder (the nearest one up the tree applies to a book).
escalation_ladders = Table(
    "escalation_ladders",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("owner_org", String(64), primary_key=True),
    Column("steps", JSONB, nullable=False),
    Column("team_lead", String(64)),
)

tickets = Table(
    "tickets",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("number", String(20), nullable=False, unique=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("owner_user", String(64)),
    Column("owner_team", String(64)),
    Column("kind", String(20), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("category_id", UUID(as_uuid=True), ForeignKey("ticket_categories.id")),
    Column("priority", String(10), nullable=False),
    Column("status", String(10), nullable=False),
    Column("waiting_for", String(10)),
    Column("subject", String(300), nullable=False),
    Column("description", Text, nullable=False),
    Column("customer_id", UUID(as_uuid=True)),
    Column("customer_name", String(200)),
    Column("customer_phone", String(20)),
    Column("vin", String(17)),
    Column("vehicle_model", String(100)),
    Column("lead_id", UUID(as_uuid=True)),
    Column("opportunity_id", UUID(as_uuid=True)),
    Column("order_id", UUID(as_uuid=True)),
    Column("call_id", String(64)),
    Column("created_by", String(64), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # The SLA clock: when it stands (waiting) and business time spent standing so far.
    Column("paused_since", DateTime(timezone=True)),
    Column("paused", Interval, nullable=False),
    Column("first_response_target", Interval),
    Column("resolution_target", Interval),
    Column("first_responded_at", DateTime(timezone=True)),
    Column("response_due_at", DateTime(timezone=True)),
    Column("resolve_due_at", DateTime(timezone=True)),
    Column("resolved_at", DateTime(timezone=True)),
    Column("resolution", Text),
    Column("closed_at", DateTime(timezone=True)),
    Column("merged_into", UUID(as_uuid=True), ForeignKey("tickets.id")),
    Column("raised_to_org", String(64)),
    Column("escalation_steps", ARRAY(String(60)), nullable=False),
    Column("next_escalation_at", DateTime(timezone=True)),
    Column("appointment_at", DateTime(timezone=True)),
    Column("appointment_minutes", Integer),
    Column("appointment_place", String(200)),
    Column("partner_org", String(64)),
    Column("survey_response_id", UUID(as_uuid=True)),
    # Complaints only: who answers for it, why it happened, and the customer's word on it.
    Column("responsible_user", String(64)),
    Column("root_cause", Text),
    Column("customer_confirmed_at", DateTime(timezone=True)),
    Column("customer_satisfied", Boolean),
    Index("ix_tickets_book_opened", "tenant", "owner_org", "opened_at"),
    Index(
        "ix_tickets_owner", "tenant", "owner_user", postgresql_where=text("owner_user IS NOT NULL")
    ),
    Index("ix_tickets_phone", "tenant", "customer_phone"),
    Index("ix_tickets_vin", "tenant", "vin"),
    Index("ix_tickets_customer", "tenant", "customer_id"),
    Index(
        "ix_tickets_raised_to",
        "tenant",
        "raised_to_org",
        postgresql_where=text("raised_to_org IS NOT NULL"),
    ),
    # The escalation sweep reads only the open tickets that are due.
    Index(
        "ix_tickets_next_escalation",
        "next_escalation_at",
        postgresql_where=text("next_escalation_at IS NOT NULL"),
    ),
)

# Notes (internal) and replies (to the customer) on a ticket, in order.
ticket_entries = Table(
    "ticket_entries",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("ticket_id", UUID(as_uuid=True), ForeignKey("tickets.id"), nullable=False),
    Column("tenant", String(64), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("body", Text, nullable=False),
    Column("author", String(64), nullable=False),
    Column("author_org", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_ticket_entries_ticket", "ticket_id", "id"),
)

ticket_watchers = Table(
    "ticket_watchers",
    metadata,
    Column("ticket_id", UUID(as_uuid=True), ForeignKey("tickets.id"), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Index("ix_ticket_watchers_user", "tenant", "user_id"),
)

# Who did what to a ticket, when, and under which rule (escalation steps name theirs).
ticket_history = Table(
    "ticket_history",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("ticket_id", UUID(as_uuid=True), ForeignKey("tickets.id"), nullable=False),
    Column("tenant", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(30), nullable=False),
    Column("rule", String(60)),
    Column("detail", JSONB, nullable=False),
    Index("ix_ticket_history_ticket", "ticket_id", "id"),
)
