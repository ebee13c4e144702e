"""How ownership of a lead arose (its true origin): commission pays a deal by it, so it is
recorded on the lead when a consultant gets it, not guessed later from the lead's source."""

from __future__ import annotations

from enum import StrEnum


class LeadOrigin(StrEnum):
    """The origins kpi's commission plans rate (``origin_rates``)."""

    SELF_SOURCED = "self_sourced"
    """The consultant found the customer: took the lead in themselves or received the walk-in."""
    POOL = "pool"
    """The lead came out of the dealer's book: claimed from the public pool, or given to the
    consultant by a manager, a pool's strategy or a routing rule."""
    OEM = "oem"
    """The OEM brought the customer: distributed by HQ or a region, or the OEM's website."""
    CAMPAIGN = "campaign"
    """The dealer's own campaign brought the customer (its web form, or a campaign lead)."""


class Acquisition(StrEnum):
    """How the current owner got the lead."""

    TAKEN_IN = "taken_in"
    CLAIMED = "claimed"
    ASSIGNED = "assigned"


OEM_SOURCES = frozenset({"oem_website"})
CAMPAIGN_SOURCES = frozenset({"campaign", "campaign_form"})


def origin_of_ownership(*, distributed: bool, source: str, acquisition: Acquisition) -> LeadOrigin:
    """Who brought the customer decides before how the owner got the lead: a lead the OEM
    distributed stays the OEM's, and a campaign's stays the campaign's, whoever claims it or is
    assigned it; otherwise a lead taken in by its owner is self-sourced and any other one came
    from the dealer's pool."""
    if distributed or source in OEM_SOURCES:
        return LeadOrigin.OEM
    if source in CAMPAIGN_SOURCES:
        return LeadOrigin.CAMPAIGN
    if acquisition is Acquisition.TAKEN_IN:
        return LeadOrigin.SELF_SOURCED
    return LeadOrigin.POOL
