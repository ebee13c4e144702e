"""Events published by services/call-center, version 2: the contracts that changed since
version 1 (which stays, so consumers keep reading the version 1 events already on the topics
and those of a call-center release before the change). Changing one means a new version, not
an edit."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

from pydantic import Field

from crm_common.contracts.events.call_center.v1 import CallCompleted


class CallCompletedV2(CallCompleted):
    """The phone system's record of a finished call, as it settled (as version 1).
    ``call_center.CallCompleted`` version 2 says how a call handed from the brand hotline to a
    dealer's consultant hangs together: the consultant's part names the hotline's call it is
    part of (``part_of``), and the hotline's call names the dealer it was handed to
    (``handed_to_org``), so a reader shows one call with its parts, not two calls (version 1
    could not tell them apart). It also names the agent as the call center knows them
    (``agent_name``): a dealer's reader may not read HQ's users. Named apart from version 1's
    class, as ``TicketOpenedV2``; a consumer reading version 1 reads these fields' absence."""

    event_version: ClassVar[int] = 2

    part_of: UUID | None = Field(
        description="The hotline's call this is the part of that a dealer's consultant took "
        "(transferred to them); None for a call of its own"
    )
    handed_to_org: str | None = Field(
        description="The dealer the call was handed to (its part is a call of that dealer's "
        "with part_of naming this one); None when it was not"
    )
    agent_name: str | None = Field(
        description="The agent's name as the call center knows its agents and the dealers' "
        "consultants who take calls; None when it knows none",
        max_length=200,
    )


ALL = (CallCompletedV2,)
