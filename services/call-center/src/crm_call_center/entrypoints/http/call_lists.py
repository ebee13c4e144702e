"""HTTP API of call lists: a spreadsheet of customers to call, imported in the background as
call tasks; the import followed and its rejected rows read."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response, status

from crm_call_center.application.call_lists import (
    ImportCallList,
    import_of,
    imports_of,
    rejected_rows,
    start_import,
)
from crm_call_center.domain.tasks import TaskKind
from crm_call_center.entrypoints.http.schemas import (
    CallListImport,
    CallListRejectedRows,
    CallListRowError,
)
from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Database, Now, Work
from crm_common.runtime.paging import Paging, ShortPage, first_of

router = APIRouter(prefix="/call-lists", tags=["call tasks"])
Manager = Annotated[Principal, requires("call.manage")]
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FILE: dict[str, Any] = {"schema": {"type": "string", "format": "binary"}}
_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "No such import visible to the caller"},
}


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=CallListImport,
    responses={
        403: {"description": "The role lacks the function"},
        413: {"description": "The file is over 128 MiB"},
        422: {
            "description": "Empty body, the other format, a CSV header without a required "
            "column, or a kind no list pushes"
        },
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": _FILE, XLSX_MEDIA_TYPE: _FILE},
        }
    },
)
async def import_list(
    request: Request,
    response: Response,
    principal: Manager,
    work: Work,
    now: Now,
    file_format: Annotated[Literal["csv", "xlsx"], Query(alias="format")],
    kind: Annotated[TaskKind, Query(description="The task each row becomes")],
    days_before: Annotated[
        int,
        Query(
            ge=0,
            le=365,
            description="Call this many days before the listed date (e.g. a policy's expiry)",
        ),
    ] = 0,
) -> CallListImport:
    """Upload a list of customers to call as the raw body (`curl --data-binary @list.xlsx`);
    it is imported in the background: follow `GET /call-lists/{import_id}`.

    The header row names the columns: customer_name/姓名, phone/电话/手机, due_on/到期日 and
    optionally note/备注. Each row becomes a task of ``kind`` in the caller's own book, dealt
    out by its queue taking the kind (or waiting until one can), due ``days_before`` the
    listed date and never before today. A customer and date makes one task however often the
    list is imported: fix the rows the import rejects (each names its row and field) and
    import the file again."""
    job = await start_import(
        work,
        principal,
        request.stream(),
        ImportCallList(file_format=file_format, kind=kind, days_before=days_before),
        now=now,
    )
    response.headers["Location"] = f"/call-lists/{job.id}"
    return CallListImport.model_validate(job, from_attributes=True)


@router.get(
    "",
    response_model=list[CallListImport],
    responses={403: {"description": "The role lacks the function"}},
)
async def list_imports(principal: Manager, db: Database, page: ShortPage) -> list[CallListImport]:
    """The call lists imported into the books the caller sees in full (their own org
    node's, and below it as the sharing allows), newest first, each with its status and
    counts: a manager comes back to an import after leaving the screen."""
    found = await imports_of(db, principal, limit=page.limit, offset=page.offset)
    return [CallListImport.model_validate(job, from_attributes=True) for job in found]


@router.get("/{import_id}", response_model=CallListImport, responses=_ERRORS)
async def import_progress(import_id: UUID, principal: Manager, db: Database) -> CallListImport:
    """The import's status, counts so far and how far it got."""
    job = await import_of(db, principal, import_id)
    return CallListImport.model_validate(job, from_attributes=True)


@router.get("/{import_id}/errors", response_model=CallListRejectedRows, responses=_ERRORS)
async def import_errors(
    import_id: UUID,
    principal: Manager,
    work: Work,
    page: Annotated[Paging, first_of(default=200, most=1000)],
    after: Annotated[int, Query(ge=0, description="`next_after` of the page before")] = 0,
) -> CallListRejectedRows:
    """The rejected rows in file order, each naming its row and field (they quote the
    uploaded cells: every read is audited)."""
    rejected = await rejected_rows(
        work,
        principal,
        import_id,
        after=after,
        limit=page.limit,
        via="GET /call-lists/{import_id}/errors",
    )
    return CallListRejectedRows(
        items=[CallListRowError.model_validate(row, from_attributes=True) for row in rejected],
        next_after=rejected[-1].id if len(rejected) == page.limit else None,
    )
