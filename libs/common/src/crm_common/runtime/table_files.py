"""A report answered as JSON or, when asked with ``format=csv|xlsx``, as a file to download:
one way for every service's reports and exports."""

from __future__ import annotations

import asyncio
from enum import StrEnum
from typing import Any

from fastapi import Response

from crm_common.spreadsheets import Table, as_csv, as_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}, XLSX: {}}, "description": "JSON, CSV or XLSX"}
}
"""What a report route declares for its 200 besides its JSON model."""


class ReportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


async def table_file(table: Table, *, name: str, title: str, format: ReportFormat) -> Response:
    """The table as an attachment named ``name`` (without extension) in the format asked."""
    if format is ReportFormat.CSV:
        return Response(
            as_csv(table),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{name}.csv"'},
        )
    if format is ReportFormat.XLSX:
        # A region's year makes a large workbook: built off the event loop.
        return Response(
            await asyncio.to_thread(as_xlsx, title, table),
            media_type=XLSX,
            headers={"content-disposition": f'attachment; filename="{name}.xlsx"'},
        )
    raise ValueError("JSON is the route's own answer, not a file")
