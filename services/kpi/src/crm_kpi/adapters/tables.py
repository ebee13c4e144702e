from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Table,
    func,
    text,
)
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
    Index("ix_lead_facts_book_day", "tenant", "owner_org", "day"),
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
    # The kind of follow-up that changed a grade (not kept by month: KPIs naming it read facts).
    Column("follow_up", String(20)),
    Column("day", Date, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Index("ix_lead_activity_facts_tenant_day_dealer", "tenant", "day", "dealer_id"),
    Index("ix_lead_activity_facts_book_day", "tenant", "owner_org", "day"),
)

# One row per deal outcome event (won, lost, delivered, cancelled): the grain of unit sales,
# revenue and margin. A cancellation names its order only; its figures come from the order's
# won row at read time, because the two travel on different topics and may arrive in any order.
deal_facts = Table(
    "deal_facts",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("outcome", String(12), nullable=False),
    Column("opportunity_id", UUID(as_uuid=True), nullable=False),
    Column("order_id", UUID(as_uuid=True)),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("dealer_id", String(64), nullable=False),
    Column("consultant", String(64)),
    Column("team", String(64)),
    Column("model_code", String(40)),
    Column("lead_origin", String(20)),
    Column("units", Integer, nullable=False),
    Column("revenue", Numeric(14, 2), nullable=False),
    Column("gross_margin", Numeric(14, 2), nullable=False),
    Column("msrp", Numeric(14, 2), nullable=False),
    Column("finance_attached", Boolean, nullable=False),
    Column("insurance_attached", Boolean, nullable=False),
    Column("reason", String(200)),
    Column("competitor", String(200)),
    Column("day", Date, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    # When kpi recorded it: what the leaderboard refresh looks for.
    Column("recorded_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # A win's buyer, and whether it was their first purchase (the new-customer rate).
    Column("customer_id", UUID(as_uuid=True)),
    Column("first_purchase", Boolean),
    Index("ix_deal_facts_tenant_day_dealer", "tenant", "day", "dealer_id"),
    Index("ix_deal_facts_book_day", "tenant", "owner_org", "day"),
    Index("ix_deal_facts_recorded", "recorded_at"),
    Index("ix_deal_facts_order", "order_id"),
    Index(
        "ix_deal_facts_buyer_wins",
        "customer_id",
        "occurred_at",
        postgresql_where=text("outcome = 'won' AND customer_id IS NOT NULL"),
    ),
)

# A book's deal outcomes per dealer and day, kept by the deal projection in the facts'
# transaction: a region's or HQ's daily sales read ~one row per dealer and day instead of every
# deal. Cancellations stay in the facts (a partial index): their figures are the win's, which
# may arrive after them on another topic.
deal_day_figures = Table(
    "deal_day_figures",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("owner_org", String(64), primary_key=True),
    Column("dealer_id", String(64), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("won_units", Integer, nullable=False),
    Column("revenue", Numeric(16, 2), nullable=False),
    Column("gross_margin", Numeric(16, 2), nullable=False),
    Column("lost", Integer, nullable=False),
    Column("delivered", Integer, nullable=False),
)

# A book's facts counted and summed per month and what a KPI may ask of them (domain.kpis
# MONTH_FIGURE_FIELDS), kept by the projections in the facts' transaction: a region's or HQ's
# year reads thousands of rows instead of millions of facts. Keys may be null (a lead activity
# without a consultant); the unique index treats nulls as equal. The kind of activity or outcome
# comes before the month in the key: a KPI names one or a few, each read as one range of months.
lead_activity_months = Table(
    "lead_activity_months",
    metadata,
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("month", Date, nullable=False),
    Column("dealer_id", String(64), nullable=False),
    Column("consultant", String(64)),
    Column("activity", String(20), nullable=False),
    Column("detail", String(40)),
    Column("n", Integer, nullable=False),
    Index(
        "ux_lead_activity_months_key",
        "tenant",
        "owner_org",
        "activity",
        "month",
        "dealer_id",
        "consultant",
        "detail",
        unique=True,
        postgresql_nulls_not_distinct=True,
    ),
)
deal_months = Table(
    "deal_months",
    metadata,
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("month", Date, nullable=False),
    Column("dealer_id", String(64), nullable=False),
    Column("team", String(64)),
    Column("consultant", String(64)),
    Column("outcome", String(12), nullable=False),
    Column("n", Integer, nullable=False),
    Column("units", Integer, nullable=False),
    Column("revenue", Numeric(16, 2), nullable=False),
    Column("gross_margin", Numeric(16, 2), nullable=False),
    Column("msrp", Numeric(16, 2), nullable=False),
    Index(
        "ux_deal_months_key",
        "tenant",
        "owner_org",
        "outcome",
        "month",
        "dealer_id",
        "team",
        "consultant",
        unique=True,
        postgresql_nulls_not_distinct=True,
    ),
)
Index(
    "ix_deal_facts_book_cancelled",
    deal_facts.c.tenant,
    deal_facts.c.owner_org,
    deal_facts.c.day,
    postgresql_where=deal_facts.c.outcome == "cancelled",
)

# Reports the worker generates when a day, week or month ends (the sales meeting per consultant
# of a dealer), kept as the files users download.
generated_reports = Table(
    "generated_reports",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("lines", Integer, nullable=False),
    Column("csv", LargeBinary, nullable=False),
    Column("xlsx", LargeBinary, nullable=False),
    Column("generated_at", DateTime(timezone=True), nullable=False),
    Index(
        "ux_generated_reports_period",
        "tenant",
        "owner_org",
        "kind",
        "period_start",
        unique=True,
    ),
)

# One row per ticket event of the service desk (opened, resolved, escalated): the grain of
# the complaint rate and of on-time resolution.
ticket_facts = Table(
    "ticket_facts",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("ticket_id", UUID(as_uuid=True), nullable=False),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("dealer_id", String(64), nullable=False),
    Column("consultant", String(64)),
    Column("activity", String(20), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("channel", String(20)),
    Column("priority", String(10)),
    Column("category", String(60)),
    Column("targeted", Boolean, nullable=False),
    Column("on_time", Boolean, nullable=False),
    Column("day", Date, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    # The customer of leads a ticket was opened for, when the service desk knew them: an
    # existing customer back for service counts as retained.
    Column("customer_id", UUID(as_uuid=True)),
    Index("ix_ticket_facts_book_day", "tenant", "owner_org", "day"),
    Index(
        "ix_ticket_facts_service_visits",
        "customer_id",
        "day",
        postgresql_where=text(
            "activity = 'opened' AND kind = 'service_request' AND customer_id IS NOT NULL"
        ),
    ),
)

# One row per answered survey: NPS and CSI as sums and counts, so a ratio of two sums is the
# score of any group (NPS = sum(nps_point) / sum(nps_answered): promoters +1, detractors -1).
survey_facts = Table(
    "survey_facts",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("survey_response_id", UUID(as_uuid=True), nullable=False),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("dealer_id", String(64), nullable=False),
    Column("trigger", String(20), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("nps", Integer),
    Column("nps_point", Integer, nullable=False),
    Column("nps_answered", Integer, nullable=False),
    Column("csi", Numeric(5, 2), nullable=False),
    Column("csi_answered", Integer, nullable=False),
    Column("low_score", Boolean, nullable=False),
    Column("day", Date, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Index("ix_survey_facts_book_day", "tenant", "owner_org", "day"),
)

# One row per finished call the phone system reported (CallCompleted): the grain of answer,
# abandon and connect rates and talk time, per agent, dealer, day and hour.
call_facts = Table(
    "call_facts",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("call_id", UUID(as_uuid=True), nullable=False),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("dealer_id", String(64), nullable=False),
    Column("consultant", String(64)),
    Column("direction", String(10), nullable=False),
    Column("connected", Boolean, nullable=False),
    Column("abandoned", Boolean, nullable=False),
    Column("callback_requested", Boolean, nullable=False),
    Column("from_task", Boolean, nullable=False),
    Column("wait_seconds", Integer, nullable=False),
    Column("talk_seconds", Integer, nullable=False),
    Column("hold_seconds", Integer, nullable=False),
    Column("hour", SmallInteger, nullable=False),
    Column("day", Date, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Index("ix_call_facts_book_day", "tenant", "owner_org", "day"),
)

# One row per call-task event (created, cleared, cancellation requested, approved, rejected,
# escalated): the grain of callbacks cleared on time and of cancellations decided.
call_task_facts = Table(
    "call_task_facts",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("task_id", UUID(as_uuid=True), nullable=False),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("dealer_id", String(64), nullable=False),
    Column("consultant", String(64), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("activity", String(20), nullable=False),
    Column("by_call", Boolean, nullable=False),
    Column("on_time", Boolean, nullable=False),
    Column("day", Date, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Index("ix_call_task_facts_book_day", "tenant", "owner_org", "day"),
)
