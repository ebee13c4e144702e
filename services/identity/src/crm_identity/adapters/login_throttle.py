"""The login throttle's counts: in Redis, shared by every identity process (a bounded count in
each process while Redis is down)."""

from __future__ import annotations

from redis.asyncio import Redis
from sqlalchemy.engine import make_url

from crm_common.redis.rate_limit import SlidingWindows
from crm_common.settings import Settings
from crm_identity.application.auth import LoginThrottle
from crm_identity.domain.accounts import LOCKOUT


def login_throttle(redis: Redis, settings: Settings) -> LoginThrottle:
    # Keyed by the identity database: deployments (and test runs) sharing a Redis count apart.
    namespace = f"identity:{make_url(settings.database_url.get_secret_value()).database}"
    return LoginThrottle(
        attempts=SlidingWindows(redis, prefix=f"{namespace}:login-attempts", window_seconds=60),
        failures=SlidingWindows(
            redis,
            prefix=f"{namespace}:login-failures",
            window_seconds=int(LOCKOUT.total_seconds()),
        ),
    )
