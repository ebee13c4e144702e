"""The sales meeting reports generated on schedule, in PostgreSQL: which are done, each one's
files, and what a caller may list (scoped by the shared policy)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.db.tables import org_directory
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_kpi.adapters.tables import generated_reports as reports
from crm_kpi.domain.reports import ReportKind


async def active_dealers(session: AsyncSession) -> list[tuple[str, str]]:
    """(tenant, dealer) of every active dealer."""
    d = org_directory
    rows = await session.execute(
        select(d.c.tenant, d.c.id).where(d.c.id == d.c.dealer_id, d.c.active)
    )
    return [(tenant, dealer) for tenant, dealer in rows]


async def generated_since(session: AsyncSession, oldest: date) -> set[tuple[str, str, str, date]]:
    """(tenant, dealer, kind, period start) of the reports of periods from ``oldest`` on."""
    rows = await session.execute(
        select(reports.c.tenant, reports.c.owner_org, reports.c.kind, reports.c.period_start).where(
            reports.c.period_start >= oldest
        )
    )
    return {(tenant, dealer, kind, start) for tenant, dealer, kind, start in rows}


@dataclass(frozen=True, slots=True)
class ReportSummary:
    id: UUID
    dealer_id: str
    kind: ReportKind
    period_start: date
    period_end: date
    lines: int
    generated_at: datetime


@dataclass(frozen=True, slots=True)
class ReportFiles:
    summary: ReportSummary
    csv: bytes
    xlsx: bytes


async def add_report(session: AsyncSession, tenant: str, report: ReportFiles) -> None:
    """Keeps the report unless the period's report of the dealer is there already."""
    summary = report.summary
    await session.execute(
        insert(reports)
        .values(
            id=summary.id,
            tenant=tenant,
            owner_org=summary.dealer_id,
            kind=summary.kind.value,
            period_start=summary.period_start,
            period_end=summary.period_end,
            lines=summary.lines,
            csv=report.csv,
            xlsx=report.xlsx,
            generated_at=summary.generated_at,
        )
        .on_conflict_do_nothing()
    )


def _visible_to(principal: Principal) -> ColumnElement[bool]:
    return visible_to(
        principal,
        DataType.KPI,
        tenant=reports.c.tenant,
        owner_org=reports.c.owner_org,
        need=SharingLevel.AGGREGATE,
    )


_SUMMARY = (
    reports.c.id,
    reports.c.owner_org,
    reports.c.kind,
    reports.c.period_start,
    reports.c.period_end,
    reports.c.lines,
    reports.c.generated_at,
)


def _summary(row: Sequence[Any]) -> ReportSummary:
    report_id, dealer, kind, start, end, lines, at = row[: len(_SUMMARY)]
    return ReportSummary(report_id, dealer, ReportKind(kind), start, end, lines, at)


async def visible_reports(
    session: AsyncSession, principal: Principal, kind: ReportKind | None, *, limit: int, offset: int
) -> list[ReportSummary]:
    """A page of the reports the caller may see, newest period first."""
    query = (
        select(*_SUMMARY)
        .where(_visible_to(principal))
        .order_by(reports.c.period_start.desc(), reports.c.owner_org, reports.c.kind, reports.c.id)
        .limit(limit)
        .offset(offset)
    )
    if kind is not None:
        query = query.where(reports.c.kind == kind.value)
    return [_summary(row) for row in await session.execute(query)]


async def visible_report_file(
    session: AsyncSession, principal: Principal, report_id: UUID, *, xlsx: bool
) -> tuple[ReportSummary, bytes] | None:
    """The report and one of its files, if the caller may see it."""
    column = reports.c.xlsx if xlsx else reports.c.csv
    row = (
        await session.execute(
            select(*_SUMMARY, column).where(reports.c.id == report_id, _visible_to(principal))
        )
    ).first()
    if row is None:
        return None
    return _summary(row), bytes(row[len(_SUMMARY)])
