"""Reading an uploaded spreadsheet row by row from a local file, never whole into memory:
CSV with the standard library, XLSX with openpyxl's read-only (streaming) mode."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

import openpyxl

from crm_leads.domain.lead_import import (
    HEADER_ROW,
    ImportFormat,
    UnreadableFile,
    delimiter_of,
    encoding_of,
)

ENCODING_PROBE_BYTES = 64 * 1024
NumberedRow = tuple[int, list[str]]


class SpreadsheetRows:
    """The rows of a file as (row number, cell texts), the header being row 1."""

    def __init__(self, path: Path, file_format: ImportFormat) -> None:
        self._path = path
        self._format = file_format
        self._closers: list[Any] = []
        self.rows_estimated: int | None = None
        self.next_row = HEADER_ROW
        self._rows = self._open_csv() if file_format is ImportFormat.CSV else self._open_xlsx()

    def __iter__(self) -> Iterator[NumberedRow]:
        return self

    def __next__(self) -> NumberedRow:
        number, cells = next(self._rows)
        self.next_row = number + 1
        return number, cells

    def skip_to(self, row_number: int) -> None:
        """Move on so that the next row read is ``row_number`` (or the end of the file)."""
        while self.next_row < row_number:
            if next(self, None) is None:
                return

    def close(self) -> None:
        for closer in self._closers:
            closer.close()
        self._closers.clear()

    def _open_csv(self) -> Iterator[NumberedRow]:
        with self._path.open("rb") as probe:
            encoding = encoding_of(probe.read(ENCODING_PROBE_BYTES))
        handle: IO[str] = self._path.open(encoding=encoding, errors="replace", newline="")
        self._closers.append(handle)
        first_line = handle.readline()
        handle.seek(0)
        return _numbered_csv(csv.reader(handle, delimiter=delimiter_of(first_line)))

    def _open_xlsx(self) -> Iterator[NumberedRow]:
        try:
            workbook = openpyxl.load_workbook(self._path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
            raise UnreadableFile(f"not a readable XLSX workbook: {exc}") from exc
        self._closers.append(workbook)
        sheet = workbook.worksheets[0]
        if sheet.max_row is not None:
            self.rows_estimated = max(sheet.max_row - HEADER_ROW, 0)
        # Some writers record a wrong sheet size; read what is there instead.
        sheet.reset_dimensions()
        return _numbered_xlsx(sheet.iter_rows(values_only=True))


def _numbered_csv(reader: Iterator[list[str]]) -> Iterator[NumberedRow]:
    number = HEADER_ROW
    try:
        for cells in reader:
            yield number, cells
            number += 1
    except csv.Error as exc:
        raise UnreadableFile(f"row {number}: {exc}") from exc


def _numbered_xlsx(rows: Iterator[tuple[Any, ...]]) -> Iterator[NumberedRow]:
    number = HEADER_ROW
    try:
        for values in rows:
            yield number, [cell_text(value) for value in values]
            number += 1
    except Exception as exc:  # a broken sheet fails in the XML parser, in any of its ways
        raise UnreadableFile(f"row {number}: {exc}") from exc


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
