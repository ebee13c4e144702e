"""Spot-checks of recorded calls (质检): a manager or supervisor listens to a call's recording,
scores it on the QA form and comments. Recordings are personal data: only reviewers
(``call.review``) of the call's own book reach them — a sharing agreement never does — and
every opening is written to the personal-data audit before a byte is served."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from crm_call_center.adapters import review_store
from crm_call_center.application.calls import CallNotFound
from crm_call_center.domain.quality import recording_key, score
from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.policy import DataType, SharingLevel
from crm_common.policy.audit import record_personal_data_access
from crm_common.storage import FileStore, InvalidFileKey, StoredFile, StoredFileNotFound


class RecordingNotFound(LookupError):
    """The call has no recording, or its file is not in the store (answered 404)."""


class CallNotReviewable(Exception):
    """Nothing recorded to review, or reviewed by this reviewer already (answered 409)."""


class OwnCall(PermissionError):
    """No one reviews their own call (answered 403)."""


async def _call(uow: UnitOfWork, reviewer: Principal, call_id: UUID) -> Any:
    call = await review_store.call_for_review(uow.session, reviewer, call_id)
    if call is None:
        raise CallNotFound(f"call {call_id} not found")
    return call


async def open_recording(
    uow: UnitOfWork, store: FileStore, reviewer: Principal, call_id: UUID, *, endpoint: str
) -> StoredFile:
    """The recording's file, once its opening is audited (each request: a player fetching
    ranges opens it each time)."""
    async with uow:
        call = await _call(uow, reviewer, call_id)
        if call["recording_file"] is None:
            raise RecordingNotFound("the call has no recording")
        try:
            found = await store.stat(recording_key(call["source"], call["recording_file"]))
        except (StoredFileNotFound, InvalidFileKey):
            raise RecordingNotFound("the recording's file is not in the file store") from None
        await record_personal_data_access(
            uow.session,
            reviewer,
            action="listen",
            resource_type=DataType.CALL,
            resource_id=str(call_id),
            owner_org=call["owner_org"],
            fields=["recording"],
            level=SharingLevel.FULL,
            endpoint=endpoint,
        )
    return found


@dataclass(frozen=True, slots=True)
class ReviewCall:
    scores: Mapping[str, int]
    comment: str


async def review_call(
    uow: UnitOfWork, reviewer: Principal, call_id: UUID, command: ReviewCall, *, now: datetime
) -> UUID:
    """The reviewer's QA score of a recorded call, once per reviewer."""
    async with uow:
        call = await _call(uow, reviewer, call_id)
        if call["recording_file"] is None:
            raise CallNotReviewable("the call has no recording to review")
        if call["agent_user"] == reviewer.user_id:
            raise OwnCall("no one reviews their own call")
        scored = score(command.scores)
        review_id = uuid4()
        added = await review_store.add_review(
            uow.session,
            {
                "id": review_id,
                "tenant": call["tenant"],
                "owner_org": call["owner_org"],
                "call_id": call_id,
                "agent_user": call["agent_user"],
                "reviewer": reviewer.user_id,
                "scores": dict(scored.items),
                "total": scored.total,
                "comment": command.comment,
                "created_at": now,
            },
        )
        if not added:
            raise CallNotReviewable("you have reviewed this call already")
    return review_id


async def comment_on_call(
    uow: UnitOfWork,
    reviewer: Principal,
    call_id: UUID,
    text: str,
    at_second: int | None,
    *,
    now: datetime,
) -> UUID:
    """A reviewer's comment on a recorded call, at a moment of the recording or on the whole."""
    async with uow:
        call = await _call(uow, reviewer, call_id)
        if call["recording_file"] is None:
            raise CallNotReviewable("the call has no recording to comment on")
        comment_id = uuid4()
        await review_store.add_comment(
            uow.session,
            {
                "id": comment_id,
                "tenant": call["tenant"],
                "owner_org": call["owner_org"],
                "call_id": call_id,
                "author": reviewer.user_id,
                "at_second": at_second,
                "text": text,
                "created_at": now,
            },
        )
    return comment_id
