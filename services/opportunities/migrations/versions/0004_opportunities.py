"""pipelines, opportunities, stage history, activities, test drives, trade-ins,
evaluations, planned collections, staff

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


def upgrade() -> None:
    op.create_table(
        "pipelines",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("stages", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("is_template", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("is_default", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("template_id", sa.UUID(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["pipelines.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ux_pipelines_default_per_org",
        "pipelines",
        ["tenant", "owner_org"],
        unique=True,
        postgresql_where=sa.text("is_default"),
    )
    op.create_table(
        "questionnaires",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("questions", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "staff",
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("org_node", sa.String(length=64), nullable=False),
        sa.Column("roles", postgresql.ARRAY(sa.String(length=40)), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_index("ix_staff_tenant_org", "staff", ["tenant", "org_node"], unique=False)
    op.create_table(
        "opportunities",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("owner_user", sa.String(length=64), nullable=False),
        sa.Column("owner_team", sa.String(length=64), nullable=False),
        sa.Column("lead_id", sa.UUID(), nullable=True),
        sa.Column("customer_id", sa.UUID(), nullable=True),
        sa.Column("customer_name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("vehicle_interest", sa.String(length=200), nullable=True),
        sa.Column("model_code", sa.String(length=40), nullable=True),
        sa.Column("lead_origin", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=True),
        sa.Column("pipeline_id", sa.UUID(), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("probability", sa.Integer(), nullable=False),
        sa.Column("stage_entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "amount", sa.Numeric(precision=14, scale=2), server_default=sa.text("0"), nullable=False
        ),
        sa.Column("currency", sa.String(length=3), server_default=sa.text("'CNY'"), nullable=False),
        sa.Column("expected_close_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=10), server_default=sa.text("'open'"), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lost_reason", sa.Text(), nullable=True),
        sa.Column("competitor", sa.String(length=200), nullable=True),
        sa.Column("competitor_model", sa.String(length=200), nullable=True),
        sa.Column("evaluation_score", sa.Integer(), nullable=True),
        sa.Column("evaluation_max_score", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pipeline_id"],
            ["pipelines.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("lead_id"),
    )
    op.create_index(
        "ix_opportunities_book_status_stage",
        "opportunities",
        ["tenant", "owner_org", "status", "stage"],
        unique=False,
    )
    op.create_index(
        "ix_opportunities_created", "opportunities", ["tenant", "created_at"], unique=False
    )
    op.create_index(
        "ix_opportunities_customer", "opportunities", ["tenant", "customer_id"], unique=False
    )
    op.create_index(
        "ix_opportunities_owner", "opportunities", ["tenant", "owner_user", "status"], unique=False
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("opportunity_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_activities_opportunity_kind", "activities", ["opportunity_id", "kind"], unique=False
    )
    op.create_table(
        "evaluations",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("opportunity_id", sa.UUID(), nullable=False),
        sa.Column("questionnaire_id", sa.UUID(), nullable=False),
        sa.Column("answers", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("max_score", sa.Integer(), nullable=False),
        sa.Column("evaluated_by", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_id"],
            ["questionnaires.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_evaluations_opportunity", "evaluations", ["opportunity_id"], unique=False)
    op.create_table(
        "planned_collections",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("opportunity_id", sa.UUID(), nullable=False),
        sa.Column("order_id", sa.UUID(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("collected_on", sa.Date(), nullable=True),
        sa.Column("collected_amount", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_planned_collections_book_due",
        "planned_collections",
        ["tenant", "owner_org", "due_on"],
        unique=False,
    )
    op.create_index(
        "ix_planned_collections_opportunity",
        "planned_collections",
        ["opportunity_id"],
        unique=False,
    )
    op.create_table(
        "stage_history",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("opportunity_id", sa.UUID(), nullable=False),
        sa.Column("from_stage", sa.String(length=40), nullable=True),
        sa.Column("to_stage", sa.String(length=40), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_stage_history_book_time",
        "stage_history",
        ["tenant", "owner_org", "changed_at"],
        unique=False,
    )
    op.create_index(
        "ix_stage_history_opportunity",
        "stage_history",
        ["opportunity_id", "changed_at"],
        unique=False,
    )
    op.create_index(
        "ix_stage_history_reached",
        "stage_history",
        ["opportunity_id", "to_stage"],
        unique=False,
    )
    op.create_table(
        "test_drives",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("opportunity_id", sa.UUID(), nullable=False),
        sa.Column("model_code", sa.String(length=40), nullable=False),
        sa.Column("vehicle_vin", sa.String(length=17), nullable=True),
        sa.Column("licence_number", sa.String(length=40), nullable=False),
        sa.Column("licence_checked", sa.Boolean(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("feedback", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_test_drives_opportunity", "test_drives", ["opportunity_id"], unique=False)
    op.create_table(
        "trade_ins",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("owner_org", sa.String(length=64), nullable=False),
        sa.Column("opportunity_id", sa.UUID(), nullable=False),
        sa.Column("make", sa.String(length=80), nullable=False),
        sa.Column("model", sa.String(length=80), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("mileage_km", sa.Integer(), nullable=False),
        sa.Column("vin", sa.String(length=17), nullable=True),
        sa.Column("appraised_value", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("appraised_by", sa.String(length=64), nullable=False),
        sa.Column("appraised_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_trade_ins_opportunity", "trade_ins", ["opportunity_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_trade_ins_opportunity", table_name="trade_ins")
    op.drop_table("trade_ins")
    op.drop_index("ix_test_drives_opportunity", table_name="test_drives")
    op.drop_table("test_drives")
    op.drop_index("ix_stage_history_reached", table_name="stage_history")
    op.drop_index("ix_stage_history_opportunity", table_name="stage_history")
    op.drop_index("ix_stage_history_book_time", table_name="stage_history")
    op.drop_table("stage_history")
    op.drop_index("ix_planned_collections_opportunity", table_name="planned_collections")
    op.drop_index("ix_planned_collections_book_due", table_name="planned_collections")
    op.drop_table("planned_collections")
    op.drop_index("ix_evaluations_opportunity", table_name="evaluations")
    op.drop_table("evaluations")
    op.drop_index("ix_activities_opportunity_kind", table_name="activities")
    op.drop_table("activities")
    op.drop_index("ix_opportunities_owner", table_name="opportunities")
    op.drop_index("ix_opportunities_customer", table_name="opportunities")
    op.drop_index("ix_opportunities_created", table_name="opportunities")
    op.drop_index("ix_opportunities_book_status_stage", table_name="opportunities")
    op.drop_table("opportunities")
    op.drop_index("ix_staff_tenant_org", table_name="staff")
    op.drop_table("staff")
    op.drop_table("questionnaires")
    op.drop_index(
        "ux_pipelines_default_per_org",
        table_name="pipelines",
        postgresql_where=sa.text("is_default"),
    )
    op.drop_table("pipelines")
