"""Sales expenses (销售费用): what a dealer spent to sell, by category. Pure."""

from __future__ import annotations

from enum import StrEnum


class ExpenseCategory(StrEnum):
    ADVERTISING = "advertising"
    EVENT = "event"
    """A showroom event, a test-drive day, a motor show."""
    SHOWROOM = "showroom"
    """Materials, displays and hospitality in the showroom."""
    TRAINING = "training"
    TRAVEL = "travel"
    GIFTS = "gifts"
    """Customer gifts and incentives."""
    OTHER = "other"
