"""What time it is, asked one way everywhere: code that needs the time takes a `Clock` (or the
`now` it returned) instead of calling `datetime.now`, so a test can drive it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock: an aware datetime in UTC."""
    return datetime.now(UTC)
