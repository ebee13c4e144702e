"""At HQ the events of a dealer's own deployment arrive on HQ's own topics (HQ's intake,
docs/dealer-deployments.md). The dealer's deployment did the work those events ask for (opened
the opportunity, pushed the call task, sent the survey), so HQ must not do it a second time:
every subscription of the platform either skips them (``own_deployment_only``) or is one that
keeps figures or follows what HQ handed down. A new subscription fails here until it decides."""

from __future__ import annotations

import importlib

from crm_common.messaging.consumer import Subscription
from crm_common.runtime.service import ServiceDefinition
from crm_common.settings import Settings

SERVICES = (
    "identity",
    "leads",
    "opportunities",
    "service-desk",
    "call-center",
    "kpi",
    "notifications",
)
READS_A_DEALERS_EVENTS = {
    "org-directory": "the policy copies of the org tree",
    "sharing-levels": "the policy copies of the agreements",
    "staff": "a dealer's users that went up (identity.UserChanged version 2)",
    "distribution-link": "HQ's copy of a lead it distributed follows the dealer's events",
    "catalog": "a catalogue publication is HQ's: HQ's intake refuses one from a dealer",
}
"""Subscriptions (by name, in any service) that read a dealer deployment's events, and why."""


def subscriptions() -> list[Subscription]:
    found = []
    for service in SERVICES:
        module = importlib.import_module(f"crm_{service.replace('-', '_')}.bootstrap")
        definition: ServiceDefinition = module.DEFINITION
        if definition.subscriptions is not None:
            settings = Settings(service_name=service, kafka_namespace="")
            found.extend(definition.subscriptions(settings))
    return found


def test_hq_does_no_work_again_for_what_a_dealers_deployment_did() -> None:
    undecided = [
        s.consumer
        for s in subscriptions()
        if not s.own_deployment_only
        and not s.across_the_link_only  # identity's copies of the other side's records
        and not s.downlinked_only  # HQ's configuration, applied at a dealer's deployment
        and not s.consumer.startswith("kpi.")  # figures: HQ counts the dealer's
        and s.consumer.split(".", 1)[1] not in READS_A_DEALERS_EVENTS
    ]
    assert undecided == [], "set own_deployment_only, or say why HQ reads a dealer's events"


def test_the_work_of_a_conversion_is_the_dealers() -> None:
    [conversions] = [s for s in subscriptions() if s.consumer == "opportunities.conversions"]
    assert conversions.own_deployment_only, "HQ opens no opportunity for a dealer's own deal"
