"""Ordered routing rules (线索分配规则): where a new lead nobody took in goes. A book's rules
are evaluated in order; the first whose conditions all hold decides — a pool, a consultant, or
a strategy among a pool's members —; when none does, the book's default pool takes the lead.
Pure configuration and matching, validated on the way in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from enum import StrEnum
from typing import Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator

from crm_leads.domain.lead import LeadSource
from crm_leads.domain.pool_rules import AutoAssignment

MAX_RULES = 100
"""Rules of one book: evaluated for every lead that arrives, so kept short."""


class HoursOfDay(BaseModel):
    """From ``start`` (inclusive) to ``end`` (exclusive), local business time; an ``end``
    before ``start`` spans midnight (e.g. 18:00-08:00 for the evening and night)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: time
    end: time

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if self.start == self.end:
            raise ValueError("hours: start and end are the same time")
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("hours: local business times, without an offset")
        return self

    def contain(self, moment: time) -> bool:
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


class RoutingConditions(BaseModel):
    """All given conditions must hold; one not given holds for every lead. Lists match any
    of their values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: list[LeadSource] | None = Field(default=None, min_length=1, max_length=20)
    campaign_ids: list[UUID] | None = Field(
        default=None, min_length=1, max_length=100, description="Leads from these campaigns' forms"
    )
    regions: list[str] | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="The region node the customer is in (the lead's region_hint)",
    )
    vehicle_interests: list[str] | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Words the lead's vehicle interest contains (case-insensitive)",
    )
    hours: HoursOfDay | None = Field(default=None, description="When the lead arrives")

    @model_validator(mode="after")
    def _words_not_blank(self) -> Self:
        for values, name in ((self.regions, "regions"), (self.vehicle_interests, "words")):
            if values is not None and any(not v.strip() or len(v) > 200 for v in values):
                raise ValueError(f"{name}: non-blank values of at most 200 characters")
        return self


class TargetKind(StrEnum):
    POOL = "pool"
    """The lead waits in that pool (whose own assignment strategy, if any, then applies)."""
    CONSULTANT = "consultant"
    """The consultant owns the lead at once."""
    STRATEGY = "strategy"
    """A member of that pool, chosen by the strategy, owns the lead at once."""


class RoutingTarget(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: TargetKind
    pool_id: UUID | None = Field(default=None, description="kind pool or strategy")
    user_id: str | None = Field(default=None, max_length=64, description="kind consultant")
    strategy: AutoAssignment | None = Field(default=None, description="kind strategy")

    @model_validator(mode="after")
    def _fits_its_kind(self) -> Self:
        given = {
            name
            for name, value in (
                ("pool_id", self.pool_id),
                ("user_id", self.user_id),
                ("strategy", self.strategy),
            )
            if value is not None
        }
        needed = {
            TargetKind.POOL: {"pool_id"},
            TargetKind.CONSULTANT: {"user_id"},
            TargetKind.STRATEGY: {"pool_id", "strategy"},
        }[self.kind]
        if given != needed:
            raise ValueError(f"a {self.kind.value} target names exactly {sorted(needed)}")
        if self.strategy is AutoAssignment.NONE:
            raise ValueError("strategy: round_robin, least_loaded or weighted")
        return self


class RoutingRuleSpec(BaseModel):
    """One rule as its managers write it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=200)
    conditions: RoutingConditions = Field(default_factory=RoutingConditions)
    target: RoutingTarget


@dataclass(frozen=True, slots=True)
class RoutingRule:
    id: UUID
    position: int
    name: str
    conditions: RoutingConditions
    target: RoutingTarget


@dataclass(frozen=True, slots=True)
class Arrival:
    """What routing knows of a new lead."""

    source: LeadSource
    campaign_id: UUID | None
    region: str | None
    vehicle_interest: str | None
    local_time: time
    """When it arrived, in the business's time zone."""


def matches(conditions: RoutingConditions, arrival: Arrival) -> bool:
    c = conditions
    if c.sources is not None and arrival.source not in c.sources:
        return False
    if c.campaign_ids is not None and arrival.campaign_id not in c.campaign_ids:
        return False
    if c.regions is not None and arrival.region not in c.regions:
        return False
    if c.vehicle_interests is not None:
        interest = (arrival.vehicle_interest or "").casefold()
        if not any(word.strip().casefold() in interest for word in c.vehicle_interests):
            return False
    return c.hours is None or c.hours.contain(arrival.local_time)


def first_match(
    rules: Sequence[RoutingRule], arrival: Arrival, skip: frozenset[UUID] = frozenset()
) -> RoutingRule | None:
    """The first rule in order whose conditions hold, leaving out ``skip`` (rules whose target
    cannot take the lead now, e.g. a consultant who left); None: the default pool's turn."""
    for rule in sorted(rules, key=lambda r: r.position):
        if rule.id not in skip and matches(rule.conditions, arrival):
            return rule
    return None
