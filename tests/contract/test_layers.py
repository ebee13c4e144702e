"""Where code lives (docs/ARCHITECTURE.md), checked for every service under services/ by
reading each module's imports: a service written tomorrow follows the same rules without being
listed here.

- `domain/` imports no SQLAlchemy, FastAPI or other I/O library and none of the service's
  outer layers;
- `application/` builds no SQL (it may name a session type or catch a database error) and
  imports no table;
- `entrypoints/` build no SQL and import neither tables nor other adapters nor the
  personal-data audit: they parse, call one application function or view, and render;
- SQL is built only in `adapters/` and the read side (`views.py` or a `views/` package),
  whose answers are typed (dataclasses or pydantic models, not rows or loose dicts);
- the read side only reads: it builds no INSERT, UPDATE or DELETE (nor raw SQL saying one),
  writes neither the personal-data audit nor the outbox. A read that must be audited is an
  application query: it reads through a view and audits in the same transaction. (A view
  calling an adapter that writes is not seen here: the imports say what is built, not what a
  called function does.)

There are no exceptions: what broke a rule when it was written down (issue #16) has moved, and
a module that breaks one now fails the test.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Importing these builds SQL (statements, expressions, column types, raw text).
SQL = ("sqlalchemy",)
# ...except naming a session or connection type, and catching a database error.
SQL_ALLOWED = ("sqlalchemy.ext.asyncio", "sqlalchemy.exc")
# Result rows as the driver hands them: the read side returns typed results instead.
RAW_ROWS = ("sqlalchemy.RowMapping", "sqlalchemy.Row", "sqlalchemy.engine")
# Libraries that do I/O or belong to the web/messaging edge: the domain stays plain Python.
IO = ("sqlalchemy", "fastapi", "starlette", "asyncpg", "redis", "faststream", "aiokafka", "grpc")
# Recording who read personal data is part of the application query a route calls.
AUDIT = ("crm_common.policy.audit",)
# What writes: statements that change rows, the audit entry, the outbox.
WRITES = (
    "sqlalchemy.insert",
    "sqlalchemy.update",
    "sqlalchemy.delete",
    "sqlalchemy.sql.insert",
    "sqlalchemy.sql.update",
    "sqlalchemy.sql.delete",
    "sqlalchemy.sql.expression.insert",
    "sqlalchemy.sql.expression.update",
    "sqlalchemy.sql.expression.delete",
    "sqlalchemy.sql.dml",
    "sqlalchemy.dialects.postgresql.insert",
    "sqlalchemy.dialects.postgresql.dml",
    "crm_common.policy.audit",
    "crm_common.outbox",
)
# ...except reading the audit trail.
READS = ("crm_common.policy.audit.audit_entries",)
# Raw SQL (``text(...)``) that changes rows (a data-modifying WITH is not looked into).
RAW_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|MERGE|TRUNCATE)\b", re.I)


@dataclass(frozen=True)
class Module:
    service: str
    package: str
    name: str  # dotted, e.g. crm_leads.application.pools
    layer: str  # domain, application, adapters, entrypoints, views, or root
    path: Path

    @property
    def relative(self) -> str:
        return self.name.removeprefix(self.package + ".")


def service_modules() -> Iterator[Module]:
    for source in sorted((ROOT / "services").glob("*/src/crm_*")):
        service = source.parents[1].name
        package = source.name
        for path in sorted(source.rglob("*.py")):
            parts = path.relative_to(source).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            first = parts[0] if parts else ""
            known = {"domain", "application", "adapters", "entrypoints", "views"}
            layer = first if first in known else "root"
            yield Module(service, package, ".".join((package, *parts)), layer, path)


def imported(module: Module) -> Iterator[str]:
    """Every name this module imports, dotted (`from x import y` is `x.y`, relative imports
    resolved), so that a submodule imported by name counts as that submodule."""
    tree = ast.parse(module.path.read_text(), str(module.path))
    package_parts = module.name.split(".")
    if module.path.name != "__init__.py":
        package_parts = package_parts[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package_parts[: len(package_parts) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield from (f"{base}.{alias.name}" for alias in node.names)


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def is_table_module(name: str, package: str) -> bool:
    """The service's table definitions (`adapters/tables.py`, `adapters/sales_tables.py`...)
    and the shared ones (`crm_common.db.tables`)."""
    parts = name.split(".")
    shared = name == "crm_common.db.tables" or name.startswith("crm_common.db.tables.")
    own = parts[:2] == [package, "adapters"] and any(p.endswith("tables") for p in parts[2:3])
    return shared or own


def breaches(module: Module) -> set[str]:
    found: set[str] = set()
    outer = tuple(
        f"{module.package}.{layer}" for layer in ("application", "adapters", "entrypoints", "views")
    )
    for name in imported(module):
        raw_rows = within(name, RAW_ROWS)
        builds_sql = within(name, SQL) and not within(name, SQL_ALLOWED) and not raw_rows
        if module.layer == "domain":
            if within(name, IO):
                found.add(f"domain imports {name.split('.')[0]}")
            if within(name, outer):
                found.add(f"domain imports {name.split('.')[1]}")
        if module.layer in ("application", "entrypoints", "root") and builds_sql:
            found.add("builds SQL")
        if module.layer in ("application", "entrypoints", "root") and raw_rows:
            found.add("handles raw rows")
        if module.layer in ("application", "entrypoints") and is_table_module(name, module.package):
            found.add("imports tables")
        if module.layer == "entrypoints" and within(name, (f"{module.package}.adapters",)):
            found.add("imports adapters")
        if module.layer == "entrypoints" and within(name, AUDIT):
            found.add("writes the audit")
        if module.layer == "views" and within(name, WRITES) and not within(name, READS):
            found.add("the read side writes")
    if module.layer == "views" and raw_writes(module):
        found.add("the read side writes")
    return found


def raw_writes(module: Module) -> list[str]:
    """The raw SQL statements (``text("...")``) of a module that change rows."""
    tree = ast.parse(module.path.read_text(), str(module.path))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and ast.unparse(node.func).split(".")[-1] == "text"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
        and RAW_WRITE.match(node.args[0].value)
    ]


def test_every_service_is_checked() -> None:
    services = {module.service for module in service_modules()}
    assert {"identity", "leads", "opportunities", "kpi", "service-desk", "call-center"} <= services


@pytest.mark.parametrize("service", sorted({m.service for m in service_modules()}))
def test_code_lives_in_its_layer(service: str) -> None:
    found = {
        module.relative: breaches(module)
        for module in service_modules()
        if module.service == service and breaches(module)
    }
    assert not found, f"{service}: code in the wrong layer (docs/ARCHITECTURE.md): {found}"


UNTYPED = ("dict[str, Any]", "Mapping[str, Any]", "RowMapping", "Row[", "Row]")


def untyped_results(module: Module) -> list[str]:
    """The read side's public functions answering rows or loose dicts instead of typed
    results (dataclasses, pydantic models)."""
    tree = ast.parse(module.path.read_text(), str(module.path))
    return [
        f"{node.name} -> {ast.unparse(node.returns)}"
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not node.name.startswith("_")
        and node.returns is not None
        and any(loose in ast.unparse(node.returns) for loose in UNTYPED)
    ]


def test_the_read_side_answers_typed_results() -> None:
    found = {
        module.name: untyped_results(module)
        for module in service_modules()
        if module.layer == "views" and untyped_results(module)
    }
    assert not found, f"views answering rows or dicts instead of typed results: {found}"


MASKS = tuple(
    f"{module}.{mask}"
    for module in ("crm_common.policy", "crm_common.policy.masking")
    for mask in (
        "mask_name",
        "mask_phone",
        "mask_id_number",
        "mask_vin",
        "mask_plate",
        "mask_address",
    )
)


def test_personal_data_is_shown_by_the_one_rule() -> None:
    """What a reader sees of a customer's personal data is decided once, by the level they see
    it at (``crm_common.policy.name_seen_at``, ``phone_seen_at``, ``id_number_seen_at``,
    ``vin_seen_at``, ``plate_seen_at``): no service masks by hand."""
    by_hand = {
        module.name: sorted(name for name in imported(module) if name in MASKS)
        for module in service_modules()
        if any(name in MASKS for name in imported(module))
    }
    assert not by_hand, f"masking by hand instead of crm_common.policy's rule: {by_hand}"


@pytest.mark.parametrize(
    ("layer", "source", "breach"),
    [
        ("domain", "from sqlalchemy import select", "domain imports sqlalchemy"),
        ("domain", "from ..adapters import tables", "domain imports adapters"),
        ("application", "from sqlalchemy import update", "builds SQL"),
        ("application", "from crm_x.adapters.tables import leads", "imports tables"),
        ("entrypoints", "from sqlalchemy import RowMapping", "handles raw rows"),
        ("entrypoints", "from crm_x.adapters import repository", "imports adapters"),
        ("entrypoints", "import crm_common.db.tables", "imports tables"),
        (
            "entrypoints",
            "from crm_common.policy.audit import record_personal_data_access",
            "writes the audit",
        ),
        ("views", "from sqlalchemy import insert, select", "the read side writes"),
        ("views", "from sqlalchemy.dialects.postgresql import insert", "the read side writes"),
        ("views", "import sqlalchemy.sql.dml", "the read side writes"),
        (
            "views",
            "from crm_common.policy.audit import record_personal_data_access",
            "the read side writes",
        ),
        ("views", "from crm_common.outbox import add_to_outbox", "the read side writes"),
        ("views", "from crm_common.policy.audit import AUDIT_ENTRY", "the read side writes"),
        ("views", "q = text('UPDATE leads SET grade = NULL')", "the read side writes"),
        ("views", "q = sa.text(' delete from t')", "the read side writes"),
    ],
)
def test_a_breach_is_found(tmp_path: Path, layer: str, source: str, breach: str) -> None:
    """The check itself: each rule catches a module that breaks it (the test above could
    otherwise pass by finding nothing)."""
    path = tmp_path / "module.py"
    path.write_text(source + "\n")
    module = Module("x", "crm_x", f"crm_x.{layer}.module", layer, path)
    assert breach in breaches(module)


def test_what_the_read_side_may_do_is_no_breach(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text(
        "from sqlalchemy import select, func, text\n"
        "from crm_common.policy.audit import audit_entries\n"
        "q = text('SET LOCAL jit = off')\n"
        "r = text('SELECT 1 -- no update here')\n"
        "s = {}.update(a=1)\n"
    )
    module = Module("x", "crm_x", "crm_x.views.module", "views", path)
    assert breaches(module) == set()


def test_what_the_layers_may_import_is_no_breach(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text(
        "from sqlalchemy.ext.asyncio import AsyncSession\n"
        "from sqlalchemy.exc import IntegrityError\n"
        "from crm_x.adapters import repository\n"
        "from crm_x.views import leads\n"
    )
    module = Module("x", "crm_x", "crm_x.application.module", "application", path)
    assert breaches(module) == set()


def test_an_untyped_read_is_found(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text(
        "async def rows() -> list[RowMapping]: ...\n"
        "def loose() -> dict[str, Any] | None: ...\n"
        "def _helper() -> dict[str, Any]: ...\n"
        "def typed() -> list[LeadPublic]: ...\n"
    )
    module = Module("x", "crm_x", "crm_x.views.module", "views", path)
    assert untyped_results(module) == [
        "rows -> list[RowMapping]",
        "loose -> dict[str, Any] | None",
    ]


WALL_CLOCK = {("time", "time"), ("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today")}
WALL_CLOCK |= {("date", "today"), ("datetime.datetime", "now"), ("datetime.date", "today")}


def wall_clock_reads(path: Path) -> list[str]:
    """Where a module reads the wall clock itself (``time.time``, ``datetime.now``...)
    instead of being given a ``crm_common.clock.Clock``."""
    tree = ast.parse(path.read_text(), str(path))
    return [
        f"{path.name}:{node.lineno} {ast.unparse(node)}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and (ast.unparse(node.value), node.attr) in WALL_CLOCK
    ]


def test_time_is_read_through_the_one_clock() -> None:
    """Sessions, rate limits, token checks and every service take the time from a
    ``crm_common.clock.Clock`` (a test gives a fake one); only the real clock reads it.
    Test support (``crm_common.testing``) is not code under test."""
    common = ROOT / "libs/common/src/crm_common"
    paths = [m.path for m in service_modules()] + [
        path
        for path in sorted(common.rglob("*.py"))
        if path != common / "clock.py" and common / "testing" not in path.parents
    ]
    found = [read for path in paths for read in wall_clock_reads(path)]
    assert not found, f"the wall clock read directly, not through crm_common.clock: {found}"


def test_a_wall_clock_read_is_found(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text(
        "import time\nfrom datetime import UTC, datetime\n"
        "a = time.time()\nb = datetime.now(UTC)\nc = time.monotonic()\nd = clock()\n"
    )
    assert wall_clock_reads(path) == ["module.py:3 time.time", "module.py:4 datetime.now"]
