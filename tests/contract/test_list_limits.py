"""Every list an api answers is bounded (OWASP API4): a ``limit`` with a maximum and, where it
pages by offset, an offset with a maximum; or it is listed here with what bounds it. The rule
is written once, in ``crm_common.runtime.paging``: no route declares the two by hand.

Lists inside an answer's objects (a statement's lines, an opportunity's stage history, a
report's rows per consultant) are checked too: each declares its cap (``maxItems``, with a
``…_truncated`` flag or a count beside it where a cap may leave rows out), is paged by the
operation's ``limit`` (``PAGED_INSIDE``), or is listed in ``NESTED`` with what bounds it: a
set the code defines, one phone call's parts, a book's settings (capped where they are written)
or the periods a report is asked for. An entry leaves the list once its list declares a cap."""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "openapi"
PAGING = ("limit", "offset")

BOUNDED_OTHERWISE: dict[str, str] = {}

PAGED_INSIDE: dict[str, str] = {
    "kpi Statements.statements": "kpi GET /kpi/commission/statements",
    "kpi Statements.dealers": "kpi GET /kpi/commission/statements",
    "call-center CallListRejectedRows.items": "call-center GET /call-lists/{import_id}/errors",
    "leads ImportErrorPage.items": "leads GET /imports/{import_id}/errors",
}
"""Lists inside an answer paged by its operation's ``limit`` and ``offset``."""

NESTED: dict[str, str] = {
    # A set the code defines.
    "call-center CallReviewsPublic.form": "fixed: the QA form's items",
    "call-center QueuePublic.task_kinds": "fixed: the kinds of call task",
    "call-center CallStatistics.hours": "fixed: hours of the day calls started in",
    "identity MePublic.roles": "fixed: the roles crm_common.policy.roles defines",
    "identity UserPublic.roles": "fixed: the roles crm_common.policy.roles defines",
    "kpi Catalogue.modules": "fixed: kpi's modules",
    "kpi Catalogue.predefined": "fixed: the predefined KPIs",
    "kpi ModulePublic.fields": "fixed: a module's fields",
    "kpi ModulePublic.groupings": "fixed: a module's groupings",
    "kpi DailyPublic.days": "fixed: the days of one month",
    "kpi EstimatePublic.lines": "fixed: the plan rules one deal earns by",
    "leads AuditEntryPublic.fields": "fixed: a lead's personal fields",
    "leads LeadScorePublic.factors": "fixed: the scoring model's factors",
    "leads ScoreModelReport.calibration": "fixed: the model's score bands",
    "leads ScoreModelReport.strongest_factors": "fixed: the scoring model's factors",
    "opportunities OrderFacts.steps_done": "fixed: the order process's steps",
    "opportunities OrderPublic.steps_done": "fixed: the order process's steps",
    # One phone call.
    "call-center CallPublic.extensions": "one call: the extensions it rang",
    "call-center CallPublic.parts": "one call: its hand-overs",
    "call-center CallPublic.transfers": "one call: its transfers",
    # A book's settings, written by its managers.
    "call-center PresencePublic.skills": "settings: an agent's skills",
    "call-center QueueMemberPublic.skills": "settings: an agent's skills",
    "call-center QueuePublic.skills": "settings: a queue's skills",
    "kpi DefinitionPublic.shared_nodes": "settings: whom a KPI definition is shared with",
    "kpi DefinitionPublic.shared_roles": "settings: whom a KPI definition is shared with",
    "kpi DefinitionPublic.shared_users": "settings: whom a KPI definition is shared with",
    "kpi FormPublic.criteria": "settings: a scoring form's criteria (30 on input)",
    "leads GradeSchemePublic.grades": "settings: a grade scheme's grades",
    "leads GradeSchemes.schemes": "settings: a book's grade schemes (20 at most)",
    "leads LeadGrades.grades": "settings: the grades of the lead's scheme",
    "leads RoutingRules.rules": "settings: a book's routing rules",
    "opportunities CatalogPublic.models": "settings: the catalogue HQ publishes",
    "opportunities CatalogPublic.rules": "settings: the catalogue HQ publishes",
    "opportunities CreditSplitView.shares": "settings: a deal's credit split",
    "opportunities DealerPricingPublic.accessories": "settings: a dealer's price list",
    "opportunities Funnel.stages": "settings: a pipeline's stages",
    "opportunities FunnelFigures.stages": "settings: a pipeline's stages",
    "opportunities FunnelGroup.stages": "settings: a pipeline's stages",
    "opportunities PipelineBoard.stages": "settings: a pipeline's stages",
    "opportunities PipelinePublic.stages": "settings: a pipeline's stages",
    "opportunities StagePublic.required_activities": "settings: a stage's gate (10 on input)",
    "opportunities QuestionnairePublic.questions": "settings: a questionnaire's questions",
    "opportunities QuotePublic.lines": "settings: a quote's lines",
    "opportunities QuoteTemplatePublic.lines": "settings: a quote template's lines",
    "service-desk AgreementPublic.categories": "settings: what an agreement covers",
    "service-desk DesignPublic.questions": "settings: a survey design's questions",
    "service-desk PublicForm.questions": "settings: a survey design's questions",
    "service-desk TicketPublic.escalation_steps": "settings: the escalation ladder's steps",
    # Reports whose rows are bounded by what they are asked.
    "opportunities Forecast.periods": "the months or weeks of the asked period",
    "opportunities ForecastGroup.periods": "the months or weeks of the asked period",
}
"""Lists inside answers without a declared cap, and what bounds them instead."""


