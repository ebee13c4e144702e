"""Bearer tokens on gRPC: every call is verified like an HTTP request (``auth/http.py``), with the
same ``JwksVerifier``, and must carry one of the functions its method needs. Failures are
answered like the HTTP app answers them: no internals reach the caller."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Collection, Mapping
from contextvars import ContextVar
from typing import Any

import grpc
from sqlalchemy.exc import InterfaceError, OperationalError

from crm_common.auth.principal import Principal
from crm_common.auth.tokens import InvalidToken, JwksVerifier
from crm_common.db.tenancy import acting_for
from crm_common.policy.roles import has_function

log = logging.getLogger(__name__)

_caller: ContextVar[Principal] = ContextVar("grpc_caller")


def current_principal() -> Principal:
    """The verified caller of the call being served (inside a method ``BearerAuth`` guards)."""
    return _caller.get()


class BearerAuth(grpc.aio.ServerInterceptor):
    """Reads ``authorization: Bearer <jwt>``: UNAUTHENTICATED when missing or invalid,
    PERMISSION_DENIED when the caller's roles carry none of the method's functions;
    UNAVAILABLE when the database is, INTERNAL (without details) when the method fails.

    ``functions`` maps full method names (``/crm.leads.v1.CustomerDirectory/LookupByPhone``) to
    the functions any one of which opens it; a method missing there is closed to everyone.
    """

    def __init__(self, verifier: JwksVerifier, functions: Mapping[str, Collection[str]]) -> None:
        self._verifier = verifier
        self._functions = functions

    async def intercept_service(
        self,
        continuation: Callable[
            [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any] | None]
        ],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any] | None:
        handler = await continuation(handler_call_details)
        if handler is None:
            return None
        if handler.unary_unary is None:
            # Fail closed: only unary methods are wrapped, so no other kind runs unauthenticated.
            raise NotImplementedError("BearerAuth guards unary-unary methods only")
        behaviour: Callable[..., Any] = handler.unary_unary
        method = handler_call_details.method
        needed = self._functions.get(method, ())

        # The check runs in the call's own task, so the principal set here is the one the
        # method reads (a context variable set in intercept_service itself may not reach it).
        async def guarded(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            principal = await self._authenticate(context)
            if not any(has_function(principal.roles, function) for function in needed):
                await context.abort(
                    grpc.StatusCode.PERMISSION_DENIED,
                    f"this needs one of the functions {', '.join(sorted(needed)) or '(none)'}",
                )
            token = _caller.set(principal)
            try:
                with acting_for([principal.tenant]):
                    response = behaviour(request, context)
                    return await response if inspect.isawaitable(response) else response
            except grpc.aio.AbortError:
                raise
            except (OperationalError, InterfaceError):
                # Nothing was written (the transaction rolled back): the caller may retry.
                await context.abort(grpc.StatusCode.UNAVAILABLE, "database unavailable, retry")
            except Exception:
                log.exception("grpc call failed", extra={"method": method})
                await context.abort(grpc.StatusCode.INTERNAL, "internal error")
            finally:
                _caller.reset(token)

        return grpc.unary_unary_rpc_method_handler(
            guarded,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )

    async def _authenticate(self, context: grpc.aio.ServicerContext[Any, Any]) -> Principal:
        credentials = dict(context.invocation_metadata() or ()).get("authorization", "")
        scheme, _, token = str(credentials).partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, "missing bearer token")
        try:
            return await self._verifier.verify(token.strip())
        except InvalidToken as exc:
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, f"invalid token: {exc}")
