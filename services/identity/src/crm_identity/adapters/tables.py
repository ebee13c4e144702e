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
    MetaData,
    String,
    Table,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import UUID

metadata = MetaData()

org_nodes = Table(
    "org_nodes",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("tenant", String(64), nullable=False),
    # No foreign key: a dealer's identity copies HQ's tree from events that may bring a node
    # before its parent; the api checks the parent of a node it adds.
    Column("parent_id", String(64)),
    Column("kind", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("partner_type", String(20)),
    Column("path", String(1000), nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_org_nodes_tenant_path", "tenant", "path"),
)

# Who moved which node of the tree from where to where, and when: appended with the move, in
# its transaction; never changed.
org_moves = Table(
    "org_moves",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("tenant", String(64), nullable=False),
    Column("org_id", String(64), nullable=False),
    Column("from_parent", String(64), nullable=False),
    Column("to_parent", String(64), nullable=False),
    Column("from_path", String(1000), nullable=False),
    Column("to_path", String(1000), nullable=False),
    Column("moved_by", String(64), nullable=False),
    Column("moved_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_org_moves_tenant_org", "tenant", "org_id"),
)

users = Table(
    "users",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("org_node", String(64), ForeignKey("org_nodes.id"), nullable=False),
    Column("username", String(100), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("roles", ARRAY(String(40)), nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    # No longer written: lockout is per username and client address, in Redis
    # (crm_identity.adapters.login_throttle). Dropped once no running instance of an older
    # release still writes them (a rolling deploy runs both).
    Column("failed_logins", Integer, nullable=False, server_default=text("0")),
    Column("locked_until", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # The dealer whose own deployment holds the user (its identity created it and logs it in;
    # HQ keeps a copy from its events); NULL: a user of this installation.
    Column("deployment", String(64)),
    Index("ix_users_tenant_org_node", "tenant", "org_node"),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("user_id", UUID(as_uuid=True), ForeignKey("users.id"), nullable=False),
    Column("family_id", UUID(as_uuid=True), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
    Index("ix_refresh_tokens_family", "family_id"),
)

# Rows only where an agreement differs from the defaults (crm_common.policy.sharing);
# "*" dealer/partner ids make an agreement tenant-wide.
sharing_agreements = Table(
    "sharing_agreements",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("data_type", String(20), primary_key=True),
    Column("direction", String(30), primary_key=True),
    Column("dealer_id", String(64), primary_key=True),
    Column("partner_id", String(64), primary_key=True),
    Column("level", String(10), nullable=False),
    Column("updated_by", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# Token signing keys. The private part is encrypted with the settings' key-encryption key and
# erased (NULL) once no valid token can carry the key any more.
signing_keys = Table(
    "signing_keys",
    metadata,
    Column("kid", String(64), primary_key=True),
    Column("private_key", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("signs_from", DateTime(timezone=True), nullable=False),
    Column("retired_at", DateTime(timezone=True)),
    Column("destroyed_at", DateTime(timezone=True)),
)
