"""Customer care (客户关怀): rules that fire by condition for a customer — maintenance due,
insurance renewal, birthday, a changed customer value, a problem customer — configured
separately for private (ToC) and business (ToB) customers; each fires at most once per
customer, rule and period (the period names the occasion: a service cycle, a policy's expiry,
a year's birthday...). Pure: the scan hands each candidate's facts and the day."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from uuid import UUID

from crm_common.errors import InvalidInput

MAX_DAYS = 366
MAX_MONTHS = 60


class Segment(StrEnum):
    TOC = "toc"
    """Private customers."""
    TOB = "tob"
    """Business customers (fleets, companies)."""


class RuleKind(StrEnum):
    MAINTENANCE_DUE = "maintenance_due"
    INSURANCE_RENEWAL = "insurance_renewal"
    BIRTHDAY = "birthday"
    VALUE_CHANGED = "value_changed"
    PROBLEM_CUSTOMER = "problem_customer"


class CareAction(StrEnum):
    SMS = "sms"
    EMAIL = "email"
    CALL = "call"
    """A care call task: the call center turns ``CareDue`` into one."""


@dataclass(frozen=True, slots=True)
class CareRule:
    id: UUID
    kind: RuleKind
    segment: Segment
    action: CareAction
    message: str
    """What the customer reads (SMS, e-mail) or the agent says; ``{name}``, ``{vin}``,
    ``{date}`` are filled in."""
    months: int | None = None
    """maintenance_due: months since delivery or the last service."""
    km: int | None = None
    """maintenance_due: every so many kilometres."""
    days_before: int = 0
    """How early it fires before the date (service due, policy expiry, birthday)."""
    window_days: int = 30
    """value_changed: how recent the change; problem_customer: the period complaints count."""
    complaints: int = 3
    """problem_customer: at least this many complaints within ``window_days``."""

    def __post_init__(self) -> None:
        if self.kind is RuleKind.MAINTENANCE_DUE and self.months is None and self.km is None:
            raise InvalidInput("months", "a maintenance rule needs months or km")
        if self.months is not None and not 1 <= self.months <= MAX_MONTHS:
            raise InvalidInput("months", f"between 1 and {MAX_MONTHS}")
        if self.km is not None and not 500 <= self.km <= 100_000:
            raise InvalidInput("km", "between 500 and 100000")
        for name in ("days_before", "window_days"):
            if not 0 <= getattr(self, name) <= MAX_DAYS:
                raise InvalidInput(name, f"between 0 and {MAX_DAYS}")
        if self.complaints < 1:
            raise InvalidInput("complaints", "at least 1")
        if not self.message.strip():
            raise InvalidInput("message", "say what the customer is told")


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the scan knows of a customer (and one of their vehicles, if any)."""

    customer_id: UUID
    segment: Segment
    name: str
    birthday: date | None = None
    insurance_expires_on: date | None = None
    value_changed_on: date | None = None
    vin: str | None = None
    delivered_on: date | None = None
    last_service_on: date | None = None
    mileage_km: int | None = None
    complaints_in_window: int = 0


@dataclass(frozen=True, slots=True)
class Firing:
    period: str
    """The occasion: the action happens once per customer, rule and period."""
    due_on: date
    reason: str


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _birthday_in(year: int, birthday: date) -> date:
    # 29 February is celebrated on the 28th in other years.
    last = calendar.monthrange(year, birthday.month)[1]
    return date(year, birthday.month, min(birthday.day, last))


def fires(rule: CareRule, who: Candidate, today: date) -> Firing | None:
    """Whether ``rule`` fires for ``who`` on ``today``, for which occasion."""
    if who.segment is not rule.segment:
        return None
    lead = timedelta(days=rule.days_before)
    match rule.kind:
        case RuleKind.MAINTENANCE_DUE:
            base = who.last_service_on or who.delivered_on
            if base is None or who.vin is None:
                return None
            if rule.months is not None:
                due = add_months(base, rule.months)
                if today >= due - lead:
                    return Firing(f"{who.vin}:{base.isoformat()}", due, f"maintenance due on {due}")
            if rule.km is not None and who.mileage_km is not None and who.mileage_km >= rule.km:
                step = who.mileage_km // rule.km
                return Firing(
                    f"{who.vin}:{base.isoformat()}:km{step * rule.km}",
                    today,
                    f"{who.mileage_km} km: maintenance every {rule.km} km",
                )
            return None
        case RuleKind.INSURANCE_RENEWAL:
            expires = who.insurance_expires_on
            if expires is None or not expires - lead <= today <= expires:
                return None
            return Firing(expires.isoformat(), expires, f"insurance expires on {expires}")
        case RuleKind.BIRTHDAY:
            if who.birthday is None:
                return None
            for year in (today.year, today.year + 1):
                day = _birthday_in(year, who.birthday)
                if day - lead <= today <= day:
                    return Firing(str(year), day, f"birthday on {day}")
            return None
        case RuleKind.VALUE_CHANGED:
            changed = who.value_changed_on
            if changed is None or not 0 <= (today - changed).days <= rule.window_days:
                return None
            return Firing(changed.isoformat(), today, f"customer value changed on {changed}")
        case RuleKind.PROBLEM_CUSTOMER:
            if who.complaints_in_window < rule.complaints:
                return None
            return Firing(
                f"{today.year}-{today.month:02d}",
                today,
                f"{who.complaints_in_window} complaints in {rule.window_days} days",
            )


def message_for(rule: CareRule, who: Candidate, firing: Firing) -> str:
    fields = {"name": who.name, "vin": who.vin or "", "date": firing.due_on.isoformat()}
    text = rule.message
    for key, value in fields.items():
        text = text.replace("{" + key + "}", value)
    return text
