"""Ordered routing rules: conditions, first match in order, targets validated, and what a rule
does to the lead it places."""

from __future__ import annotations

from datetime import UTC, datetime, time
from uuid import UUID

import pytest
from pydantic import ValidationError

from crm_leads.domain.lead import LeadSource, LeadUnavailable, Worker
from crm_leads.domain.origin import LeadOrigin
from crm_leads.domain.routing import (
    Arrival,
    HoursOfDay,
    RoutingConditions,
    RoutingRule,
    RoutingRuleSpec,
    RoutingTarget,
    TargetKind,
    first_match,
    matches,
)

from .factories import new_lead

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
SUV_POOL, DEFAULT = UUID(int=21), UUID(int=7)
CAMPAIGN = UUID(int=31)


def arrival(
    *,
    source: LeadSource = LeadSource.PHONE,
    campaign_id: UUID | None = None,
    region: str | None = None,
    interest: str | None = None,
    at: time = time(10, 0),
) -> Arrival:
    return Arrival(source, campaign_id, region, interest, at)


def rule(position: int, name: str, target: RoutingTarget, **conditions: object) -> RoutingRule:
    return RoutingRule(
        UUID(int=100 + position),
        position,
        name,
        RoutingConditions.model_validate(conditions),
        target,
    )


TO_SUV_POOL = RoutingTarget(kind=TargetKind.POOL, pool_id=SUV_POOL)
TO_ALICE = RoutingTarget(kind=TargetKind.CONSULTANT, user_id="alice")


@pytest.mark.parametrize(
    ("conditions", "lead", "expected"),
    [
        ({}, arrival(), True),
        ({"sources": ["web", "phone"]}, arrival(), True),
        ({"sources": ["web"]}, arrival(), False),
        ({"campaign_ids": [str(CAMPAIGN)]}, arrival(campaign_id=CAMPAIGN), True),
        ({"campaign_ids": [str(CAMPAIGN)]}, arrival(), False),
        ({"regions": ["region-east"]}, arrival(region="region-east"), True),
        ({"regions": ["region-east"]}, arrival(region=None), False),
        ({"vehicle_interests": ["suv"]}, arrival(interest="Model SUV X 2.0T"), True),
        ({"vehicle_interests": ["suv", "mpv"]}, arrival(interest="sedan"), False),
        ({"vehicle_interests": ["suv"]}, arrival(interest=None), False),
        ({"hours": {"start": "09:00", "end": "18:00"}}, arrival(at=time(9, 0)), True),
        ({"hours": {"start": "09:00", "end": "18:00"}}, arrival(at=time(18, 0)), False),
        # Over midnight: the evening and the night.
        ({"hours": {"start": "18:00", "end": "08:00"}}, arrival(at=time(23, 30)), True),
        ({"hours": {"start": "18:00", "end": "08:00"}}, arrival(at=time(7, 59)), True),
        ({"hours": {"start": "18:00", "end": "08:00"}}, arrival(at=time(12, 0)), False),
        # Every condition given must hold.
        ({"sources": ["phone"], "regions": ["region-east"]}, arrival(region="region-west"), False),
    ],
)
def test_conditions(conditions: dict[str, object], lead: Arrival, expected: bool) -> None:
    assert matches(RoutingConditions.model_validate(conditions), lead) is expected


