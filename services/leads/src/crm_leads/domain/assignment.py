"""Automatic assignment (自动分配) of pool leads to members, so no lead waits for a manager."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from crm_leads.domain.pool_rules import AutoAssignment


@dataclass(frozen=True, slots=True)
class Candidate:
    user_id: str
    org_node: str
    open_leads: int
    weight: int = 1
    """Skill or territory weight: a weight-2 consultant takes twice the share of weight 1."""
    last_assigned_at: datetime | None = None
    level: int = 1
    """Seniority in the pool: a stalled lead may go to a member above its owner."""


def choose_assignee(
    strategy: AutoAssignment, candidates: Sequence[Candidate], capacity: int
) -> Candidate | None:
    """The member who gets the next lead, or None (no strategy, or everyone is at capacity)."""
    eligible = [c for c in candidates if c.open_leads < capacity]
    if strategy is AutoAssignment.NONE or not eligible:
        return None
    if strategy is AutoAssignment.ROUND_ROBIN:
        # Longest since the last assignment first; never-assigned members before everyone.
        return min(
            eligible,
            key=lambda c: (c.last_assigned_at is not None, c.last_assigned_at, c.user_id),
        )
    if strategy is AutoAssignment.LEAST_LOADED:
        return min(eligible, key=lambda c: (c.open_leads, c.user_id))
    return min(eligible, key=lambda c: (c.open_leads / max(c.weight, 1), -c.weight, c.user_id))


def more_senior(candidates: Sequence[Candidate], owner: str | None) -> Candidate | None:
    """The re-assignment ladder's "to a more senior consultant": among the members above the
    owner's level (the default level when the owner is not a member), the least loaded, the
    less senior first (the most senior keep room for what only they can close)."""
    levels = {c.user_id: c.level for c in candidates}
    floor = levels.get(owner, 1) if owner is not None else 0
    above = [c for c in candidates if c.level > floor and c.user_id != owner]
    return min(above, key=lambda c: (c.open_leads, c.level, c.user_id), default=None)


def plan_assignments(
    strategy: AutoAssignment,
    candidates: Sequence[Candidate],
    capacity: int,
    count: int,
    now: datetime,
) -> list[Candidate]:
    """Assignees of ``count`` leads arriving together (an import), chosen one after another as
    ``choose_assignee`` would one by one; shorter than ``count`` when everyone is full (the
    rest wait in the pool)."""
    members = list(candidates)
    plan: list[Candidate] = []
    for step in range(count):
        chosen = choose_assignee(strategy, members, capacity)
        if chosen is None:
            break
        plan.append(chosen)
        members[members.index(chosen)] = replace(
            chosen,
            open_leads=chosen.open_leads + 1,
            # Strictly later than every earlier pick, so round robin moves on.
            last_assigned_at=now + timedelta(microseconds=step),
        )
    return plan
