"""Request and answer bodies of the KPI catalogue and custom KPI definitions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from crm_common.runtime.paging import MOST_REPORT_ROWS
from crm_kpi.domain.kpis import FieldKind, Grouping, KpiDefinition, Module, Period
from crm_kpi.views.kpis import MOST_DEFINITIONS

Name = Annotated[str, Field(min_length=1, max_length=64)]


class DefinitionCreate(BaseModel):
    """Ownership and tenancy come from the token: unknown fields are refused (422)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    definition: KpiDefinition
    shared_roles: list[Name] = Field(default_factory=list, max_length=20)
    shared_nodes: list[Name] = Field(
        default_factory=list, max_length=50, description="Org nodes: everyone at or below them"
    )
    shared_users: list[Name] = Field(default_factory=list, max_length=200)


class DefinitionPublic(BaseModel):
    id: UUID
    name: str
    owner_user: str
    owner_org: str = Field(description="The owner's dealer: how far a share to a role reaches")
    definition: KpiDefinition
    shared_roles: list[str]
    shared_nodes: list[str]
    shared_users: list[str]
    created_at: datetime


class PredefinedPublic(BaseModel):
    code: str
    name_zh: str
    name_en: str
    available: bool
    reason: str | None = Field(description="Why it cannot be computed yet")
    period: Period | None = Field(description="Default period")
    group_by: Grouping | None = Field(description="Default grouping")


class FieldPublic(BaseModel):
    name: str
    kind: FieldKind = Field(
        description="text: eq/ne/in/not_in; flag: eq/ne with true or false; number: also "
        "gte/lte, and summable"
    )


class ModulePublic(BaseModel):
    module: Module
    fields: list[FieldPublic] = Field(description="The only fields a definition may name")
    groupings: list[Grouping] = Field(description="The groupings its facts allow")


class Catalogue(BaseModel):
    predefined: list[PredefinedPublic]
    custom: list[DefinitionPublic] = Field(
        max_length=MOST_DEFINITIONS,
        description=f"Definitions the caller owns or sees: the newest {MOST_DEFINITIONS},"
        " oldest first",
    )
    custom_truncated: bool = Field(
        description="Older definitions were left out of custom: delete those no longer used"
    )
    modules: list[ModulePublic] = Field(
        description="What a custom definition may count or sum, and by what (the builder's choices)"
    )


class KpiValuePublic(BaseModel):
    period_start: date
    group: str | None = Field(description="Dealer, team or consultant; null when not grouped")
    value: Decimal | None = Field(description="Null: nothing to divide by")
    numerator: Decimal | None = Field(
        description="A ratio's numerator; a growth's figure of this period"
    )
    denominator: Decimal | None = Field(
        description="A ratio's denominator (a target for plan completion); a growth's figure "
        "of the previous period"
    )


class KpiValues(BaseModel):
    kpi: str = Field(description="Code of a predefined KPI or id of a definition")
    name: str
    period: Period
    group_by: Grouping
    date_from: date
    date_to: date
    rows: list[KpiValuePublic] = Field(
        max_length=MOST_REPORT_ROWS,
        description=f"A row per group and period: more than {MOST_REPORT_ROWS:,} are refused",
    )
