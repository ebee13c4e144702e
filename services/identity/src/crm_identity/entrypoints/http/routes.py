from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status

from crm_common.auth import Principal
from crm_common.auth.http import CurrentPrincipal, requires
from crm_common.db import UnitOfWork
from crm_common.policy.sharing import SharingLevel
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import Page, Paging, page_of
from crm_common.settings import Settings
from crm_identity import views
from crm_identity.application import auth, directory, sharing
from crm_identity.application.errors import PasswordHashingBusy, TooManyLoginAttempts
from crm_identity.application.passwords import Passwords
from crm_identity.application.signing_keys import KeyRing
from crm_identity.domain.org_tree import OrgKind, PartnerType
from crm_identity.entrypoints.http.schemas import (
    MePublic,
    OrgNodeCreate,
    OrgNodeMove,
    RefreshRequest,
    SharingAgreementSet,
    TokenRequest,
    TokenResponse,
    UserCreate,
)
from crm_identity.views import OrgNodePublic, PartnerPublic, SharingAgreementPublic, UserPublic

router = APIRouter()


async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def _key_ring(request: Request) -> KeyRing:
    key_ring: KeyRing = request.app.state.key_ring
    return key_ring


async def _login_throttle(request: Request) -> auth.LoginThrottle:
    throttle: auth.LoginThrottle = request.app.state.login_throttle
    return throttle


async def _passwords(request: Request) -> Passwords:
    passwords: Passwords = request.app.state.passwords
    return passwords


AppSettings = Annotated[Settings, Depends(_settings)]
Keys = Annotated[KeyRing, Depends(_key_ring)]
Throttle = Annotated[auth.LoginThrottle, Depends(_login_throttle)]
PasswordHashing = Annotated[Passwords, Depends(_passwords)]
_401: dict[int | str, dict[str, Any]] = {401: {"description": "Invalid credentials or token"}}
_503: dict[int | str, dict[str, Any]] = {
    503: {
        "description": "More passwords wait to be checked than the service queues;"
        " Retry-After says when to try again"
    }
}


def _busy(exc: PasswordHashingBusy) -> HTTPException:
    return HTTPException(
        status.HTTP_503_SERVICE_UNAVAILABLE,
        detail=str(exc),
        headers={"Retry-After": str(exc.retry_after_seconds)},
    )


@router.get("/.well-known/jwks.json", tags=["oidc"], summary="Keys that verify access tokens")
async def jwks(key_ring: Keys, now: Now) -> dict[str, Any]:
    """Public by design: every service and OIDC client fetches it without a token. Lists the
    signing key, a successor about to sign, and retired keys whose tokens are still valid."""
    return await key_ring.jwks(now)


@router.get("/.well-known/openid-configuration", tags=["oidc"], summary="OIDC discovery")
async def openid_configuration(settings: AppSettings) -> dict[str, Any]:
    """Endpoints named from the configured public URL (CRM_PUBLIC_URL), never from the
    request's Host header, which a client chooses."""
    base = settings.public_base_url
    return {
        "issuer": settings.jwt_issuer,
        "jwks_uri": f"{base}/.well-known/jwks.json",
        "token_endpoint": f"{base}/auth/token",
        "id_token_signing_alg_values_supported": ["RS256"],
        "grant_types_supported": ["password", "refresh_token"],
        "claims_supported": ["sub", "tenant", "org", "roles", "data_scope"],
    }


@router.post(
    "/auth/token",
    tags=["auth"],
    response_model=TokenResponse,
    responses={
        **_401,
        429: {
            "description": "Too many attempts from this address (for this username, or at all);"
            " Retry-After says when to try again"
        },
        **_503,
    },
)
async def log_in(
    body: TokenRequest,
    request: Request,
    db: Database,
    settings: AppSettings,
    key_ring: Keys,
    throttle: Throttle,
    passwords: PasswordHashing,
    now: Now,
) -> TokenResponse:
    """Password login: a 15-minute access token and a rotating refresh token.

    Five failures for a username from one client address lock that address out of it for 15
    minutes (other addresses, the owner's, still log in); 30 attempts a minute per address;
    a username failing from many addresses answers ever slower (up to 5 s). When more logins
    wait for their password check than the service queues, 503 (no failed attempt)."""
    client = request.client.host if request.client else "unknown"
    try:
        pair = await auth.login(
            db,
            throttle,
            passwords,
            body.username,
            body.password,
            client,
            settings,
            await key_ring.signer(now),
            now,
        )
    except TooManyLoginAttempts as exc:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            detail=str(exc),
            headers={"Retry-After": str(exc.retry_after_seconds)},
        ) from exc
    except PasswordHashingBusy as exc:
        raise _busy(exc) from exc
    return TokenResponse(
        access_token=pair.access_token, refresh_token=pair.refresh_token, expires_in=pair.expires_in
    )


