"""What HQ sends a dealer down, and under which names the link's topics travel."""

from __future__ import annotations

import json

import pytest
from aiokafka import ConsumerRecord

from crm_common.messaging.dealer_link import (
    NotPlacedYet,
    OrgTree,
    Refused,
    concerns,
    dealer_downlink_topic,
    downlink_topic,
    hq_uplink_topic,
    set_above_the_placed,
    speaks_for_itself,
)
from crm_common.messaging.headers import FROM_DEALER_HEADER

DEALER = "dealer-sh-01"
TENANT = "oem-1"


def event(kind: str, **data: object) -> dict[str, object]:
    return {"type": kind, "tenant": TENANT, "data": data}


def hq_tree(*nodes: tuple[str, str, str | None]) -> OrgTree:
    """HQ's tree from its org topic's records: (node, path, dealer)."""
    tree = OrgTree()
    for node, path, dealer in nodes:
        tree.learn(event("identity.OrgChanged", org_id=node, path=path, dealer_id=dealer))
    return tree


TREE = hq_tree(
    ("hq", "/hq/", None),
    ("east", "/hq/east/", None),
    ("north", "/hq/north/", None),
    (DEALER, f"/hq/east/{DEALER}/", DEALER),
    ("dealer-bj-01", "/hq/north/dealer-bj-01/", "dealer-bj-01"),
)


def concerns_the_dealer(body: dict[str, object], headers: dict[str, str] | None = None) -> bool:
    return concerns(DEALER, body, headers or {}, TREE)


def test_hq_sends_down_what_concerns_the_dealer_only() -> None:
    assert concerns_the_dealer(event("leads.LeadDistributed", dealer_id=DEALER))
    # A lead recalled from it: the event names the origin it went back to and the dealer.
    assert concerns_the_dealer(event("leads.LeadReturned", dealer_id="hq", from_dealer=DEALER))
    assert not concerns_the_dealer(
        event("leads.LeadReturned", dealer_id="hq", from_dealer="dealer-bj-01")
    )
    assert not concerns_the_dealer(event("leads.LeadDistributed", dealer_id="dealer-bj-01"))
    assert not concerns_the_dealer(event("leads.LeadCreated", dealer_id="hq")), "HQ's own pool"
    # Its own events, come up through HQ's intake, do not go back down.
    assert not concerns_the_dealer(
        event("leads.LeadCreated", dealer_id=DEALER), {FROM_DEALER_HEADER: DEALER}
    )
    # The org tree: its own nodes and those above dealers, not another dealer's.
    assert concerns_the_dealer(event("identity.OrgChanged", org_id="east", dealer_id=None))
    assert concerns_the_dealer(event("identity.OrgChanged", org_id="t1", dealer_id=DEALER))
    assert not concerns_the_dealer(event("identity.OrgChanged", dealer_id="dealer-bj-01"))
    # Agreements for it or for every dealer.
    assert concerns_the_dealer(event("identity.SharingPolicyChanged", dealer_id="*"))
    assert not concerns_the_dealer(event("identity.SharingPolicyChanged", dealer_id="dealer-bj-01"))
    assert concerns_the_dealer(event("opportunities.CatalogPublished", version=3))
    assert not concerns_the_dealer(event("identity.UserChanged", user_id="u1"))
    # A dealer's users are its own identity's: none come down, not even those naming it.
    assert not concerns_the_dealer(event("identity.UserChanged", dealer_id=DEALER))


