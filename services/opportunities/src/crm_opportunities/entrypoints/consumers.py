"""What the opportunities worker consumes: identity's org tree and sharing (the shared policy
copies), its users (who may own opportunities), leads' conversions and HQ's catalogue."""

from __future__ import annotations

from collections.abc import Sequence

from crm_common.messaging.consumer import Subscription
from crm_common.policy.directory import policy_subscriptions
from crm_common.settings import Settings


def subscriptions(settings: Settings) -> Sequence[Subscription]:
    return [
        *policy_subscriptions(settings),
    ]
