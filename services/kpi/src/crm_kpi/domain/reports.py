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
