"""HTTP API of call lists: a spreadsheet of customers to call, imported as call tasks."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from crm_call_center.application.call_lists import ImportCallList, import_call_list
from crm_call_center.domain.tasks import TaskKind
from crm_call_center.entrypoints.http.schemas import CallListImport
from crm_call_center.entrypoints.http.tasks import business_tz
from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Now, Work

router = APIRouter(prefix="/call-lists", tags=["call tasks"])
Manager = Annotated[Principal, requires("call.manage")]
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FILE: dict[str, Any] = {"schema": {"type": "string", "format": "binary"}}


@router.post(
    "",
    response_model=CallListImport,
    responses={
        403: {"description": "The role lacks the function"},
        413: {"description": "The file is over 10 MiB or the reader's limits"},
        422: {
            "description": "Empty or unreadable file, a header without a required column, "
            "more than 20,000 rows, or a kind no list pushes"
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
    """Upload a list of customers to call as the raw body (`curl --data-binary @list.xlsx`).

    The header row names the columns: customer_name/姓名, phone/电话/手机, due_on/到期日 and
    optionally note/备注. Each row becomes a task of ``kind`` in the caller's own book, dealt
    out by its queue taking the kind (or waiting until one can), due ``days_before`` the
    listed date and never before today. A customer and date makes one task however often the
    list is imported: fix the rows the answer rejects (each names its row and field) and
    import the file again."""
    imported = await import_call_list(
        work,
        principal,
        request.stream(),
        ImportCallList(file_format=file_format, kind=kind, days_before=days_before),
        now=now,
        business_tz=business_tz(request),
    )
    return CallListImport.model_validate(imported, from_attributes=True)
