"""A channel to another service's gRPC server that sends a bearer token with every call."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import grpc


class _BearerToken(grpc.aio.UnaryUnaryClientInterceptor):
    def __init__(self, token: str) -> None:
        self._token = token

    async def intercept_unary_unary(
        self,
        continuation: Callable[
            [grpc.aio.ClientCallDetails, Any], Awaitable[grpc.aio.UnaryUnaryCall[Any, Any]]
        ],
        client_call_details: grpc.aio.ClientCallDetails,
        request: Any,
    ) -> grpc.aio.UnaryUnaryCall[Any, Any]:
        metadata = grpc.aio.Metadata.from_tuple(tuple(client_call_details.metadata or ()))
        metadata.add("authorization", f"Bearer {self._token}")
        details = grpc.aio.ClientCallDetails(
            client_call_details.method,
            client_call_details.timeout,
            metadata,
            client_call_details.credentials,
            client_call_details.wait_for_ready,
        )
        return await continuation(details, request)


def bearer_channel(
    target: str, token: str | None, *, options: Sequence[tuple[str, Any]] = ()
) -> grpc.aio.Channel:
    """``target`` is ``host:port``; ``token`` is the caller's access token (None: send none);
    ``options``: gRPC channel arguments. Close the channel when done (``async with
    bearer_channel(...) as channel``)."""
    interceptors = [_BearerToken(token)] if token is not None else []
    return grpc.aio.insecure_channel(target, options=options, interceptors=interceptors)
