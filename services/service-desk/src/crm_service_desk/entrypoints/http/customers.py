"""HTTP API of the after-sales file: a customer's care profile and the vehicles a dealer
services (what care rules and surveys read)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path

from crm_common.db import UnitOfWork
from crm_service_desk.application import customers as commands
from crm_service_desk.entrypoints.http.dependencies import (
    FORBIDDEN,
    NOT_FOUND,
    Database,
    Now,
    TicketWorker,
)
from crm_service_desk.entrypoints.http.schemas import (
    ProfileIn,
    ProfileSaved,
    VehicleIn,
    VehicleSaved,
)

router = APIRouter(tags=["after-sales customers"])


@router.put(
    "/customer-profiles/{customer_id}",
    response_model=ProfileSaved,
    responses={**FORBIDDEN, **NOT_FOUND},
)
async def set_profile(
    customer_id: UUID, body: ProfileIn, principal: TicketWorker, db: Database, now: Now
) -> ProfileSaved:
    """The customer's after-sales file in the caller's book (``customer_id``: leads' customer
    file): contact, birthday, ToC/ToB, insurance expiry, value tier."""
    book = await commands.set_profile(
        customer_id,
        commands.Profile(
            name=body.name,
            segment=body.segment,
            phone=body.phone,
            email=body.email,
            birthday=body.birthday,
            company=body.company,
            insurance_expires_on=body.insurance_expires_on,
            value_tier=body.value_tier,
        ),
        principal,
        UnitOfWork(db),
        now=now,
    )
    return ProfileSaved(customer_id=customer_id, owner_org=book)


@router.put("/vehicles/{vin}", response_model=VehicleSaved, responses={**FORBIDDEN, **NOT_FOUND})
async def register_vehicle(
    vin: Annotated[str, Path(min_length=17, max_length=17)],
    body: VehicleIn,
    principal: TicketWorker,
    db: Database,
    now: Now,
) -> VehicleSaved:
    """A vehicle the caller's dealer services: its customer, last service and mileage."""
    normalised, book = await commands.register_vehicle(
        vin,
        customer_id=body.customer_id,
        model=body.model,
        delivered_on=body.delivered_on,
        last_service_on=body.last_service_on,
        mileage_km=body.mileage_km,
        actor=principal,
        uow=UnitOfWork(db),
        now=now,
    )
    return VehicleSaved(vin=normalised, owner_org=book)
