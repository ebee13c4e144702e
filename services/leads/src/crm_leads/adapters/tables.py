"""Tables of the leads service. Every business row carries ``tenant`` and ``owner_org``."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ColumnElement,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    func,
    literal_column,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

metadata = MetaData()

# One customer file per dealer book and phone number: decides ownership (一客一主).
customers = Table(
    "customers",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("phone", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("locked", Boolean, nullable=False, server_default=text("false")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Set when a manager merged this file into another: intake resolves it to that one.
    Column("merged_into", UUID(as_uuid=True), ForeignKey("customers.id")),
    Index("ux_customers_book_phone", "tenant", "owner_org", "phone", unique=True),
    Index("ix_customers_locked", "id", postgresql_where=text("locked")),
)

# What else identifies a book's customers (WeChat id, email, the keyed digest of the resident ID
# number — never the number): one customer per value and book, like the phone.
customer_identifiers = Table(
    "customer_identifiers",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("owner_org", String(64), primary_key=True),
    Column("kind", String(20), primary_key=True),
    Column("value", String(254), primary_key=True),
    Column("customer_id", UUID(as_uuid=True), ForeignKey("customers.id"), nullable=False),
    Index("ix_customer_identifiers_customer", "customer_id"),
)

pools = Table(
    "pools",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("auto_assignment", String(20), nullable=False),
    Column("rules", JSONB, nullable=False),
    Column("is_default", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # The book's settings live on its default pool (read with it at every intake, no extra
    # query): the identifiers it deduplicates customers on after the phone, in order.
    Column("dedup_keys", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    # And the version of its routing rules, which a manager's change names (lost updates: 409).
    Column("routing_version", Integer, nullable=False, server_default=text("0")),
    # And who owns the book's nurture list (营销培育): leads handed to marketing go to them.
    Column("nurture_owner", String(64)),
    # The default pool of an org node is where its unowned and released leads go.
    Index(
        "ux_pools_default_per_org",
        "tenant",
        "owner_org",
        unique=True,
        postgresql_where=text("is_default"),
    ),
)

# Explicit members; a pool without members is open to every user below its org node.
pool_members = Table(
    "pool_members",
    metadata,
    Column("pool_id", UUID(as_uuid=True), ForeignKey("pools.id"), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("org_node", String(64), nullable=False),
    Column("weight", Integer, nullable=False, server_default=text("1")),
    Column("last_assigned_at", DateTime(timezone=True)),
    # Seniority: "reassign to a more senior consultant" picks among members above the owner.
    Column("level", Integer, nullable=False, server_default=text("1")),
)

OPEN_STATUSES = "status IN ('open', 'loss_pending')"

leads = Table(
    "leads",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("customer_id", UUID(as_uuid=True), ForeignKey("customers.id"), nullable=False),
    Column("customer_name", String(200), nullable=False),
    Column("phone", String(20), nullable=False),
    Column("source", String(32), nullable=False),
    Column("vehicle_interest", String(200)),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("status", String(20), nullable=False),
    Column("home_pool_id", UUID(as_uuid=True), ForeignKey("pools.id"), nullable=False),
    Column("pool_id", UUID(as_uuid=True), ForeignKey("pools.id")),
    Column("owner_user", String(64)),
    Column("owner_team", String(64)),
    Column("owned_since", DateTime(timezone=True)),
    # How the owner's ownership arose (crm_leads.domain.origin): commission's lead origin.
    Column("ownership_origin", String(20)),
    Column("grade", String(20)),
    Column("next_follow_up_due", DateTime(timezone=True)),
    Column("last_follow_up_at", DateTime(timezone=True)),
    Column("previous_owner", String(64)),
    Column("protected_until", DateTime(timezone=True)),
    Column("released_at", DateTime(timezone=True)),
    Column("loss_reason", Text),
    # OEM distribution: the HQ/region node that sent the lead, and until when the dealer must
    # work it before it goes back up.
    Column("origin_org", String(64)),
    Column("distributed_at", DateTime(timezone=True)),
    Column("work_by", DateTime(timezone=True)),
    Column("region_hint", String(64)),
    Column("recycle_reminded_at", DateTime(timezone=True)),
    Column("graded_at", DateTime(timezone=True)),
    Column("escalated_at", DateTime(timezone=True)),
    Column("draw_until", DateTime(timezone=True)),
    # The campaign whose form brought the lead, and the routing rule that placed it on arrival.
    Column("campaign_id", UUID(as_uuid=True)),
    Column("routing_rule_id", UUID(as_uuid=True)),
    # Handed to marketing: since when the lead is on its book's nurture list (its owner is the
    # list's owner until someone takes it back); None: not nurtured.
    Column("nurture_since", DateTime(timezone=True)),
    # The due time of the callback the sweep last announced (LeadCallbackDue): a new due time
    # (a new grade, a follow-up) is announced again.
    Column("callback_announced_for", DateTime(timezone=True)),
    Index("ix_leads_tenant_owner_org", "tenant", "owner_org"),
    Index("ix_leads_tenant_phone", "tenant", "phone"),
    Index(
        "ux_leads_one_open_per_customer",
        "customer_id",
        unique=True,
        postgresql_where=text(OPEN_STATUSES),
    ),
    Index("ix_leads_owner_open", "tenant", "owner_user", postgresql_where=text(OPEN_STATUSES)),
    # A claim's count of the claimant's department's open leads (its pool's team limit).
    Index("ix_leads_team_open", "tenant", "owner_team", postgresql_where=text(OPEN_STATUSES)),
    Index(
        "ix_leads_in_pool", "pool_id", "released_at", postgresql_where=text("pool_id IS NOT NULL")
    ),
    # The recycle sweep: owned open leads of a pool by the time their clock started.
    Index(
        "ix_leads_recycle_clock",
        "home_pool_id",
        text("greatest(owned_since, last_follow_up_at)"),
        postgresql_where=text("status = 'open' AND owner_user IS NOT NULL"),
    ),
    Index(
        "ix_leads_recycle_owned",
        "home_pool_id",
        "owned_since",
        postgresql_where=text("status = 'open' AND owner_user IS NOT NULL"),
    ),
    # The callbacks falling due: owned open leads by their next follow-up.
    Index(
        "ix_leads_callbacks_due",
        "next_follow_up_due",
        postgresql_where=text("status = 'open' AND owner_user IS NOT NULL"),
    ),
)


def inline(constant: str) -> ColumnElement[str]:
    """A constant written into the statement, not bound as a parameter, where a partial index
    states it: under a generic plan (asyncpg prepares every statement; after five runs
    PostgreSQL may keep a plan that knows no parameter values) a partial index serves only a
    statement that spells out its predicate. With parameters every lead create scanned all
    leads. Fixed words of this code only, never input."""
    return literal_column(f"'{constant}'")


LEAD_IS_OPEN = leads.c.status.in_([inline("open"), inline("loss_pending")])

Index(
    "ix_leads_grade_clock",
    leads.c.home_pool_id,
    leads.c.grade,
    leads.c.graded_at,
    postgresql_where=text("status = 'open' AND owner_user IS NOT NULL"),
)
Index(
    "ix_leads_distribution_sla",
    leads.c.work_by,
    postgresql_where=text("work_by IS NOT NULL AND status = 'open'"),
)
Index(
    "ix_leads_origin",
    leads.c.tenant,
    leads.c.origin_org,
    postgresql_where=text("origin_org IS NOT NULL"),
)

Index("ix_leads_draw_until", leads.c.draw_until, postgresql_where=text("draw_until IS NOT NULL"))

# Who asked for a lead while it goes by lottery (blind release).
draw_entries = Table(
    "draw_entries",
    metadata,
    Column("lead_id", UUID(as_uuid=True), ForeignKey("leads.id"), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("org_node", String(64), nullable=False),
    Column("entered_at", DateTime(timezone=True), nullable=False),
)

# Campaign web forms post leads with a per-campaign key (only its hash is kept).
campaigns = Table(
    "campaigns",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("key_hash", String(64), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# The showroom reception form (客户接待表): who came, with whom, for what, received by whom.
receptions = Table(
    "receptions",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("lead_id", UUID(as_uuid=True), ForeignKey("leads.id"), nullable=False),
    Column("consultant", String(64), nullable=False),
    Column("visitors", Integer, nullable=False),
    Column("companions", Text),
    Column("interest", Text),
    Column("source", String(32), nullable=False),
    Column("arrived_at", DateTime(timezone=True), nullable=False),
    Column("left_at", DateTime(timezone=True)),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Index("ix_receptions_book_day", "tenant", "owner_org", "arrived_at"),
)

# Append-only: every transition with who, why and the rule (releases, claims, assignments...).
lead_history = Table(
    "lead_history",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("lead_id", UUID(as_uuid=True), nullable=False),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("from_user", String(64)),
    Column("to_user", String(64)),
    Column("reason", Text),
    Column("rule", String(64)),  # e.g. no_follow_up, routing:<rule id>
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_lead_history_lead", "lead_id", "id"),
    # Anti-collusion: whose released leads a consultant claimed, recently.
    Index(
        "ix_lead_history_claims",
        "tenant",
        "to_user",
        "from_user",
        "at",
        postgresql_where=text("kind = 'claimed'"),
    ),
)

follow_ups = Table(
    "follow_ups",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("lead_id", UUID(as_uuid=True), ForeignKey("leads.id"), nullable=False),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("outcome", Text, nullable=False),
    Column("next_step", Text),
    Column("grade", String(20)),
    Column("call_seconds", Integer),
    Column("verified", Boolean, nullable=False),
    # The call center's record of the call this follow-up was made from (CallCompleted).
    Column("call_id", UUID(as_uuid=True)),
    Column("resets_clock", Boolean, nullable=False),
    Column("by_user", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_follow_ups_lead", "lead_id", "at"),
    Index(
        "uq_follow_ups_call",
        "call_id",
        unique=True,
        postgresql_where=text("call_id IS NOT NULL"),
    ),
)

# The opportunities of leads' customers as the opportunities service reports them (opened,
# won, lost, reopened after a cancelled order): what the "not won" and exclusion rules read.
customer_opportunities = Table(
    "customer_opportunities",
    metadata,
    Column("opportunity_id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("customer_id", UUID(as_uuid=True), nullable=False),
    # open | won | lost
    Column("status", String(10), nullable=False),
    # The time of the event that set the status: events of one opportunity travel on two
    # topics (opportunity and order), so an older event never overwrites a newer one.
    Column("status_at", DateTime(timezone=True), nullable=False),
    Index("ix_customer_opportunities_customer", "customer_id", "status"),
)


# A book's own grade schemes (crm_leads.domain.grades), every version kept: a change adds the
# next version (two managers changing one at once: the second gets 409), the latest applies.
grade_schemes = Table(
    "grade_schemes",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("owner_org", String(64), primary_key=True),
    Column("name", String(40), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("grades", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(64), nullable=False),
)


# A book's ordered routing rules (crm_leads.domain.routing): replaced as a whole list.
routing_rules = Table(
    "routing_rules",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", String(200), nullable=False),
    Column("conditions", JSONB, nullable=False),
    Column("target", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(64), nullable=False),
    Index("ix_routing_rules_book", "tenant", "owner_org", "position"),
)


# The customer's file (crm_leads.domain.customer_file): what the other services' events say
# happened to leads' customers, one entry per event. ``customer_id`` is null where the event
# names only its subject; ``customer_links`` says whose the subject is.
customer_timeline = Table(
    "customer_timeline",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("customer_id", UUID(as_uuid=True)),
    Column("subject_id", UUID(as_uuid=True), nullable=False),
    Column("record_id", UUID(as_uuid=True)),
    Column("kind", String(24), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("vin", String(17)),
    Column("model_code", String(40)),
    Column("details", JSONB, nullable=False),
    Index(
        "ix_customer_timeline_customer",
        "customer_id",
        "at",
        postgresql_where=text("customer_id IS NOT NULL"),
    ),
    Index("ix_customer_timeline_subject", "subject_id", "at"),
)

# Whose customer an opportunity, ticket, survey, care action or call is (from the event that
# named the customer).
customer_links = Table(
    "customer_links",
    metadata,
    Column("subject_id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("customer_id", UUID(as_uuid=True), nullable=False),
    Index("ix_customer_links_customer", "customer_id"),
)

# The vehicles of a customer: delivered by a dealer, or named by a ticket or a care action;
# the plate as the dealer recorded it. A VIN a customer's file names, searched by VIN or plate.
customer_vehicles = Table(
    "customer_vehicles",
    metadata,
    Column("customer_id", UUID(as_uuid=True), primary_key=True),
    Column("vin", String(17), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("model_code", String(40)),
    Column("delivered_on", Date),
    Column("plate", String(10)),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Index("ix_customer_vehicles_vin", "tenant", "vin"),
    Index(
        "ix_customer_vehicles_plate", "tenant", "plate", postgresql_where=text("plate IS NOT NULL")
    ),
)


# Lead-scoring models (crm_leads.domain.lead_scoring), one version per training of a book (a
# dealer, or a region or HQ node for the OEM's leads): its quality on the held-out month and
# its fitted parameters. Kept, never changed: a score names the version that gave it.
lead_score_models = Table(
    "lead_score_models",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("scope", String(10), nullable=False),
    Column("version", Integer, nullable=False),
    Column("trained_at", DateTime(timezone=True), nullable=False),
    Column("converted", Integer, nullable=False),
    Column("lost", Integer, nullable=False),
    Column("held_out_from", DateTime(timezone=True), nullable=False),
    Column("held_out_leads", Integer, nullable=False),
    Column("auc", Float, nullable=False),
    Column("brier", Float, nullable=False),
    Column("calibration", JSONB, nullable=False),
    # Whether it scores leads: a model no better than chance on the held-out month does not.
    Column("in_use", Boolean, nullable=False),
    Column("parameters", JSONB, nullable=False),
    Index("ux_lead_score_models_version", "tenant", "owner_org", "version", unique=True),
)

# The current score of an open lead and its top factors, written by the worker; shown only
# while the lead is still in the book it was scored for (``owner_org``).
lead_scores = Table(
    "lead_scores",
    metadata,
    Column("lead_id", UUID(as_uuid=True), ForeignKey("leads.id"), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("model_id", UUID(as_uuid=True), ForeignKey("lead_score_models.id"), nullable=False),
    Column("score", SmallInteger, nullable=False),
    Column("factors", JSONB, nullable=False),
    Column("scored_at", DateTime(timezone=True), nullable=False),
    Index("ix_lead_scores_model", "model_id"),
)
