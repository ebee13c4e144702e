"""OEM distribution (线索下发): which dealer gets an HQ or regional lead."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DealerLoad:
    dealer_id: str
    region_id: str | None
    open_distributed: int
    capacity: int
    works_customer: bool = False
    """The dealer already has an open lead for this customer (it must not get a second)."""


def route_to_dealer(candidates: Sequence[DealerLoad], region_hint: str | None) -> DealerLoad | None:
    """A dealer of the customer's region when one has room (else any dealer with room), the
    least loaded relative to its capacity; None when every dealer is full."""
    with_room = [d for d in candidates if d.open_distributed < d.capacity and not d.works_customer]
    in_region = [d for d in with_room if region_hint is not None and d.region_id == region_hint]
    pick_from = in_region or with_room
    if not pick_from:
        return None
    return min(pick_from, key=lambda d: (d.open_distributed / d.capacity, d.dealer_id))