def test_the_first_matching_rule_in_order_wins_and_none_leaves_the_default_pool() -> None:
    rules = [
        rule(2, "SUVs to the SUV pool", TO_SUV_POOL, vehicle_interests=["suv"]),
        rule(
            1,
            "web nights to Alice",
            TO_ALICE,
            sources=["web"],
            hours={"start": "18:00", "end": "08:00"},
        ),
        rule(3, "all web", TO_SUV_POOL, sources=["web"]),
    ]
    night_suv = arrival(source=LeadSource.WEB, interest="SUV", at=time(22, 0))
    assert first_match(rules, night_suv).name == "web nights to Alice"  # type: ignore[union-attr]
    day_suv = arrival(source=LeadSource.WEB, interest="SUV", at=time(11, 0))
    assert first_match(rules, day_suv).name == "SUVs to the SUV pool"  # type: ignore[union-attr]
    assert first_match(rules, arrival(interest="sedan")) is None
    # A rule whose target cannot take the lead now is passed over: the next one decides.
    passed = frozenset({UUID(int=101)})
    assert first_match(rules, night_suv, passed).name == "SUVs to the SUV pool"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ({"kind": "pool"}, "names exactly ['pool_id']"),
        ({"kind": "pool", "pool_id": str(SUV_POOL), "user_id": "alice"}, "exactly ['pool_id']"),
        ({"kind": "consultant", "pool_id": str(SUV_POOL)}, "exactly ['user_id']"),
        ({"kind": "strategy", "pool_id": str(SUV_POOL)}, "exactly ['pool_id', 'strategy']"),
        (
            {"kind": "strategy", "pool_id": str(SUV_POOL), "strategy": "none"},
            "round_robin, least_loaded or weighted",
        ),
        ({"kind": "elsewhere"}, "kind"),
    ],
)
def test_a_target_names_what_its_kind_needs(target: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace("]", r"\]")):
        RoutingTarget.model_validate(target)


@pytest.mark.parametrize(
    "conditions",
    [
        {"hours": {"start": "09:00", "end": "09:00"}},
        {"hours": {"start": "09:00+08:00", "end": "18:00"}},
        {"sources": []},
        {"sources": ["carrier_pigeon"]},
        {"regions": ["  "]},
        {"weekday": "monday"},
    ],
)
def test_conditions_are_validated(conditions: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        RoutingRuleSpec.model_validate(
            {
                "name": "r",
                "conditions": conditions,
                "target": {"kind": "consultant", "user_id": "a"},
            }
        )


def test_hours_are_local_times_spanning_midnight_when_they_end_before_they_start() -> None:
    night = HoursOfDay(start=time(22, 0), end=time(6, 0))
    assert [night.contain(time(h)) for h in (21, 22, 3, 6)] == [False, True, True, False]


def test_a_routed_lead_belongs_to_the_rule_s_pool_and_its_history_names_the_rule() -> None:
    lead = new_lead(T0, owner=None)
    lead.route(UUID(int=101), "SUVs to the SUV pool", pool_id=SUV_POOL, to=None, now=T0)
    assert (lead.pool_id, lead.home_pool_id, lead.routing_rule_id) == (
        SUV_POOL,
        SUV_POOL,
        UUID(int=101),
    )
    routed = lead.changes[-1]
    assert (routed.kind, routed.actor, routed.reason, routed.rule) == (
        "routed",
        "routing",
        "SUVs to the SUV pool",
        f"routing:{UUID(int=101)}",
    )
    assert lead.owner_user is None


def test_a_lead_a_rule_gives_a_consultant_is_theirs_at_once_and_from_the_pool() -> None:
    lead = new_lead(T0, owner=None)
    lead.route(UUID(int=102), "VIPs to Alice", pool_id=DEFAULT, to=Worker("alice", "t"), now=T0)
    assert (lead.owner_user, lead.pool_id, lead.ownership_origin) == (
        "alice",
        None,
        LeadOrigin.POOL,
    )
    assert [(c.kind, c.reason) for c in lead.changes[-2:]] == [
        ("routed", "VIPs to Alice"),
        ("assigned", "routing rule VIPs to Alice"),
    ]


def test_a_lead_a_consultant_took_in_is_not_routed() -> None:
    lead = new_lead(T0, owner=Worker("bob", "t"))
    with pytest.raises(LeadUnavailable):
        lead.route(UUID(int=101), "r", pool_id=SUV_POOL, to=None, now=T0)
