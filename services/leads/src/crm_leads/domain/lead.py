"""A lead: someone who may buy a car, recorded for a dealer or an HQ pool. Pure rules, no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

DEFAULT_COUNTRY_CODE = "86"
_SEPARATORS = re.compile(r"[\s\-().]")


class LeadSource(StrEnum):
    """Where a lead came from (DOMAIN.md "Sources")."""

    CAMPAIGN = "campaign"
    CAMPAIGN_FORM = "campaign_form"
    OEM_WEBSITE = "oem_website"
    REFERRAL = "referral"
    FLYER = "flyer"
    WALK_IN = "walk_in"
    PHONE = "phone"
    WEB = "web"


class InvalidPhoneNumber(ValueError):
    pass


def normalise_phone(raw: str, default_country_code: str = DEFAULT_COUNTRY_CODE) -> str:
    """E.164: ``138 0013 8000`` → ``+8613800138000``; ``00``/``+`` keep their country code."""
    compact = _SEPARATORS.sub("", raw.strip())
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+"):
        digits = compact[1:]
    elif default_country_code == "86" and len(compact) == 11 and compact.startswith("1"):
        digits = default_country_code + compact
    else:
        digits = default_country_code + compact.lstrip("0")
    if not digits.isdigit() or not 8 <= len(digits) <= 15:
        raise InvalidPhoneNumber(f"not a phone number: {raw!r}")
    return "+" + digits


def normalise_name(raw: str) -> str:
    return " ".join(raw.split())


@dataclass(frozen=True, slots=True)
class Lead:
    id: UUID
    tenant: str
    owner_org: str
    customer_name: str
    phone: str
    source: LeadSource
    vehicle_interest: str | None
    created_by: str
    created_at: datetime


def register_lead(
    *,
    tenant: str,
    owner_org: str,
    customer_name: str,
    phone: str,
    source: LeadSource,
    vehicle_interest: str | None,
    created_by: str,
    now: datetime,
) -> Lead:
    """A new lead, normalised, owned by the org node that received it."""
    return Lead(
        id=uuid4(),
        tenant=tenant,
        owner_org=owner_org,
        customer_name=normalise_name(customer_name),
        phone=normalise_phone(phone),
        source=source,
        vehicle_interest=vehicle_interest.strip() if vehicle_interest else None,
        created_by=created_by,
        created_at=now,
    )
