"""XLSX files of report tables (openpyxl, write-only: constant memory)."""

from __future__ import annotations

import io

from openpyxl import Workbook

from crm_common.spreadsheets import inert_row


def as_xlsx(title: str, table: list[list[str | int | float]]) -> bytes:
    """The table on one sheet; openpyxl would store text starting with ``=`` as a formula, so
    no cell starts one."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for row in table:
        sheet.append(inert_row(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
