"""staff, customers, pools, ownership of leads, follow-ups and the lead history

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_STATUSES = "status IN ('open', 'loss_pending')"
UUID = postgresql.UUID(as_uuid=True)


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("org_node", sa.String(64), nullable=False),
        sa.Column("roles", postgresql.ARRAY(sa.String(40)), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_index("ix_staff_tenant_org", "staff", ["tenant", "org_node"])
    op.create_table(
        "customers",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("locked", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ux_customers_book_phone", "customers", ["tenant", "owner_org", "phone"], unique=True
    )
    op.create_table(
        "pools",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("auto_assignment", sa.String(20), nullable=False),
        sa.Column("rules", postgresql.JSONB, nullable=False),
        sa.Column("is_default", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ux_pools_default_per_org",
        "pools",
        ["tenant", "owner_org"],
        unique=True,
        postgresql_where=sa.text("is_default"),
    )
    op.create_table(
        "pool_members",
        sa.Column("pool_id", UUID, sa.ForeignKey("pools.id"), primary_key=True),
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("org_node", sa.String(64), nullable=False),
        sa.Column("weight", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("last_assigned_at", sa.DateTime(timezone=True)),
    )

    for name, type_ in [
        ("customer_id", UUID),
        ("status", sa.String(20)),
        ("home_pool_id", UUID),
        ("pool_id", UUID),
        ("owner_user", sa.String(64)),
        ("owner_team", sa.String(64)),
        ("owned_since", sa.DateTime(timezone=True)),
        ("grade", sa.String(20)),
        ("next_follow_up_due", sa.DateTime(timezone=True)),
        ("last_follow_up_at", sa.DateTime(timezone=True)),
        ("previous_owner", sa.String(64)),
        ("protected_until", sa.DateTime(timezone=True)),
        ("released_at", sa.DateTime(timezone=True)),
        ("loss_reason", sa.Text),
    ]:
        op.add_column("leads", sa.Column(name, type_))
    # Leads recorded before pools existed: their creators own them, one customer per book and
    # phone, later duplicates closed as lost so that a customer keeps one open lead.
    op.execute(
        """
        INSERT INTO customers (id, tenant, owner_org, phone, name, created_at)
        SELECT DISTINCT ON (tenant, owner_org, phone)
               gen_random_uuid(), tenant, owner_org, phone, customer_name, created_at
        FROM leads ORDER BY tenant, owner_org, phone, created_at
        """
    )
    op.execute(
        """
        INSERT INTO pools (id, tenant, owner_org, name, kind, auto_assignment, rules,
                           is_default, created_at)
        SELECT gen_random_uuid(), tenant, owner_org, 'Public pool of ' || owner_org, 'claim',
               'none', '{}'::jsonb, true, now()
        FROM (SELECT DISTINCT tenant, owner_org FROM leads) AS books
        """
    )
    op.execute(
        """
        UPDATE leads l
        SET customer_id = c.id, home_pool_id = p.id, owner_user = l.created_by,
            owner_team = l.owner_org, owned_since = l.created_at,
            status = CASE WHEN firsts.id = l.id THEN 'open' ELSE 'lost' END,
            loss_reason = CASE WHEN firsts.id = l.id THEN NULL
                               ELSE 'duplicate of an earlier lead (migration 0004)' END
        FROM customers c, pools p,
             (SELECT DISTINCT ON (tenant, owner_org, phone) id, tenant, owner_org, phone
              FROM leads ORDER BY tenant, owner_org, phone, created_at, id) AS firsts
        WHERE c.tenant = l.tenant AND c.owner_org = l.owner_org AND c.phone = l.phone
          AND p.tenant = l.tenant AND p.owner_org = l.owner_org AND p.is_default
          AND firsts.tenant = l.tenant AND firsts.owner_org = l.owner_org
          AND firsts.phone = l.phone
        """
    )
    for name in ("customer_id", "status", "home_pool_id"):
        op.alter_column("leads", name, nullable=False)
    op.create_foreign_key("fk_leads_customer", "leads", "customers", ["customer_id"], ["id"])
    op.create_foreign_key("fk_leads_home_pool", "leads", "pools", ["home_pool_id"], ["id"])
    op.create_foreign_key("fk_leads_pool", "leads", "pools", ["pool_id"], ["id"])
    op.create_index(
        "ux_leads_one_open_per_customer",
        "leads",
        ["customer_id"],
        unique=True,
        postgresql_where=sa.text(OPEN_STATUSES),
    )
    op.create_index(
        "ix_leads_owner_open",
        "leads",
        ["tenant", "owner_user"],
        postgresql_where=sa.text(OPEN_STATUSES),
    )
    op.create_index(
        "ix_leads_in_pool",
        "leads",
        ["pool_id", "released_at"],
        postgresql_where=sa.text("pool_id IS NOT NULL"),
    )
    op.create_index(
        "ix_leads_recycle_clock",
        "leads",
        ["home_pool_id", sa.text("greatest(owned_since, last_follow_up_at)")],
        postgresql_where=sa.text("status = 'open' AND owner_user IS NOT NULL"),
    )
    op.create_index(
        "ix_leads_recycle_owned",
        "leads",
        ["home_pool_id", "owned_since"],
        postgresql_where=sa.text("status = 'open' AND owner_user IS NOT NULL"),
    )

    op.create_table(
        "lead_history",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("lead_id", UUID, nullable=False),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("from_user", sa.String(64)),
        sa.Column("to_user", sa.String(64)),
        sa.Column("reason", sa.Text),
        sa.Column("rule", sa.String(40)),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_lead_history_lead", "lead_history", ["lead_id", "id"])
    op.create_index(
        "ix_lead_history_claims",
        "lead_history",
        ["tenant", "to_user", "from_user", "at"],
        postgresql_where=sa.text("kind = 'claimed'"),
    )
    op.create_table(
        "follow_ups",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("lead_id", UUID, sa.ForeignKey("leads.id"), nullable=False),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("owner_org", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("next_step", sa.Text),
        sa.Column("grade", sa.String(20)),
        sa.Column("call_seconds", sa.Integer),
        sa.Column("verified", sa.Boolean, nullable=False),
        sa.Column("resets_clock", sa.Boolean, nullable=False),
        sa.Column("by_user", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_index("ix_follow_ups_lead", "follow_ups", ["lead_id", "at"])


def downgrade() -> None:
    op.drop_table("follow_ups")
    op.drop_table("lead_history")
    for name in (
        "ix_leads_recycle_owned",
        "ix_leads_recycle_clock",
        "ix_leads_in_pool",
        "ix_leads_owner_open",
        "ux_leads_one_open_per_customer",
    ):
        op.drop_index(name, table_name="leads")
    for name in ("fk_leads_pool", "fk_leads_home_pool", "fk_leads_customer"):
        op.drop_constraint(name, "leads", type_="foreignkey")
    for name in (
        "customer_id",
        "status",
        "home_pool_id",
        "pool_id",
        "owner_user",
        "owner_team",
        "owned_since",
        "grade",
        "next_follow_up_due",
        "last_follow_up_at",
        "previous_owner",
        "protected_until",
        "released_at",
        "loss_reason",
    ):
        op.drop_column("leads", name)
    op.drop_table("pool_members")
    op.drop_table("pools")
    op.drop_table("customers")
    op.drop_table("staff")
