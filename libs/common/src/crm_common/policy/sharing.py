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


class DataType(StrEnum):
    LEAD = "lead"
    CUSTOMER = "customer"
    OPPORTUNITY = "opportunity"
    QUOTE = "quote"
    ORDER = "order"
    TICKET = "ticket"
    CALL = "call"
    KPI = "kpi"
