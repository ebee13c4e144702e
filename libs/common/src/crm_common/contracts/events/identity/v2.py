"""Events published by services/identity, version 2: the contracts that changed since version 1
(which stays, so consumers keep reading the version 1 events already on the topics). Changing
one means a new version, not an edit."""

from __future__ import annotations

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from crm_common.contracts.envelope import EventData
from crm_common.contracts.events.identity.v1 import USER_TOPIC


class UserChangedV2(EventData):
    """A user was added, changed or deactivated; leads reassign a deactivated user's records.
    ``identity.UserChanged`` version 2 names the dealer the user works for, and the user's
    username and display name: a dealer that runs its own deployment creates its users there,
    and they go up to HQ as this event (HQ takes in what a dealer says about its own people
    only, and needs their names to show them). Named apart from version 1's class."""

    event_type: ClassVar[str] = "identity.UserChanged"
    event_version: ClassVar[int] = 2
    topic: ClassVar[str] = USER_TOPIC

    user_id: UUID
    org_id: str
    dealer_id: str | None = Field(
        description="The dealer the user's org node belongs to; none above dealers"
    )
    username: str
    display_name: str
    roles: list[str]
    active: bool
    change: Literal["created", "updated", "deactivated"]

    def aggregate_key(self) -> str:
        return str(self.user_id)


ALL = (UserChangedV2,)
