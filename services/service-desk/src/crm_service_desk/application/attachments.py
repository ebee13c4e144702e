"""Files on a ticket through the file store port (``crm_common.storage``).

An upload streams into the store before its row is written: no database transaction stays
open while a slow client sends a photo. The ticket is checked before the first byte is read
and again, locked, when the row is written; if that fails the stored file is removed, so a
file without its row is never reachable. Every opening of a file is audited."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.policy import DataType, SharingLevel
from crm_common.policy.audit import record_personal_data_access
from crm_common.storage import FileStore, FileTooLarge, StoredFile, StoredFileNotFound
from crm_service_desk.adapters import attachment_store, repository
from crm_service_desk.application.tickets import changing
from crm_service_desk.domain.attachments import (
    SNIFF_BYTES,
    clean_filename,
    looks_like,
    media_type_of,
)
from crm_service_desk.domain.tickets import TicketKind
from crm_service_desk.views.tickets import AttachmentPublic

log = logging.getLogger(__name__)


class AttachmentNotFound(LookupError):
    """No such attachment whose content the caller may open (answered 404)."""


@dataclass(frozen=True, slots=True)
class Upload:
    filename: str
    content_type: str | None
    content: AsyncIterable[bytes]


@dataclass(frozen=True, slots=True)
class OpenedAttachment:
    attachment: AttachmentPublic
    file: StoredFile
    """Where the content is, its size and type (as the attachment says)."""


def storage_key(tenant: str, ticket_id: UUID, attachment_id: UUID) -> str:
    return f"{tenant}/tickets/{ticket_id}/{attachment_id}"


async def _checked(
    media_type: str, content: AsyncIterable[bytes], digest: Any
) -> AsyncIterator[bytes]:
    """The content as it arrives (added to ``digest``), once its first bytes have shown it is
    what it says."""
    head = b""
    sniffed = False
    async for chunk in content:
        if sniffed:
            digest.update(chunk)
            yield chunk
            continue
        head += chunk
        if len(head) < SNIFF_BYTES:
            continue
        if not looks_like(media_type, head[:SNIFF_BYTES]):
            raise InvalidInput("file", f"the content is not {media_type}")
        sniffed = True
        digest.update(head)
        yield head
    if not sniffed:
        if not head:
            raise InvalidInput("file", "the file is empty")
        if not looks_like(media_type, head):
            raise InvalidInput("file", f"the content is not {media_type}")
        digest.update(head)
        yield head


async def attach(
    ticket_id: UUID,
    upload: Upload,
    actor: Principal,
    uow: UnitOfWork,
    store: FileStore,
    *,
    max_bytes: int,
    now: datetime,
) -> AttachmentPublic:
    """Adds a file to a ticket the caller may work (404 otherwise): a type tickets take whose
    content looks like it (422 naming ``content-type`` or ``file``), at most ``max_bytes``
    (422 naming ``file``)."""
    async with uow:
        ticket = await changing(uow, ticket_id, actor)
    filename = clean_filename(upload.filename)
    media_type = media_type_of(upload.content_type)
    attachment_id = uuid4()
    key = storage_key(ticket.tenant, ticket.id, attachment_id)
    digest = hashlib.sha256()
    try:
        stored = await store.put(
            key,
            _checked(media_type, upload.content, digest),
            content_type=media_type,
            max_bytes=max_bytes,
        )
    except FileTooLarge as refused:
        raise InvalidInput(
            "file", f"a ticket takes files of at most {refused.limit} bytes"
        ) from None
    attachment = AttachmentPublic(
        id=attachment_id,
        ticket_id=ticket.id,
        filename=filename,
        media_type=media_type,
        size=stored.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor.user_id,
        uploaded_at=now,
    )
    try:
        async with uow:
            ticket = await changing(uow, ticket_id, actor)
            await attachment_store.add_attachment(
                uow.session,
                {
                    "id": attachment.id,
                    "ticket_id": ticket.id,
                    "tenant": ticket.tenant,
                    "owner_org": ticket.owner_org,
                    "filename": filename,
                    "media_type": media_type,
                    "size": stored.size,
                    "sha256": attachment.sha256,
                    "storage_key": key,
                    "uploaded_by": actor.user_id,
                    "uploaded_at": now,
                },
            )
            await repository.add_history(
                uow.session,
                ticket,
                actor=actor.user_id,
                action="attached",
                at=now,
                detail={"attachment": str(attachment.id), "filename": filename},
            )
    except BaseException:
        await _forget(store, key)
        raise
    return attachment


async def _forget(store: FileStore, key: str) -> None:
    try:
        await store.delete(key)
    except Exception:  # the row was never written: an orphan file is unreachable, only waste
        log.exception("could not remove the stored file %s of a failed attachment", key)


async def open_attachment(
    attachment_id: UUID, actor: Principal, uow: UnitOfWork, store: FileStore, *, endpoint: str
) -> OpenedAttachment:
    """The file's facts and where its content is, for a caller who may open it; the opening
    is audited."""
    async with uow:
        row = await attachment_store.attachment_to_open(uow.session, actor, attachment_id)
        if row is None or not row["may_open"]:
            raise AttachmentNotFound("attachment not found")
        await record_personal_data_access(
            uow.session,
            actor,
            action="download",
            resource_type=DataType.COMPLAINT
            if row["kind"] == TicketKind.COMPLAINT
            else DataType.TICKET,
            resource_id=str(row["ticket_id"]),
            owner_org=row["owner_org"],
            fields=("attachment", str(attachment_id)),
            level=SharingLevel.FULL,
            endpoint=endpoint,
        )
    try:
        stored = await store.stat(row["storage_key"])
    except StoredFileNotFound:
        log.error("attachment %s has no file under %s", attachment_id, row["storage_key"])
        raise AttachmentNotFound("attachment not found") from None
    return OpenedAttachment(
        AttachmentPublic.model_validate(row),
        StoredFile(stored.key, stored.size, row["media_type"]),
    )
