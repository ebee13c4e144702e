"""The after-sales file of customers and vehicles in a dealer's book: contact, birthday, ToC
or ToB, insurance expiry, customer value; a vehicle's last service and mileage. What care
rules and surveys read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_service_desk.adapters import repository, survey_store
from crm_service_desk.domain.care import Segment
from crm_service_desk.domain.tickets import normalise_phone, normalise_vin


class NotInThisBook(LookupError):
    """The customer or vehicle belongs to another book (answered 404)."""


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    segment: Segment
    phone: str | None = None
    email: str | None = None
    birthday: date | None = None
    company: str | None = None
    insurance_expires_on: date | None = None
    value_tier: str | None = None


async def set_profile(
    customer_id: UUID, profile: Profile, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> str:
    """Records the customer's after-sales file in the caller's book; returns the book. A
    changed value tier is dated (the value-changed care rule reads it)."""
    async with uow:
        book = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        known = await survey_store.profile(uow.session, actor.tenant, customer_id)
        if known is not None and known["owner_org"] != book:
            raise NotInThisBook("customer not found")
        changed_on = None if known is None else known["value_changed_on"]
        if known is not None and known["value_tier"] != profile.value_tier:
            changed_on = now.date()
        await survey_store.set_profile(
            uow.session,
            {
                "tenant": actor.tenant,
                "customer_id": customer_id,
                "owner_org": book,
                "name": profile.name,
                "phone": None if profile.phone is None else normalise_phone(profile.phone),
                "email": profile.email,
                "birthday": profile.birthday,
                "segment": profile.segment.value,
                "company": profile.company,
                "insurance_expires_on": profile.insurance_expires_on,
                "value_tier": profile.value_tier,
                "value_changed_on": changed_on,
                "updated_at": now,
            },
        )
    return book


async def register_vehicle(
    vin: str,
    *,
    customer_id: UUID | None,
    model: str | None,
    delivered_on: date | None,
    last_service_on: date | None,
    mileage_km: int | None,
    actor: Principal,
    uow: UnitOfWork,
    now: datetime,
) -> tuple[str, str]:
    """A vehicle the dealer services (one it did not sell, or an update of one it did)."""
    vin = normalise_vin(vin, "vin", "path")
    async with uow:
        book = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        known = await survey_store.vehicle(uow.session, actor.tenant, vin)
        if known is not None and known["owner_org"] != book:
            raise NotInThisBook("vehicle not found")
        await survey_store.record_delivery(
            uow.session,
            {
                "tenant": actor.tenant,
                "vin": vin,
                "owner_org": book,
                "customer_id": customer_id,
                "model": model,
                "delivered_on": delivered_on,
                "last_service_on": last_service_on,
                "mileage_km": mileage_km,
                "mileage_on": None if mileage_km is None else now.date(),
            },
        )
    return vin, book
