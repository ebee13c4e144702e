"""Distribution: which member of a queue gets a pushed call task, and which ready agent gets a
caller waiting in a queue — by the queue's strategy, round robin or by skill.

A queue belongs to one org node (the HQ hotline, a dealer's BDC or renewal desk); its members
are the agents who listed it. Round robin deals work to every member in turn (by name,
starting after the one served last), whatever their skills. By skill, only members with the
skill the work needs take it: a task goes to the one with the fewest open tasks, a caller to
the one idle longest (``presence.choose_agent``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from crm_call_center.domain.presence import AgentState, Presence, choose_agent
from crm_call_center.domain.tasks import TaskKind


class Strategy(StrEnum):
    ROUND_ROBIN = "round_robin"
    SKILL = "skill"


TASK_SKILLS: dict[TaskKind, str] = {
    TaskKind.POLICY_RENEWAL: "renewal",
    TaskKind.MAINTENANCE_DUE: "maintenance",
    TaskKind.WIN_BACK: "sales",
    TaskKind.LEAD_CALLBACK: "sales",
    TaskKind.CARE: "care",
    TaskKind.SURVEY: "survey",
}
"""The skill a member needs to take a task of each kind from a queue distributing by skill."""


@dataclass(frozen=True, slots=True)
class Member:
    user_id: str
    skills: frozenset[str]
    open_tasks: int
    """Open tasks the member has now (what skill distribution balances)."""


@dataclass(frozen=True, slots=True)
class Dealt:
    assignees: list[str | None]
    """Per task, in order: who takes it (None: no member can)."""
    last_assignee: str | None
    """The round-robin cursor after this deal (unchanged when nobody got a task)."""


def _after(names: Sequence[str], last: str | None) -> int:
    """Index of the first name after ``last`` in the sorted ring (wrapping)."""
    if last is None:
        return 0
    return next((i for i, name in enumerate(names) if name > last), 0)


def deal_tasks(
    kinds: Sequence[TaskKind],
    members: Iterable[Member],
    strategy: Strategy,
    last_assignee: str | None,
) -> Dealt:
    """Assigns tasks of these kinds, in order, to the queue's members."""
    ring = sorted(members, key=lambda m: m.user_id)
    if not ring:
        return Dealt([None] * len(kinds), last_assignee)
    if strategy is Strategy.ROUND_ROBIN:
        start = _after([m.user_id for m in ring], last_assignee)
        names = [ring[(start + i) % len(ring)].user_id for i in range(len(kinds))]
        return Dealt(list(names), names[-1] if names else last_assignee)
    load = {m.user_id: m.open_tasks for m in ring}
    assignees: list[str | None] = []
    for kind in kinds:
        able = [m.user_id for m in ring if TASK_SKILLS[kind] in m.skills]
        chosen = min(able, key=lambda name: (load[name], name), default=None)
        if chosen is not None:
            load[chosen] += 1
        assignees.append(chosen)
    taken = [a for a in assignees if a is not None]
    return Dealt(assignees, taken[-1] if taken else last_assignee)


def route_caller(
    agents: Iterable[Presence],
    *,
    queue_id: str,
    strategy: Strategy,
    skills: Iterable[str],
    last_agent: str | None,
) -> Presence | None:
    """The ready agent of the queue who takes a waiting caller: by skill, the longest idle with
    every skill the call needs; round robin, the next ready member after the one routed last."""
    if strategy is Strategy.SKILL:
        return choose_agent(agents, queue_id=queue_id, skills=skills)
    ready = sorted(
        (a for a in agents if a.state is AgentState.READY and queue_id in a.queue_ids),
        key=lambda a: a.user_id,
    )
    if not ready:
        return None
    return ready[_after([a.user_id for a in ready], last_agent)]


def pbx_penalty(
    strategy: Strategy, queue_skills: Iterable[str], agent_skills: Iterable[str]
) -> int:
    """A member's penalty in the PBX's queue (Asterisk rings lower penalties first): by skill,
    one step per skill the queue's callers need that the member lacks, so those with every
    skill ring first and the others only when they are all busy; round robin, all equal (the
    PBX queue's own strategy, e.g. Asterisk's ``rrmemory``, takes turns)."""
    if strategy is Strategy.ROUND_ROBIN:
        return 0
    return len(frozenset(queue_skills) - frozenset(agent_skills))


@dataclass(frozen=True, slots=True)
class PbxChanges:
    """What to tell the PBX so its queue has exactly the members the CRM says."""

    add: dict[str, int]
    """interface → penalty: members it does not have."""
    penalize: dict[str, int]
    """interface → penalty: members whose penalty changed."""
    remove: frozenset[str]


def pbx_changes(wanted: dict[str, int], told: dict[str, int]) -> PbxChanges:
    """From what the PBX was last told to what the CRM wants now."""
    return PbxChanges(
        add={i: p for i, p in wanted.items() if i not in told},
        penalize={i: p for i, p in wanted.items() if i in told and told[i] != p},
        remove=frozenset(told.keys() - wanted.keys()),
    )
