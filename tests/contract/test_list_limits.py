"""Every list an api answers is bounded (OWASP API4): a ``limit`` with a maximum and, where it
pages by offset, an offset with a maximum; or it is listed here with what bounds it. The rule
is written once, in ``crm_common.runtime.paging``: no route declares the two by hand."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "openapi"
PAGING = ("limit", "offset")

BOUNDED_OTHERWISE: dict[str, str] = {}


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
