"""schemathesis against every running service's OpenAPI, with a valid token: no 5xx, and
responses conform to the documented schemas and content types.

The schemas are the committed documents (the contract tests keep them equal to what each
service serves), so operations are known at collection time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from crm_common.auth.principal import DataScope

from .conftest import Spine

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "openapi"
CHECKS = [
    checks.not_a_server_error,
    checks.response_schema_conformance,
    checks.content_type_conformance,
]
# Who calls each service in the fuzz run: a role that reaches every operation's happy path.
CALLERS = {
    "identity": ("demo-hq", {"hq_admin"}, DataScope.TENANT),
    "leads": ("dealer-sh-01", {"sales_manager"}, DataScope.DEALER),
    "kpi": ("region-east", {"region_manager"}, DataScope.SUBTREE),
    # A dealer no journey test uses: the fuzz defines pipelines and opens opportunities there.
    "opportunities": ("dealer-tj-01", {"sales_manager"}, DataScope.DEALER),
    "call-center": ("demo-hq", {"call_center_supervisor"}, DataScope.SUBTREE),
    # A dealer admin opens, works, reassigns tickets and configures the dealer's service desk.
    "service-desk": ("dealer-tj-01", {"dealer_admin"}, DataScope.DEALER),
}


def _schema(service: str) -> schemathesis.schemas.BaseSchema:
    return schemathesis.openapi.from_dict(json.loads((DOCS / f"{service}.json").read_text()))


def _call(spine: Spine, service: str, case: schemathesis.Case) -> None:
    org, roles, scope = CALLERS[service]
    token = spine.token("oem-demo", org, scope, roles=roles)
    case.call_and_validate(
        base_url=spine.urls[service],
        headers={"Authorization": f"Bearer {token}"},
        checks=CHECKS,
    )


FUZZ = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)

identity_schema = _schema("identity")
leads_schema = _schema("leads")
kpi_schema = _schema("kpi")
opportunities_schema = _schema("opportunities")
call_center_schema = _schema("call-center")
service_desk_schema = _schema("service-desk")


@identity_schema.parametrize()
@FUZZ
def test_identity_api(case: schemathesis.Case, spine: Spine) -> None:
    _call(spine, "identity", case)


@leads_schema.parametrize()
@FUZZ
def test_leads_api(case: schemathesis.Case, spine: Spine) -> None:
    _call(spine, "leads", case)


@kpi_schema.parametrize()
@FUZZ
def test_kpi_api(case: schemathesis.Case, spine: Spine) -> None:
    _call(spine, "kpi", case)


@opportunities_schema.parametrize()
@FUZZ
def test_opportunities_api(case: schemathesis.Case, spine: Spine) -> None:
    _call(spine, "opportunities", case)


# The agent's push channel streams until the client leaves: its own tests read it.
STREAMS = {"/agents/me/screen-pops", "/wallboard/stream"}


@call_center_schema.parametrize()
@FUZZ
def test_call_center_api(case: schemathesis.Case, spine: Spine) -> None:
    if case.path in STREAMS:
        pytest.skip("a push stream never ends; tests/integration reads it")
    _call(spine, "call-center", case)


@service_desk_schema.parametrize()
@FUZZ
def test_service_desk_api(case: schemathesis.Case, spine: Spine) -> None:
    _call(spine, "service-desk", case)
