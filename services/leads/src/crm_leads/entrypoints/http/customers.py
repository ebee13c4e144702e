"""HTTP API of customer files (客户档案): search, a customer's file (customer 360), a vehicle's
plate, and merging two files of one person."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Path, Query
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import Paging, first_of, page_of
from crm_leads.application.customer_file import customer_file, record_plate, search_customers
from crm_leads.application.customers import merge_customers
from crm_leads.domain.customer_file import normalise_plate, normalise_vin
from crm_leads.domain.lead import InvalidPhoneNumber, normalise_phone
from crm_leads.views.customer_files import MAX_LEADS, MAX_RECORDS, Search, Shown

router = APIRouter(prefix="/customers", tags=["customers"])
_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "No such customer in a book the caller manages"},
    409: {"description": "Different books, or both customers have an open lead"},
}
_READ_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "No such customer file visible to the caller (or merged into another)"},
}

CustomerReader = Annotated[Principal, requires("lead.read")]


class CustomerMerge(BaseModel):
    model_config = ConfigDict(extra="forbid")

    into: UUID


class CustomerMerged(BaseModel):
    customer_id: UUID
    moved_leads: list[UUID]


class CustomerFound(BaseModel):
    """A customer as the caller may see them: name and phone masked unless in full."""

    id: UUID
    owner_org: str
    name: str
    phone: str
    owner_user: str | None = Field(description="Who works the customer (their current lead's)")
    owner_team: str | None
    lead_id: UUID = Field(description="The current lead: the open one, else the latest")
    lead_status: str
    grade: str | None
    created_at: datetime
    personal_data: str = Field(description="full or masked: how the caller sees it")

    @classmethod
    def of(cls, shown: Shown) -> CustomerFound:
        return cls(
            id=shown.customer_id,
            owner_org=shown.owner_org,
            name=shown.name,
            phone=shown.phone,
            owner_user=shown.owner_user,
            owner_team=shown.owner_team,
            lead_id=shown.lead_id,
            lead_status=shown.lead_status,
            grade=shown.grade,
            created_at=shown.created_at,
            personal_data=shown.level.label,
        )


class Identifier(BaseModel):
    kind: str = Field(examples=["wechat_id", "email", "id_number"])
    value: str = Field(description="Masked unless in full; an ID number is only ever its digest")


class LeadOfCustomer(BaseModel):
    id: UUID
    owner_org: str
    status: str
    source: str
    vehicle_interest: str | None
    grade: str | None
    owner_user: str | None
    ownership_origin: str | None
    created_at: datetime


class RecordOfCustomer(BaseModel):
    """An opportunity, order or ticket and its latest state."""

    id: UUID
    status: str
    at: datetime = Field(description="When it reached that state")
    details: dict[str, Any]


class VehicleOfCustomer(BaseModel):
    vin: str = Field(description="Masked unless in full")
    plate: str | None = Field(description="Masked unless in full")
    model_code: str | None
    delivered_on: date | None


class TimelineEntry(BaseModel):
    at: datetime
    kind: str = Field(
        examples=["lead_created", "follow_up", "opportunity_opened", "order_placed", "call"]
    )
    source: str = Field(description="The service whose record it is")
    subject_id: UUID = Field(
        description="The lead, opportunity, ticket, survey, care action or call"
    )
    record_id: UUID | None = Field(description="An order, a follow-up")
    vin: str | None
    model_code: str | None
    details: dict[str, Any]


MOST_TIMELINE = 500
"""Timeline entries one page of a customer's file carries."""


class CustomerFilePublic(BaseModel):
    """Each list at most what the file's reads take (``crm_leads.views.customer_files``)."""

    customer: CustomerFound
    merged_from: list[UUID] = Field(
        max_length=MAX_RECORDS, description="Files merged into this one"
    )
    identifiers: list[Identifier] = Field(max_length=MAX_RECORDS)
    leads: list[LeadOfCustomer] = Field(max_length=MAX_LEADS)
    opportunities: list[RecordOfCustomer] = Field(max_length=MAX_RECORDS)
    orders: list[RecordOfCustomer] = Field(max_length=MAX_RECORDS * 3)
    tickets: list[RecordOfCustomer] = Field(max_length=MAX_RECORDS * 3)
    vehicles: list[VehicleOfCustomer] = Field(max_length=MAX_RECORDS)
    timeline: list[TimelineEntry] = Field(
        max_length=MOST_TIMELINE,
        description="Newest first; the next page: before= the last entry's at",
    )


class VehiclePlate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plate: str | None = Field(default=None, max_length=20, examples=["沪A12345"])
    model_code: str | None = Field(default=None, max_length=40)


