"""Tables every service database has: outbox and inbox (DESIGN.md "Events"), and the copies of
identity's data the shared policy reads (org tree, sharing agreements, and, where a service
gives work to people, its staff and the hand-overs of its leavers)."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

messaging_metadata = MetaData()

OUTBOX_FILLFACTOR = 50

outbox = Table(
    "outbox",
    messaging_metadata,
    # The sequence gives publication order; per aggregate key it is the order of commits.
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("event_id", UUID(as_uuid=True), nullable=False, unique=True),
    Column("topic", String(200), nullable=False),
    Column("key", String(200), nullable=False),
    Column("event_type", String(200), nullable=False),
    Column("payload", JSONB, nullable=False),
    Column("headers", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("published_at", DateTime(timezone=True)),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("last_error", Text),
    # A row that failed on its own (too large, unknown topic) waits until ``retry_at``; after
    # ``outbox_max_attempts`` it is parked until an operator replays it (`crm-<service> outbox`).
    # Either way its key's later rows wait behind it.
    Column("retry_at", DateTime(timezone=True)),
    Column("parked_at", DateTime(timezone=True)),
    # A relay leases the rows it sends, so no transaction stays open while Kafka acknowledges.
    Column("leased_by", UUID(as_uuid=True)),
    Column("leased_until", DateTime(timezone=True)),
    Index("ix_outbox_unpublished", "id", postgresql_where=text("published_at IS NULL")),
    # The relay checks per key that no earlier row is still pending (order across relays).
    Index("ix_outbox_unpublished_key", "key", "id", postgresql_where=text("published_at IS NULL")),
    Index(
        "ix_outbox_published_at", "published_at", postgresql_where=text("published_at IS NOT NULL")
    ),
    # Room on each page for a row's next version: a relay's lease (two columns in no index) is
    # then a HOT update, with no new entry in the four indexes the rounds read.
    postgresql_with={"fillfactor": OUTBOX_FILLFACTOR},
)

# Each service's copy of the org tree (from identity.OrgChanged): answers "which org nodes lie
# under this one?" for the subtree data scope without asking identity on every query.
org_directory = Table(
    "org_directory",
    messaging_metadata,
    Column("id", String(64), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("parent_id", String(64)),
    Column("kind", String(20), nullable=False),
    Column("path", String(1000), nullable=False),
    Column("dealer_id", String(64)),
    Column("active", Boolean, nullable=False),
    Index("ix_org_directory_tenant_path", "tenant", "path"),
    Index("ix_org_directory_tenant_dealer", "tenant", "dealer_id"),
)

# The copy of identity's users a service that gives work to people keeps (from
# identity.UserChanged, crm_common.policy.staff): who may own its records.
staff = Table(
    "staff",
    messaging_metadata,
    Column("user_id", String(64), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("org_node", String(64), nullable=False),
    Column("roles", ARRAY(String(40)), nullable=False),
    Column("active", Boolean, nullable=False),
    # The name colleagues know them by (identity.UserChanged version 2; none from version 1):
    # a staff member's name, never a customer's personal data.
    Column("display_name", String(200)),
    Index("ix_staff_tenant_org", "tenant", "org_node"),
)

# Each part of a hand-over of a leaver (leads.ConsultantHandedOver), kept whole where a service
# gives its own records to people (crm_common.policy.hand_overs): a record of the leaver's that
# arrives after the final part (another topic, so in any order) goes to the successor the
# hand-over chose, not to the leaver.
hand_overs = Table(
    "hand_overs",
    messaging_metadata,
    Column("hand_over_id", UUID(as_uuid=True), primary_key=True),
    Column("part", Integer, primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("consultant", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("handed", JSONB, nullable=False),
    Index("ix_hand_overs_leaver", "tenant", "owner_org", "consultant", "at"),
)

# Each service's copy of the sharing agreements (from identity.SharingPolicyChanged); levels
# are SharingLevel values, "*" ids are the tenant-wide defaults.
sharing_levels = Table(
    "sharing_levels",
    messaging_metadata,
    Column("tenant", String(64), primary_key=True),
    Column("data_type", String(20), primary_key=True),
    Column("direction", String(30), primary_key=True),
    Column("dealer_id", String(64), primary_key=True),
    Column("partner_id", String(64), primary_key=True),
    Column("level", SmallInteger, nullable=False),
)

AUDIT_ACTION_LENGTH = 40
"""What an audit entry's action may hold: a read, a download, a command's last word."""

# Append-only record of who read or changed personal data (a trigger refuses UPDATE/DELETE).
personal_data_audit = Table(
    "personal_data_audit",
    messaging_metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("actor_org", String(64), nullable=False),
    Column("action", String(AUDIT_ACTION_LENGTH), nullable=False),
    Column("resource_type", String(30), nullable=False),
    Column("resource_id", String(64), nullable=False),
    Column("fields", ARRAY(String(40)), nullable=False),
    Column("level", String(10), nullable=False),
    Column("endpoint", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_personal_data_audit_resource", "tenant", "resource_id"),
)

inbox = Table(
    "inbox",
    messaging_metadata,
    Column("consumer", String(100), primary_key=True),
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("event_type", String(200), nullable=False),
    Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
