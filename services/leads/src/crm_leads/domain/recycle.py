"""Recycle rules (回收): when a private lead drops back to its pool. Pure; the sweep turns the
same rules into set-based SQL through ``cutoffs`` so both say the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from crm_leads.domain.lead import Lead, LeadStatus
from crm_leads.domain.pool_rules import PoolRules, RecycleRules

STALLED_IN_GRADE = "stalled_in_grade"
HANDED_TO_MARKETING = "handed_to_marketing"
NO_FOLLOW_UP = "no_follow_up"
NO_CONVERSION = "no_conversion"
NOT_WON = "not_won"
OWNER_DEACTIVATED = "owner_deactivated"


@dataclass(frozen=True, slots=True)
class Cutoffs:
    """A lead whose clock started before the cutoff is due. ``by_grade`` overrides ``default``."""

    no_follow_up_default: datetime | None
    no_follow_up_by_grade: dict[str, datetime]
    no_conversion: datetime | None
    not_won: datetime | None
    exclude_won_customers: bool = False
    exclude_open_opportunities: bool = False

    def no_follow_up_for(self, grade: str | None) -> datetime | None:
        if grade is not None and grade in self.no_follow_up_by_grade:
            return self.no_follow_up_by_grade[grade]
        return self.no_follow_up_default


def cutoffs(rules: RecycleRules, now: datetime, *, ahead: timedelta = timedelta(0)) -> Cutoffs:
    """``ahead``: the cutoffs as they will be then (reminders look ahead)."""
    at = now + ahead
    days = rules.no_follow_up_days
    return Cutoffs(
        no_follow_up_default=None if days is None else at - timedelta(days=days),
        no_follow_up_by_grade={
            grade: at - timedelta(days=d) for grade, d in rules.no_follow_up_days_by_grade.items()
        },
        no_conversion=None
        if rules.no_conversion_days is None
        else at - timedelta(days=rules.no_conversion_days),
        not_won=None if rules.no_win_days is None else at - timedelta(days=rules.no_win_days),
        exclude_won_customers=rules.exclude_won_customers,
        exclude_open_opportunities=rules.exclude_open_opportunities,
    )


@dataclass(frozen=True, slots=True)
class CustomerDeals:
    """What the opportunities service reported about the lead's customer."""

    has_won: bool = False
    has_open_opportunity: bool = False


NO_DEALS = CustomerDeals()


def clock_started(lead: Lead) -> datetime | None:
    """The later of the last follow-up and the day the owner received the lead."""
    if lead.owned_since is None:
        return None
    if lead.last_follow_up_at is None:
        return lead.owned_since
    return max(lead.owned_since, lead.last_follow_up_at)


def recycle_rule_due(
    lead: Lead,
    rules: RecycleRules,
    now: datetime,
    *,
    customer_locked: bool = False,
    deals: CustomerDeals = NO_DEALS,
) -> str | None:
    """The rule that releases ``lead`` now, or None. Locked customers are never recycled, nor,
    when the rules say so, customers who bought or have an opportunity being worked."""
    if lead.status is not LeadStatus.OPEN or lead.owner_user is None or customer_locked:
        return None
    limits = cutoffs(rules, now)
    if (limits.exclude_won_customers and deals.has_won) or (
        limits.exclude_open_opportunities and deals.has_open_opportunity
    ):
        return None
    started = clock_started(lead)
    no_follow_up = limits.no_follow_up_for(lead.grade)
    if started is not None and no_follow_up is not None and started <= no_follow_up:
        return NO_FOLLOW_UP
    owned = lead.owned_since
    if owned is not None and limits.no_conversion is not None and owned <= limits.no_conversion:
        return NO_CONVERSION
    if owned is not None and limits.not_won is not None and owned <= limits.not_won:
        return None if deals.has_won else NOT_WON
    return None


def staging_rule_due(lead: Lead, rules: PoolRules, now: datetime) -> str | None:
    """The three-stage rules of DOMAIN.md: a lead stuck in a grade goes to the managers for
    reassignment (once per grade), and one stuck even longer is handed to marketing."""
    if lead.status is not LeadStatus.OPEN or lead.owner_user is None:
        return None
    if lead.grade is None or lead.graded_at is None:
        return None
    in_grade = now - lead.graded_at
    to_marketing = rules.to_marketing_after_days().get(lead.grade)
    if to_marketing is not None and in_grade >= timedelta(days=to_marketing):
        return HANDED_TO_MARKETING
    stalled = rules.stalled_grade_days().get(lead.grade)
    if stalled is not None and in_grade >= timedelta(days=stalled) and lead.escalated_at is None:
        return STALLED_IN_GRADE
    return None
