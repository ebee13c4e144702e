"""Tables of the opportunities service. Every business row carries ``tenant`` and ``owner_org``
(the dealer whose book it is in); personal data is masked by the shared policy on the way out.

The catalogue's tables live in ``catalog_tables``, quotes', orders' and partner applications'
in ``sales_tables``; all share this ``metadata``."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

metadata = MetaData()

Money = Numeric(14, 2)

# A dealer's sales process (or an HQ template, owner_org = the HQ node, is_template = true):
# ordered stages, each {code, name, probability, required_activities, rot_days}.
pipelines = Table(
    "pipelines",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("stages", JSONB, nullable=False),
    Column("is_template", Boolean, nullable=False, server_default=text("false")),
    Column("is_default", Boolean, nullable=False, server_default=text("false")),
    Column("template_id", UUID(as_uuid=True), ForeignKey("pipelines.id")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index(
        "ux_pipelines_default_per_org",
        "tenant",
        "owner_org",
        unique=True,
        postgresql_where=text("is_default"),
    ),
)

opportunities = Table(
    "opportunities",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("owner_user", String(64), nullable=False),
    Column("owner_team", String(64), nullable=False),
    # Opening from LeadConverted is idempotent on the lead.
    Column("lead_id", UUID(as_uuid=True), unique=True),
    Column("customer_id", UUID(as_uuid=True)),
    Column("customer_name", String(200), nullable=False),
    Column("phone", String(20)),
    Column("vehicle_interest", String(200)),
    Column("model_code", String(40)),
    Column("lead_origin", String(20), nullable=False),
    Column("source", String(40)),
    Column("pipeline_id", UUID(as_uuid=True), ForeignKey("pipelines.id"), nullable=False),
    Column("stage", String(40), nullable=False),
    Column("probability", Integer, nullable=False),
    Column("stage_entered_at", DateTime(timezone=True), nullable=False),
    Column("amount", Money, nullable=False, server_default=text("0")),
    Column("currency", String(3), nullable=False, server_default=text("'CNY'")),
    Column("expected_close_on", Date),
    # open | won | lost
    Column("status", String(10), nullable=False, server_default=text("'open'")),
    Column("closed_at", DateTime(timezone=True)),
    Column("lost_reason", Text),
    Column("competitor", String(200)),
    Column("competitor_model", String(200)),
    Column("evaluation_score", Integer),
    Column("evaluation_max_score", Integer),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # Every stage it has been in (the funnel reads it instead of joining the stage history).
    Column("reached_stages", ARRAY(String(40)), nullable=False, server_default=text("'{}'")),
    Index("ix_opportunities_book_status_stage", "tenant", "owner_org", "status", "stage"),
    Index("ix_opportunities_owner", "tenant", "owner_user", "status"),
    Index("ix_opportunities_customer", "tenant", "customer_id"),
    Index("ix_opportunities_created", "tenant", "created_at"),
    # A dealer's (or a region's dealers') opportunities of a period: funnels and boards.
    Index("ix_opportunities_book_created", "tenant", "owner_org", "created_at"),
    # The forecast: a book's open pipeline by expected close, its wins by closing time.
    Index("ix_opportunities_book_expected", "tenant", "owner_org", "status", "expected_close_on"),
    Index("ix_opportunities_book_closed", "tenant", "owner_org", "status", "closed_at"),
)

# Append-only: every stage change with who and when.
stage_history = Table(
    "stage_history",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("opportunity_id", UUID(as_uuid=True), ForeignKey("opportunities.id"), nullable=False),
    Column("from_stage", String(40)),
    Column("to_stage", String(40), nullable=False),
    Column("changed_by", String(64), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Index("ix_stage_history_opportunity", "opportunity_id", "changed_at"),
    Index("ix_stage_history_book_time", "tenant", "owner_org", "changed_at"),
)

# Activities a stage may require before the opportunity moves past it (e.g. test_drive).
activities = Table(
    "activities",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("opportunity_id", UUID(as_uuid=True), ForeignKey("opportunities.id"), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("note", Text),
    Column("recorded_by", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_activities_opportunity_kind", "opportunity_id", "kind"),
)

test_drives = Table(
    "test_drives",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("opportunity_id", UUID(as_uuid=True), ForeignKey("opportunities.id"), nullable=False),
    Column("model_code", String(40), nullable=False),
    Column("vehicle_vin", String(17)),
    Column("licence_number", String(40), nullable=False),
    Column("licence_checked", Boolean, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True)),
    Column("rating", Integer),
    Column("feedback", Text),
    Column("recorded_by", String(64), nullable=False),
    Index("ix_test_drives_opportunity", "opportunity_id"),
)

trade_ins = Table(
    "trade_ins",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("opportunity_id", UUID(as_uuid=True), ForeignKey("opportunities.id"), nullable=False),
    Column("make", String(80), nullable=False),
    Column("model", String(80), nullable=False),
    Column("year", Integer, nullable=False),
    Column("mileage_km", Integer, nullable=False),
    Column("vin", String(17)),
    Column("appraised_value", Money, nullable=False),
    Column("appraised_by", String(64), nullable=False),
    Column("appraised_at", DateTime(timezone=True), nullable=False),
    Index("ix_trade_ins_opportunity", "opportunity_id"),
)

# A dealer's (or HQ's) evaluation questionnaire: questions with weighted answer options.
questionnaires = Table(
    "questionnaires",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("questions", JSONB, nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

evaluations = Table(
    "evaluations",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("opportunity_id", UUID(as_uuid=True), ForeignKey("opportunities.id"), nullable=False),
    Column("questionnaire_id", UUID(as_uuid=True), ForeignKey("questionnaires.id"), nullable=False),
    Column("answers", JSONB, nullable=False),
    Column("score", Integer, nullable=False),
    Column("max_score", Integer, nullable=False),
    Column("evaluated_by", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_evaluations_opportunity", "opportunity_id"),
)

# Planned collections (计划收款): money expected on a date, part of the weighted forecast.
planned_collections = Table(
    "planned_collections",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("opportunity_id", UUID(as_uuid=True), ForeignKey("opportunities.id"), nullable=False),
    Column("order_id", UUID(as_uuid=True)),
    Column("due_on", Date, nullable=False),
    Column("amount", Money, nullable=False),
    Column("collected_on", Date),
    Column("collected_amount", Money),
    Column("note", String(200)),
    Index("ix_planned_collections_book_due", "tenant", "owner_org", "due_on"),
    Index("ix_planned_collections_opportunity", "opportunity_id"),
)

# A proposed split of a deal's credit and its approval (crm_opportunities.domain.credit_split).
credit_splits = Table(
    "credit_splits",
    metadata,
    Column(
        "opportunity_id",
        UUID(as_uuid=True),
        ForeignKey("opportunities.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("shares", JSONB, nullable=False),
    Column("status", String(20), nullable=False),
    Column("proposed_by", String(64), nullable=False),
    Column("proposed_at", DateTime(timezone=True), nullable=False),
    Column("decided_by", String(64)),
    Column("decided_at", DateTime(timezone=True)),
    Column("note", Text),
)

# A book's managed list of competitors (竞争对手) and their models; the list of a node above the
# dealers (HQ, a region) is its dealers' too (crm_opportunities.domain.competition).
competitors = Table(
    "competitors",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("models", ARRAY(String(100)), nullable=False, server_default=text("'{}'")),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ux_competitors_book_name", "tenant", "owner_org", text("lower(name)"), unique=True),
)

# The competitors an opportunity meets, and which of their models, as its consultant recorded
# them (replaced as a whole list while the opportunity is open).
opportunity_competitors = Table(
    "opportunity_competitors",
    metadata,
    Column(
        "opportunity_id",
        UUID(as_uuid=True),
        ForeignKey("opportunities.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("competitor_id", UUID(as_uuid=True), ForeignKey("competitors.id"), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("models", ARRAY(String(100)), nullable=False),
    Column("recorded_by", String(64), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Index("ix_opportunity_competitors_competitor", "competitor_id"),
)
