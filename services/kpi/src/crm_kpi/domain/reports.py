"""The daily sales meeting (每日销售例会) figures and the reports made of them. Pure: which
activities count as what, report periods and the table a report prints (its CSV and XLSX files:
`crm_common.spreadsheets`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum


class ReportKind(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


def last_completed_period(kind: ReportKind, today: date) -> tuple[date, date]:
    """The most recent whole day, week (Monday to Sunday) or month before ``today``."""
    if kind is ReportKind.DAILY:
        day = today - timedelta(days=1)
        return day, day
    if kind is ReportKind.WEEKLY:
        this_monday = today - timedelta(days=today.weekday())
        return this_monday - timedelta(days=7), this_monday - timedelta(days=1)
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


# A follow-up's kind says what it was: a showroom visit is a reception (接待), a call a callback.
FOLLOW_UP_COLUMNS = {"visit": "receptions", "call": "callbacks", "test_drive": "test_drives"}


@dataclass
class ConsultantFigures:
    dealer_id: str
    consultant: str
    team: str | None = None
    """The team (org node below the dealer) the consultant works in; None: at the dealer."""
    receptions: int = 0
    callbacks: int = 0
    test_drives: int = 0
    claimed: int = 0
    upgraded: int = 0
    converted: int = 0
    lost: int = 0
    won_units: int = 0
    graded: dict[str, int] = field(default_factory=dict)
    """Leads (re-)assessed at each intent grade: intent and potential counts of the meeting."""

    def conversion_rate(self) -> float | None:
        """Conversions per reception and callback; None without any contact."""
        contacts = self.receptions + self.callbacks
        return None if contacts == 0 else round(self.converted / contacts, 4)


@dataclass
class Subtotal:
    """A team's or a dealer's (department's) lines summed: the meeting's subtotals."""

    level: str
    """team or dealer"""
    node: str
    dealer_id: str
    consultants: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    graded: dict[str, int] = field(default_factory=dict)

    def add(self, line: ConsultantFigures) -> None:
        self.consultants += 1
        for name in COUNTS:
            self.counts[name] = self.counts.get(name, 0) + getattr(line, name)
        for grade, n in line.graded.items():
            self.graded[grade] = self.graded.get(grade, 0) + n

    def conversion_rate(self) -> float | None:
        contacts = self.counts.get("receptions", 0) + self.counts.get("callbacks", 0)
        return None if contacts == 0 else round(self.counts.get("converted", 0) / contacts, 4)


def subtotals(lines: Sequence[ConsultantFigures]) -> list[Subtotal]:
    """Each team's subtotal, then each dealer's (every consultant of the dealer, in a team or
    not), in order of dealer and team."""
    teams: dict[tuple[str, str], Subtotal] = {}
    dealers: dict[str, Subtotal] = {}
    for line in lines:
        if line.team is not None:
            key = (line.dealer_id, line.team)
            teams.setdefault(key, Subtotal("team", line.team, line.dealer_id)).add(line)
        dealers.setdefault(line.dealer_id, Subtotal("dealer", line.dealer_id, line.dealer_id)).add(
            line
        )
    return [teams[k] for k in sorted(teams)] + [dealers[k] for k in sorted(dealers)]


COUNTS = (
    "receptions",
    "callbacks",
    "test_drives",
    "claimed",
    "upgraded",
    "converted",
    "lost",
    "won_units",
)


def report_table(rows: Sequence[ConsultantFigures]) -> list[list[str | int | float]]:
    """Header and one line per consultant; grade columns are every grade seen, sorted."""
    grades = sorted({g for r in rows for g in r.graded})
    header: list[str | int | float] = [
        "dealer_id",
        "consultant",
        *COUNTS,
        *(f"graded_{g}" for g in grades),
        "conversion_rate",
    ]
    table = [header]
    for r in sorted(rows, key=lambda r: (r.dealer_id, r.consultant)):
        rate = r.conversion_rate()
        table.append(
            [
                r.dealer_id,
                r.consultant,
                *(getattr(r, c) for c in COUNTS),
                *(r.graded.get(g, 0) for g in grades),
                "" if rate is None else rate,
            ]
        )
    return table
