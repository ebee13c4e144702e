"""XLSX files of report tables (openpyxl, write-only: constant memory)."""

from __future__ import annotations

import io

from openpyxl import Workbook


def as_xlsx(title: str, table: list[list[str | int | float]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for row in table:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
