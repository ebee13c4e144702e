"""Which SLA targets a ticket gets: policies per category x priority x org node (HQ for the
whole tenant, a region, a dealer), the most specific winning."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from crm_common.errors import InvalidInput
from crm_service_desk.domain.sla import SlaTargets
from crm_service_desk.domain.tickets import Priority

# Business hours when nobody configured anything (a 9-hour working day).
DEFAULT_TARGETS: dict[Priority, SlaTargets] = {
    Priority.URGENT: SlaTargets(timedelta(hours=1), timedelta(hours=8)),
    Priority.HIGH: SlaTargets(timedelta(hours=2), timedelta(hours=18)),
    Priority.NORMAL: SlaTargets(timedelta(hours=4), timedelta(hours=27)),
    Priority.LOW: SlaTargets(timedelta(hours=8), timedelta(hours=45)),
}
MAX_TARGET_MINUTES = 60 * 24 * 365


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    owner_org: str
    category_id: UUID | None
    """None: every category."""
    priority: Priority | None
    """None: every priority."""
    first_response_minutes: int | None
    resolution_minutes: int | None

    def __post_init__(self) -> None:
        for name in ("first_response_minutes", "resolution_minutes"):
            value = getattr(self, name)
            if value is not None and not 1 <= value <= MAX_TARGET_MINUTES:
                raise InvalidInput(name, f"between 1 and {MAX_TARGET_MINUTES} business minutes")

    @property
    def targets(self) -> SlaTargets:
        return SlaTargets(
            None
            if self.first_response_minutes is None
            else timedelta(minutes=self.first_response_minutes),
            None if self.resolution_minutes is None else timedelta(minutes=self.resolution_minutes),
        )


def targets_for(
    policies: Sequence[SlaPolicy],
    *,
    category_path: Sequence[UUID],
    priority: Priority,
    org_chain: Sequence[str],
) -> SlaTargets:
    """The targets of the most specific matching policy. ``org_chain``: the ticket's book and
    the nodes above it, nearest first; ``category_path``: the category and its parents,
    nearest first. A nearer org wins over a more specific rule of an org above it; within one
    org a category (nearest first) with the priority beats the category alone, which beats
    the priority alone, which beats a catch-all."""
    for org in org_chain:
        candidates = [p for p in policies if p.owner_org == org]
        for category in [*category_path, None]:
            for wanted in (priority, None):
                for policy in candidates:
                    if policy.category_id == category and policy.priority == wanted:
                        return policy.targets
    return DEFAULT_TARGETS[priority]
