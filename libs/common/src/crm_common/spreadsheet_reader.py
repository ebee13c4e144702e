"""The reader process of an import of a spreadsheet (leads, call lists): reads an uploaded file
within the import's limits and writes its rows to stdout, one JSON line per batch. CSV with the
standard library, XLSX with openpyxl's read-only (streaming) mode; the bounds are checked before
reading (the workbook's parts, by their unpacked sizes) and while reading (rows, cells and
characters per row).

Run by ``crm_common.spreadsheet_rows`` as ``python -m crm_common.spreadsheet_reader PATH FORMAT
START_ROW MEMORY_BYTES`` (FORMAT ``csv`` or ``xlsx``); it limits its own address space first, so
what still gets past the bounds (openpyxl keeps the whole shared-strings table in memory) ends
this process, never the worker."""

from __future__ import annotations

import codecs
import csv
import json
import re
import resource
import sys
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any, BinaryIO

from crm_common.errors import InvalidInput

HEADER_ROW = 1
"""Rows are numbered as the spreadsheet shows them: the header is row 1."""
# What one import reads at most. A file over a limit fails its job with a message naming it:
# the bounds keep a hostile or broken file (a deflate bomb, a row of a million cells) from
# taking the worker's memory.
MAX_DATA_ROWS = 1_000_000
MAX_ROW_CELLS = 1_000
MAX_ROW_CHARACTERS = 64 * 1024
ENCODING_PROBE_BYTES = 64 * 1024
NumberedRow = tuple[int, list[str]]

# Unpacked sizes of a workbook's parts, from its zip directory. zipfile stops inflating a part
# at the size the directory declares (and fails on its checksum), so these hold while reading.
MAX_WORKBOOK_PARTS = 10_000
MAX_WORKBOOK_BYTES = 2 << 30
MAX_SHEET_BYTES = 1 << 30
"""A sheet is streamed; the row limits bound it, this bounds the time spent inflating it."""
MAX_SHARED_STRINGS_BYTES = 64 << 20
"""openpyxl holds the whole shared-strings table in memory, ~10 bytes per byte of its XML."""
MAX_OTHER_PART_BYTES = 16 << 20
"""Styles, workbook, relations…: openpyxl parses each into a tree at once."""
SHEET_PART = re.compile(r"xl/worksheets/sheet\d+\.xml")
SHARED_STRINGS_PART = "xl/sharedStrings.xml"

BATCH_ROWS = 500
MEMORY_EXIT_CODE = 3
"""The exit status of a reader that ran out of its memory (``MemoryError``)."""


class UnreadableFile(Exception):
    """The file cannot be read on (not a workbook, broken CSV quoting...): the job fails, the
    rows stored so far stay."""


class FileOverLimit(UnreadableFile):
    """The file is over one of the import's limits; the message names the limit."""


def too_many_rows(row_number: int) -> FileOverLimit | None:
    if row_number - HEADER_ROW <= MAX_DATA_ROWS:
        return None
    return FileOverLimit(f"the file has more than {MAX_DATA_ROWS:,} rows (the import limit)")


def oversized_row(row_number: int, cells: Sequence[str]) -> FileOverLimit | None:
    """Whether a row is over the cell or character limit of a row."""
    if len(cells) > MAX_ROW_CELLS:
        return FileOverLimit(
            f"row {row_number} has more than {MAX_ROW_CELLS:,} cells (the import limit)"
        )
    if sum(len(cell) for cell in cells) > MAX_ROW_CHARACTERS:
        return row_too_long(row_number)
    return None


def row_too_long(row_number: int) -> FileOverLimit:
    return FileOverLimit(
        f"row {row_number} is longer than {MAX_ROW_CHARACTERS:,} characters (the import limit)"
    )


