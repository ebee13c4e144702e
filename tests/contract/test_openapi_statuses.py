"""The OpenAPI documents declare what the shared parts of every api answer, so generated
clients and the fuzzer expect it: 401 where an operation authenticates, 404 where its path
names a record, 413 and 422 where it takes a body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs" / "openapi"


def operations() -> list[tuple[str, str, str, dict[str, object]]]:
    found = []
    for document in sorted(DOCS.glob("*.json")):
        paths = json.loads(document.read_text())["paths"]
        for path, methods in paths.items():
            for method, operation in methods.items():
                found.append((document.stem, method.upper(), path, operation))
    return found


@pytest.mark.parametrize(
    ("service", "method", "path", "operation"),
    operations(),
    ids=[f"{s} {m} {p}" for s, m, p, _ in operations()],
)
def test_an_operation_declares_the_shared_statuses(
    service: str, method: str, path: str, operation: dict[str, object]
) -> None:
    responses = operation["responses"]
    assert isinstance(responses, dict)
    expected = set()
    if operation.get("security"):
        expected.add("401")
    if "{" in path:
        expected.add("404")
    if method in ("POST", "PUT", "PATCH"):
        expected |= {"413", "422"}
    assert expected <= set(responses), f"undeclared: {sorted(expected - set(responses))}"
