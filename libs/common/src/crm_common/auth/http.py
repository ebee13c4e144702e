"""FastAPI dependency: every endpoint that takes ``CurrentPrincipal`` requires a valid token."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from crm_common.auth.principal import Principal
from crm_common.auth.tokens import InvalidToken, JwksVerifier
from crm_common.db.tenancy import act_for_tenant
from crm_common.policy.roles import has_function

_bearer = HTTPBearer(auto_error=False, description="RS256 access token issued by identity")


async def authenticate(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="missing bearer token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    verifier: JwksVerifier = request.app.state.token_verifier
    try:
        principal = await verifier.verify(credentials.credentials)
    except InvalidToken as exc:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail=f"invalid token: {exc}",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        ) from exc
    # The request's transactions see the caller's tenant only (row-level security).
    act_for_tenant(principal.tenant)
    return principal


CurrentPrincipal = Annotated[Principal, Depends(authenticate)]


def requires(function: str) -> Any:
    """Dependency: the caller's roles must carry ``function`` (403 otherwise)."""

    async def check(principal: CurrentPrincipal) -> Principal:
        if not has_function(principal.roles, function):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, detail=f"this needs the {function} function"
            )
        return principal

    return Depends(check)
