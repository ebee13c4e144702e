"""HTTP API of ticket attachments: an upload is the raw body (``curl --data-binary
@photo.jpg -H 'Content-Type: image/jpeg'``), streamed to the file store and capped as it
arrives; a download streams the file back, audited."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Response, status

from crm_common.db import UnitOfWork
from crm_common.runtime.files import file_response
from crm_common.runtime.paging import Page
from crm_common.storage import FileStore
from crm_service_desk.application import attachments as commands
from crm_service_desk.domain.attachments import ATTACHMENT_TYPES
from crm_service_desk.entrypoints.http.dependencies import (
    FORBIDDEN,
    NOT_FOUND,
    Database,
    Now,
    TicketReader,
    TicketWorker,
)
from crm_service_desk.views import tickets as views
from crm_service_desk.views.tickets import (
    AttachmentPublic,
)

router = APIRouter(tags=["attachments"])
UPLOADS = "/tickets/*/attachments"
"""The upload path, streamed past the platform's body limit (``create_http_app``)."""
_FILE = {"schema": {"type": "string", "format": "binary"}}


async def _store(request: Request) -> FileStore:
    store: FileStore = request.app.state.file_store
    return store


async def _max_bytes(request: Request) -> int:
    limit: int = request.app.state.settings.attachment_max_bytes
    return limit


Files = Annotated[FileStore, Depends(_store)]
MaxBytes = Annotated[int, Depends(_max_bytes)]


@router.post(
    "/tickets/{ticket_id}/attachments",
    status_code=status.HTTP_201_CREATED,
    response_model=AttachmentPublic,
    responses={**FORBIDDEN, **NOT_FOUND},
    openapi_extra={
        "requestBody": {"required": True, "content": dict.fromkeys(sorted(ATTACHMENT_TYPES), _FILE)}
    },
)
async def add_attachment(
    ticket_id: UUID,
    request: Request,
    principal: TicketWorker,
    db: Database,
    files: Files,
    max_bytes: MaxBytes,
    now: Now,
    content_type: Annotated[str | None, Header()] = None,
    filename: Annotated[
        str, Query(min_length=1, max_length=200, description="The name offered on download")
    ] = "attachment",
) -> AttachmentPublic:
    """Add a file (the raw body) to a ticket the caller works: a photo (JPEG, PNG, HEIC), a
    short video (MP4), a PDF or plain text, whose first bytes must match its
    ``Content-Type``; over ``CRM_ATTACHMENT_MAX_BYTES`` answers 422 naming ``file``."""
    return await commands.attach(
        ticket_id,
        commands.Upload(filename, content_type, request.stream()),
        principal,
        UnitOfWork(db),
        files,
        max_bytes=max_bytes,
        now=now,
    )


@router.get(
    "/tickets/{ticket_id}/attachments",
    response_model=list[AttachmentPublic],
    responses={**FORBIDDEN, **NOT_FOUND},
)
async def list_attachments(
    ticket_id: UUID,
    principal: TicketReader,
    db: Database,
    page: Page,
) -> list[AttachmentPublic]:
    """The ticket's files (name, type, size, digest; not their content), oldest first."""
    attachments = await views.attachments_of(
        db, principal, ticket_id, limit=page.limit, offset=page.offset
    )
    if attachments is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="ticket not found")
    return attachments


@router.get(
    "/attachments/{attachment_id}",
    response_class=Response,
    responses={
        **FORBIDDEN,
        404: {"description": "No such file the caller may open"},
        200: {"content": dict.fromkeys(sorted(ATTACHMENT_TYPES), _FILE)},
        206: {"description": "The byte range asked for (Range: bytes=…)"},
        416: {"description": "The range starts past the end of the file"},
    },
)
async def download_attachment(
    attachment_id: UUID,
    principal: TicketReader,
    db: Database,
    files: Files,
    range_header: Annotated[str | None, Header(alias="range")] = None,
) -> Response:
    """The file (or the byte range asked for: 206), for those who may work its ticket or
    whose view of it is not masked (a file cannot be masked); every download is recorded in
    the personal-data audit."""
    opened = await commands.open_attachment(
        attachment_id,
        principal,
        UnitOfWork(db),
        files,
        endpoint="GET /attachments/{attachment_id}",
    )
    response = file_response(files, opened.file, range_header)
    response.headers["content-disposition"] = "attachment; filename*=UTF-8''" + quote(
        opened.attachment.filename, safe=""
    )
    return response
