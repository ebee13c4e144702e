"""What the service desk's routes take besides the shared dependencies (database, cache, the
request's time): the business time zone, the caller's raw token (forwarded to leads'
directory), the ports bootstrap wired, and who may call what."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Cache, Database, Now
from crm_service_desk.application.ports import CustomerDirectory

__all__ = ["Cache", "Database", "Now"]
TicketReader = Annotated[Principal, requires("ticket.read")]
TicketWorker = Annotated[Principal, requires("ticket.manage")]
TicketManager = Annotated[Principal, requires("ticket.assign")]
Configurer = Annotated[Principal, requires("service.configure")]

FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"description": "The role lacks the function"}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such ticket the caller may see (or change)"}
}
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "The ticket's state does not allow it (the detail says why)"}
}


async def _timezone(request: Request) -> str:
    zone: str = request.app.state.settings.business_timezone
    return zone


async def _bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token if scheme.lower() == "bearer" and token else None


async def _directory(request: Request) -> CustomerDirectory:
    directory: CustomerDirectory = request.app.state.customer_directory
    return directory


BusinessTimezone = Annotated[str, Depends(_timezone)]
BearerToken = Annotated[str | None, Depends(_bearer_token)]
Directory = Annotated[CustomerDirectory, Depends(_directory)]
