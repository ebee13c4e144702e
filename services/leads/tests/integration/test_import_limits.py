"""An import cannot take the worker down: a file is read within limits (rows, cells and
characters per row, the unpacked size of a workbook's parts) by a reader process under its own
memory limit, and a job whose slice killed its worker twice is failed instead of killing the
next one. The worker runs in a subprocess under ``resource.setrlimit``, as a container's memory
limit would hold it, against generated deflate bombs."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from uuid import UUID

import openpyxl
import pytest

from crm_common import spreadsheet_reader
from crm_common.db import UnitOfWork
from crm_common.import_jobs import jobs as import_jobs
from crm_common.spreadsheet_reader import read_rows
from crm_common.spreadsheet_rows import SpreadsheetRows
from crm_leads.application import imports
from crm_leads.application.imports import ImportTooLarge
from crm_leads.domain.lead_import import FileOverLimit, ImportFormat, ImportStatus, LeadImport

from .conftest import PEOPLE
from .test_lead_imports import Sessions, clean, job_of, parts, work

__all__ = ["clean"]  # the fixture, used by name

pytestmark = pytest.mark.integration

WORKER_MEMORY_BYTES = 1 << 30
"""The worker subprocess's address space (``RLIMIT_AS``), its reader processes' included."""
SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
WORKER = """
import asyncio, os, resource, signal, sys
from datetime import UTC, datetime

database_url, memory_bytes, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

from crm_common.db import create_engine, create_session_factory
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.settings import Settings
from crm_common import spreadsheet_rows as spreadsheets
from crm_leads.application import imports

if mode == "crash":
    def crash(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)
    imports.read_slice = crash
elif mode.startswith("reader-memory="):
    spreadsheets.READER_MEMORY_BYTES = int(mode.split("=")[1])


async def main():
    engine = create_engine(Settings(env="test", database_url=database_url))
    with acting_for_all_tenants():
        rows = await imports.work_imports(
            create_session_factory(engine), clock=lambda: datetime.now(UTC), seconds=300
        )
    await engine.dispose()
    print(rows)


asyncio.run(main())
"""


def shared_strings_bomb(path: Path, unpacked_mib: int) -> bytes:
    """A valid workbook (a header and one lead, as openpyxl writes them) with a shared-strings
    part that inflates from a few hundred KiB to ``unpacked_mib`` MiB of two-letter strings —
    about ten times that in openpyxl's memory."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["customer_name", "phone", "source"])
    sheet.append(["王伟", "13800138000", "web"])
    written = io.BytesIO()
    book.save(written)
    with (
        zipfile.ZipFile(written) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for part in source.infolist():
            content = source.read(part.filename)
            if part.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", SHARED_STRINGS_TYPE + b"</Types>")
            bomb.writestr(part, content)
        with bomb.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            block = b"<si><t>ab</t></si>" * 58_255  # ~1 MiB
            for _ in range(unpacked_mib):
                strings.write(block)
            strings.write(b"</sst>")
    return path.read_bytes()


def csv_file(rows: int) -> bytes:
    lines = ["customer_name,phone,source"]
    lines += [f"客户{i},139{i:08d},web" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


async def upload(sessions: Sessions, data: bytes, file_format: ImportFormat, now: datetime) -> UUID:
    job = await imports.start_import(
        parts(data), file_format, PEOPLE.manager, UnitOfWork(sessions), now=now
    )
    return job.id


def run_worker(database_url: str, mode: str = "plain") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WORKER, database_url, str(WORKER_MEMORY_BYTES), mode],
        capture_output=True,
        text=True,
        timeout=300,
        # Few malloc arenas: the address-space limit is for what the worker uses, not reserves.
        env={**os.environ, "MALLOC_ARENA_MAX": "2"},
        check=False,
    )


async def jobs(sessions: Sessions, *ids: UUID) -> list[LeadImport]:
    return [await job_of(sessions, import_id) for import_id in ids]


async def test_a_deflate_bomb_fails_its_job_naming_the_limit_and_the_worker_goes_on(
    clean: Sessions, leads_database: str, tmp_path: Path, now: datetime
) -> None:
    bomb = shared_strings_bomb(tmp_path / "bomb.xlsx", unpacked_mib=300)
    assert len(bomb) < 2 << 20, "a small upload"
    bomb_id = await upload(clean, bomb, ImportFormat.XLSX, now)
    after_id = await upload(clean, csv_file(3), ImportFormat.CSV, now)

    worker = run_worker(leads_database)

    assert worker.returncode == 0, worker.stderr
    bombed, after = await jobs(clean, bomb_id, after_id)
    assert bombed.status is ImportStatus.FAILED
    assert bombed.error is not None
    assert "xl/sharedStrings.xml unpacks to 300 MiB" in bombed.error
    assert "at most 64 MiB of shared strings" in bombed.error
    assert (after.status, after.rows_created) == (ImportStatus.DONE, 3)


