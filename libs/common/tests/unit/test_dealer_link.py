"""What HQ sends a dealer down, and under which names the link's topics travel."""

from __future__ import annotations

import pytest

from crm_common.messaging.dealer_link import (
    Refused,
    concerns,
    dealer_downlink_topic,
    downlink_topic,
    hq_uplink_topic,
    speaks_for_itself,
)
from crm_common.messaging.headers import FROM_DEALER_HEADER

DEALER = "dealer-sh-01"


def event(kind: str, **data: object) -> dict[str, object]:
    return {"type": kind, "data": data}


def test_hq_sends_down_what_concerns_the_dealer_only() -> None:
    assert concerns(DEALER, event("leads.LeadDistributed", dealer_id=DEALER), {})
    # A lead recalled from it: the event names the origin it went back to and the dealer.
    assert concerns(DEALER, event("leads.LeadReturned", dealer_id="hq", from_dealer=DEALER), {})
    assert not concerns(
        DEALER, event("leads.LeadReturned", dealer_id="hq", from_dealer="dealer-bj-01"), {}
    )
    assert not concerns(DEALER, event("leads.LeadDistributed", dealer_id="dealer-bj-01"), {})
    assert not concerns(DEALER, event("leads.LeadCreated", dealer_id="hq"), {}), "HQ's own pool"
    # Its own events, come up through HQ's intake, do not go back down.
    assert not concerns(
        DEALER, event("leads.LeadCreated", dealer_id=DEALER), {FROM_DEALER_HEADER: DEALER}
    )
    # The org tree: its own nodes and those above dealers, not another dealer's.
    assert concerns(DEALER, event("identity.OrgChanged", org_id="east", dealer_id=None), {})
    assert concerns(DEALER, event("identity.OrgChanged", org_id="t1", dealer_id=DEALER), {})
    assert not concerns(DEALER, event("identity.OrgChanged", dealer_id="dealer-bj-01"), {})
    # Agreements for it or for every dealer.
    assert concerns(DEALER, event("identity.SharingPolicyChanged", dealer_id="*"), {})
    assert not concerns(
        DEALER, event("identity.SharingPolicyChanged", dealer_id="dealer-bj-01"), {}
    )
    assert concerns(DEALER, event("opportunities.CatalogPublished", version=3), {})
    assert not concerns(DEALER, event("identity.UserChanged", user_id="u1"), {})
    # A dealer's users are its own identity's: none come down, not even those naming it.
    assert not concerns(DEALER, event("identity.UserChanged", dealer_id=DEALER), {})


def test_hq_takes_in_what_a_dealer_says_about_itself_only() -> None:
    assert speaks_for_itself(DEALER, event("leads.LeadConverted", dealer_id=DEALER))
    # A user its admin created (identity.UserChanged version 2 names the dealer).
    assert speaks_for_itself(
        DEALER, event("identity.UserChanged", dealer_id=DEALER, roles=["sales_consultant"])
    )
    # How much of its own data it shares, with HQ or with partners.
    for direction in ("dealer_to_oem", "dealer_to_partner"):
        assert speaks_for_itself(
            DEALER,
            event("identity.SharingPolicyChanged", dealer_id=DEALER, direction=direction),
        )
    # Sending a distributed lead back: the event names HQ's pool and the dealer it left.
    assert speaks_for_itself(
        DEALER, event("leads.LeadReturned", dealer_id="hq", from_dealer=DEALER)
    )
    for foreign in (
        event("leads.LeadConverted", dealer_id="dealer-bj-01"),
        event("leads.LeadReturned", dealer_id="hq", from_dealer="dealer-bj-01"),
        event("leads.LeadReturned", dealer_id=DEALER, from_dealer="dealer-bj-01"),
        event("identity.UserChanged", user_id="u1"),  # version 1 names no dealer
        event("identity.UserChanged", dealer_id=None),  # a user above dealers: HQ's
        # A role its admin may not grant.
        event("identity.UserChanged", dealer_id=DEALER, roles=["sales_consultant", "hq_admin"]),
        event("identity.UserChanged", dealer_id=DEALER, roles=["no-such-role"]),
        # The org tree is HQ's: not even the dealer's own node, nor a node it claims.
        event("identity.OrgChanged", org_id=DEALER, dealer_id=DEALER),
        event("identity.OrgChanged", org_id="east", dealer_id=DEALER),
        # What HQ shares with it is HQ's to set.
        event("identity.SharingPolicyChanged", dealer_id=DEALER, direction="oem_to_dealer"),
    ):
        with pytest.raises(Refused):
            speaks_for_itself(DEALER, foreign)


def test_the_link_topics_keep_each_dealer_under_its_own_prefix() -> None:
    assert hq_uplink_topic(DEALER, "crm.leads.lead.v1") == "dealer-sh-01.uplink.crm.leads.lead.v1"
    assert downlink_topic(DEALER, "crm.leads.lead.v1") == "downlink-dealer-sh-01.crm.leads.lead.v1"
    assert dealer_downlink_topic(DEALER, "crm.leads.lead.v1") == (
        "hq.downlink-dealer-sh-01.crm.leads.lead.v1"
    )
    # MirrorMaker 2 reads the first segment as the cluster a topic came from: a downlink topic
    # must not start with "<dealer>." (it would be taken for the dealer's own, a cycle).
    assert not downlink_topic(DEALER, "x").startswith(f"{DEALER}.")
