"""What identity consumes: only what crosses a dealer deployment's link (the other side's org
tree, agreements or users, ``crm_identity.application.link``); its own events it wrote itself."""

from __future__ import annotations

from collections.abc import Sequence

from crm_common.contracts.events.identity.v1 import (
    ORG_TOPIC,
    SHARING_TOPIC,
    USER_TOPIC,
    OrgChanged,
    SharingPolicyChanged,
)
from crm_common.contracts.events.identity.v2 import UserChangedV2
from crm_common.messaging.consumer import Handles, Subscription
from crm_common.settings import Settings
from crm_identity.application.link import follow_agreement, follow_org_change, keep_dealers_user


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    return [
        Subscription(
            consumer="identity.org-tree-from-hq",
            topic=ORG_TOPIC,
            handles=[Handles(OrgChanged, follow_org_change)],
            description="A dealer's deployment: HQ's org tree, come down, kept as HQ has it",
            across_the_link_only=True,
        ),
        Subscription(
            consumer="identity.agreements-across-the-link",
            topic=SHARING_TOPIC,
            handles=[Handles(SharingPolicyChanged, follow_agreement)],
            description="The agreements HQ sets for a dealer (at the dealer) and those a"
            " dealer's admin sets (at HQ), kept like this installation's own",
            across_the_link_only=True,
        ),
        Subscription(
            consumer="identity.users-of-dealers",
            topic=USER_TOPIC,
            handles=[Handles(UserChangedV2, keep_dealers_user)],
            description="HQ: the users a dealer's admin created in the dealer's own deployment,"
            " listed in HQ's directory (they log in at the dealer only)",
            across_the_link_only=True,
        ),
    ]