async def test_a_workbook_needing_more_memory_than_its_reader_has_ends_the_reader_not_the_worker(
    clean: Sessions, leads_database: str, tmp_path: Path, now: datetime
) -> None:
    # Within the part limits, but ~120 MiB in openpyxl: over a reader limited to 96 MiB.
    bomb = shared_strings_bomb(tmp_path / "bomb.xlsx", unpacked_mib=12)
    bomb_id = await upload(clean, bomb, ImportFormat.XLSX, now)
    after_id = await upload(clean, csv_file(3), ImportFormat.CSV, now)

    worker = run_worker(leads_database, mode=f"reader-memory={96 << 20}")

    assert worker.returncode == 0, worker.stderr
    bombed, after = await jobs(clean, bomb_id, after_id)
    assert (bombed.status, bombed.error) == (
        ImportStatus.FAILED,
        "reading the file needs more than 96 MiB of memory (the import limit)",
    )
    assert (after.status, after.rows_created) == (ImportStatus.DONE, 3)


async def test_a_job_that_killed_its_worker_twice_is_failed_with_the_reason(
    clean: Sessions, leads_database: str, now: datetime
) -> None:
    deadly_id = await upload(clean, csv_file(5), ImportFormat.CSV, now)
    after_id = await upload(clean, csv_file(3), ImportFormat.CSV, now)

    for _ in range(2):
        worker = run_worker(leads_database, mode="crash")
        assert worker.returncode == -signal.SIGKILL
        deadly, _after = await jobs(clean, deadly_id, after_id)
        assert deadly.status is ImportStatus.QUEUED, "a crash rolls the slice back"

    await work(clean, now)

    deadly, after = await jobs(clean, deadly_id, after_id)
    assert (deadly.status, deadly.rows_read) == (ImportStatus.FAILED, 0)
    assert deadly.error == (
        "the import stopped its worker 2 times at row 2 (out of memory or killed) and was "
        "abandoned; the rows before it are imported"
    )
    assert (after.status, after.rows_created) == (ImportStatus.DONE, 3)


async def test_an_error_the_worker_survives_is_not_counted_as_a_crash(
    clean: Sessions, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    job_id = await upload(clean, csv_file(5), ImportFormat.CSV, now)

    def lost_database(*args: object, **kwargs: object) -> None:
        raise ConnectionResetError("worker lost its database mid-slice")

    with monkeypatch.context() as patched:
        patched.setattr(imports, "read_slice", lost_database)
        for _ in range(3):
            with pytest.raises(ConnectionResetError):
                await work(clean, now)
    await work(clean, now)

    done = await job_of(clean, job_id)
    assert (done.status, done.rows_created) == (ImportStatus.DONE, 5)


async def test_a_csv_over_the_row_limit_is_refused_at_upload(
    clean: Sessions, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_jobs, "ROWS_LIMIT", 5)
    with pytest.raises(ImportTooLarge, match="about 6 rows; an import reads at most 5"):
        await upload(clean, csv_file(6), ImportFormat.CSV, now)


def test_rows_past_the_row_limit_fail_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheet_reader, "MAX_DATA_ROWS", 5)
    path = tmp_path / "rows.csv"
    path.write_bytes(csv_file(7))
    _, rows = read_rows(path, ImportFormat.CSV)
    with pytest.raises(FileOverLimit, match=r"more than 5 rows \(the import limit\)"):
        list(rows)


def read_all(path: Path, file_format: ImportFormat) -> list[tuple[int, list[str]]]:
    rows = SpreadsheetRows(path, file_format)
    try:
        return list(rows)
    finally:
        rows.close()


def test_a_csv_row_longer_than_the_limit_fails_before_it_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_bytes(csv_file(1) + b"," * (8 << 20) + b"\n")
    with pytest.raises(FileOverLimit, match=r"row 3 is longer than 65,536 characters"):
        read_all(path, ImportFormat.CSV)


def test_an_xlsx_row_with_more_cells_than_the_limit_fails(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["customer_name", "phone", "source"])
    sheet.append(["王伟", "13800138000", "web", *(["x"] * 1_000)])
    path = tmp_path / "wide.xlsx"
    book.save(path)
    with pytest.raises(FileOverLimit, match=r"row 2 has more than 1,000 cells"):
        read_all(path, ImportFormat.XLSX)


def test_a_reader_resumes_after_the_header_at_the_start_row(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(csv_file(5))
    rows = SpreadsheetRows(path, ImportFormat.CSV, start_row=5)
    try:
        header = next(rows)
        rows.skip_to(5)
        rest = list(rows)
    finally:
        rows.close()
    assert header == (1, ["customer_name", "phone", "source"])
    assert [number for number, _ in rest] == [5, 6]
    assert rest[0][1] == next(csv.reader(["客户3,13900000003,web"]))
