"""A lead's true origin: recorded when a consultant gets the lead, from who brought the
customer and how the owner got it; what a conversion reports to commission."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from crm_leads.domain.lead import ClaimantRecord, LeadSource, Worker, register_lead
from crm_leads.domain.origin import Acquisition, LeadOrigin, origin_of_ownership
from crm_leads.domain.pool_rules import ClaimRules, CollusionRules

from .factories import POOL, new_lead

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
ALICE = Worker("alice", "team-1")
BOB = Worker("bob", "team-1")
FRESH = ClaimantRecord(open_leads_owned=0, claims_today=0, claims_of_releases_by_previous_owner=0)


@pytest.mark.parametrize(
    ("distributed", "source", "acquisition", "origin"),
    [
        (False, "walk_in", Acquisition.TAKEN_IN, LeadOrigin.SELF_SOURCED),
        (False, "phone", Acquisition.CLAIMED, LeadOrigin.POOL),
        (False, "referral", Acquisition.ASSIGNED, LeadOrigin.POOL),
        # Who brought the customer comes first, however the owner got the lead.
        (True, "walk_in", Acquisition.CLAIMED, LeadOrigin.OEM),
        (True, "campaign_form", Acquisition.ASSIGNED, LeadOrigin.OEM),
        (False, "oem_website", Acquisition.TAKEN_IN, LeadOrigin.OEM),
        (False, "campaign_form", Acquisition.CLAIMED, LeadOrigin.CAMPAIGN),
        (False, "campaign", Acquisition.TAKEN_IN, LeadOrigin.CAMPAIGN),
    ],
)
def test_the_origin_is_who_brought_the_customer_then_how_the_owner_got_the_lead(
    distributed: bool, source: str, acquisition: Acquisition, origin: LeadOrigin
) -> None:
    assert (
        origin_of_ownership(distributed=distributed, source=source, acquisition=acquisition)
        is origin
    )


def test_a_lead_its_consultant_took_in_is_self_sourced_and_converts_as_such() -> None:
    lead = new_lead(T0, owner=ALICE)
    assert lead.ownership_origin is LeadOrigin.SELF_SOURCED
    assert lead.convert("alice", T0 + timedelta(days=1)) is LeadOrigin.SELF_SOURCED
    assert (lead.changes[-1].kind, lead.changes[-1].reason) == ("converted", "self_sourced")


def test_a_self_sourced_lead_released_and_claimed_by_a_colleague_is_from_the_pool() -> None:
    """The gap the issue names: the source still says walk-in, yet the colleague claimed it."""
    lead = new_lead(T0, owner=ALICE)
    lead.release(POOL, "alice", "gave up", None, protection_days=7, now=T0)
    assert lead.ownership_origin is None
    lead.claim(BOB, FRESH, ClaimRules(), CollusionRules(), T0 + timedelta(hours=1))
    assert lead.ownership_origin is LeadOrigin.POOL
    assert lead.convert("bob", T0 + timedelta(days=2)) is LeadOrigin.POOL


def test_a_lead_a_manager_assigns_or_a_draw_awards_is_from_the_pool() -> None:
    assigned = new_lead(T0, owner=None)
    assigned.assign(ALICE, "manager", T0)
    assert assigned.ownership_origin is LeadOrigin.POOL
    drawn = new_lead(T0, owner=None)
    drawn.award_draw(BOB, entrants=3, now=T0)
    assert drawn.ownership_origin is LeadOrigin.POOL


def test_a_lead_the_oem_distributed_stays_the_oem_s_whoever_takes_it() -> None:
    lead = replace(new_lead(T0, owner=None), owner_org="region-east")
    lead.distribute(
        dealer="dealer-1",
        dealer_pool=POOL,
        dealer_customer=UUID(int=5),
        actor="hq",
        work_within=timedelta(hours=48),
        now=T0,
    )
    lead.claim(ALICE, FRESH, ClaimRules(), CollusionRules(), T0 + timedelta(hours=1))
    assert lead.ownership_origin is LeadOrigin.OEM


def test_a_campaign_form_lead_is_the_campaign_s() -> None:
    lead = register_lead(
        tenant="oem-1",
        owner_org="dealer-1",
        customer_id=UUID(int=9),
        customer_name="王伟",
        phone="13800138000",
        source=LeadSource.CAMPAIGN_FORM,
        vehicle_interest=None,
        created_by="campaign:1",
        home_pool_id=POOL,
        owner=None,
        now=T0,
    )
    lead.claim(ALICE, FRESH, ClaimRules(), CollusionRules(), T0)
    assert lead.convert("alice", T0) is LeadOrigin.CAMPAIGN


@pytest.mark.parametrize(
    ("owner", "owned_since", "origin"),
    [
        ("u-1", T0, LeadOrigin.SELF_SOURCED),  # its creator since it came in
        ("u-1", T0 + timedelta(days=3), LeadOrigin.POOL),  # its creator took it back later
        ("u-2", T0, LeadOrigin.POOL),
    ],
)
def test_a_lead_handed_out_before_origins_were_recorded_is_judged_as_the_migration_did(
    owner: str, owned_since: datetime, origin: LeadOrigin
) -> None:
    lead = new_lead(T0, owner=None)
    lead.owner_user, lead.owner_team, lead.owned_since = owner, "team-1", owned_since
    assert lead.ownership_origin is None
    assert lead.convert(owner, T0 + timedelta(days=5)) is origin
