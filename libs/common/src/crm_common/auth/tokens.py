"""Access tokens: the claims we issue and read, signing (identity only) and verification."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from crm_common.auth.principal import DataScope, Principal
from crm_common.clock import Clock, epoch_seconds, utc_now

ALGORITHM = "RS256"
# OIDC-style claim names, so an external identity provider can issue the same tokens.
CLAIM_TENANT = "tenant"
CLAIM_ORG = "org"
CLAIM_ROLES = "roles"
CLAIM_SCOPE = "data_scope"


class InvalidToken(Exception):
    """The token is missing, malformed, expired, or not signed by a trusted key."""


def generate_private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@functools.lru_cache(maxsize=16)
def _private_key(private_key_pem: str) -> rsa.RSAPrivateKey:
    # Loading checks the whole RSA key (~30 ms); a signer holds a handful of keys (rotation),
    # so each is loaded once per process, not three times per token.
    private = serialization.load_pem_private_key(private_key_pem.encode(), None)
    if not isinstance(private, rsa.RSAPrivateKey):
        raise ValueError("signing keys must be RSA")
    return private


def _public_jwk(private_key_pem: str) -> dict[str, Any]:
    return RSAAlgorithm.to_jwk(_private_key(private_key_pem).public_key(), as_dict=True)


@functools.lru_cache(maxsize=16)
def key_id(private_key_pem: str) -> str:
    """A stable id for a key: the RFC 7638 thumbprint of its public part."""
    jwk = _public_jwk(private_key_pem)
    canonical = {k: jwk[k] for k in ("e", "kty", "n")}
    digest = hashlib.sha256(json.dumps(canonical, separators=(",", ":"), sort_keys=True).encode())
    return jwt.utils.base64url_encode(digest.digest()).decode()


def jwks_document(private_key_pems: list[str]) -> dict[str, Any]:
    keys = []
    for pem in private_key_pems:
        jwk = _public_jwk(pem)
        jwk.update({"kid": key_id(pem), "use": "sig", "alg": ALGORITHM})
        keys.append(jwk)
    return {"keys": keys}


def sign_access_token(
    private_key_pem: str,
    principal: Principal,
    *,
    issuer: str,
    audience: str,
    ttl_seconds: int = 900,
    now: float | None = None,
) -> str:
    issued = int(now if now is not None else utc_now().timestamp())
    claims = {
        "iss": issuer,
        "aud": audience,
        "sub": principal.user_id,
        "iat": issued,
        "nbf": issued,
        "exp": issued + ttl_seconds,
        "jti": str(uuid4()),
        CLAIM_TENANT: principal.tenant,
        CLAIM_ORG: principal.org_node,
        CLAIM_ROLES: sorted(principal.roles),
        CLAIM_SCOPE: principal.data_scope.value,
    }
    return jwt.encode(
        claims,
        _private_key(private_key_pem),
        algorithm=ALGORITHM,
        headers={"kid": key_id(private_key_pem)},
    )


@dataclass(frozen=True, slots=True)
class _Verified:
    principal: Principal
    kid: str
    key: Any
    """The key object that verified the token: a refetch of the keys makes new ones."""
    valid_until: float
    """Epoch seconds: the token's ``exp`` or its maximum age, whichever comes first."""


_VERIFIED_TOKENS_KEPT = 10_000
"""Tokens whose principal an api keeps (a few hundred bytes each): more than the users active
within a token's lifetime; past it the expired, then the oldest, are dropped."""


