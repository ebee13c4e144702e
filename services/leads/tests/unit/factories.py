from __future__ import annotations

from datetime import datetime
from uuid import UUID

from crm_leads.domain.lead import Lead, LeadSource, Worker, register_lead

POOL = UUID(int=7)
CUSTOMER = UUID(int=9)


def new_lead(now: datetime, owner: Worker | None, customer_name: str = "王伟") -> Lead:
    return register_lead(
        tenant="oem-1",
        owner_org="dealer-1",
        customer_id=CUSTOMER,
        customer_name=customer_name,
        phone="138 0013 8000",
        source=LeadSource.WALK_IN,
        vehicle_interest="  SUV X ",
        created_by="u-1",
        home_pool_id=POOL,
        owner=owner,
        now=now,
    )
