"""Leads' customer directory over gRPC, asked with the agent's own token: what leads lets
that agent see of the caller (scoped and masked by leads' policy)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass

import grpc

from crm_common.contracts.proto.leads.v1 import customer_directory_pb2 as directory
from crm_common.contracts.proto.leads.v1 import customer_directory_pb2_grpc as directory_grpc
from crm_common.grpc import bearer_channel

log = logging.getLogger(__name__)

LOOKUP_TIMEOUT_SECONDS = 2.0
CONNECT_TIMEOUT_SECONDS = 2.0
# The channel stays connected while the agent's stream is open, however long no call rings
# (gRPC's default drops an idle one after 30 minutes).
_CHANNEL_OPTIONS = [("grpc.client_idle_timeout_ms", 2**31 - 1)]


@dataclass(frozen=True)
class Caller:
    found: bool
    looked_up: bool = True
    """False: leads did not answer in time (down or overloaded) — who calls is not known, which
    is not the same as an unknown caller."""
    customer_id: str = ""
    lead_id: str = ""
    customer_name: str = ""
    phone: str = ""
    owner_org: str = ""
    owner_user: str = ""
    owner_name: str = ""
    status: str = ""
    grade: str = ""


class DirectoryRefused(Exception):
    """Leads refused the agent's token (expired: the console reconnects with a fresh one)."""


class CustomerDirectory:
    """One channel per push stream: the agent's token rides on every call of it."""

    def __init__(self, target: str, token: str) -> None:
        self._channel = bearer_channel(target, token, options=_CHANNEL_OPTIONS)
        self._stub = directory_grpc.CustomerDirectoryStub(self._channel)

    async def connect(self) -> None:
        """Connects to leads now, before any call rings: the stream's first pop would otherwise
        wait for the TCP and HTTP/2 handshakes too. Leads unreachable now is no error: the
        first lookup connects again, or fails."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._channel.channel_ready(), CONNECT_TIMEOUT_SECONDS)

    async def lookup(self, phone: str) -> Caller:
        try:
            answer = await self._stub.LookupByPhone(
                directory.LookupByPhoneRequest(phone=phone), timeout=LOOKUP_TIMEOUT_SECONDS
            )
        except grpc.aio.AioRpcError as error:
            if error.code() in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED):
                raise DirectoryRefused(error.details() or "refused") from None
            if error.code() is grpc.StatusCode.INVALID_ARGUMENT:
                return Caller(found=False)
            if error.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
                # The call still rings: the agent gets the number now rather than no pop and a
                # broken stream because leads is down.
                log.warning("customer directory not answering: %s", error.code().name)
                return Caller(found=False, looked_up=False)
            raise
        return Caller(
            found=answer.found,
            customer_id=answer.customer_id,
            lead_id=answer.lead_id,
            customer_name=answer.customer_name,
            phone=answer.phone,
            owner_org=answer.owner_org,
            owner_user=answer.owner_user,
            owner_name=answer.owner_name,
            status=answer.status,
            grade=answer.grade,
        )

    async def close(self) -> None:
        await self._channel.close()