class JwksVerifier:
    """Verifies access tokens against the keys the issuer publishes at its JWKS URL.

    Keys are cached for ``cache_seconds``, then fetched again, so a key the issuer retired (or
    withdrew after a compromise) stops being trusted within that time. An unknown ``kid``
    triggers one refetch (key rotation), at most every ``min_refresh_seconds`` so a flood of
    forged kids cannot hammer the issuer. While the issuer is unreachable the cached keys stay
    in use up to ``max_stale_seconds`` after they were fetched, then every token is refused.
    A token issued more than ``max_token_age_seconds`` ago is refused whatever its ``exp``
    says (an external issuer may hand out long-lived tokens). A token's age and how long its
    principal is kept are judged by ``wall_clock`` (PyJWT checks ``exp`` and ``nbf`` against
    the real time); the key cache is timed by the monotonic ``clock``.

    A token is verified once: its principal is kept, keyed by the whole token (signature
    included), until the token runs out, and only while the key that verified it is still the
    one the issuer publishes under its ``kid`` (a refetch of the keys verifies it again). It
    is what the token itself says, the same for every request that carries it; what a caller
    may see is still decided per request by the policy.
    """

    def __init__(
        self,
        jwks_url: str,
        *,
        issuer: str,
        audience: str,
        min_refresh_seconds: float = 10.0,
        leeway_seconds: int = 30,
        cache_seconds: float = 300.0,
        max_stale_seconds: float = 3600.0,
        max_token_age_seconds: int = 3600,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Clock = utc_now,
    ) -> None:
        self._jwks_url = jwks_url
        self._issuer = issuer
        self._audience = audience
        self._min_refresh = min_refresh_seconds
        self._leeway = leeway_seconds
        self._cache_seconds = cache_seconds
        self._max_stale = max_stale_seconds
        self._max_token_age = max_token_age_seconds
        self._keys: dict[str, Any] = {}
        self._keys_fetched_at = float("-inf")
        self._tried_at = float("-inf")
        self._lock = asyncio.Lock()
        self._clock = clock
        self._now = epoch_seconds(wall_clock)
        self._verified: dict[str, _Verified] = {}

    async def verify(self, token: str) -> Principal:
        known = self._verified.get(token)
        if known is not None:
            if self._now() < known.valid_until and await self._key(known.kid) is known.key:
                return known.principal
            self._verified.pop(token, None)
        principal, verified = await self._verify(token)
        if len(self._verified) >= _VERIFIED_TOKENS_KEPT:
            self._forget_expired()
        self._verified[token] = verified
        return principal

    def _forget_expired(self) -> None:
        now = self._now()
        for token in [t for t, v in self._verified.items() if v.valid_until <= now]:
            del self._verified[token]
        while len(self._verified) >= _VERIFIED_TOKENS_KEPT:
            del self._verified[next(iter(self._verified))]  # the oldest entry

    async def _verify(self, token: str) -> tuple[Principal, _Verified]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken("malformed token") from exc
        if header.get("alg") != ALGORITHM:
            raise InvalidToken("unsupported signing algorithm")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise InvalidToken("token has no key id")
        key = await self._key(kid)
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        if self._now() - claims["iat"] > self._max_token_age + self._leeway:
            raise InvalidToken(f"token issued more than {self._max_token_age} seconds ago")
        principal = principal_from_claims(claims)
        valid_until = min(
            claims["exp"] + self._leeway, claims["iat"] + self._max_token_age + self._leeway
        )
        return principal, _Verified(principal, kid, key, valid_until)

    async def _key(self, kid: str) -> Any:
        now = self._clock()
        stale = now - self._keys_fetched_at >= self._cache_seconds
        cached = kid in self._keys and now - self._keys_fetched_at < self._max_stale
        # Without a usable cached key a request waits for a fetch under way (the first requests
        # after start-up arrive together): refused meanwhile, a browser would log its user out.
        if (stale or kid not in self._keys) and not (cached and self._lock.locked()):
            async with self._lock:
                now = self._clock()
                stale = now - self._keys_fetched_at >= self._cache_seconds
                if (stale or kid not in self._keys) and now - self._tried_at >= self._min_refresh:
                    await self._refresh()
        if self._clock() - self._keys_fetched_at >= self._max_stale:
            raise InvalidToken("issuer keys unavailable")
        key = self._keys.get(kid)
        if key is None:
            raise InvalidToken("token signed by an unknown key")
        return key

    async def _refresh(self) -> None:
        """Fetch the keys; on failure keep the cached ones (``_key`` bounds how long)."""
        self._tried_at = self._clock()
        try:
            async with httpx.AsyncClient(timeout=5.0) as client:
                response = await client.get(self._jwks_url)
                response.raise_for_status()
                document = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            if not self._keys:
                raise InvalidToken(f"issuer keys unavailable: {exc}") from exc
            return
        self._keys = {
            jwk["kid"]: RSAAlgorithm.from_jwk(jwk)
            for jwk in document.get("keys", [])
            if jwk.get("kty") == "RSA" and "kid" in jwk
        }
        self._keys_fetched_at = self._clock()


def principal_from_claims(claims: Mapping[str, Any]) -> Principal:
    try:
        return Principal(
            user_id=claims["sub"],
            tenant=claims[CLAIM_TENANT],
            org_node=claims[CLAIM_ORG],
            roles=frozenset(claims.get(CLAIM_ROLES, ())),
            data_scope=DataScope(claims.get(CLAIM_SCOPE, DataScope.OWN.value)),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise InvalidToken(f"token claims incomplete: {exc}") from exc
