from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

router = APIRouter(tags=["identity"])


@router.get("/.well-known/jwks.json", summary="Public keys that verify access tokens")
async def jwks(request: Request) -> dict[str, Any]:
    """Public by design: every service and OIDC client fetches it without a token."""
    document: dict[str, Any] = request.app.state.jwks
    return document
