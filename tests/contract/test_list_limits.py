"""Every list an api answers is bounded (OWASP API4): a ``limit`` with a maximum and, where it
pages by offset, an offset with a maximum; or it is listed here with what bounds it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs" / "openapi"

BOUNDED_OTHERWISE = {
    "opportunities GET /pipelines": "a dealer's own pipelines and the templates of the few nodes"
    " above it",
    "service-desk GET /surveys/analysis": "one line per question of the designs in scope",
}


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