def test_what_hq_configures_goes_down_to_the_dealers_it_applies_to() -> None:
    # A target goes to the dealer of the place it is set for: the dealer, a team, a consultant.
    for_it = event("kpi.TargetSet", org_node="sh01-team-a", dealer_id=DEALER, user_id="c1")
    assert concerns_the_dealer(for_it)
    assert not concerns_the_dealer(event("kpi.TargetSet", org_node="east", dealer_id=None))
    assert not concerns_the_dealer(
        event("kpi.TargetSet", org_node="dealer-bj-01", dealer_id="dealer-bj-01")
    )
    # A care rule goes to every dealer below the node whose rule it is.
    for node in ("hq", "east"):
        assert concerns_the_dealer(event("service-desk.CareRuleSet", org_node=node, dealer_id=None))
    assert concerns_the_dealer(event("service-desk.CareRuleSet", org_node=DEALER, dealer_id=DEALER))
    assert not concerns_the_dealer(
        event("service-desk.CareRuleSet", org_node="north", dealer_id=None)
    )
    assert not concerns_the_dealer(
        event("service-desk.CareRuleSet", org_node="dealer-bj-01", dealer_id="dealer-bj-01")
    )
    # So do survey designs and the rules that send them, and evaluation questionnaires.
    for kind in (
        "service-desk.SurveyDesignSet",
        "service-desk.SurveyRuleSet",
        "opportunities.QuestionnaireDefined",
    ):
        assert concerns_the_dealer(event(kind, org_node="east", dealer_id=None))
        assert not concerns_the_dealer(event(kind, org_node="north", dealer_id=None))
        assert not concerns_the_dealer(
            event(kind, org_node="dealer-bj-01", dealer_id="dealer-bj-01")
        )
    # Its own rules, come up, stay where they were set.
    assert not concerns_the_dealer(
        event("service-desk.CareRuleSet", org_node=DEALER, dealer_id=DEALER),
        {FROM_DEALER_HEADER: DEALER},
    )
    # Where it hangs decides: a dealer HQ's tree does not hold yet holds the rule back.
    with pytest.raises(NotPlacedYet):
        concerns(
            DEALER,
            event("service-desk.CareRuleSet", org_node="hq", dealer_id=None),
            {},
            OrgTree(),
        )
    # Another tenant's tree is another tree.
    elsewhere = {**event("service-desk.CareRuleSet", org_node="hq", dealer_id=None), "tenant": "x"}
    with pytest.raises(NotPlacedYet):
        concerns_the_dealer(elsewhere)


def last_record(body: object) -> ConsumerRecord[bytes, bytes]:
    """A care rule topic's last record of a rule (what the downlink keeps of it)."""
    value = body if isinstance(body, bytes) else json.dumps(body).encode()
    return ConsumerRecord("crm.service-desk.care-rule.v1", 0, 0, 0, 0, b"k", value, None, 1, 1, [])


def test_a_dealers_commission_plan_goes_down_to_that_dealer_only() -> None:
    assert concerns_the_dealer(event("kpi.CommissionPlanSet", dealer_id=DEALER))
    assert not concerns_the_dealer(event("kpi.CommissionPlanSet", dealer_id="dealer-bj-01"))


def test_a_dealer_placed_below_a_node_receives_the_rules_it_set_before() -> None:
    """HQ moves the dealer from the east to the north: with its node go the north's rules and
    HQ's (set before it came, so never sent to it), not the east's nor another's."""
    rules = {
        node: last_record(event("service-desk.CareRuleSet", org_node=node, dealer_id=None))
        for node in ("hq", "east", "north")
    }
    others = [
        last_record(
            event("service-desk.CareRuleSet", org_node="dealer-bj-01", dealer_id="dealer-bj-01")
        ),
        last_record(
            {**event("service-desk.CareRuleSet", org_node="north", dealer_id=None), "tenant": "x"}
        ),
        last_record(b"not an event"),
        last_record(["not an event"]),
    ]
    latest = [*rules.values(), *others]
    moved = event("identity.OrgChanged", org_id=DEALER, path=f"/hq/north/{DEALER}/")
    assert set_above_the_placed(DEALER, moved, latest) == [rules["hq"], rules["north"]]
    # Nothing goes with another node's change, nor with anything but the tree.
    team = event("identity.OrgChanged", org_id="sh01-team-a", path=f"/hq/north/{DEALER}/t/")
    assert set_above_the_placed(DEALER, team, latest) == []
    other = event("identity.OrgChanged", org_id="dealer-bj-01", path="/hq/north/dealer-bj-01/")
    assert set_above_the_placed(DEALER, other, latest) == []
    assert set_above_the_placed(DEALER, event("kpi.TargetSet", org_id=DEALER), latest) == []


