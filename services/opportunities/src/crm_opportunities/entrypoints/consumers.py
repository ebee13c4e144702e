"""What the opportunities worker consumes: identity's org tree and sharing (the shared policy
copies), its users (who may own opportunities), leads' conversions and hand-overs, HQ's
catalogue and, at a dealer's own deployment, the questionnaires that came down."""

from __future__ import annotations

from collections.abc import Sequence

from crm_common.contracts.events.leads import v1 as leads_v1
from crm_common.contracts.events.leads import v2 as leads_v2
from crm_common.contracts.events.opportunities.v1 import (
    CATALOG_TOPIC,
    QUESTIONNAIRE_TOPIC,
    CatalogPublished,
    QuestionnaireDefined,
)
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.policy.staff import staff_subscription
from crm_common.settings import Settings
from crm_opportunities.application.catalog import keep_published_catalog
from crm_opportunities.application.evaluations import take_questionnaire_from_hq
from crm_opportunities.application.hand_over import take_over_from_leaver
from crm_opportunities.application.opportunities import open_from_converted_lead


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    return [
        *policy_subscriptions(settings),
        staff_subscription(settings, description="Keeps the staff who may own opportunities."),
        Subscription(
            consumer=f"{settings.service_name}.conversions",
            topic=leads_v1.LEAD_TOPIC,
            handles=[
                Handles(leads_v2.LeadConvertedV2, open_from_converted_lead),
                # Conversions published before version 2 (replays, an older leads release).
                Handles(leads_v1.LeadConverted, open_from_converted_lead),
            ],
            description="A converted lead opens an opportunity for its owner, once, with the "
            "lead's origin (from a version 1 event: guessed from its source). Not for a "
            "dealer's own deployment's conversions come up to HQ: the deal is the dealer's, "
            "opened there.",
            own_deployment_only=True,
        ),
        Subscription(
            consumer=f"{settings.service_name}.hand-overs",
            own_deployment_only=True,
            topic=leads_v1.CUSTOMER_TOPIC,
            handles=[Handles(leads_v1.ConsultantHandedOver, take_over_from_leaver)],
            description="A leaver's hand-over: their opportunities still being worked, with "
            "their quotes and orders, go to the successors leads named.",
        ),
        Subscription(
            consumer=f"{settings.service_name}.catalog",
            topic=CATALOG_TOPIC,
            handles=[Handles(CatalogPublished, keep_published_catalog)],
            description="Keeps each catalogue version HQ publishes (a dealer deployment's copy).",
        ),
        Subscription(
            consumer=f"{settings.service_name}.questionnaires-from-hq",
            downlinked_only=True,
            topic=QUESTIONNAIRE_TOPIC,
            handles=[Handles(QuestionnaireDefined, take_questionnaire_from_hq)],
            description="At a dealer's own deployment: the evaluation questionnaires of HQ and "
            "of the dealer's region, as they come down over the link (its consultants evaluate "
            "opportunities with them).",
        ),
    ]
