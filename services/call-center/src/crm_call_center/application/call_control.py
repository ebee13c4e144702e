"""The agent's call controls through the CTI port: transfer (to an agent, a dealer's
consultant or a queue; cold or warm) and hang up, acting on the agent's own leg of the call.

Only a phone system the CRM can command does them: the Asterisk PBX over AMI. A cloud contact
center's calls (signed webhooks) are controlled in its own softphone — asked here, the answer
says so (``ControlNotSupported``). Answering is never done from the CRM: AMI cannot pick up a
SIP phone's handset (the agent answers on the phone; the PBX then reports the call connected).

The transfer itself is recorded on the call when the PBX reports it (``BlindTransfer`` /
``AttendedTransfer``), like every other fact of the call record.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol
from uuid import UUID

from crm_call_center.adapters import call_store, queue_store, task_store
from crm_call_center.application.calls import CallNotFound
from crm_call_center.domain.cti import live_leg_of, whole_call_key
from crm_common.auth import Principal
from crm_common.db import UnitOfWork


class CallControl(Protocol):
    """The CTI port's actions on a live call (the PBX's channel names)."""

    source: str
    """The phone system whose calls it commands."""

    async def transfer(self, channel: str, extension: str, *, attended: bool) -> None: ...

    async def hang_up(self, channel: str) -> None: ...


class ControlNotSupported(Exception):
    """The call's phone system takes no commands from the CRM (answered 501)."""


class NotOnTheCall(Exception):
    """The caller has no live leg on the call: it ended, or they are not on it (answered
    409)."""


class TransferTargetNotFound(LookupError):
    """No agent or queue of that name in the tenant (answered 404)."""


class ControlUnavailable(Exception):
    """The phone system could not be reached (answered 503)."""


class TargetKind(StrEnum):
    AGENT = "agent"
    """An agent or a dealer's consultant with an extension in the call center."""
    QUEUE = "queue"


@dataclass(frozen=True, slots=True)
class TransferCall:
    kind: TargetKind
    target: str
    """The user id of the agent or consultant, or the queue's id."""
    attended: bool
    """Warm: the agent talks to the target first; cold: the caller goes straight there."""


async def _my_leg(
    uow: UnitOfWork, actor: Principal, call_id: UUID, control: CallControl | None
) -> tuple[str, CallControl]:
    call = await call_store.call_for_change(uow.session, actor, call_id)
    if call is None:
        raise CallNotFound(f"call {call_id} not found")
    if control is None or call["source"] != control.source:
        raise ControlNotSupported(
            "this call's phone system takes no commands from the CRM: use its own softphone"
        )
    extension = await task_store.extension_of(uow.session, actor.tenant, actor.user_id)
    # A dealer's handed part is controlled on the whole call's legs, where the consultant's is.
    key = (call["source"], whole_call_key(call["call_key"]))
    events = (await call_store.events_of(uow.session, call["tenant"], [key])).get(key, [])
    leg = live_leg_of(events, extension) if extension else None
    if leg is None:
        raise NotOnTheCall("you are not on this call (any more)")
    return leg, control


async def _target_extension(uow: UnitOfWork, tenant: str, command: TransferCall) -> str:
    if command.kind is TargetKind.QUEUE:
        try:
            queue_id = UUID(command.target)
        except ValueError:
            raise TransferTargetNotFound(f"no queue {command.target}") from None
        found = await queue_store.pbx_name_of(uow.session, queue_id)
    else:
        found = await task_store.extension_of(uow.session, tenant, command.target)
    if found is None:
        raise TransferTargetNotFound(f"no {command.kind.value} {command.target}")
    return found


async def transfer_call(
    uow: UnitOfWork,
    actor: Principal,
    call_id: UUID,
    command: TransferCall,
    control: CallControl | None,
) -> None:
    """The agent on the call passes the caller on; a queue is reached by its name on the PBX
    (its dialplan extension)."""
    async with uow:
        leg, pbx = await _my_leg(uow, actor, call_id, control)
        extension = await _target_extension(uow, actor.tenant, command)
    await _reaching(pbx.transfer(leg, extension, attended=command.attended))


async def hang_up_call(
    uow: UnitOfWork, actor: Principal, call_id: UUID, control: CallControl | None
) -> None:
    """The agent ends their leg of the call from the console."""
    async with uow:
        leg, pbx = await _my_leg(uow, actor, call_id, control)
    await _reaching(pbx.hang_up(leg))


async def _reaching(action: Awaitable[None]) -> None:
    """The action, or ``ControlUnavailable`` when the phone system cannot be reached (a
    refusal of the PBX itself is its adapter's error, answered 409 with its reason)."""
    try:
        await action
    except (OSError, ConnectionError, TimeoutError) as error:
        raise ControlUnavailable(f"the phone system did not take the action: {error}") from None
