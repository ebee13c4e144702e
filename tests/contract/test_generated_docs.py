"""The committed AsyncAPI and OpenAPI documents are what the code generates (`./platform docs`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crm_call_center.bootstrap import DEFINITION as CALL_CENTER
from crm_common.contracts.events.registry import ALL_EVENTS
from crm_common.runtime.service import ServiceDefinition, documentation, render_document
from crm_identity.bootstrap import DEFINITION as IDENTITY
from crm_kpi.bootstrap import DEFINITION as KPI
from crm_leads.bootstrap import DEFINITION as LEADS
from crm_opportunities.bootstrap import DEFINITION as OPPORTUNITIES
from crm_service_desk.bootstrap import DEFINITION as SERVICE_DESK

ROOT = Path(__file__).resolve().parents[2]
DEFINITIONS = [IDENTITY, LEADS, OPPORTUNITIES, SERVICE_DESK, CALL_CENTER, KPI]


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda d: d.name)
def test_committed_documents_match_the_code(definition: ServiceDefinition) -> None:
    for kind, document in documentation(definition).items():
        committed = ROOT / "docs" / kind / f"{definition.name}.json"
        assert committed.exists(), f"{committed} missing: run ./platform docs"
        assert committed.read_text() == render_document(document), (
            f"{committed} drifted from the code: run ./platform docs and commit"
        )


def test_every_published_event_is_documented_by_its_publisher() -> None:
    published = {event.event_type for d in DEFINITIONS for event in d.publishes}
    assert published == {event.event_type for event in ALL_EVENTS}
    leads = json.loads((ROOT / "docs" / "asyncapi" / "leads.json").read_text())
    assert "Envelope[LeadCreated]" in leads["components"]["schemas"]
