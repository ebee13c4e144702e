"""Distribution by a queue's strategy: round robin deals tasks to every member in turn from
where the last deal stopped; by skill, only members with the task's skill, the least loaded
first; callers routed round robin or to the longest-idle agent with the skills."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crm_call_center.domain.distribution import (
    Member,
    Strategy,
    deal_tasks,
    pbx_changes,
    pbx_penalty,
    route_caller,
)
from crm_call_center.domain.presence import AgentState, Presence
from crm_call_center.domain.tasks import TaskKind

RENEWAL, CARE, SURVEY = TaskKind.POLICY_RENEWAL, TaskKind.CARE, TaskKind.SURVEY
NOW = datetime(2026, 12, 6, 3, 0, tzinfo=UTC)


def member(user: str, *skills: str, open_tasks: int = 0) -> Member:
    return Member(user, frozenset(skills), open_tasks)


TEAM = [member("li"), member("chen"), member("wang")]


def test_round_robin_deals_to_every_member_in_turn_by_name() -> None:
    dealt = deal_tasks([RENEWAL] * 5, TEAM, Strategy.ROUND_ROBIN, None)
    assert dealt.assignees == ["chen", "li", "wang", "chen", "li"]
    assert dealt.last_assignee == "li"


def test_round_robin_resumes_after_the_member_served_last() -> None:
    assert deal_tasks([CARE] * 2, TEAM, Strategy.ROUND_ROBIN, "li").assignees == ["wang", "chen"]
    assert deal_tasks([CARE], TEAM, Strategy.ROUND_ROBIN, "wang").assignees == ["chen"]


def test_round_robin_resumes_after_a_member_who_left_the_queue() -> None:
    # "liu" left since the last deal: the next in name order after them takes the next task.
    assert deal_tasks([CARE], TEAM, Strategy.ROUND_ROBIN, "liu").assignees == ["wang"]


def test_round_robin_ignores_skills_and_load() -> None:
    team = [member("a", open_tasks=50), member("b", "renewal")]
    assert deal_tasks([SURVEY, SURVEY], team, Strategy.ROUND_ROBIN, None).assignees == ["a", "b"]


def test_by_skill_only_members_with_the_tasks_skill_take_it_the_least_loaded_first() -> None:
    team = [
        member("a", "renewal", open_tasks=3),
        member("b", "renewal", "care", open_tasks=1),
        member("c", "care", open_tasks=0),
    ]
    dealt = deal_tasks([RENEWAL, RENEWAL, RENEWAL, CARE], team, Strategy.SKILL, None)
    # b (1 open) takes the first renewal, then b (2) again, then a and b tie at 3: by name.
    assert dealt.assignees == ["b", "b", "a", "c"]
    assert dealt.last_assignee == "c"


def test_by_skill_a_task_nobody_has_the_skill_for_is_left_undealt() -> None:
    dealt = deal_tasks([SURVEY, RENEWAL], [member("a", "renewal")], Strategy.SKILL, "z")
    assert dealt.assignees == [None, "a"]
    assert dealt.last_assignee == "a"
    nobody = deal_tasks([SURVEY], [member("a", "renewal")], Strategy.SKILL, "z")
    assert (nobody.assignees, nobody.last_assignee) == ([None], "z")


def test_a_queue_without_members_deals_nothing() -> None:
    for strategy in Strategy:
        assert deal_tasks([CARE, CARE], [], strategy, "a").assignees == [None, None]


def presence(user: str, state: AgentState, idle_minutes: int, *skills: str) -> Presence:
    return Presence(
        user, state, NOW - timedelta(minutes=idle_minutes), frozenset(skills), frozenset({"q1"})
    )


AGENTS = [
    presence("a", AgentState.READY, 5, "en"),
    presence("b", AgentState.ON_CALL, 50, "en"),
    presence("c", AgentState.READY, 30),
    presence("d", AgentState.READY, 1, "en"),
]


def test_callers_routed_round_robin_go_to_the_next_ready_member() -> None:
    def route(last: str | None) -> str | None:
        chosen = route_caller(
            AGENTS, queue_id="q1", strategy=Strategy.ROUND_ROBIN, skills=["en"], last_agent=last
        )
        return None if chosen is None else chosen.user_id

    assert [route(None), route("a"), route("c"), route("d")] == ["a", "c", "d", "a"]


def test_callers_routed_by_skill_go_to_the_longest_idle_agent_with_the_skills() -> None:
    chosen = route_caller(
        AGENTS, queue_id="q1", strategy=Strategy.SKILL, skills=["en"], last_agent="a"
    )
    assert chosen is not None
    assert chosen.user_id == "a"
    nobody = route_caller(
        AGENTS, queue_id="q2", strategy=Strategy.ROUND_ROBIN, skills=[], last_agent=None
    )
    assert nobody is None


def test_the_pbx_rings_members_with_the_queues_skills_first_when_it_routes_by_skill() -> None:
    needs = {"renewal", "en"}
    assert pbx_penalty(Strategy.SKILL, needs, {"renewal", "en", "fr"}) == 0
    assert pbx_penalty(Strategy.SKILL, needs, {"en"}) == 1
    assert pbx_penalty(Strategy.SKILL, needs, set()) == 2
    assert pbx_penalty(Strategy.ROUND_ROBIN, needs, set()) == 0


def test_the_pbx_is_told_only_what_changed() -> None:
    changes = pbx_changes(
        {"PJSIP/8001": 0, "PJSIP/8002": 1, "PJSIP/8003": 0},
        {"PJSIP/8002": 0, "PJSIP/8003": 0, "PJSIP/8009": 0},
    )
    assert changes.add == {"PJSIP/8001": 0}
    assert changes.penalize == {"PJSIP/8002": 1}
    assert changes.remove == {"PJSIP/8009"}
    nothing = pbx_changes({"PJSIP/8001": 0}, {"PJSIP/8001": 0})
    assert (nothing.add, nothing.penalize, nothing.remove) == ({}, {}, frozenset())
