"""notifications' own tables, beside the shared messaging, policy and staff tables."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Index, MetaData, String, Table, Text, Uuid, text
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()

# One row per notice and reader: the in-app inbox, and the e-mail state of each.
notifications = Table(
    "notifications",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("user_id", String(64), nullable=False),
    Column("event_id", Uuid, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("link", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("read_at", DateTime(timezone=True)),
    # Set when the reader wants it by e-mail now; cleared once sent.
    Column("email_due_at", DateTime(timezone=True)),
    Column("emailed_at", DateTime(timezone=True)),
    # The event's redelivery adds no second notice for the same reader.
    Index("ux_notifications_event_user", "event_id", "user_id", unique=True),
    Index("ix_notifications_inbox", "tenant", "user_id", "created_at"),
    Index(
        "ix_notifications_email_due",
        "email_due_at",
        postgresql_where=text("email_due_at IS NOT NULL AND emailed_at IS NULL"),
    ),
)

# A user's e-mail address for notices and their choice per kind (immediate, digest, off).
notification_preferences = Table(
    "notification_preferences",
    metadata,
    Column("user_id", String(64), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("email", String(254)),
    Column("deliveries", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("digest_sent_on", Date),
)
