"""Tables of the call-center service (the shared outbox, inbox, org directory, sharing levels
and personal-data audit come from crm_common)."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from crm_common.import_jobs.tables import import_job_tables

metadata = MetaData()

# A queue of the phone system (the HQ hotline, a dealer's BDC) as the CRM knows it: the org
# whose calls it takes, the routing rules of its calls, and the kinds of rule-pushed call tasks
# it distributes to its members (agents listing it in ``queue_ids``) by ``strategy``;
# ``last_assignee`` and ``last_routed`` are the round-robin cursors of tasks and callers.
queues = Table(
    "queues",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("pbx_queue", String(80), nullable=False),
    Column("skills", ARRAY(String(40)), nullable=False, server_default="{}"),
    Column("overflow_queue_id", UUID(as_uuid=True), ForeignKey("queues.id")),
    Column("overflow_after_seconds", Integer),
    Column("callback_after_seconds", Integer),
    Column("service_level_seconds", Integer, nullable=False, server_default=text("20")),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("strategy", String(20), nullable=False, server_default="round_robin"),
    Column("task_kinds", ARRAY(String(30)), nullable=False, server_default="{}"),
    Column("last_assignee", String(64)),
    Column("last_routed", String(64)),
    # What the PBX was last told of the queue's members (interface → penalty).
    Column("pbx_members", JSONB, nullable=False, server_default="{}"),
    UniqueConstraint("tenant", "pbx_queue", name="uq_queues_pbx_queue"),
    Index("ix_queues_org", "tenant", "owner_org"),
)

# People who take and make calls: their phone extension, skills and queues. ``state`` is the
# durable copy of the presence Redis serves (what Redis is rebuilt from after a loss).
agents = Table(
    "agents",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("owner_org", String(64), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("extension", String(20), nullable=False),
    Column("skills", ARRAY(String(40)), nullable=False, server_default="{}"),
    Column("queue_ids", ARRAY(UUID(as_uuid=True)), nullable=False, server_default="{}"),
    Column("state", String(20), nullable=False, server_default="offline"),
    Column("state_since", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    UniqueConstraint("tenant", "extension", name="uq_agents_extension"),
)

# Every event the phone system reported, once (the fingerprint deduplicates redeliveries):
# a call record is folded from its call's events.
cti_events = Table(
    "cti_events",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("tenant", String(64), nullable=False),
    Column("source", String(80), nullable=False),
    Column("call_key", String(120), nullable=False),
    Column("fingerprint", String(40), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("channel", String(120), nullable=False),
    Column("details", JSONB, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("tenant", "source", "fingerprint", name="uq_cti_events_fingerprint"),
    Index("ix_cti_events_call", "tenant", "source", "call_key"),
)

calls = Table(
    "calls",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("source", String(80), nullable=False),
    Column("call_key", String(120), nullable=False),
    Column("direction", String(10), nullable=False),
    Column("customer_phone", String(40), nullable=False),
    Column("queue_id", UUID(as_uuid=True)),
    Column("agent_user", String(64)),
    Column("agent_extension", String(20)),
    Column("extensions", ARRAY(String(20)), nullable=False, server_default="{}"),
    # A transfer to an agent of another org node (a dealer's consultant) hands the call over:
    # it is then in that node's book too (its managers see it), and that agent sees it as the
    # agent who took it does. It stays in the book it was taken in (the hotline's figures).
    Column("handed_to", String(64)),
    Column("handed_to_org", String(64)),
    # The part of a call handed to another org node is a call of its own in that node's book
    # (counted there, wrapped up by the agent who had it): the call it is part of.
    Column("part_of", UUID(as_uuid=True)),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("ring_at", DateTime(timezone=True)),
    Column("answered_at", DateTime(timezone=True)),
    Column("ended_at", DateTime(timezone=True)),
    Column("wait_seconds", Integer, nullable=False, server_default=text("0")),
    Column("talk_seconds", Integer, nullable=False, server_default=text("0")),
    Column("hold_seconds", Integer, nullable=False, server_default=text("0")),
    Column("wrap_seconds", Integer),
    Column("connected", Boolean, nullable=False, server_default=text("false")),
    Column("abandoned", Boolean, nullable=False, server_default=text("false")),
    Column("callback_requested", Boolean, nullable=False, server_default=text("false")),
    Column("system_disposition", String(20)),
    Column("disposition", String(40)),
    Column("notes", Text),
    Column("disposition_by", String(64)),
    Column("disposition_at", DateTime(timezone=True)),
    Column("recording_file", String(500)),
    Column("transfers", JSONB, nullable=False, server_default="[]"),
    Column("customer_id", UUID(as_uuid=True)),
    Column("lead_id", UUID(as_uuid=True)),
    # What the screen pop of a dealer's consultant a transfer rang found: the lead and
    # customer of the part that consultant takes of this call (the hotline's own pop may find
    # no lead of a dealer's customer, and the hotline's call keeps what its own pop found).
    Column("handed_lead_id", UUID(as_uuid=True)),
    Column("handed_customer_id", UUID(as_uuid=True)),
    Column("opportunity_id", UUID(as_uuid=True)),
    Column("ticket_id", UUID(as_uuid=True)),
    Column("task_id", UUID(as_uuid=True)),
    Column("settles_at", DateTime(timezone=True), nullable=False),
    Column("completed_published_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("tenant", "source", "call_key", name="uq_calls_call_key"),
    Index("ix_calls_tenant_org_started", "tenant", "owner_org", "started_at"),
    Index("ix_calls_agent_started", "tenant", "agent_user", "started_at"),
    Index(
        "ix_calls_handed_to",
        "tenant",
        "handed_to_org",
        "started_at",
        postgresql_where=text("handed_to IS NOT NULL"),
    ),
    Index("ix_calls_part_of", "part_of", postgresql_where=text("part_of IS NOT NULL")),
    # The settle sweep: finished calls whose CallCompleted is not out yet.
    Index(
        "ix_calls_to_settle",
        "settles_at",
        postgresql_where=text("ended_at IS NOT NULL AND completed_published_at IS NULL"),
    ),
)

# Phone tasks pushed to consultants and agents; ``source_key`` makes a rule's push idempotent
# (the same policy expiry or grade due date pushes one task, however often the rule runs).
call_tasks = Table(
    "call_tasks",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("assignee", String(64), nullable=False),
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("customer_name", String(200), nullable=False),
    Column("phone", String(40)),
    Column("lead_id", UUID(as_uuid=True)),
    Column("customer_id", UUID(as_uuid=True)),
    Column("rule", String(40)),
    Column("source_key", String(200)),
    Column("status", String(20), nullable=False),
    Column("cleared_by_call", UUID(as_uuid=True)),
    Column("cleared_at", DateTime(timezone=True)),
    Column("cancel_reason", Text),
    Column("cancel_requested_at", DateTime(timezone=True)),
    Column("decided_by", String(64)),
    Column("decided_at", DateTime(timezone=True)),
    Column("rejected", Boolean, nullable=False, server_default=text("false")),
    Column("escalated_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("queue_id", UUID(as_uuid=True), ForeignKey("queues.id")),
    Column("reason", Text),
    UniqueConstraint("tenant", "source_key", name="uq_call_tasks_source"),
    Index("ix_call_tasks_assignee_due", "tenant", "assignee", "status", "due_at"),
    Index("ix_call_tasks_org_due", "tenant", "owner_org", "due_at"),
    Index("ix_call_tasks_lead", "lead_id", postgresql_where=text("lead_id IS NOT NULL")),
    # The end-of-day sweep: rejected cancellations still open.
    Index(
        "ix_call_tasks_to_escalate",
        "due_at",
        postgresql_where=text("status = 'open' AND rejected AND escalated_at IS NULL"),
    ),
)

# Rule-pushed call tasks no queue of their org takes yet (none lists the kind, or it has no
# member able to): kept, never dropped, and dealt out by the distribution sweep once one can.
waiting_call_tasks = Table(
    "waiting_call_tasks",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("customer_name", String(200), nullable=False),
    Column("phone", String(40)),
    Column("lead_id", UUID(as_uuid=True)),
    Column("customer_id", UUID(as_uuid=True)),
    Column("rule", String(40)),
    Column("reason", Text),
    Column("source_key", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("tenant", "source_key", name="uq_waiting_call_tasks_source"),
    Index("ix_waiting_call_tasks_org", "tenant", "owner_org", "kind"),
)

# Quality reviews of recorded calls: a reviewer scores a call once on the QA form
# (``crm_call_center.domain.quality``); ``agent_user`` is the agent reviewed (their QA figures).
call_reviews = Table(
    "call_reviews",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("call_id", UUID(as_uuid=True), ForeignKey("calls.id"), nullable=False),
    Column("agent_user", String(64)),
    Column("reviewer", String(64), nullable=False),
    Column("scores", JSONB, nullable=False),
    Column("total", Integer, nullable=False),
    Column("comment", Text, nullable=False, server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("call_id", "reviewer", name="uq_call_reviews_reviewer"),
    Index("ix_call_reviews_agent", "tenant", "agent_user", "created_at"),
)

# Reviewers' comments on a recorded call, optionally at a moment of the recording (coaching).
call_comments = Table(
    "call_comments",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("call_id", UUID(as_uuid=True), ForeignKey("calls.id"), nullable=False),
    Column("author", String(64), nullable=False),
    Column("at_second", Integer),
    Column("text", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_call_comments_call", "call_id", "created_at"),
)

# Every state an agent declared, from when: the time they were staffed (ready or wrapping up)
# of a period, the denominator of their occupancy. ``agents.state`` is the current one.
agent_states = Table(
    "agent_states",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("user_id", String(64), nullable=False),
    Column("state", String(20), nullable=False),
    Column("since", DateTime(timezone=True), nullable=False),
    Index("ix_agent_states_agent", "tenant", "user_id", "since"),
)


# Call lists imported in the background (``application.call_lists``) on the shared import
# job: its tables, declared once for every import (``crm_common.import_jobs.tables``).
import_jobs = import_job_tables(metadata)
