"""Leads' gRPC customer directory (``crm.leads.v1.CustomerDirectory``) as the service desk's
``CustomerDirectory`` port: the caller's token travels with the call, so leads scopes and
masks the answer for the caller. One channel for the api process's life (the token is each
call's metadata): a connection per lookup cost a handshake each time, and on a loaded machine
quick entry ran out of its deadline (503)."""

from __future__ import annotations

from uuid import UUID

import grpc

from crm_common.contracts.proto.leads.v1 import customer_directory_pb2 as directory
from crm_common.contracts.proto.leads.v1 import customer_directory_pb2_grpc as directory_grpc
from crm_service_desk.application.ports import CustomerDirectoryUnavailable, CustomerMatch

LOOKUP_TIMEOUT_SECONDS = 2.0
# Not a phone number, or a caller leads tells nothing: the ticket goes on without a match.
_NO_ANSWER = (
    grpc.StatusCode.INVALID_ARGUMENT,
    grpc.StatusCode.NOT_FOUND,
    grpc.StatusCode.PERMISSION_DENIED,
    grpc.StatusCode.UNAUTHENTICATED,
)


class GrpcCustomerDirectory:
    def __init__(self, target: str) -> None:
        self._channel = grpc.aio.insecure_channel(target)
        self._stub = directory_grpc.CustomerDirectoryStub(self._channel)

    async def lookup_by_phone(self, phone: str, token: str | None) -> CustomerMatch | None:
        metadata = () if token is None else (("authorization", f"Bearer {token}"),)
        try:
            answer = await self._stub.LookupByPhone(
                directory.LookupByPhoneRequest(phone=phone),
                timeout=LOOKUP_TIMEOUT_SECONDS,
                metadata=metadata,
            )
        except grpc.aio.AioRpcError as error:
            if error.code() in _NO_ANSWER:
                return None
            raise CustomerDirectoryUnavailable(
                f"leads' customer directory: {error.code().name}"
            ) from error
        if not answer.found or not answer.customer_id:
            return None
        return CustomerMatch(
            customer_id=UUID(answer.customer_id),
            lead_id=UUID(answer.lead_id) if answer.lead_id else None,
            name=answer.customer_name,
            owner_org=answer.owner_org,
        )

    async def close(self) -> None:
        await self._channel.close()
