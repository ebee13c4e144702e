"""HQ's org tree as the dealer link reads it from HQ's org topic on a real Kafka: all of it when
the link starts, then what is new before each batch (``OrgTreeReader``)."""

from __future__ import annotations

import json

from aiokafka import AIOKafkaProducer

from crm_common.contracts import new_event
from crm_common.contracts.events.identity.v1 import ORG_TOPIC, OrgChanged
from crm_common.contracts.events.service_desk.v1 import CARE_RULE_TOPIC
from crm_common.messaging.dealer_link import (
    OrgTreeReader,
    concerns,
    set_above_the_placed,
    speaks_for_itself,
)
from crm_common.settings import Settings

TENANT = "oem-tree"
DEALER = "dealer-sh-01"


async def publish(settings: Settings, *nodes: tuple[str, str, str | None]) -> None:
    """HQ's identity placing ``nodes`` (node, path, dealer), as it publishes them."""
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers, acks="all")
    await producer.start()
    try:
        for node, path, dealer in nodes:
            parent = path.rstrip("/").split("/")[-2] or None
            event = new_event(
                OrgChanged(
                    org_id=node,
                    parent_id=parent,
                    kind="dealer" if dealer == node else "region",
                    name=node,
                    path=path,
                    dealer_id=dealer,
                    active=True,
                ),
                tenant=TENANT,
                owner_org=node,
                actor="hq.admin",
            )
            await producer.send_and_wait(
                settings.topic(ORG_TOPIC), event.model_dump_json().encode(), key=node.encode()
            )
        await producer.send_and_wait(settings.topic(ORG_TOPIC), b"not an event", key=b"x")
    finally:
        await producer.stop()


def rule(node: str) -> dict[str, object]:
    return {
        "type": "service-desk.CareRuleSet",
        "tenant": TENANT,
        "data": {"org_node": node, "dealer_id": None},
    }


def user(node: str) -> dict[str, object]:
    return {
        "type": "identity.UserChanged",
        "tenant": TENANT,
        "data": {"org_id": node, "dealer_id": DEALER, "roles": ["sales_consultant"]},
    }


async def test_the_link_follows_hqs_tree_as_its_org_topic_grows(settings: Settings) -> None:
    await publish(
        settings,
        ("hq", "/hq/", None),
        ("east", "/hq/east/", None),
        ("north", "/hq/north/", None),
        (DEALER, f"/hq/east/{DEALER}/", DEALER),
    )
    reader = OrgTreeReader(settings)
    try:
        await reader.catch_up()
        tree = reader.tree
        assert tree.chain(TENANT, DEALER) == ["hq", "east", DEALER]
        assert concerns(DEALER, rule("east"), {}, tree)
        assert not concerns(DEALER, rule("north"), {}, tree)
        # HQ moves the dealer to the north and adds a team under it: the next batch sees it.
        await publish(
            settings,
            (DEALER, f"/hq/north/{DEALER}/", DEALER),
            ("sh01-team", f"/hq/north/{DEALER}/sh01-team/", DEALER),
        )
        await reader.catch_up()
        assert tree.chain(TENANT, DEALER) == ["hq", "north", DEALER]
        assert concerns(DEALER, rule("north"), {}, tree)
        assert not concerns(DEALER, rule("east"), {}, tree)
        assert speaks_for_itself(DEALER, user("sh01-team"), tree)
        await reader.catch_up()  # nothing new: returns at once
    finally:
        await reader.stop()


async def test_the_downlink_keeps_each_rules_last_terms_for_a_dealer_placed_later(
    settings: Settings,
) -> None:
    """What a dealer moved below the north receives with its node: the north's rule as it was
    last set (its record before the change is not sent), read from the rule topic."""
    await publish(settings, ("hq", "/hq/", None), ("north", "/hq/north/", None))
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers, acks="all")
    await producer.start()
    try:
        for node, active in (("north", True), ("north", False), ("east", True)):
            body = {
                "type": "service-desk.CareRuleSet",
                "tenant": TENANT,
                "data": {"org_node": node, "dealer_id": None, "active": active},
            }
            await producer.send_and_wait(
                settings.topic(CARE_RULE_TOPIC), json.dumps(body).encode(), key=node.encode()
            )
    finally:
        await producer.stop()
    reader = OrgTreeReader(settings, keep=[CARE_RULE_TOPIC])
    try:
        await reader.catch_up()
        moved = {
            "type": "identity.OrgChanged",
            "tenant": TENANT,
            "data": {"org_id": DEALER, "path": f"/hq/north/{DEALER}/", "dealer_id": DEALER},
        }
        [sent] = set_above_the_placed(DEALER, moved, reader.latest.values())
        assert json.loads(sent.value or b"")["data"] == {
            "org_node": "north",
            "dealer_id": None,
            "active": False,
        }
        assert reader.tree.chain(TENANT, "north") == ["hq", "north"], "the tree read as well"
    finally:
        await reader.stop()
