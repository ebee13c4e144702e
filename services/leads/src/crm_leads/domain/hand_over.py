"""Hand-over of a leaver (离职交接): customer data belongs to the company, so when a consultant
leaves, everything they work goes to a named successor or is spread over several by a
strategy, and nothing is lost (DOMAIN.md "One customer, one owner")."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

from crm_leads.domain.assignment import Candidate, plan_assignments
from crm_leads.domain.pool_rules import AutoAssignment

T = TypeVar("T")

LEADS_PER_PART = 1_000
"""Leads named in one hand-over event: a large book's hand-over travels in several parts."""


class NobodyToHandOverTo(Exception):
    """No active consultant of the book but the leaver could take over (answered 409)."""


def plan_hand_over(
    successors: Sequence[Candidate],
    strategy: AutoAssignment | None,
    count: int,
    now: datetime,
) -> list[Candidate]:
    """The successor of each of ``count`` leads: the named one (``strategy`` None, one
    successor), or one after another as the strategy deals them. A hand-over places every
    lead, so the pools' capacity does not apply: a full consultant gets their share too."""
    if not successors:
        raise NobodyToHandOverTo("no active consultant of the book could take over")
    if strategy is None:
        return [successors[0]] * count
    if strategy is AutoAssignment.NONE:
        raise ValueError("a hand-over spreads by a strategy that chooses")
    return plan_assignments(strategy, successors, sys.maxsize, count, now)


def in_parts(items: Sequence[T], size: int = LEADS_PER_PART) -> list[list[T]]:
    """The hand-over's leads in event-sized parts (always at least one part, maybe empty)."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]
