"""gRPC entrypoint of leads: the customer directory other services ask synchronously."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import grpc
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts.proto.leads.v1 import customer_directory_pb2 as directory
from crm_common.contracts.proto.leads.v1 import customer_directory_pb2_grpc as directory_grpc
from crm_common.grpc import current_principal, serve_grpc
from crm_common.settings import Settings
from crm_leads.application.customer_directory import owner_of_phone
from crm_leads.domain.lead import InvalidPhoneNumber

# Any one of the functions opens the method: the lead's people, agents who phone customers,
# and the service desk opening a ticket for a customer (answered as the caller may see it).
FUNCTIONS = {
    "/crm.leads.v1.CustomerDirectory/LookupByPhone": ("lead.read", "call.make", "ticket.manage"),
}


class CustomerDirectory(directory_grpc.CustomerDirectoryServicer):
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def LookupByPhone(  # noqa: N802 (the name the contract gives the method)
        self,
        request: directory.LookupByPhoneRequest,
        context: grpc.aio.ServicerContext[
            directory.LookupByPhoneRequest, directory.LookupByPhoneResponse
        ],
    ) -> directory.LookupByPhoneResponse:
        try:
            owner = await owner_of_phone(self._sessions, current_principal(), request.phone)
        except InvalidPhoneNumber as exc:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"phone: {exc}")
        if owner is None:
            return directory.LookupByPhoneResponse(found=False)
        return directory.LookupByPhoneResponse(
            found=True,
            customer_id=str(owner.customer_id or ""),
            lead_id=str(owner.lead_id or ""),
            customer_name=owner.customer_name,
            phone=owner.phone,
            owner_org=owner.owner_org,
            owner_user=owner.owner_user or "",
            owner_name=owner.owner_name or "",
            status=owner.status,
            grade=owner.grade or "",
        )


def _register(server: grpc.aio.Server, sessions: async_sessionmaker[AsyncSession]) -> None:
    directory_grpc.add_CustomerDirectoryServicer_to_server(CustomerDirectory(sessions), server)


def grpc_server(
    settings: Settings, *, default_port: int
) -> Callable[[FastAPI], AbstractAsyncContextManager[int]]:
    """The leads gRPC server, for ``create_http_app(servers=...)``."""
    return serve_grpc(settings, default_port=default_port, functions=FUNCTIONS, register=_register)
