"""What the service desk needs from the outside world, as the application sees it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID


@dataclass(frozen=True, slots=True)
class CustomerMatch:
    """The customer file of leads that a phone number belongs to, as the caller may see it."""

    customer_id: UUID
    lead_id: UUID | None
    name: str
    """Masked (``王*``) when the caller may not see it in full."""
    owner_org: str

    @property
    def name_in_full(self) -> bool:
        return "*" not in self.name


class CustomerDirectory(Protocol):
    """Leads' customer directory, asked with the caller's own token (scoped like leads' API)."""

    async def lookup_by_phone(self, phone: str, token: str | None) -> CustomerMatch | None: ...


class CustomerDirectoryUnavailable(Exception):
    """Leads could not be asked (answered 503: the ticket is not opened half-informed)."""


class Notifier(Protocol):
    """Delivers messages to customers. ``reference`` is the message's idempotency key: a
    provider that sees it twice (a resend after a crash) may drop the second."""

    async def send_sms(self, to: str, text: str, reference: str) -> None: ...

    async def send_email(self, to: str, subject: str, text: str, reference: str) -> None: ...


class NotDelivered(Exception):
    """The provider refused or could not be reached: the message is tried again later."""
