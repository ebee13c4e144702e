"""Anti-collusion (防串通): consultants who feed each other released leads.

Two patterns: one consultant repeatedly claiming what one colleague released (a *feeding* pair),
and the same lead going back and forth between two consultants (*ping-pong*). Pure; the claim
check asks the adapter for the count, the report runs ``flagged_pairs`` over the history."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from crm_leads.domain.pool_rules import CollusionRules


@dataclass(frozen=True, slots=True)
class Handover:
    """A claim of a lead that ``released_by`` had released shortly before."""

    lead_id: UUID
    released_by: str
    claimed_by: str
    claimed_at: datetime


@dataclass(frozen=True, slots=True)
class FlaggedPair:
    released_by: str
    claimed_by: str
    handovers: int
    ping_pong_leads: tuple[UUID, ...]
    """Leads that also went the other way between the two within the window: the evidence."""
    last_at: datetime


def flagged_pairs(
    handovers: list[Handover], rules: CollusionRules, now: datetime
) -> list[FlaggedPair]:
    """Pairs at or over the threshold within the window, worst first."""
    since = now - timedelta(days=rules.window_days)
    recent = [h for h in handovers if h.claimed_at >= since]
    by_pair: dict[tuple[str, str], list[Handover]] = defaultdict(list)
    for h in recent:
        if h.released_by != h.claimed_by:
            by_pair[(h.released_by, h.claimed_by)].append(h)
    flagged = []
    for (giver, taker), items in by_pair.items():
        back = {h.lead_id for h in by_pair.get((taker, giver), [])}
        ping_pong = tuple(sorted({h.lead_id for h in items} & back))
        if len(items) >= rules.threshold or ping_pong:
            flagged.append(
                FlaggedPair(giver, taker, len(items), ping_pong, max(h.claimed_at for h in items))
            )
    return sorted(flagged, key=lambda p: (-p.handovers, -len(p.ping_pong_leads), p.released_by))
