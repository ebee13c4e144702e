"""The one place that wires the kpi service."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI

from crm_common.contracts.events.kpi.v1 import (
    CommissionPlanSet,
    CommissionStatementIssued,
    TargetSet,
)
from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import ScheduledJob, ServiceDefinition
from crm_common.settings import Settings
from crm_kpi.application import assessments as assessment_commands
from crm_kpi.application import commission as commission_commands
from crm_kpi.application.leaderboards import BoardNotFound, refresh_leaderboards
from crm_kpi.application.reports import ReportNotFound, run_report_schedule
from crm_kpi.domain.assessments import AssessmentRefused, NotTheReviewer
from crm_kpi.domain.commission import ReviewOutOfOrder, TooManyVersions, VersionOverlaps
from crm_kpi.domain.targets import NodeNotFound
from crm_kpi.entrypoints.consumers import subscriptions
from crm_kpi.entrypoints.http import (
    assessments,
    commission,
    expenses,
    kpis,
    leaderboards,
    reports,
    routes,
    targets,
)
from crm_kpi.views.figures import DealerNotVisible

DESCRIPTION = "KPI, targets, commission and daily sales figures, projected from every event."


LEADERBOARD_REFRESH_SECONDS = 30.0
REPORT_SCHEDULE_SECONDS = 300.0

ROUTERS: list[APIRouter] = [
    routes.router,
    leaderboards.router,
    reports.router,
    commission.router,
    kpis.router,
    targets.router,
    expenses.router,
    assessments.router,
]

ERROR_STATUSES: dict[type[Exception], int] = {
    BoardNotFound: 404,
    NodeNotFound: 404,
    DealerNotVisible: 404,
    ReportNotFound: 404,
    commission_commands.DealerNotFound: 404,
    commission_commands.PlanNotFound: 404,
    commission_commands.ConsultantNotFound: 404,
    commission_commands.StatementNotFound: 404,
    commission_commands.PlanExists: 409,
    commission_commands.NoPlan: 409,
    commission_commands.MonthIssued: 409,
    VersionOverlaps: 409,
    TooManyVersions: 409,
    ReviewOutOfOrder: 409,
    assessment_commands.FormNotFound: 404,
    assessment_commands.AssessmentNotFound: 404,
    assessment_commands.SubjectNotFound: 404,
    AssessmentRefused: 409,
    NotTheReviewer: 403,
}


def create_api(settings: Settings) -> FastAPI:
    return create_http_app(
        settings,
        title="crm-kpi",
        description=DESCRIPTION,
        routers=ROUTERS,
        error_statuses=ERROR_STATUSES,
    )


DEFINITION = ServiceDefinition(
    name="kpi",
    description=DESCRIPTION,
    http_port=8006,
    worker_metrics_port=9106,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    create_api=create_api,
    subscriptions=subscriptions,
    publishes=(CommissionStatementIssued, TargetSet, CommissionPlanSet),
    scheduled=[
        ScheduledJob("leaderboards", LEADERBOARD_REFRESH_SECONDS, refresh_leaderboards),
        ScheduledJob("reports", REPORT_SCHEDULE_SECONDS, run_report_schedule),
    ],
)
