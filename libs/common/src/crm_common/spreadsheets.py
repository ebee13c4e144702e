"""Cells of the CSV and XLSX files the platform writes, made inert for spreadsheet programs.

Text a user typed (a customer's name, a rejected cell of an import) is written into reports and
error reports; Excel, LibreOffice and Google Sheets run a cell starting with ``=``, ``+``,
``-`` or ``@`` as a formula (``=HYPERLINK(…)``, ``=cmd|…``), and a leading tab or carriage
return hides such a start from naive checks. The cell gets a leading apostrophe, the usual
neutralisation (OWASP "CSV injection"): the spreadsheet shows it as text. Numbers stay numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = TypeVar("Cell")


def inert_cell(value: Cell) -> Cell | str:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def inert_row(row: Iterable[Cell]) -> list[Cell | str]:
    """Every cell of a row to write, made inert."""
    return [inert_cell(value) for value in row]
