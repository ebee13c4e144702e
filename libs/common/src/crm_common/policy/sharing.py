"""Sharing levels between org tiers, per data type and direction (DESIGN.md "Tenancy")."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class SharingLevel(IntEnum):
    """Ordered: each level includes what the lower ones allow."""

    NONE = 0
    AGGREGATE = 1
    """Counts and KPIs only, no records."""
    MASKED = 2
    """Records, with personal data masked."""
    FULL = 3

    @classmethod
    def parse(cls, name: str) -> SharingLevel:
        return cls[name.upper()]

    @property
    def label(self) -> str:
        return self.name.lower()


class Direction(StrEnum):
    DEALER_TO_OEM = "dealer_to_oem"
    OEM_TO_DEALER = "oem_to_dealer"
    DEALER_TO_PARTNER = "dealer_to_partner"
    OEM_TO_PARTNER = "oem_to_partner"


ALL_ORGS = "*"


class DataType(StrEnum):
    LEAD = "lead"
    CUSTOMER = "customer"
    OPPORTUNITY = "opportunity"
    QUOTE = "quote"
    ORDER = "order"
    TICKET = "ticket"
    COMPLAINT = "complaint"
    """A complaint ticket (投诉): shared apart from other tickets, see ``DEFAULT_LEVELS``."""
    CALL = "call"
    KPI = "kpi"


# Defaults of DESIGN.md: dealers share their own prospects with the OEM as figures only; what
# the OEM sends down is the dealer's in full; partners see records naming them, masked.
DEFAULT_LEVELS: dict[Direction, SharingLevel] = {
    Direction.DEALER_TO_OEM: SharingLevel.AGGREGATE,
    Direction.OEM_TO_DEALER: SharingLevel.FULL,
    Direction.DEALER_TO_PARTNER: SharingLevel.MASKED,
    Direction.OEM_TO_PARTNER: SharingLevel.MASKED,
}
# Data types whose default differs from their direction's: the OEM's service quality team
# sees complaints against its dealers as records, personal data masked, unless a dealer's
# agreement says otherwise.
DEFAULT_LEVEL_EXCEPTIONS: dict[tuple[Direction, DataType], SharingLevel] = {
    (Direction.DEALER_TO_OEM, DataType.COMPLAINT): SharingLevel.MASKED,
}


def default_level(direction: Direction, data_type: DataType) -> SharingLevel:
    """The level where no agreement names the data type and direction."""
    return DEFAULT_LEVEL_EXCEPTIONS.get((direction, data_type), DEFAULT_LEVELS[direction])
