"""HTTP API of a dealer's customer deduplication keys (besides the phone)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_leads.application import pools as pools_app
from crm_leads.entrypoints.http.schemas import DedupKeys

router = APIRouter(prefix="/dedup-keys", tags=["customers"])
BookManager = Annotated[Principal, requires("pool.manage")]
_FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"description": "The role lacks the function"}}


@router.get("", response_model=DedupKeys, responses=_FORBIDDEN)
async def dedup_keys(principal: BookManager, db: Database, now: Now) -> DedupKeys:
    """The identifiers the caller's book matches customers on after the phone, in order."""
    keys = await pools_app.dedup_keys_of(principal, UnitOfWork(db), now=now)
    return DedupKeys(keys=list(keys))


@router.put("", response_model=DedupKeys, responses=_FORBIDDEN)
async def set_dedup_keys(
    body: DedupKeys, principal: BookManager, db: Database, now: Now
) -> DedupKeys:
    """Set them: a submission whose phone is new but whose value of one of these keys a
    customer of the book holds attaches to that customer (first key in order wins). Empty:
    the phone only."""
    await pools_app.set_dedup_keys(body.keys, principal, UnitOfWork(db), now=now)
    return body
