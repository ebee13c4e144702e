"""Reports generated on schedule: when a business day, week or month has ended, every dealer
gets its sales meeting report for it (CSV and XLSX), once."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, RowMapping, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.db.tables import org_directory
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_common.settings import Settings
from crm_kpi import views
from crm_kpi.adapters.spreadsheets import as_xlsx
from crm_kpi.adapters.tables import generated_reports
from crm_kpi.domain.reports import ReportKind, as_csv, last_completed_period, report_table


class ReportNotFound(LookupError):
    """No such report among those the caller may see (answered 404)."""


async def generate_due_reports(
    sessions: async_sessionmaker[AsyncSession], now: datetime, timezone: str
) -> int:
    """Generates the missing reports of the last completed periods; returns how many."""
    today = now.astimezone(ZoneInfo(timezone)).date()
    oldest = min(last_completed_period(kind, today)[0] for kind in ReportKind)
    async with sessions() as session:
        dealers = (
            await session.execute(
                select(org_directory.c.tenant, org_directory.c.id).where(
                    org_directory.c.id == org_directory.c.dealer_id, org_directory.c.active
                )
            )
        ).all()
        done = {
            (r.tenant, r.owner_org, r.kind, r.period_start)
            for r in await session.execute(
                select(
                    generated_reports.c.tenant,
                    generated_reports.c.owner_org,
                    generated_reports.c.kind,
                    generated_reports.c.period_start,
                ).where(generated_reports.c.period_start >= oldest)
            )
        }
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
            async with sessions() as session, session.begin():
                await session.execute(
                    insert(generated_reports)
                    .values(
                        id=uuid4(),
                        tenant=tenant,
                        owner_org=dealer,
                        kind=kind.value,
                        period_start=first,
                        period_end=last,
                        lines=len(lines),
                        csv=as_csv(table),
                        xlsx=as_xlsx(f"sales meeting {kind.value}", table),
                        generated_at=now,
                    )
                    .on_conflict_do_nothing()
                )
            generated += 1
    return generated


async def run_report_schedule(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> int:
    """The worker's job."""
    return await generate_due_reports(sessions, datetime.now(UTC), settings.business_timezone)


def _reports_visible_to(principal: Principal) -> ColumnElement[bool]:
    return visible_to(
        principal,
        DataType.KPI,
        tenant=generated_reports.c.tenant,
        owner_org=generated_reports.c.owner_org,
        need=SharingLevel.AGGREGATE,
    )


async def reports_for(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, kind: ReportKind | None
) -> list[RowMapping]:
    query = (
        select(
            generated_reports.c.id,
            generated_reports.c.owner_org,
            generated_reports.c.kind,
            generated_reports.c.period_start,
            generated_reports.c.period_end,
            generated_reports.c.lines,
            generated_reports.c.generated_at,
        )
        .where(_reports_visible_to(principal))
        .order_by(generated_reports.c.period_start.desc(), generated_reports.c.owner_org)
        .limit(200)
    )
    if kind is not None:
        query = query.where(generated_reports.c.kind == kind.value)
    async with sessions() as session:
        return list((await session.execute(query)).mappings())


async def report_file(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, report_id: UUID, xlsx: bool
) -> tuple[str, bytes]:
    """The report's file name and content."""
    column = generated_reports.c.xlsx if xlsx else generated_reports.c.csv
    async with sessions() as session:
        row = (
            await session.execute(
                select(
                    generated_reports.c.owner_org,
                    generated_reports.c.kind,
                    generated_reports.c.period_start,
                    column,
                ).where(generated_reports.c.id == report_id, _reports_visible_to(principal))
            )
        ).first()
    if row is None:
        raise ReportNotFound("report not found")
    name = f"sales-meeting-{row[0]}-{row[1]}-{row[2]}.{'xlsx' if xlsx else 'csv'}"
    return name, bytes(row[3])