def encoding_of(head: bytes) -> str:
    """UTF-8 (with or without BOM) when the start of the file is UTF-8; else GB18030, which
    Excel on Chinese Windows writes as "CSV"."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def delimiter_of(header_line: str) -> str:
    """Comma, semicolon or tab: whichever the header row uses most."""
    return max((",", ";", "\t"), key=header_line.count)


XLSX_SIGNATURE = b"PK\x03\x04"
"""A workbook is a zip archive: its first bytes."""


def header_at_upload(head: bytes, file_format: str, *, complete: bool) -> list[str] | None:
    """What the first bytes of an upload tell, to refuse at once what can never be imported:
    an empty body, a body of the other format, a CSV whose first row names nothing. Returns a
    CSV's header cells (whether they name the columns is the importer's rule); None for a
    workbook, whose header is read with its rows. ``complete``: ``head`` is the whole file."""
    if not head:
        raise InvalidInput("body", "the file is empty")
    if file_format == "xlsx":
        if not head.startswith(XLSX_SIGNATURE):
            raise InvalidInput("body", "not an XLSX file")
        return None
    if head.startswith(XLSX_SIGNATURE):
        raise InvalidInput("format", "this is an XLSX file; upload it with format=xlsx")
    text = head.decode(encoding_of(head), errors="replace")
    end = text.find("\n")
    if end < 0 and not complete:
        raise InvalidInput("header", "no header row: the first line does not end")
    line = text if end < 0 else text[:end]
    cells = next(csv.reader([line], delimiter=delimiter_of(line)), [])
    if is_blank(cells):
        raise InvalidInput("header", "the first row is empty; it must name the columns")
    return cells


def estimated_rows(newlines: int, *, ends_with_newline: bool) -> int:
    """Data rows of a CSV from its line breaks (quoted line breaks make it an estimate)."""
    lines = newlines if ends_with_newline else newlines + 1
    return max(lines - 1, 0)


def read_rows(path: Path, file_format: str) -> tuple[int | None, Iterator[NumberedRow]]:
    """The rows estimated (XLSX: as the sheet says, when it does) and the rows as (row number,
    cell texts), the header being row 1. Raises ``FileOverLimit`` (before or while reading)
    or ``UnreadableFile``."""
    if file_format == "csv":
        return None, _bounded(_csv_rows(path))
    estimated, rows = _xlsx_rows(path)
    return estimated, _bounded(rows)


def _bounded(rows: Iterator[NumberedRow]) -> Iterator[NumberedRow]:
    for number, cells in rows:
        over = too_many_rows(number) or oversized_row(number, cells)
        if over is not None:
            raise over
        yield number, cells


class _BoundedLines:
    """The file's lines for the csv reader, each read at most up to the row limit: a row (which
    may span lines inside quotes) longer than the limit fails before it is in memory."""

    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle
        self.row_number = HEADER_ROW
        self._row_characters = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self._handle.readline(MAX_ROW_CHARACTERS - self._row_characters + 1)
        if not line:
            raise StopIteration
        self._row_characters += len(line)
        if self._row_characters > MAX_ROW_CHARACTERS:
            raise row_too_long(self.row_number)
        return line

    def next_row(self) -> None:
        self.row_number += 1
        self._row_characters = 0


def _csv_rows(path: Path) -> Iterator[NumberedRow]:
    with path.open("rb") as probe:
        encoding = encoding_of(probe.read(ENCODING_PROBE_BYTES))
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        first_line = handle.readline(MAX_ROW_CHARACTERS + 1)
        handle.seek(0)
        lines = _BoundedLines(handle)
        reader = csv.reader(lines, delimiter=delimiter_of(first_line))
        try:
            for cells in reader:
                yield lines.row_number, cells
                lines.next_row()
        except csv.Error as exc:
            raise UnreadableFile(f"row {lines.row_number}: {exc}") from exc


def check_workbook_parts(parts: Sequence[zipfile.ZipInfo]) -> None:
    """Refuse a workbook whose parts unpack to more than the import reads, before reading."""
    if len(parts) > MAX_WORKBOOK_PARTS:
        raise FileOverLimit(
            f"the workbook has more than {MAX_WORKBOOK_PARTS:,} parts (the import limit)"
        )
    total = 0
    for part in parts:
        if SHEET_PART.fullmatch(part.filename):
            limit, what = MAX_SHEET_BYTES, "a sheet"
        elif part.filename == SHARED_STRINGS_PART:
            limit, what = MAX_SHARED_STRINGS_BYTES, "shared strings"
        else:
            limit, what = MAX_OTHER_PART_BYTES, "any other part"
        if part.file_size > limit:
            raise FileOverLimit(
                f"the workbook's {part.filename} unpacks to {_mib(part.file_size)}; the import "
                f"reads at most {_mib(limit)} of {what}"
            )
        total += part.file_size
    if total > MAX_WORKBOOK_BYTES:
        raise FileOverLimit(
            f"the workbook unpacks to {_mib(total)}; the import reads at most "
            f"{_mib(MAX_WORKBOOK_BYTES)}"
        )


def _mib(size: int) -> str:
    return f"{size / (1 << 20):,.0f} MiB"


def _xlsx_rows(path: Path) -> tuple[int | None, Iterator[NumberedRow]]:
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile(f"not a readable XLSX workbook: {exc}") from exc
    check_workbook_parts(parts)
    # Imported here: the CSV path and the parent process never need openpyxl.
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except MemoryError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
        raise UnreadableFile(f"not a readable XLSX workbook: {exc}") from exc
    sheet = workbook.worksheets[0]
    estimated = None if sheet.max_row is None else max(sheet.max_row - HEADER_ROW, 0)
    # Some writers record a wrong sheet size; read what is there instead.
    sheet.reset_dimensions()
    return estimated, _numbered_xlsx(sheet.iter_rows(values_only=True))


def _numbered_xlsx(rows: Iterator[tuple[Any, ...]]) -> Iterator[NumberedRow]:
    number = HEADER_ROW
    try:
        for values in rows:
            cells = [cell_text(value) for value in values]
            while cells and not cells[-1]:
                cells.pop()  # cells styled but empty up to column XFD are not cells of the row
            yield number, cells
            number += 1
    except (MemoryError, FileOverLimit):
        raise
    except Exception as exc:  # a broken sheet fails in the XML parser, in any of its ways
        raise UnreadableFile(f"row {number}: {exc}") from exc


def header_key(label: str) -> str:
    """A header cell as the imports compare labels: without byte-order mark, spaces or case."""
    return "".join(label.replace("\ufeff", "").split()).lower()


def is_blank(cells: Sequence[str]) -> bool:
    """Spreadsheets end in empty rows; they are skipped, not reported."""
    return not any(cell.strip() for cell in cells)


def cell_text(value: Any) -> str:
    """A cell as text: phone numbers typed as numbers lose no digits and get no ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def write_rows(path: Path, file_format: str, start_row: int, out: BinaryIO) -> None:
    """The reader's protocol: ``{"estimated": n}``, then the header row and the rows from
    ``start_row`` on in ``{"rows": [[number, cells], …]}`` batches, then ``{"end": true}`` — or,
    where the file fails, ``{"error": message, "over_limit": bool}``."""

    def send(frame: dict[str, Any]) -> None:
        out.write(json.dumps(frame, ensure_ascii=False).encode() + b"\n")

    try:
        estimated, rows = read_rows(path, file_format)
        send({"estimated": estimated})
        batch: list[NumberedRow] = []
        for number, cells in rows:
            if number != HEADER_ROW and number < start_row:
                continue
            batch.append((number, cells))
            if len(batch) == BATCH_ROWS:
                send({"rows": batch})
                batch = []
        send({"rows": batch})
        send({"end": True})
    except UnreadableFile as exc:
        send({"error": str(exc), "over_limit": isinstance(exc, FileOverLimit)})
    out.flush()


def limit_memory(limit_bytes: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit_bytes = min(limit_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, hard))


def main(argv: Sequence[str]) -> int:
    path, file_format, start_row, memory_bytes = argv
    # openpyxl imports numpy when it is installed (for number types no file's cell has), and
    # numpy's OpenBLAS aborts the process when its buffers don't fit the limit: this process
    # goes without numpy.
    sys.modules["numpy"] = None  # type: ignore[assignment]
    limit_memory(int(memory_bytes))
    try:
        write_rows(Path(path), file_format, int(start_row), sys.stdout.buffer)
    except MemoryError:
        return MEMORY_EXIT_CODE
    except BrokenPipeError:
        pass  # the worker stopped reading: it has what it needs
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