def test_the_link_reads_hqs_tree_as_its_org_topic_says_last() -> None:
    tree = hq_tree(
        (DEALER, f"/hq/east/{DEALER}/", DEALER), (DEALER, f"/hq/north/{DEALER}/", DEALER)
    )
    tree.learn({"type": "identity.OrgChanged", "data": "not a node"})
    tree.learn(["not an event"])
    assert tree.chain(TENANT, DEALER) == ["hq", "north", DEALER], "moved to the north"
    assert tree.dealer_of(TENANT, DEALER) == DEALER
    assert tree.chain(TENANT, "east") is None


def says_for_itself(body: dict[str, object]) -> bool:
    return speaks_for_itself(DEALER, body, TREE)


def user(org_id: str, **data: object) -> dict[str, object]:
    """identity.UserChanged version 2, as the dealer's admin made it."""
    return event(
        "identity.UserChanged",
        **{"org_id": org_id, "dealer_id": DEALER, "roles": ["sales_consultant"], **data},
    )


def test_hq_takes_in_what_a_dealer_says_about_itself_only() -> None:
    assert says_for_itself(event("leads.LeadConverted", dealer_id=DEALER))
    # A user its admin created (identity.UserChanged version 2 names the dealer), placed at
    # one of its nodes in HQ's tree.
    assert says_for_itself(user(DEALER))
    # How much of its own data it shares, with HQ or with partners.
    for direction in ("dealer_to_oem", "dealer_to_partner"):
        assert says_for_itself(
            event("identity.SharingPolicyChanged", dealer_id=DEALER, direction=direction)
        )
    # Sending a distributed lead back: the event names HQ's pool and the dealer it left.
    assert says_for_itself(event("leads.LeadReturned", dealer_id="hq", from_dealer=DEALER))
    for foreign in (
        event("leads.LeadConverted", dealer_id="dealer-bj-01"),
        event("leads.LeadReturned", dealer_id="hq", from_dealer="dealer-bj-01"),
        event("leads.LeadReturned", dealer_id=DEALER, from_dealer="dealer-bj-01"),
        event("identity.UserChanged", user_id="u1"),  # version 1 names no dealer
        event("identity.UserChanged", dealer_id=None),  # a user above dealers: HQ's
        # A role its admin may not grant.
        user(DEALER, roles=["sales_consultant", "hq_admin"]),
        user(DEALER, roles=["no-such-role"]),
        # A node that is not its own in HQ's tree: another dealer's, a region, none at all.
        user("dealer-bj-01"),
        user("east"),
        user("no-such-node"),
        {**user(DEALER), "tenant": "another-tenant"},
        # The org tree is HQ's: not even the dealer's own node, nor a node it claims.
        event("identity.OrgChanged", org_id=DEALER, dealer_id=DEALER),
        event("identity.OrgChanged", org_id="east", dealer_id=DEALER),
        # What HQ shares with it is HQ's to set.
        event("identity.SharingPolicyChanged", dealer_id=DEALER, direction="oem_to_dealer"),
    ):
        with pytest.raises(Refused):
            says_for_itself(foreign)


def test_the_link_topics_keep_each_dealer_under_its_own_prefix() -> None:
    assert hq_uplink_topic(DEALER, "crm.leads.lead.v1") == "dealer-sh-01.uplink.crm.leads.lead.v1"
    assert downlink_topic(DEALER, "crm.leads.lead.v1") == "downlink-dealer-sh-01.crm.leads.lead.v1"
    assert dealer_downlink_topic(DEALER, "crm.leads.lead.v1") == (
        "hq.downlink-dealer-sh-01.crm.leads.lead.v1"
    )
    # MirrorMaker 2 reads the first segment as the cluster a topic came from: a downlink topic
    # must not start with "<dealer>." (it would be taken for the dealer's own, a cycle).
    assert not downlink_topic(DEALER, "x").startswith(f"{DEALER}.")
