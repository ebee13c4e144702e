"""Every exception a service defines reaches a client as a deliberate status, never as a 500 by
accident: it is mapped in the service's one ``ERROR_STATUSES`` table (bootstrap.py), is an
``InvalidInput`` (422 naming the field), is caught where it is raised, or is named below (a
fault of deployment that must stop the process, or one only a background job raises).

A new exception class without one of these fails here — as ``PoolOfAnotherBook`` did, which
``POST /leads/{id}/move`` answered with a 500."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

from crm_common.errors import InvalidInput

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ["identity", "leads", "opportunities", "kpi"]
LAYERS = ("domain", "application", "adapters")
# Faults of a deployment, not of a request: the process refuses to start or to sign (a 500 is
# right, the operator must act).
DEPLOYMENT_FAULTS = {
    "crm_identity.application.signing_keys.KeyEncryptionKeyMissing",
    "crm_identity.domain.signing_keys.NoSigningKey",
    "crm_identity.adapters.key_store.KeyStoreUnreadable",
    "crm_opportunities.entrypoints.http.quote_pdf.DocumentFontMissing",
}

# Raised only in a worker's background job, never in a request: the job's transaction rolls
# back and its next run takes the slice again.
WORKER_ONLY = {
    "crm_leads.adapters.import_store.LeadClosedMeanwhile",
    "crm_leads.adapters.import_store.KeyTakenMeanwhile",
    # A dealer's deployment describing what is not its own: dead-lettered by identity's worker.
    "crm_identity.application.link.NotTheDealersOwn",
}


def package_of(service: str) -> str:
    return f"crm_{service.replace('-', '_')}"


def defined_exceptions(service: str) -> list[type[BaseException]]:
    package = package_of(service)
    found: list[type[BaseException]] = []
    for layer in LAYERS:
        root = importlib.import_module(f"{package}.{layer}")
        modules = [root.__name__] + [
            m.name for m in pkgutil.walk_packages(root.__path__, prefix=f"{root.__name__}.")
        ]
        for name in modules:
            module = importlib.import_module(name)
            found.extend(
                member
                for member in vars(module).values()
                if inspect.isclass(member)
                and issubclass(member, BaseException)
                and member.__module__ == name
            )
    return found


def caught_names(service: str) -> set[str]:
    """Class names in an ``except`` clause anywhere in the service's code."""
    names: set[str] = set()
    source = ROOT / "services" / service / "src"
    for path in source.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.ExceptHandler) or node.type is None:
                continue
            caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            for expression in caught:
                if isinstance(expression, ast.Name):
                    names.add(expression.id)
                elif isinstance(expression, ast.Attribute):
                    names.add(expression.attr)
    return names


@pytest.mark.parametrize("service", SERVICES)
def test_no_exception_of_a_service_is_left_unmapped(service: str) -> None:
    statuses: dict[type[Exception], int] = importlib.import_module(
        f"{package_of(service)}.bootstrap"
    ).ERROR_STATUSES
    caught = caught_names(service)
    unmapped = [
        f"{error.__module__}.{error.__qualname__}"
        for error in defined_exceptions(service)
        if not issubclass(error, (InvalidInput, *statuses))
        and error.__name__ not in caught
        and f"{error.__module__}.{error.__qualname__}" not in DEPLOYMENT_FAULTS | WORKER_ONLY
    ]
    assert not unmapped, f"map these in {service}'s ERROR_STATUSES: {unmapped}"


def test_statuses_are_client_errors() -> None:
    for service in SERVICES:
        statuses = importlib.import_module(f"{package_of(service)}.bootstrap").ERROR_STATUSES
        assert all(400 <= code < 500 for code in statuses.values()), service