def lists() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for document in sorted(DOCS.glob("*.json")):
        for path, methods in json.loads(document.read_text())["paths"].items():
            operation = methods.get("get")
            if operation is None:
                continue
            content = operation["responses"].get("200", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema", {})
            if schema.get("type") == "array":
                found.append((f"{document.stem} GET {path}", operation))
    return found


@pytest.mark.parametrize(("name", "operation"), lists(), ids=[n for n, _ in lists()])
def test_a_list_is_bounded(name: str, operation: dict[str, Any]) -> None:
    parameters = {p["name"]: p.get("schema", {}) for p in operation.get("parameters", [])}
    if name in BOUNDED_OTHERWISE:
        return
    assert "maximum" in parameters.get("limit", {}), f"{name}: no limit with a maximum"
    if "offset" in parameters:
        assert "maximum" in parameters["offset"], f"{name}: unbounded offset"


def test_the_exceptions_are_still_lists() -> None:
    assert set(BOUNDED_OTHERWISE) <= {name for name, _ in lists()}


@dataclass
class NestedList:
    operations: set[str] = field(default_factory=set)
    capped: bool = True
    """Every schema of the list declares ``maxItems``."""


@dataclass(frozen=True)
class Answer:
    """One GET operation's answer being walked: its document's schemas and the lists found."""

    service: str
    operation: str
    schemas: dict[str, Any]
    found: dict[str, NestedList]

    def walk(self, schema: dict[str, Any], where: str, seen: frozenset[str], top: bool) -> None:
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name in seen:
                return
            seen, schema, where = seen | {name}, self.schemas[name], name
        for alternatives in ("anyOf", "oneOf", "allOf"):
            for alternative in schema.get(alternatives, []):
                self.walk(alternative, where, seen, top)
        if schema.get("type") == "array":
            if not top:
                found = self.found.setdefault(f"{self.service} {where}", NestedList())
                found.operations.add(self.operation)
                found.capped = found.capped and "maxItems" in schema
            self.walk(schema.get("items", {}), where, seen, False)
        owner = where.split(".", 1)[0]
        for name, value in schema.get("properties", {}).items():
            self.walk(value, f"{owner}.{name}", seen, False)
        if isinstance(schema.get("additionalProperties"), dict):
            self.walk(schema["additionalProperties"], f"{where}.*", seen, False)


def nested_lists() -> dict[str, NestedList]:
    """Every list inside a JSON answer of a GET, as ``service Schema.field``."""
    found: dict[str, NestedList] = {}
    for document in sorted(DOCS.glob("*.json")):
        spec = json.loads(document.read_text())
        schemas = spec.get("components", {}).get("schemas", {})
        for path, methods in spec["paths"].items():
            operation = methods.get("get")
            if operation is None:
                continue
            content = operation["responses"].get("200", {}).get("content", {})
            answer = content.get("application/json", {}).get("schema")
            if answer is not None:
                walker = Answer(document.stem, f"{document.stem} GET {path}", schemas, found)
                walker.walk(answer, "", frozenset(), True)
    return found


def test_a_list_inside_an_answer_is_bounded() -> None:
    unbounded = sorted(
        name
        for name, found in nested_lists().items()
        if not found.capped and name not in PAGED_INSIDE and name not in NESTED
    )
    assert not unbounded, f"cap these (maxItems and a truncated flag) or page them: {unbounded}"


def test_a_list_paged_inside_an_answer_is_paged_by_its_operation() -> None:
    operations = dict(lists_of_any_kind())
    found = nested_lists()
    for name, operation in PAGED_INSIDE.items():
        assert operation in found[name].operations, f"{operation} answers {name}"
        limit = {p["name"]: p.get("schema", {}) for p in operations[operation]["parameters"]}
        assert "maximum" in limit.get("limit", {}), f"{operation}: no limit with a maximum"


def test_the_nested_exceptions_are_still_unbounded_lists() -> None:
    found = nested_lists()
    assert set(NESTED) <= set(found), "listed but no longer answered"
    capped = sorted(name for name in NESTED if found[name].capped)
    assert not capped, f"capped now: take them off NESTED: {capped}"


def lists_of_any_kind() -> list[tuple[str, dict[str, Any]]]:
    """Every GET operation, by name."""
    return [
        (f"{document.stem} GET {path}", methods["get"])
        for document in sorted(DOCS.glob("*.json"))
        for path, methods in json.loads(document.read_text())["paths"].items()
        if "get" in methods
    ]


def test_routes_page_through_the_one_rule() -> None:
    """A route asks for a page with ``Page`` (or ``page_of``/``first_of`` for its own sizes),
    never with a ``limit`` or ``offset`` parameter of its own."""
    by_hand = []
    for path in sorted(ROOT.glob("services/*/src/*/entrypoints/**/*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
                by_hand += [
                    f"{path.relative_to(ROOT)}:{node.lineno} {node.name}({a.arg})"
                    for a in arguments
                    if a.arg in PAGING
                ]
    assert not by_hand, f"paging declared by hand (use crm_common.runtime.paging): {by_hand}"
