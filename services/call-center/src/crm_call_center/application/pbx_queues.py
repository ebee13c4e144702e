"""The PBX's queues follow the CRM's: where the phone system is an Asterisk PBX, it routes its
own callers, so each queue's members (and, for a queue routing by skill, their penalties) are
pushed to it. What the PBX was last told is kept with the queue; after each (re)connection
everything is told again (the PBX may have restarted without its dynamic members)."""

from __future__ import annotations

import logging
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import queue_store
from crm_call_center.domain.distribution import Strategy, pbx_changes, pbx_penalty

log = logging.getLogger(__name__)


class QueueControl(Protocol):
    """The CTI port's control of the PBX's queue members."""

    def interface(self, extension: str) -> str: ...

    async def add_member(self, queue: str, interface: str, penalty: int, name: str) -> None: ...

    async def set_penalty(self, queue: str, interface: str, penalty: int) -> None: ...

    async def remove_member(self, queue: str, interface: str) -> None: ...


async def push_queue_members(
    sessions: async_sessionmaker[AsyncSession],
    tenant: str,
    control: QueueControl,
    *,
    tell_all: bool,
) -> int:
    """Tells the PBX what changed in each queue's members since it was last told (everything
    when ``tell_all``); returns how many queues were changed on the PBX."""
    async with sessions() as session:
        found = await queue_store.queues_for_pbx(session, tenant)
    changed = 0
    for queue in found:
        names: dict[str, str] = {}
        wanted: dict[str, int] = {}
        for user_id, extension, skills in queue.members:
            interface = control.interface(extension)
            names[interface] = user_id
            wanted[interface] = pbx_penalty(Strategy(queue.strategy), queue.skills, skills)
        changes = pbx_changes(wanted, {} if tell_all else queue.told)
        stale = queue.told.keys() - wanted.keys() if tell_all else changes.remove
        if not (changes.add or changes.penalize or stale):
            continue
        for interface, penalty in changes.add.items():
            await control.add_member(queue.pbx_queue, interface, penalty, names[interface])
        for interface, penalty in changes.penalize.items():
            await control.set_penalty(queue.pbx_queue, interface, penalty)
        for interface in sorted(stale):
            await control.remove_member(queue.pbx_queue, interface)
        async with sessions() as session, session.begin():
            await queue_store.told_pbx(session, queue.id, wanted)
        changed += 1
        log.info("PBX queue members pushed", extra={"queue": queue.pbx_queue})
    return changed
