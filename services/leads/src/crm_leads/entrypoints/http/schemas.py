from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator

from crm_leads.domain.lead import InvalidPhoneNumber, LeadSource, normalise_phone


class LeadCreate(BaseModel):
    """A new lead. Tenant and owning org come from the caller's token, never from the body."""

    model_config = ConfigDict(extra="forbid")

    customer_name: str = Field(min_length=1, max_length=200, examples=["王伟"])
    phone: str = Field(min_length=5, max_length=32, examples=["138 0013 8000"])
    source: LeadSource
    vehicle_interest: str | None = Field(default=None, max_length=200, examples=["Model X 2.0T"])

    @field_validator("phone")
    @classmethod
    def _phone_is_a_phone_number(cls, value: str) -> str:
        try:
            normalise_phone(value)
        except InvalidPhoneNumber as exc:
            raise ValueError(str(exc)) from exc
        return value


class LeadPublic(BaseModel):
    id: UUID
    owner_org: str
    customer_name: str
    phone: str
    source: LeadSource
    vehicle_interest: str | None
    created_by: str
    created_at: datetime
