"""Routing: the longest-idle ready agent with the call's skills; overflow, callback offers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crm_call_center.domain.presence import (
    AgentState,
    Presence,
    QueueAction,
    QueueRules,
    StateNotSettable,
    choose_agent,
    declared,
    waiting_call_action,
)

NOW = datetime(2026, 12, 6, 3, 0, tzinfo=UTC)


def agent(
    user: str, state: AgentState, idle_minutes: int, skills: set[str], queue: str = "q1"
) -> Presence:
    return Presence(
        user, state, NOW - timedelta(minutes=idle_minutes), frozenset(skills), frozenset({queue})
    )


AGENTS = [
    agent("a", AgentState.READY, 5, {"en"}),
    agent("b", AgentState.READY, 20, set()),
    agent("c", AgentState.ON_CALL, 60, {"en"}),
    agent("d", AgentState.READY, 30, {"en", "renewal"}),
    agent("e", AgentState.READY, 90, {"en"}, queue="q2"),
]


def test_the_longest_idle_ready_agent_of_the_queue_takes_the_call() -> None:
    assert choose_agent(AGENTS, queue_id="q1", skills=[]) == AGENTS[3]


def test_only_agents_with_every_skill_are_offered_it() -> None:
    assert choose_agent(AGENTS, queue_id="q1", skills=["en"]) == AGENTS[3]
    assert choose_agent(AGENTS[:3], queue_id="q1", skills=["en"]) == AGENTS[0]
    assert choose_agent(AGENTS, queue_id="q1", skills=["fr"]) is None


def test_ties_go_by_name() -> None:
    twins = [agent("z", AgentState.READY, 10, set()), agent("y", AgentState.READY, 10, set())]
    assert choose_agent(twins, queue_id="q1", skills=[]).user_id == "y"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("waited", "expected"),
    [(10, QueueAction.WAIT), (30, QueueAction.OVERFLOW), (120, QueueAction.OFFER_CALLBACK)],
)
def test_a_waiting_caller_overflows_then_is_offered_a_callback(
    waited: int, expected: QueueAction
) -> None:
    rules = QueueRules("q2", overflow_after_seconds=30, callback_after_seconds=120)
    assert waiting_call_action(rules, waited) is expected


def test_without_rules_a_caller_waits() -> None:
    assert waiting_call_action(QueueRules(None, None, None), 3600) is QueueAction.WAIT


def test_agents_do_not_declare_themselves_on_a_call() -> None:
    assert declared(AgentState.BREAK) is AgentState.BREAK
    with pytest.raises(StateNotSettable):
        declared(AgentState.ON_CALL)
