"""Reports generated on schedule: when a business day, week or month has ended, every dealer
gets its sales meeting report for it (CSV and XLSX), once."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.clock import utc_now
from crm_common.settings import Settings
from crm_common.spreadsheets import as_csv, as_xlsx
from crm_kpi.adapters import report_store as store
from crm_kpi.domain.reports import ReportKind, last_completed_period, report_table
from crm_kpi.views import figures as views


class ReportNotFound(LookupError):
    """No such report among those the caller may see (answered 404)."""


async def generate_due_reports(
    sessions: async_sessionmaker[AsyncSession], now: datetime, timezone: str
) -> int:
    """Generates the missing reports of the last completed periods; returns how many."""
    today = now.astimezone(ZoneInfo(timezone)).date()
    oldest = min(last_completed_period(kind, today)[0] for kind in ReportKind)
    async with sessions() as session:
        dealers = await store.active_dealers(session)
        done = await store.generated_since(session, oldest)
    generated = 0
    for tenant, dealer in dealers:
        for kind in ReportKind:
            first, last = last_completed_period(kind, today)
            if (tenant, dealer, kind.value, first) in done:
                continue
            lines = await views.sales_meeting_figures(
                sessions,
                views.figures_of_dealer(tenant, dealer),
                date_from=first,
                date_to=last,
                dealer_id=dealer,
            )
            table = report_table(lines)
            report = store.ReportFiles(
                store.ReportSummary(uuid4(), dealer, kind, first, last, len(lines), now),
                csv=as_csv(table),
                xlsx=as_xlsx(f"sales meeting {kind.value}", table),
            )
            async with sessions() as session, session.begin():
                await store.add_report(session, tenant, report)
            generated += 1
    return generated


async def run_report_schedule(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> int:
    """The worker's job."""
    return await generate_due_reports(sessions, utc_now(), settings.business_timezone)


async def reports_for(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    kind: ReportKind | None,
    *,
    limit: int,
    offset: int,
) -> list[store.ReportSummary]:
    async with sessions() as session:
        return await store.visible_reports(session, principal, kind, limit=limit, offset=offset)


async def report_file(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, report_id: UUID, xlsx: bool
) -> tuple[str, bytes]:
    """The report's file name and content."""
    async with sessions() as session:
        found = await store.visible_report_file(session, principal, report_id, xlsx=xlsx)
    if found is None:
        raise ReportNotFound("report not found")
    report, content = found
    name = f"sales-meeting-{report.dealer_id}-{report.kind.value}-{report.period_start}"
    return f"{name}.{'xlsx' if xlsx else 'csv'}", content
