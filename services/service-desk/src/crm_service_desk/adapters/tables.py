"""Tables of the service desk. Every business row carries ``tenant`` and ``owner_org``."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Computed,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Interval,
    LargeBinary,
    MetaData,
    Numeric,
    Sequence,
    SmallInteger,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY as PG_ARRAY
from sqlalchemy.dialects.postgresql import JSONB, UUID

metadata = MetaData()

SEARCH_TEXT = text("lower(subject || ' ' || description || ' ' || coalesce(customer_name, ''))")
"""What free-text search matches: the expression the trigram index is built on."""

ticket_numbers = Sequence("ticket_numbers", metadata=metadata)

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
    Column("partner_status", String(12)),
    Column("survey_response_id", UUID(as_uuid=True)),
    # Complaints only: who answers for it, why it happened, and the customer's word on it.
    Column("responsible_user", String(64)),
    Column("root_cause", Text),
    Column("customer_confirmed_at", DateTime(timezone=True)),
    Column("customer_satisfied", Boolean),
    # Search: the Chinese bigrams and the words of the subject, description and customer name
    # (a Chinese query's bigrams must all be there), and the same text lowered for the phrase.
    # No index on them: under row-level security none could serve a query (``@>`` and
    # ``LIKE`` are not leakproof), a search walks a book's index instead (migration 0015).
    # See crm_service_desk.domain.search.
    Column("search_grams", PG_ARRAY(Text), nullable=False),
    Column(
        "search_text",
        Text,
        Computed("lower(subject || ' ' || description || ' ' || coalesce(customer_name, ''))"),
        nullable=False,
    ),
    Index("ix_tickets_book_opened", "tenant", "owner_org", "opened_at"),
    # The ticket list walks a book's complaints and its other tickets apart (they are shared
    # as two data types): a book without a matching complaint is not read whole for one.
    Index(
        "ix_tickets_book_complaints",
        "tenant",
        "owner_org",
        "opened_at",
        "id",
        postgresql_where=text("kind = 'complaint'"),
    ),
    Index(
        "ix_tickets_book_others",
        "tenant",
        "owner_org",
        "opened_at",
        "id",
        postgresql_where=text("kind <> 'complaint'"),
    ),
    Index(
        "ix_tickets_owner", "tenant", "owner_user", postgresql_where=text("owner_user IS NOT NULL")
    ),
    # A team lead's list walks their team's tickets newest first (the team data scope).
    Index(
        "ix_tickets_team",
        "tenant",
        "owner_team",
        "opened_at",
        "id",
        postgresql_where=text("owner_team IS NOT NULL"),
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
    Index(
        "ix_tickets_partner",
        "tenant",
        "partner_org",
        "opened_at",
        postgresql_where=text("partner_org IS NOT NULL"),
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

# Files on a ticket (photos, scans, a PDF): the content lives in the file store
# (``crm_common.storage``) under ``storage_key``; the row says what it is and who added it.
ticket_attachments = Table(
    "ticket_attachments",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("ticket_id", UUID(as_uuid=True), ForeignKey("tickets.id"), nullable=False),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("filename", String(200), nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("storage_key", String(512), nullable=False),
    Column("uploaded_by", String(64), nullable=False),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
    Index("ix_ticket_attachments_ticket", "ticket_id", "uploaded_at"),
)

# Service agreements (保养套餐, extended warranty) of a vehicle or a customer, sold by a book
# (a dealer, or HQ for the network's own programmes).
service_agreements = Table(
    "service_agreements",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("vin", String(17)),
    Column("customer_id", UUID(as_uuid=True)),
    Column("categories", ARRAY(String(60)), nullable=False),
    Column("valid_from", Date, nullable=False),
    Column("valid_until", Date, nullable=False),
    Column("max_km", Integer),
    Column("visits", Integer),
    Column("visits_used", Integer, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_service_agreements_vin", "tenant", "vin"),
    Index("ix_service_agreements_customer", "tenant", "customer_id"),
    CheckConstraint(
        "visits IS NULL OR visits_used <= visits", name="ck_service_agreements_visits_left"
    ),
)

# The visit of an agreement (a maintenance package's) a resolved service ticket used up: one
# per ticket, whichever resolution of it counted first.
agreement_visits = Table(
    "agreement_visits",
    metadata,
    Column("ticket_id", UUID(as_uuid=True), ForeignKey("tickets.id"), primary_key=True),
    Column(
        "agreement_id",
        UUID(as_uuid=True),
        ForeignKey("service_agreements.id"),
        nullable=False,
    ),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("used_by", String(64), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=False),
    Index("ix_agreement_visits_agreement", "agreement_id"),
)

# Parts claims (零部件索赔) of a ticket's repair against the parts maker (a partner org).
parts_claims = Table(
    "parts_claims",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("ticket_id", UUID(as_uuid=True), ForeignKey("tickets.id"), nullable=False),
    Column("partner_id", String(64), nullable=False),
    Column("part_number", String(60), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("description", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("answer", Text),
    Column("filed_by", String(64), nullable=False),
    Column("filed_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_parts_claims_ticket", "ticket_id"),
    Index("ix_parts_claims_partner", "tenant", "partner_id", "filed_at"),
)

# The knowledge base: problems and their solutions, written by a node (HQ, a region, a dealer)
# for its own book and every book below it; searched like tickets.
knowledge_articles = Table(
    "knowledge_articles",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("category_id", UUID(as_uuid=True), ForeignKey("ticket_categories.id")),
    Column("title", String(200), nullable=False),
    Column("problem", Text, nullable=False),
    Column("solution", Text, nullable=False),
    Column("published", Boolean, nullable=False),
    Column("uses", Integer, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("search_grams", PG_ARRAY(Text), nullable=False),
    Column(
        "search_text",
        Text,
        Computed("lower(title || ' ' || problem || ' ' || solution)"),
        nullable=False,
    ),
    Index("ix_knowledge_articles_book", "tenant", "owner_org"),
)

# Each ticket an article helped with, once: the article's ``uses`` counts these.
knowledge_article_uses = Table(
    "knowledge_article_uses",
    metadata,
    Column("article_id", UUID(as_uuid=True), ForeignKey("knowledge_articles.id"), primary_key=True),
    Column("ticket_id", UUID(as_uuid=True), ForeignKey("tickets.id"), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("used_by", String(64), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=False),
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

# The after-sales file of a customer (contact, birthday, ToC/ToB, insurance): what surveys and
# care rules reach them with. Keyed by leads' customer id.
customer_profiles = Table(
    "customer_profiles",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("customer_id", UUID(as_uuid=True), primary_key=True),
    Column("owner_org", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("phone", String(20)),
    Column("email", String(254)),
    Column("birthday", Date),
    Column("segment", String(3), nullable=False),
    Column("company", String(200)),
    Column("insurance_expires_on", Date),
    Column("value_tier", String(20)),
    Column("value_changed_on", Date),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_customer_profiles_book", "tenant", "owner_org"),
)

# Vehicles in after-sales: delivered (opportunities' VehicleDelivered) or registered by a
# dealer; the last service and mileage drive the maintenance-due care rule.
vehicles = Table(
    "vehicles",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("vin", String(17), primary_key=True),
    Column("owner_org", String(64), nullable=False),
    Column("customer_id", UUID(as_uuid=True)),
    Column("model", String(100)),
    Column("order_id", UUID(as_uuid=True)),
    Column("delivered_on", Date),
    Column("last_service_on", Date),
    Column("mileage_km", Integer),
    Column("mileage_on", Date),
    Index("ix_vehicles_customer", "tenant", "customer_id"),
    Index("ix_vehicles_book", "tenant", "owner_org"),
)

# Survey designs, versioned: a design key's versions share the key; a new version never
# changes the answers given to an older one.
survey_designs = Table(
    "survey_designs",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("design_key", UUID(as_uuid=True), nullable=False),
    Column("version", Integer, nullable=False),
    Column("name", String(200), nullable=False),
    Column("questions", JSONB, nullable=False),
    Column("low_nps_at_most", Integer, nullable=False),
    Column("low_csi_below", Numeric(5, 2), nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ux_survey_designs_version", "design_key", "version", unique=True),
)

# Which design a node sends on which trigger, by which channel; who owns the complaint a low
# score opens.
survey_rules = Table(
    "survey_rules",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("owner_org", String(64), primary_key=True),
    Column("trigger", String(20), primary_key=True),
    Column("design_key", UUID(as_uuid=True), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("link_days", Integer, nullable=False),
    Column("complaint_owner", String(64)),
)

# One survey sent to one customer, and its answer.
survey_responses = Table(
    "survey_responses",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("design_id", UUID(as_uuid=True), ForeignKey("survey_designs.id"), nullable=False),
    Column("trigger", String(20), nullable=False),
    Column("channel", String(10), nullable=False),
    # What triggered it, so one event sends one survey (redelivery, replays).
    Column("source", String(80), nullable=False),
    Column("customer_id", UUID(as_uuid=True)),
    Column("customer_name", String(200)),
    Column("phone", String(20)),
    Column("email", String(254)),
    Column("vin", String(17)),
    Column("ticket_id", UUID(as_uuid=True)),
    Column("complaint_owner", String(64)),
    Column("token_digest", LargeBinary(32)),
    Column("requested_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("answered_at", DateTime(timezone=True)),
    Column("answers", JSONB),
    Column("nps", SmallInteger),
    Column("csi", Numeric(5, 2)),
    Column("low_score", Boolean),
    Column("complaint_ticket_id", UUID(as_uuid=True)),
    Index("ux_survey_responses_source", "tenant", "source", unique=True),
    Index("ux_survey_responses_token", "token_digest", unique=True),
    Index("ix_survey_responses_book_answered", "tenant", "owner_org", "answered_at"),
)

# Messages to customers (SMS, e-mail) waiting for the notifier: written in the transaction
# that decided to send them, sent by the worker after commit. One per reference and channel.
notifications = Table(
    "notifications",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("recipient", String(254), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("reference", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("sent_at", DateTime(timezone=True)),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("last_error", Text),
    Index("ux_notifications_reference", "reference", "channel", unique=True),
    Index(
        "ix_notifications_pending",
        "next_attempt_at",
        postgresql_where=text("sent_at IS NULL"),
    ),
)

# Care rules of a node (HQ's apply to every book below it, a dealer's to its own).
care_rules = Table(
    "care_rules",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("segment", String(3), nullable=False),
    Column("action", String(10), nullable=False),
    Column("message", Text, nullable=False),
    Column("months", Integer),
    Column("km", Integer),
    Column("days_before", Integer, nullable=False),
    Column("window_days", Integer, nullable=False),
    Column("complaints", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("changed_by", String(64)),
    Column("changed_at", DateTime(timezone=True)),
)

# What care rules did: one row per customer, rule and period, whichever sweep got there
# first (the key refuses a second one).
care_actions = Table(
    "care_actions",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("rule_id", UUID(as_uuid=True), ForeignKey("care_rules.id"), nullable=False),
    Column("customer_id", UUID(as_uuid=True), nullable=False),
    Column("period", String(80), nullable=False),
    Column("action", String(10), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("reason", String(300), nullable=False),
    Column("fired_at", DateTime(timezone=True), nullable=False),
    Index("ux_care_actions_once", "rule_id", "customer_id", "period", unique=True),
    Index("ix_care_actions_book", "tenant", "owner_org", "fired_at"),
)
