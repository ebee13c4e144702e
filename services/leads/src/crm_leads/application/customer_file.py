"""The customer's file (客户档案, customer 360): kept from the events of every service that
names leads' customers, searched and read like any personal data — scoped by the shared
policy, masked where the caller's read is masked, every read audited."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.contracts.envelope import Envelope
from crm_common.db import UnitOfWork
from crm_common.policy import DataType, SharingLevel
from crm_common.policy.audit import record_personal_data_access
from crm_leads.adapters import customer_files, customer_timeline
from crm_leads.application.customers import CustomerNotFound
from crm_leads.domain.customer_file import timeline_entry
from crm_leads.views import customer_files as views
from crm_leads.views.customer_files import CustomerFile, Search, Shown, Vehicle

FILE_FIELDS = ("customer_name", "phone", "identifiers", "vin", "plate")
SEARCH_ENDPOINT = "GET /customers"
FILE_ENDPOINT = "GET /customers/{customer_id}"


async def record_customer_event(uow: UnitOfWork, event: Envelope[Any]) -> None:
    """The event's entry in its customer's file (once: the inbox and the entry's key)."""
    entry = timeline_entry(event.data, event.occurred_at)
    if entry is None:
        return
    customer_id = entry.customer_id
    if customer_id is None and entry.lead_id is not None:
        customer_id = await customer_timeline.customer_of_lead(uow.session, entry.lead_id)
        if customer_id is None:
            return  # a lead of another deployment's book: no file here
    await customer_timeline.record_entry(
        uow.session,
        event_id=event.id,
        tenant=event.tenant,
        owner_org=event.owner_org,
        entry=entry,
        customer_id=customer_id,
    )


async def search_customers(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    by: Search,
    *,
    limit: int,
    offset: int,
) -> list[Shown]:
    """The files found, each one's disclosure audited."""
    async with UnitOfWork(sessions) as uow:
        found = await views.search(uow.session, principal, by, limit=limit, offset=offset)
        for shown in found:
            await _audit(uow.session, principal, shown, action="search", endpoint=SEARCH_ENDPOINT)
    return found


async def customer_file(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    customer_id: UUID,
    *,
    before: datetime | None,
    limit: int,
) -> CustomerFile:
    """Raises ``CustomerNotFound`` when the caller may not see the file (or it was merged
    into another)."""
    async with UnitOfWork(sessions) as uow:
        found = await views.file_of(uow.session, principal, customer_id, before=before, limit=limit)
        if found is None:
            raise CustomerNotFound("customer not found")
        await _audit(uow.session, principal, found.customer, action="read", endpoint=FILE_ENDPOINT)
    return found


async def record_plate(
    customer_id: UUID,
    vin: str,
    plate: str | None,
    model_code: str | None,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> Vehicle:
    """A manager of the customer's book records a vehicle of theirs and its plate (the plate
    is issued after delivery; the file searches by it)."""
    async with uow:
        session = uow.session
        found = (await customer_files.lock_managed(session, actor, [customer_id])).get(customer_id)
        if found is None or found.merged_into is not None:
            raise CustomerNotFound("customer not found")
        await customer_timeline.add_vehicle(
            session,
            tenant=found.tenant,
            owner_org=found.owner_org,
            customer_id=customer_id,
            vin=vin,
            model_code=model_code,
            delivered_on=None,
            seen_at=now,
            plate=plate,
        )
        vehicle = await views.vehicle_of(session, customer_id, vin)
        await record_personal_data_access(
            session,
            actor,
            action="plate",
            resource_type=DataType.CUSTOMER,
            resource_id=str(customer_id),
            owner_org=found.owner_org,
            fields=("vin", "plate"),
            level=SharingLevel.FULL,
            endpoint="PUT /customers/{customer_id}/vehicles/{vin}",
        )
    return vehicle


async def _audit(
    session: AsyncSession, principal: Principal, shown: Shown, *, action: str, endpoint: str
) -> None:
    await record_personal_data_access(
        session,
        principal,
        action=action,
        resource_type=DataType.CUSTOMER,
        resource_id=str(shown.customer_id),
        owner_org=shown.owner_org,
        fields=FILE_FIELDS,
        level=shown.level,
        endpoint=endpoint,
    )
