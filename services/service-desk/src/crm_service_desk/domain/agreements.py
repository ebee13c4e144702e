"""Service agreements (保养套餐, extended warranty) and whether a ticket's work is covered.

An agreement belongs to a vehicle (its VIN) or a customer, is valid between two days, may
cover only some categories of work (a category covers its sub-categories), may stop at a
mileage and may include a number of visits. Pure: the caller gives the day, the mileage and
the ticket's category path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from crm_common.errors import InvalidInput


class AgreementKind(StrEnum):
    MAINTENANCE_PACKAGE = "maintenance_package"
    """保养套餐: a number of maintenance visits paid in advance."""
    EXTENDED_WARRANTY = "extended_warranty"


@dataclass(frozen=True, slots=True)
class Agreement:
    id: UUID
    kind: AgreementKind
    name: str
    valid_from: date
    valid_until: date
    categories: tuple[str, ...] = ()
    """Category codes the agreement covers; empty: any work."""
    max_km: int | None = None
    visits: int | None = None
    """Visits included; None: no limit."""
    visits_used: int = 0


def check_terms(
    *, valid_from: date, valid_until: date, vin: str | None, customer_id: UUID | None
) -> None:
    if valid_until < valid_from:
        raise InvalidInput("valid_until", "an agreement ends on or after the day it starts")
    if vin is None and customer_id is None:
        raise InvalidInput("vin", "an agreement names a vehicle (VIN) or a customer")


@dataclass(frozen=True, slots=True)
class Coverage:
    covered: bool
    agreement_id: UUID | None
    reason: str
    """Why (not): the agreement that covers it, or what the nearest one lacks."""


def _gap(
    agreement: Agreement,
    *,
    category_path: Sequence[str],
    on: date,
    mileage_km: int | None,
    visit_used_of: UUID | None,
) -> str | None:
    """What keeps the agreement from covering the work; None when it covers it."""
    if on < agreement.valid_from:
        return f"{agreement.name}: valid from {agreement.valid_from.isoformat()}"
    if on > agreement.valid_until:
        return f"{agreement.name}: ended on {agreement.valid_until.isoformat()}"
    if agreement.max_km is not None and mileage_km is not None and mileage_km > agreement.max_km:
        return f"{agreement.name}: over {agreement.max_km} km"
    if (
        agreement.visits is not None
        and agreement.visits_used >= agreement.visits
        and agreement.id != visit_used_of
    ):
        return f"{agreement.name}: no visits left"
    if agreement.categories and not set(agreement.categories) & set(category_path):
        return f"{agreement.name}: does not cover this kind of work"
    return None


def coverage(
    agreements: Sequence[Agreement],
    *,
    category_path: Sequence[str],
    on: date,
    mileage_km: int | None,
    visit_used_of: UUID | None = None,
) -> Coverage:
    """The first agreement (in the given order) that covers the work on that day; else why
    the first one does not. ``category_path``: the ticket's category code and its parents'.
    ``visit_used_of``: the agreement whose visit this work used up already (it still covers
    the work, the last visit included)."""
    if not agreements:
        return Coverage(False, None, "no service agreement for this vehicle or customer")
    first_gap = None
    for agreement in agreements:
        gap = _gap(
            agreement,
            category_path=category_path,
            on=on,
            mileage_km=mileage_km,
            visit_used_of=visit_used_of,
        )
        if gap is None:
            return Coverage(True, agreement.id, f"covered by {agreement.name}")
        first_gap = first_gap or gap
    assert first_gap is not None
    return Coverage(False, None, first_gap)


def visit_to_use(
    agreements: Sequence[Agreement], covered: Coverage, *, visit_used_of: UUID | None
) -> Agreement | None:
    """The agreement a finished service visit uses a visit of: the one that covers it, when it
    includes a number of visits and the work has not used one already. None: nothing to count
    (not covered — no visits left, say — or an agreement without a visit limit)."""
    if not covered.covered or visit_used_of is not None:
        return None
    agreement = next(a for a in agreements if a.id == covered.agreement_id)
    return agreement if agreement.visits is not None else None
