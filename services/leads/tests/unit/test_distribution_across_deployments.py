"""A distributed lead on both sides of a dealer deployment's link: the dealer's copy as it
arrives, and HQ's copy following what the dealer reports, only about the lead's stay there."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from crm_leads.domain.lead import Lead, LeadStatus, arrived_by_distribution

from .factories import CUSTOMER, POOL

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
LEAD = UUID(int=42)


def dealers_copy() -> Lead:
    return arrived_by_distribution(
        lead_id=LEAD,
        tenant="oem-1",
        dealer="dealer-1",
        origin_org="hq",
        customer_id=CUSTOMER,
        customer_name=" 王  伟 ",
        phone="138 0013 8000",
        source="campaign_form",
        vehicle_interest="SUV",
        region_hint="east",
        created_at=T0 - timedelta(days=1),
        pool_id=POOL,
        distributed_at=T0,
    )


def hqs_copy() -> Lead:
    """HQ's lead, distributed to dealer-1 at T0 with a work-by deadline."""
    lead = dealers_copy()
    lead.work_by = T0 + timedelta(hours=48)
    return lead


def test_the_dealers_copy_keeps_the_leads_id_and_waits_in_its_pool_without_a_deadline() -> None:
    lead = dealers_copy()
    assert (lead.id, lead.owner_org, lead.origin_org, lead.pool_id) == (
        LEAD,
        "dealer-1",
        "hq",
        POOL,
    )
    assert (lead.customer_name, lead.phone) == ("王 伟", "+8613800138000")
    assert lead.in_pool
    assert lead.work_by is None, "HQ keeps the deadline and recalls it"
    assert [c.kind for c in lead.changes] == ["distributed"]


def test_hq_follows_the_dealers_follow_up_and_conversion_once() -> None:
    lead = hqs_copy()
    assert not lead.worked_at_dealer("dealer-2", "c1", T0 + timedelta(hours=1)), "not its dealer"
    assert not lead.worked_at_dealer("dealer-1", "c1", T0 - timedelta(hours=1)), "before it came"
    assert lead.worked_at_dealer("dealer-1", "c1", T0 + timedelta(hours=1))
    assert lead.work_by is None
    assert not lead.worked_at_dealer("dealer-1", "c1", T0 + timedelta(hours=2)), "met already"

    assert lead.closed_at_dealer("dealer-1", LeadStatus.CONVERTED, "c1", None, T0 + timedelta(2))
    assert lead.status is LeadStatus.CONVERTED
    assert not lead.closed_at_dealer("dealer-1", LeadStatus.LOST, "c1", "x", T0 + timedelta(3))
    assert [c.kind for c in lead.changes][-2:] == ["followed_up", "converted"]


def test_a_loss_at_the_dealer_keeps_its_reason_and_only_outcomes_close_a_lead() -> None:
    lead = hqs_copy()
    assert lead.closed_at_dealer("dealer-1", LeadStatus.LOST, None, "bought elsewhere", T0)
    assert (lead.status, lead.loss_reason, lead.work_by) == (
        LeadStatus.LOST,
        "bought elsewhere",
        None,
    )
    with pytest.raises(ValueError, match="converted or lost"):
        hqs_copy().closed_at_dealer("dealer-1", LeadStatus.OPEN, None, None, T0)


def test_a_return_elsewhere_applies_to_the_copy_still_with_that_dealer() -> None:
    lead = hqs_copy()
    assert lead.sent_back_elsewhere("dealer-1", "hq", T0 + timedelta(hours=49))
    assert not lead.sent_back_elsewhere("dealer-2", "hq", T0 + timedelta(hours=49))
    assert not lead.sent_back_elsewhere("dealer-1", "east", T0 + timedelta(hours=49))
    assert not lead.sent_back_elsewhere("dealer-1", "hq", T0 - timedelta(hours=1))
