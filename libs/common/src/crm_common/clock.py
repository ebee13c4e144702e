"""What time it is, asked one way everywhere: code that needs the time takes a `Clock` (or the
`now` it returned) instead of calling `datetime.now` or `time.time`, so a test can drive it."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock: an aware datetime in UTC."""
    return datetime.now(UTC)


def epoch_seconds(clock: Clock) -> Callable[[], float]:
    """``clock`` read as seconds since the epoch, what token claims, session stamps and Redis
    scores count in. The real clock is read through ``time.time`` itself: the check of the
    access token on every request builds no datetime."""
    if clock is utc_now:
        return time.time
    return lambda: clock().timestamp()
