"""The one place that wires the opportunities service."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI

from crm_common.contracts.events.opportunities import v1 as opportunities_v1
from crm_common.runtime.http import create_http_app
from crm_common.runtime.service import ServiceDefinition
from crm_common.settings import Settings
from crm_opportunities.application.catalog import CatalogNotPublished
from crm_opportunities.application.competitors import CompetitorExists, CompetitorNotFound
from crm_opportunities.application.credit_splits import CreditSplitNotFound
from crm_opportunities.application.evaluations import QuestionnaireNotFound
from crm_opportunities.application.opportunities import (
    AssigneeNotFound,
    OpportunityNotFound,
    PipelineTemplateNotFound,
)
from crm_opportunities.application.orders import OrderNotFound
from crm_opportunities.application.quotes import QuoteNotFound, QuoteTemplateNotFound
from crm_opportunities.domain.credit_split import SplitNotPending
from crm_opportunities.domain.opportunity import OpportunityClosed, StageGateNotMet
from crm_opportunities.domain.order import OrderConflict
from crm_opportunities.domain.partner_application import ApplicationConflict, ApplicationNotFound
from crm_opportunities.domain.quote import QuoteConflict
from crm_opportunities.entrypoints.consumers import subscriptions
from crm_opportunities.entrypoints.http import (
    catalog,
    competitors,
    evaluations,
    opportunities,
    partners,
    reports,
    sales,
)

DESCRIPTION = "Opportunities, vehicle catalogue, quotes and orders."

# reports.router first: it serves /opportunities/board, which /opportunities/{id} would take.
ROUTERS: list[APIRouter] = [
    reports.router,
    competitors.router,
    opportunities.router,
    evaluations.router,
    catalog.router,
    sales.router,
    partners.router,
]

ERROR_STATUSES: dict[type[Exception], int] = {
    OpportunityNotFound: 404,
    AssigneeNotFound: 404,
    PipelineTemplateNotFound: 404,
    OpportunityClosed: 409,
    StageGateNotMet: 409,
    QuoteNotFound: 404,
    QuoteTemplateNotFound: 404,
    OrderNotFound: 404,
    QuestionnaireNotFound: 404,
    CatalogNotPublished: 404,
    QuoteConflict: 409,
    OrderConflict: 409,
    ApplicationNotFound: 404,
    ApplicationConflict: 409,
    CreditSplitNotFound: 404,
    SplitNotPending: 409,
    CompetitorNotFound: 404,
    CompetitorExists: 409,
}


def create_api(settings: Settings) -> FastAPI:
    return create_http_app(
        settings,
        title="crm-opportunities",
        description=DESCRIPTION,
        routers=ROUTERS,
        error_statuses=ERROR_STATUSES,
    )


DEFINITION = ServiceDefinition(
    name="opportunities",
    description=DESCRIPTION,
    http_port=8003,
    worker_metrics_port=9103,
    migrations_dir=Path(__file__).resolve().parents[2] / "migrations",
    create_api=create_api,
    publishes=opportunities_v1.ALL,
    subscriptions=subscriptions,
)
