"""Service agreements (保养套餐, extended warranty): a dealer (or HQ, for the network's own
programmes) registers what a vehicle or customer bought; tickets then show whether the work
is covered (``crm_service_desk.views.agreements``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_service_desk.adapters import agreement_store, repository
from crm_service_desk.domain.agreements import AgreementKind, check_terms
from crm_service_desk.domain.tickets import normalise_vin


@dataclass(frozen=True, slots=True)
class NewAgreement:
    kind: AgreementKind
    name: str
    valid_from: date
    valid_until: date
    vin: str | None = None
    customer_id: UUID | None = None
    categories: tuple[str, ...] = field(default=())
    """Category codes of the book or above it; empty: any work."""
    max_km: int | None = None
    visits: int | None = None


async def register_agreement(
    command: NewAgreement, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> dict[str, Any]:
    """An agreement sold by the caller's book (422 naming the field for bad terms or an
    unknown category)."""
    vin = None if command.vin is None else normalise_vin(command.vin, "vin")
    check_terms(
        valid_from=command.valid_from,
        valid_until=command.valid_until,
        vin=vin,
        customer_id=command.customer_id,
    )
    async with uow:
        book = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        chain = await repository.org_chain(uow.session, actor.tenant, book)
        unknown = await agreement_store.unknown_categories(
            uow.session, actor.tenant, chain, command.categories
        )
        if unknown:
            raise InvalidInput("categories", f"unknown categories {unknown}")
        return await agreement_store.add_agreement(
            uow.session,
            {
                "id": uuid4(),
                "tenant": actor.tenant,
                "owner_org": book,
                "kind": command.kind.value,
                "name": command.name,
                "vin": vin,
                "customer_id": command.customer_id,
                "categories": list(dict.fromkeys(command.categories)),
                "valid_from": command.valid_from,
                "valid_until": command.valid_until,
                "max_km": command.max_km,
                "visits": command.visits,
                "visits_used": 0,
                "created_by": actor.user_id,
                "created_at": now,
            },
        )
