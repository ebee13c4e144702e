"""Tiered assessment (逐级考核): scoring forms and the assessments made on them."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Numeric, String, Table, Text
from sqlalchemy.dialects.postgresql import JSONB, UUID

from crm_kpi.adapters.tables import metadata

# A form of the tenant's sales planning department, for one tier (crm_kpi.domain.assessments).
assessment_forms = Table(
    "assessment_forms",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("tier", String(20), nullable=False),
    Column("criteria", JSONB, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_assessment_forms_tenant", "tenant", "created_at"),
)

# One person's assessment on a form for a month, and its review: scored, the sales VP's step,
# HR's step. ``owner_org``: the subject's node.
assessments = Table(
    "assessments",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tenant", String(64), nullable=False),
    Column("owner_org", String(64), nullable=False),
    Column("form_id", UUID(as_uuid=True), nullable=False),
    Column("subject_user", String(64), nullable=False),
    Column("period", String(7), nullable=False),
    Column("scores", JSONB, nullable=False),
    Column("total", Numeric(5, 2), nullable=False),
    Column("comment", Text),
    Column("status", String(12), nullable=False),
    Column("scored_by", String(64), nullable=False),
    Column("scored_at", DateTime(timezone=True), nullable=False),
    Column("vp", String(64)),
    Column("vp_note", Text),
    Column("vp_at", DateTime(timezone=True)),
    Column("hr", String(64)),
    Column("hr_note", Text),
    Column("hr_at", DateTime(timezone=True)),
    Index(
        "ux_assessments_subject_period",
        "tenant",
        "form_id",
        "subject_user",
        "period",
        unique=True,
    ),
)