@router.post("/auth/refresh", tags=["auth"], response_model=TokenResponse, responses=_401)
async def refresh_tokens(
    body: RefreshRequest, db: Database, settings: AppSettings, key_ring: Keys, now: Now
) -> TokenResponse:
    """Each refresh token works once; reusing one revokes every token of that login."""
    pair = await auth.refresh(
        UnitOfWork(db), body.refresh_token, settings, await key_ring.signer(now), now
    )
    return TokenResponse(
        access_token=pair.access_token, refresh_token=pair.refresh_token, expires_in=pair.expires_in
    )


@router.post("/auth/logout", tags=["auth"], status_code=status.HTTP_204_NO_CONTENT)
async def log_out(
    body: RefreshRequest, principal: CurrentPrincipal, db: Database, now: Now
) -> Response:
    await auth.logout(UnitOfWork(db), body.refresh_token, now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", tags=["auth"], response_model=MePublic, responses=_401)
async def me(principal: CurrentPrincipal) -> MePublic:
    return MePublic(
        user_id=principal.user_id,
        tenant=principal.tenant,
        org_node=principal.org_node,
        roles=sorted(principal.roles),
        data_scope=principal.data_scope.value,
    )


@router.get("/orgs", tags=["org tree"], response_model=list[OrgNodePublic])
async def list_org_nodes(
    principal: CurrentPrincipal,
    db: Database,
    page: Annotated[Paging, page_of(default=2000, most=5000)],
) -> list[OrgNodePublic]:
    """The tree of the tenant for tenant-wide roles; the caller's own subtree and the nodes
    above it otherwise (their names: whose rules and articles reach the caller). Each node
    after its parent, a page at a time (a page holds a whole tree of a few regions and their
    dealers: the portal draws the first)."""
    return await views.org_nodes_for(db, principal, limit=page.limit, offset=page.offset)


@router.get(
    "/partners",
    tags=["org tree"],
    response_model=list[PartnerPublic],
    responses={403: {"description": "The caller lacks the ticket.manage function"}},
)
async def list_partners(
    principal: Annotated[Principal, requires("ticket.manage")],
    db: Database,
    page: Page,
    partner_type: PartnerType | None = None,
) -> list[PartnerPublic]:
    """The tenant's active partner orgs (repair and service shops, parts makers, finance and
    insurance), by name, a page at a time: whom the caller's book may send a repair job or
    file a parts claim with, wherever the partner hangs in the tree."""
    return await views.partners_for(
        db, principal, partner_type=partner_type, limit=page.limit, offset=page.offset
    )


@router.post(
    "/orgs",
    tags=["org tree"],
    status_code=status.HTTP_201_CREATED,
    response_model=OrgNodePublic,
    responses={403: {"description": "Not an HQ admin"}, 409: {"description": "Id taken"}},
)
async def add_org_node(
    body: OrgNodeCreate, principal: Annotated[Principal, requires("org.manage")], db: Database
) -> OrgNodePublic:
    path = await directory.add_org_node(
        UnitOfWork(db),
        principal,
        directory.AddOrgNode(body.id, body.parent_id, body.kind, body.name, body.partner_type),
    )
    return OrgNodePublic(**body.model_dump(), path=path, active=True)


@router.post(
    "/orgs/{org_id}/move",
    tags=["org tree"],
    response_model=OrgNodePublic,
    responses={
        403: {"description": "Not an HQ admin"},
        404: {"description": "No such node or parent"},
        422: {"description": "The parent is not one the node's kind hangs under, or below it"},
    },
)
async def move_org_node(
    org_id: str,
    body: OrgNodeMove,
    principal: Annotated[Principal, requires("org.manage")],
    db: Database,
) -> OrgNodePublic:
    """HQ admins move a node with everything below it (a dealer to another region): each moved
    node's ``OrgChanged`` is published (a dealer's deployment receives its own and what the
    nodes now above it configure), and the move is recorded (who, from where, to where)."""
    node = await directory.move_org_node(
        UnitOfWork(db), principal, directory.MoveOrgNode(org_id, body.parent_id)
    )
    return OrgNodePublic(
        id=node.id,
        parent_id=node.parent_id,
        kind=OrgKind(node.kind),
        name=node.name,
        partner_type=PartnerType(node.partner_type) if node.partner_type else None,
        path=node.path,
        active=node.active,
    )


@router.get(
    "/users",
    tags=["users"],
    response_model=list[UserPublic],
    responses={403: {"description": "The caller lacks the user.read function"}},
)
async def list_users(
    principal: Annotated[Principal, requires("user.read")],
    db: Database,
    page: Annotated[Paging, page_of(default=100, most=500)],
) -> list[UserPublic]:
    """The users of the caller's scope (admins and managers: the user.read function), by
    username, a page at a time."""
    return await views.users_for(db, principal, limit=page.limit, offset=page.offset)


@router.post(
    "/users",
    tags=["users"],
    status_code=status.HTTP_201_CREATED,
    response_model=UserPublic,
    responses={
        403: {"description": "Role not grantable by the caller"},
        404: {"description": "Org node not visible to the caller"},
        409: {"description": "Username taken"},
        **_503,
    },
)
async def add_user(
    body: UserCreate,
    principal: Annotated[Principal, requires("user.manage")],
    db: Database,
    passwords: PasswordHashing,
) -> UserPublic:
    """HQ admins add users anywhere in the tenant; a dealer admin only to the own dealer."""
    roles = frozenset(body.roles)
    try:
        user_id = await directory.add_user(
            UnitOfWork(db),
            passwords,
            principal,
            directory.AddUser(
                body.username, body.display_name, body.password, body.org_node, roles
            ),
        )
    except PasswordHashingBusy as exc:
        raise _busy(exc) from exc
    return UserPublic(
        id=user_id,
        username=body.username,
        display_name=body.display_name,
        org_node=body.org_node,
        roles=sorted(roles),
        active=True,
    )


@router.post(
    "/users/{user_id}/deactivate",
    tags=["users"],
    status_code=status.HTTP_204_NO_CONTENT,
    responses={
        404: {"description": "No such user visible to the caller"},
        409: {
            "description": "The caller's own account, or the last active holder of an admin"
            " role of its org node"
        },
    },
)
async def deactivate_user(
    user_id: UUID, principal: Annotated[Principal, requires("user.manage")], db: Database
) -> Response:
    """The user can no longer log in; publishes ``identity.UserChanged`` (deactivated)."""
    await directory.deactivate_user(UnitOfWork(db), principal, user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/sharing", tags=["sharing"], response_model=list[SharingAgreementPublic])
async def list_sharing_agreements(
    principal: CurrentPrincipal,
    db: Database,
    page: Page,
) -> list[SharingAgreementPublic]:
    """Agreements that differ from the defaults, as far as they concern the caller's org, a
    page at a time."""
    return await views.sharing_agreements_for(db, principal, limit=page.limit, offset=page.offset)


@router.put(
    "/sharing",
    tags=["sharing"],
    status_code=status.HTTP_204_NO_CONTENT,
    responses={403: {"description": "Only the providing party sets how much it shares"}},
)
async def set_sharing_agreement(
    body: SharingAgreementSet,
    principal: Annotated[Principal, requires("sharing.manage")],
    db: Database,
) -> Response:
    """Publishes ``identity.SharingPolicyChanged``; every service applies it to its queries."""
    await sharing.set_agreement(
        UnitOfWork(db),
        principal,
        sharing.SetAgreement(
            body.data_type,
            body.direction,
            body.dealer_id,
            body.partner_id,
            SharingLevel.parse(body.level),
        ),
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
