"""The CTI port's application side: what happens with the events a phone system reports.

Each batch of events is stored (duplicates dropped), the calls it touched are folded again
from all their events and saved, and a call seen for the first time publishes
``CallStarted`` — all in one transaction. ``CallCompleted`` waits until a finished call has
been quiet for the settle time, so a late event (the PBX's order is not the wire's) still
makes it into the record the event describes; the settle sweep publishes it once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from pydantic import ValidationError
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import call_store, ringing_channel, wallboard_channel, webhooks
from crm_call_center.domain.cti import (
    CallRecord,
    CtiEvent,
    CtiKind,
    NotACall,
    Ringing,
    call_id_of,
    fold,
    handed_part,
    taken_part,
)
from crm_common.contracts.events.call_center.v1 import CallStarted
from crm_common.contracts.events.call_center.v2 import CallCompletedV2
from crm_common.db import UnitOfWork
from crm_common.db.tenancy import acting_for
from crm_common.errors import InvalidInput
from crm_common.settings import Settings

log = logging.getLogger(__name__)

SYSTEM_ACTOR = "cti"
SETTLE_BATCH = 500
GONE_CAUSE = "gone after reconnect"


@dataclass(frozen=True)
class PhoneSystem:
    """Which tenant's calls a connected phone system carries, and the org that owns a call no
    queue or agent of the CRM claims (e.g. the HQ hotline's PBX: HQ)."""

    tenant: str
    default_org: str
    settle_seconds: float


def phone_system(settings: Settings) -> PhoneSystem:
    return PhoneSystem(
        tenant=settings.cti_tenant,
        default_org=settings.cti_default_org,
        settle_seconds=settings.cti_settle_seconds,
    )


async def record_events(
    sessions: async_sessionmaker[AsyncSession],
    system: PhoneSystem,
    events: Sequence[CtiEvent],
    *,
    now: datetime,
) -> list[Ringing]:
    """Stores a batch of events and refreshes the calls they touch; returns the agents whose
    phone started ringing with this batch (for the screen pop): whoever a new call rings, and
    the agent or dealer's consultant a transfer rings on a call someone else answered."""
    async with UnitOfWork(sessions) as uow:
        touched = await call_store.add_events(uow.session, system.tenant, events)
        # The refold read the agents of every ringing extension of the calls touched already.
        rows, agents = await _refold(uow, system, touched, now=now)
    rung = {
        (e.source, e.call_key, e.detail("extension"))
        for e in events
        if e.kind is CtiKind.RINGING and (e.source, e.call_key) in touched
    }
    ringing: dict[tuple[UUID, str], Ringing] = {}
    for row in rows:
        if row["ended_at"] is not None:
            continue
        for source, call_key, extension in rung:
            agent_user = _rung_agent(row, extension, agents)
            if (source, call_key) != (row["source"], row["call_key"]) or agent_user is None:
                continue
            ringing[(row["id"], agent_user)] = Ringing(
                call_id=row["id"],
                tenant=system.tenant,
                agent_user=agent_user,
                customer_phone=row["customer_phone"],
                direction=row["direction"],
                at=row["ring_at"] or row["started_at"],
            )
    return list(ringing.values())


def _rung_agent(row: Any, extension: str, agents: dict[str, tuple[str, str]]) -> str | None:
    """The agent whose phone rings, unless they already talk on the call. A ringing phone no
    agent has (the customer's, on an outbound call) is the call's own agent's until someone
    answers."""
    agent = agents.get(extension)
    if agent is None:
        return row["agent_user"] if row["answered_at"] is None else None
    return None if extension in row["extensions"] else agent[0]


def _handed_over(
    record: CallRecord, owner_org: str, agents: dict[str, tuple[str, str]]
) -> tuple[str, str] | None:
    """(user, org) of the agent of another org node a transfer handed the call to — the last
    one who talked to the customer (a dealer's consultant the hotline passed the caller to):
    the call is then in that node's book too. None when it stayed within its own."""
    if not record.transfers:
        return None
    last = agents.get(record.extensions[-1]) if record.extensions else None
    if last is None or last[1] == owner_org:
        return None
    return last


async def _refold(
    uow: UnitOfWork,
    system: PhoneSystem,
    by_call: dict[call_store.CallKey, list[CtiEvent]],
    *,
    now: datetime,
) -> tuple[list[Any], dict[str, tuple[str, str]]]:
    """The touched calls' records folded again from all their events (by call) and saved;
    returns the saved rows and the agents of their extensions (by extension: user, org)."""
    session = uow.session
    records: list[CallRecord] = []
    for key, call_events in by_call.items():
        try:
            records.append(fold(call_events))
        except NotACall:
            log.debug("events of a call whose legs are not known yet", extra={"call": key})
    ringing_extensions = {
        e.detail("extension") for es in by_call.values() for e in es if e.kind is CtiKind.RINGING
    }
    extensions = {x for r in records for x in r.extensions} | ringing_extensions
    extensions |= {r.agent_extension for r in records if r.agent_extension}
    known = await call_store.owners(
        session, system.tenant, extensions, {r.queue for r in records if r.queue}
    )
    owned: list[call_store.OwnedRecord] = []
    for record in records:
        queue = known.queues.get(record.queue or "")
        extension = record.agent_extension or _rung_extension(by_call, record)
        agent = known.agents.get(extension or "")
        owner_org = queue[1] if queue else agent[1] if agent else system.default_org
        queue_id, agent_user = (queue[0] if queue else None), (agent[0] if agent else None)
        handed = _handed_over(record, owner_org, known.agents)
        if handed is None:
            owned.append(call_store.OwnedRecord(record, owner_org, queue_id, agent_user))
            continue
        # The part the dealer handled is its own call in the dealer's book, counted there and
        # wrapped up by its consultant; the hotline keeps the part it handled.
        part = handed_part(record, record.extensions[-1])
        owned.append(
            call_store.OwnedRecord(
                taken_part(record, part), owner_org, queue_id, agent_user, handed=handed
            )
        )
        owned.append(
            call_store.OwnedRecord(
                part,
                handed[1],
                None,
                handed[0],
                part_of=call_id_of(system.tenant, record.source, record.call_key),
            )
        )
    rows = await call_store.save_records(
        session,
        system.tenant,
        owned,
        settles_at=now + timedelta(seconds=system.settle_seconds),
    )
    for row in rows:
        if row["inserted"]:
            await uow.publish_about(
                [
                    CallStarted(
                        **_call_fields(row),
                        started_at=row["started_at"],
                    )
                ],
                tenant=row["tenant"],
                owner_org=row["owner_org"],
                actor=SYSTEM_ACTOR,
            )
    return list(rows), known.agents


def _rung_extension(
    by_call: dict[call_store.CallKey, list[CtiEvent]], record: CallRecord
) -> str | None:
    """Before anyone answers, the agent of a call is the one whose phone rings (last)."""
    rung = [
        e
        for e in by_call.get((record.source, record.call_key), [])
        if e.kind is CtiKind.RINGING and e.detail("extension")
    ]
    return max(rung, key=lambda e: e.at).detail("extension") if rung else None


def _call_fields(row: Any) -> dict[str, Any]:
    return {
        "call_id": row["id"],
        "dealer_id": row["owner_org"],
        "direction": row["direction"],
        "customer_phone": row["customer_phone"],
        "agent_user": row["agent_user"],
        "queue_id": row["queue_id"],
        "lead_id": row["lead_id"],
        "customer_id": row["customer_id"],
        "task_id": row["task_id"],
    }


async def close_calls_gone(
    sessions: async_sessionmaker[AsyncSession],
    system: PhoneSystem,
    source: str,
    live_call_keys: set[str],
    last_seen_at: datetime | None,
    *,
    now: datetime,
) -> int:
    """After a (re)connection: calls still open here whose channels the PBX no longer has
    (it restarted, or they ended while we were away) end for every leg that had not hung up,
    at the last moment the PBX was heard from. Returns how many calls were closed."""
    async with UnitOfWork(sessions) as uow:
        gone = [
            k
            for k in await call_store.open_calls(uow.session, system.tenant, source)
            if k not in live_call_keys
        ]
        if not gone:
            return 0
        by_call = await call_store.events_of(
            uow.session, system.tenant, [(source, k) for k in gone]
        )
        endings = []
        for (src, key), call_events in by_call.items():
            last = max(e.at for e in call_events)
            at = max(last, last_seen_at) if last_seen_at else last
            endings.append(CtiEvent(src, key, CtiKind.CALL_ENDED, at, key, {"cause": GONE_CAUSE}))
        touched = await call_store.add_events(uow.session, system.tenant, endings)
        await _refold(uow, system, touched, now=now)
    log.warning("calls closed after the phone system lost them", extra={"calls": len(gone)})
    return len(gone)


async def settle_calls(sessions: async_sessionmaker[AsyncSession], *, now: datetime) -> int:
    """Publishes ``CallCompleted`` for finished calls quiet for their settle time, once."""
    async with UnitOfWork(sessions) as uow:
        rows = await call_store.calls_to_settle(uow.session, now, SETTLE_BATCH)
        names = await call_store.agent_names(
            uow.session, {(r["tenant"], r["agent_user"]) for r in rows if r["agent_user"]}
        )
        for row in rows:
            await uow.publish_about(
                [
                    CallCompletedV2(
                        **_call_fields(row),
                        part_of=row["part_of"],
                        handed_to_org=row["handed_to_org"],
                        agent_name=names.get((row["tenant"], row["agent_user"])),
                        connected=row["connected"],
                        abandoned=row["abandoned"],
                        started_at=row["started_at"],
                        answered_at=row["answered_at"],
                        ended_at=row["ended_at"],
                        wait_seconds=row["wait_seconds"],
                        talk_seconds=row["talk_seconds"],
                        hold_seconds=row["hold_seconds"],
                        disposition=row["system_disposition"],
                        callback_requested=row["callback_requested"],
                    )
                ],
                tenant=row["tenant"],
                owner_org=row["owner_org"],
                actor=SYSTEM_ACTOR,
            )
        await call_store.mark_completed(uow.session, [r["id"] for r in rows], now)
    return len(rows)


@dataclass(frozen=True)
class SignedWebhook:
    connector: str
    signature: str | None
    timestamp: str | None
    body: bytes


def webhook_schema() -> dict[str, Any]:
    """The JSON schema of a cloud contact center's call event (for the API documentation)."""
    return webhooks.CallWebhook.model_json_schema()


def verify_signature(settings: Settings, hook: SignedWebhook, *, now: datetime) -> None:
    """Refuses (``WebhookRefused``) a request not signed with the contact center's secret or
    older than the replay window."""
    secret = settings.cti_webhook_secret
    webhooks.verify(
        secret.get_secret_value().encode() if secret else None,
        signature=hook.signature,
        timestamp=hook.timestamp,
        body=hook.body,
        now=now,
        window_seconds=settings.cti_webhook_replay_window_seconds,
    )


async def accept_webhook(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    hook: SignedWebhook,
    redis: Redis,
    *,
    now: datetime,
) -> int:
    """A signed call event of a cloud contact center: refused (``WebhookRefused``) unless
    signed with the secret and fresh, ``InvalidInput`` naming the field when it is not a call
    event; else recorded like the PBX's events, and the agent it rings is announced for the
    screen pop. Returns how many CTI events it meant."""
    verify_signature(settings, hook, now=now)
    try:
        event = webhooks.CallWebhook.model_validate_json(hook.body)
        events = webhooks.translate(f"webhook:{hook.connector}", event)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "body"
        raise InvalidInput(field, first["msg"]) from None
    except webhooks.IncompleteWebhook as error:
        raise InvalidInput(error.field, str(error)) from None
    system = phone_system(settings)
    with acting_for([system.tenant]):
        ringing = await record_events(sessions, system, events, now=now)
    try:
        if ringing:
            await ringing_channel.announce(redis, ringing)
        await wallboard_channel.changed(redis, system.tenant)
    except RedisError:
        # The call is recorded; only the pop (the agent still sees the call ring) and a
        # wallboard refresh are lost.
        log.warning("screen pops and wallboards of %s not told: Redis unreachable", hook.connector)
    return len(events)
