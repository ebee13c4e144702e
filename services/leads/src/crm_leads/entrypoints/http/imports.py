"""HTTP API of bulk lead imports: upload a CSV or XLSX file, follow the job, read its errors."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import Paging, first_of
from crm_common.spreadsheets import inert_row
from crm_leads.application import imports
from crm_leads.application.imports import ImportNotFound, ImportTooLarge
from crm_leads.domain.lead_import import ImportFormat, ImportStatus, ReportedRowError

router = APIRouter(prefix="/imports", tags=["imports"])
Importer = Annotated[Principal, requires("lead.import")]
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_PART_CHARS = 64 * 1024
_FILE = {"schema": {"type": "string", "format": "binary"}}
_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "No such import visible to the caller"},
}


class ImportPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    owner_org: str = Field(description="The book (dealer) the leads go into")
    created_by: str
    format: ImportFormat
    status: ImportStatus
    size_bytes: int
    rows_estimated: int | None = Field(description="Data rows the file seems to have, if known")
    rows_read: int = Field(description="Non-blank data rows read so far")
    rows_created: int = Field(description="Rows that opened a lead (waiting in the pool)")
    rows_attached: int = Field(
        description="Rows of a customer the book already works (or a repeat in the file): "
        "attached to that lead, not duplicated"
    )
    rows_failed: int = Field(description="Rows rejected; see the error report")
    next_row: int = Field(description="File row the import continues at (the header is row 1)")
    error: str | None = Field(description="Why the import failed, if it did")
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None


class ImportRowError(BaseModel):
    row_number: int = Field(description="Row of the file as a spreadsheet shows it")
    field: str
    message: str
    value: str = Field(description="The rejected cell, as uploaded")


class ImportErrorPage(BaseModel):
    items: list[ImportRowError]
    next_after: int | None = Field(description="Pass as `after` for the next page; null: last")


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ImportPublic,
    responses={
        **_ERRORS,
        413: {"description": "The file is too large"},
        422: {"description": "Empty body, another format, or a CSV header without a column"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": _FILE, XLSX_MEDIA_TYPE: _FILE},
        }
    },
)
async def upload_import(
    request: Request,
    response: Response,
    principal: Importer,
    db: Database,
    file_format: Annotated[ImportFormat, Query(alias="format")],
    now: Now,
) -> ImportPublic:
    """Upload a spreadsheet of leads as the raw body (`curl --data-binary @leads.csv`).

    The header row names the columns: customer_name/姓名, phone/电话/手机, source/来源 and
    optionally vehicle_interest/意向车型. The leads go into the caller's book and wait in its
    default pool; the import runs in the background (follow `GET /imports/{import_id}`)."""
    try:
        job = await imports.start_import(
            request.stream(), file_format, principal, UnitOfWork(db), now=now
        )
    except ImportTooLarge as exc:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, detail=str(exc)) from exc
    response.headers["Location"] = f"/imports/{job.id}"
    return ImportPublic.model_validate(job)


@router.get("/{import_id}", response_model=ImportPublic, responses=_ERRORS)
async def import_progress(import_id: UUID, principal: Importer, db: Database) -> ImportPublic:
    try:
        return ImportPublic.model_validate(await imports.import_of(import_id, principal, db))
    except ImportNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc


@router.get(
    "/{import_id}/errors",
    response_model=ImportErrorPage,
    responses={**_ERRORS, 200: {"content": {"text/csv": {}}}},
)
async def import_errors(
    import_id: UUID,
    principal: Importer,
    db: Database,
    page: Annotated[Paging, first_of(default=200, most=1000)],
    after: Annotated[int, Query(ge=0)] = 0,
    report_as: Annotated[Literal["json", "csv"], Query(alias="as")] = "json",
) -> ImportErrorPage | StreamingResponse:
    """The rejected rows, in file order, each naming the row and field. `?as=csv`: the whole
    report as one CSV file (UTF-8 with BOM, so Excel shows Chinese text)."""
    via = "GET /imports/{import_id}/errors"
    try:
        if report_as == "csv":
            errors = await imports.error_report(import_id, principal, db, via=via)
            return StreamingResponse(
                _csv_of(errors),
                media_type="text/csv; charset=utf-8",
                headers={
                    "Content-Disposition": f'attachment; filename="import-{import_id}-errors.csv"'
                },
            )
        rejected = await imports.import_errors(
            import_id, principal, UnitOfWork(db), after=after, limit=page.limit, via=via
        )
    except ImportNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from exc
    return ImportErrorPage(
        items=[ImportRowError.model_validate(row, from_attributes=True) for row in rejected],
        next_after=rejected[-1].id if len(rejected) == page.limit else None,
    )


async def _csv_of(errors: AsyncIterator[ReportedRowError]) -> AsyncIterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(["row_number", "field", "message", "value"])
    async for error in errors:
        # The rejected cells are the uploader's text: none may start a formula in Excel.
        writer.writerow(inert_row([error.row_number, error.field, error.message, error.value]))
        if buffer.tell() >= CSV_PART_CHARS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
