"""The CSV and XLSX files the platform writes (reports, exports, error reports), with every
cell made inert for spreadsheet programs.

Text a user typed (a customer's name, a rejected cell of an import) is written into reports and
error reports; Excel, LibreOffice and Google Sheets run a cell starting with ``=``, ``+``,
``-`` or ``@`` as a formula (``=HYPERLINK(…)``, ``=cmd|…``), and a leading tab or carriage
return hides such a start from naive checks. The cell gets a leading apostrophe, the usual
neutralisation (OWASP "CSV injection"): the spreadsheet shows it as text. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TypeVar

from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = TypeVar("Cell")


def inert_cell(value: Cell) -> Cell | str:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def inert_row(row: Iterable[Cell]) -> list[Cell | str]:
    """Every cell of a row to write, made inert."""
    return [inert_cell(value) for value in row]


Value = str | int | float | Decimal | date | None
"""What a cell holds: numbers and dates stay numbers and dates in XLSX."""
Table = Sequence[Sequence[Value]]
"""A header row, then data rows."""


def as_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Chinese text right; no cell starts a
    formula."""
    out = io.StringIO()
    csv.writer(out).writerows(inert_row(row) for row in table)
    return ("\ufeff" + out.getvalue()).encode()


def as_xlsx(title: str, table: Table) -> bytes:
    """The table on one sheet (openpyxl, write-only: constant memory); openpyxl would store
    text starting with ``=`` as a formula, so no cell starts one."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for row in table:
        sheet.append(inert_row(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