@router.get("", response_model=list[CustomerFound], responses=_READ_ERRORS)
async def search(
    principal: CustomerReader,
    db: Database,
    page: Annotated[Paging, page_of(default=20, most=100, deepest=10_000)],
    # PostgreSQL text holds no NUL: refused here rather than failing at the database.
    name: Annotated[str | None, Query(min_length=1, max_length=100, pattern=r"^[^\x00]+$")] = None,
    phone: Annotated[str | None, Query(max_length=30)] = None,
    vin: Annotated[str | None, Query(max_length=17)] = None,
    plate: Annotated[str | None, Query(max_length=20)] = None,
) -> list[CustomerFound]:
    """Customer files by name (in part), phone, VIN or plate (exactly), every criterion given
    holding, among the files the caller may see; name and phone masked unless the caller sees
    them in full, and a name matches only files the caller sees in full. Each file found is
    recorded in the personal-data audit."""
    if not any((name, phone, vin, plate)):
        raise InvalidInput("name", "give a name, phone, vin or plate", location="query")
    try:
        number = normalise_phone(phone) if phone else None
    except InvalidPhoneNumber as exc:
        raise InvalidInput("phone", str(exc), location="query") from exc
    by = Search(
        name=name,
        phone=number,
        vin=normalise_vin(vin) if vin else None,
        plate=normalise_plate(plate) if plate else None,
    )
    found = await search_customers(db, principal, by, limit=page.limit, offset=page.offset)
    return [CustomerFound.of(shown) for shown in found]


@router.get("/{customer_id}", response_model=CustomerFilePublic, responses=_READ_ERRORS)
async def read_file(
    customer_id: UUID,
    principal: CustomerReader,
    db: Database,
    page: Annotated[Paging, first_of(default=100, most=MOST_TIMELINE)],
    before: Annotated[AwareDatetime | None, Query()] = None,
) -> CustomerFilePublic:
    """The customer's file (customer 360): identifiers, who works them, their leads,
    opportunities, orders, vehicles and tickets, and one timeline of what every service
    recorded — leads' history and follow-ups, opportunities, test drives, orders, deliveries,
    tickets, calls, care actions and surveys. Masked as the customer's lead is for the
    caller; the read is audited."""
    found = await customer_file(db, principal, customer_id, before=before, limit=page.limit)
    return CustomerFilePublic(
        customer=CustomerFound.of(found.customer),
        merged_from=found.merged_from,
        identifiers=[Identifier(kind=k, value=v) for k, v in found.identifiers],
        leads=[LeadOfCustomer.model_validate(dict(row)) for row in found.leads],
        opportunities=[
            RecordOfCustomer.model_validate(r, from_attributes=True) for r in found.opportunities
        ],
        orders=[RecordOfCustomer.model_validate(r, from_attributes=True) for r in found.orders],
        tickets=[RecordOfCustomer.model_validate(r, from_attributes=True) for r in found.tickets],
        vehicles=[
            VehicleOfCustomer.model_validate(v, from_attributes=True) for v in found.vehicles
        ],
        timeline=[TimelineEntry.model_validate(e, from_attributes=True) for e in found.timeline],
    )


@router.put(
    "/{customer_id}/vehicles/{vin}",
    response_model=VehicleOfCustomer,
    responses={403: _ERRORS[403], 404: _ERRORS[404]},
)
async def record_vehicle_plate(
    customer_id: UUID,
    vin: Annotated[str, Path(min_length=17, max_length=17)],
    body: VehiclePlate,
    principal: Annotated[Principal, requires("lead.assign")],
    db: Database,
    now: Now,
) -> VehicleOfCustomer:
    """A manager records a vehicle of the customer's and its plate (issued after delivery), so
    the file is found by it; a delivery or a ticket naming the VIN adds the vehicle too."""
    vehicle = await record_plate(
        customer_id,
        normalise_vin(vin, location="path"),
        normalise_plate(body.plate, location="body") if body.plate else None,
        body.model_code,
        principal,
        UnitOfWork(db),
        now=now,
    )
    return VehicleOfCustomer.model_validate(vehicle, from_attributes=True)


@router.post("/{customer_id}/merge", response_model=CustomerMerged, responses=_ERRORS)
async def merge_customer(
    customer_id: UUID,
    body: CustomerMerge,
    principal: Annotated[Principal, requires("lead.assign")],
    db: Database,
    now: Now,
) -> CustomerMerged:
    """Merge this customer file into another of the same dealer (the same person recorded
    twice): its leads move over, later submissions with its phone reach the merged customer,
    and the merge is audited and published (``leads.CustomerMerged``)."""
    merge = await merge_customers(customer_id, body.into, principal, UnitOfWork(db), now=now)
    return CustomerMerged(customer_id=merge.customer_id, moved_leads=merge.moved_leads)
