"""Token verification through a real JWKS endpoint on loopback."""

from __future__ import annotations

import asyncio
import base64
import json
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import (
    InvalidToken,
    JwksVerifier,
    generate_private_key_pem,
    jwks_document,
    sign_access_token,
)
from crm_common.clock import utc_now

KEY = generate_private_key_pem()
OTHER_KEY = generate_private_key_pem()
PRINCIPAL = Principal(
    user_id="u-1",
    tenant="oem-1",
    org_node="dealer-1",
    roles=frozenset({"sales_consultant"}),
    data_scope=DataScope.OWN,
)


class Jwks:
    def __init__(self) -> None:
        self.keys = [KEY]
        self.requests = 0
        self.delay = 0.0


@pytest.fixture(scope="module")
def jwks_server() -> Iterator[tuple[str, Jwks]]:
    state = Jwks()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests += 1
            time.sleep(state.delay)
            body = json.dumps(jwks_document(state.keys)).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/jwks", state
    server.shutdown()


def verifier(url: str) -> JwksVerifier:
    return JwksVerifier(url, issuer="crm-identity", audience="crm", min_refresh_seconds=0)


def token(key: str = KEY, **kwargs: object) -> str:
    return sign_access_token(key, PRINCIPAL, issuer="crm-identity", audience="crm", **kwargs)  # type: ignore[arg-type]


async def test_a_valid_token_gives_its_principal(jwks_server: tuple[str, Jwks]) -> None:
    url, _ = jwks_server
    assert await verifier(url).verify(token()) == PRINCIPAL


@pytest.mark.parametrize(
    "bad_token",
    [
        pytest.param(lambda: token(ttl_seconds=60, now=0), id="expired"),
        pytest.param(lambda: token(OTHER_KEY), id="unknown-key"),
        pytest.param(lambda: "not.a.token", id="garbage"),
        pytest.param(lambda: jwt.encode({"sub": "u-1"}, None, algorithm="none"), id="alg-none"),
    ],
)
async def test_bad_tokens_are_refused(jwks_server: tuple[str, Jwks], bad_token) -> None:  # type: ignore[no-untyped-def]
    url, _ = jwks_server
    with pytest.raises(InvalidToken):
        await verifier(url).verify(bad_token())


async def test_tampered_claims_break_the_signature(jwks_server: tuple[str, Jwks]) -> None:
    url, _ = jwks_server
    header, payload, signature = token().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["data_scope"] = "tenant"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(InvalidToken):
        await verifier(url).verify(f"{header}.{forged}.{signature}")


async def test_hs256_signed_with_the_public_key_is_refused(jwks_server: tuple[str, Jwks]) -> None:
    url, _ = jwks_server
    confused = jwt.encode(
        {"sub": "u-1"}, "a-public-key-used-as-an-hmac-secret-here", algorithm="HS256"
    )
    with pytest.raises(InvalidToken, match="algorithm"):
        await verifier(url).verify(confused)


async def test_a_rotated_key_is_fetched_when_first_seen(jwks_server: tuple[str, Jwks]) -> None:
    url, state = jwks_server
    v = verifier(url)
    await v.verify(token())
    state.keys = [KEY, OTHER_KEY]
    before = state.requests
    assert await v.verify(token(OTHER_KEY)) == PRINCIPAL
    assert state.requests == before + 1
    state.keys = [KEY]


async def test_a_token_of_another_issuer_is_refused(jwks_server: tuple[str, Jwks]) -> None:
    url, _ = jwks_server
    foreign = sign_access_token(KEY, PRINCIPAL, issuer="https://evil.example", audience="crm")
    with pytest.raises(InvalidToken, match="issuer"):
        await verifier(url).verify(foreign)


async def test_a_token_older_than_the_maximum_age_is_refused(
    jwks_server: tuple[str, Jwks],
) -> None:
    """A long-lived token (an external issuer's, say) still expires for us after an hour."""
    url, _ = jwks_server
    old = token(ttl_seconds=24 * 3600, now=time.time() - 2 * 3600)
    with pytest.raises(InvalidToken, match="issued more than"):
        await verifier(url).verify(old)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_a_withdrawn_key_stops_being_trusted_after_the_cache_time(
    jwks_server: tuple[str, Jwks],
) -> None:
    url, state = jwks_server
    state.keys = [KEY, OTHER_KEY]
    clock = Clock()
    v = JwksVerifier(
        url,
        issuer="crm-identity",
        audience="crm",
        min_refresh_seconds=0,
        cache_seconds=300,
        clock=clock,
    )
    assert await v.verify(token(OTHER_KEY)) == PRINCIPAL
    state.keys = [KEY]  # the issuer withdraws OTHER_KEY
    clock.now = 299
    assert await v.verify(token(OTHER_KEY)) == PRINCIPAL, "cached until the cache time"
    clock.now = 301
    with pytest.raises(InvalidToken, match="unknown key"):
        await v.verify(token(OTHER_KEY))
    assert await v.verify(token()) == PRINCIPAL


async def test_a_token_is_verified_once_then_known_by_its_signature(
    jwks_server: tuple[str, Jwks], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, state = jwks_server
    state.keys = [KEY]
    v = verifier(url)
    decoded: list[str] = []
    decode = jwt.decode

    def counting_decode(jwt_: str, *args: object, **kwargs: object) -> object:
        decoded.append(jwt_)
        return decode(jwt_, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jwt, "decode", counting_decode)
    same = token()
    assert await v.verify(same) == PRINCIPAL
    assert await v.verify(same) == PRINCIPAL
    assert decoded == [same], "the second request with the token checks no signature"
    other = token()
    assert await v.verify(other) == PRINCIPAL
    assert decoded == [same, other]
    header, _, signature = same.split(".")
    forged_claims = (
        base64.urlsafe_b64encode(
            json.dumps(
                {**jwt.decode(same, options={"verify_signature": False}), "sub": "boss"}
            ).encode()
        )
        .rstrip(b"=")
        .decode()
    )
    with pytest.raises(InvalidToken):
        await v.verify(f"{header}.{forged_claims}.{signature}")


async def test_a_known_token_is_refused_once_it_expires(jwks_server: tuple[str, Jwks]) -> None:
    url, state = jwks_server
    state.keys = [KEY]
    v = JwksVerifier(url, issuer="crm-identity", audience="crm", leeway_seconds=0)
    short = token(ttl_seconds=2)
    assert await v.verify(short) == PRINCIPAL
    expires = jwt.decode(short, options={"verify_signature": False})["exp"]
    await asyncio.sleep(expires - time.time() + 0.1)  # PyJWT reads the real time
    with pytest.raises(InvalidToken, match="expired"):
        await v.verify(short)


async def test_a_token_s_age_is_judged_by_the_clock_the_verifier_is_given(
    jwks_server: tuple[str, Jwks],
) -> None:
    url, state = jwks_server
    state.keys = [KEY]
    later = utc_now() + timedelta(seconds=3600 + 31)
    v = JwksVerifier(
        url,
        issuer="crm-identity",
        audience="crm",
        max_token_age_seconds=3600,
        wall_clock=lambda: later,
    )
    with pytest.raises(InvalidToken, match="issued more than 3600 seconds ago"):
        await v.verify(token(ttl_seconds=3 * 3600))


async def test_a_known_token_is_refused_once_its_key_is_withdrawn(
    jwks_server: tuple[str, Jwks],
) -> None:
    url, state = jwks_server
    state.keys = [KEY, OTHER_KEY]
    clock = Clock()
    v = JwksVerifier(
        url,
        issuer="crm-identity",
        audience="crm",
        min_refresh_seconds=0,
        cache_seconds=300,
        clock=clock,
    )
    signed = token(OTHER_KEY)
    assert await v.verify(signed) == PRINCIPAL
    state.keys = [KEY]  # the issuer withdraws OTHER_KEY
    clock.now = 301
    with pytest.raises(InvalidToken, match="unknown key"):
        await v.verify(signed)


async def test_cached_keys_outlive_a_short_issuer_outage_only(
    jwks_server: tuple[str, Jwks],
) -> None:
    url, _ = jwks_server
    clock = Clock()
    v = JwksVerifier(
        url,
        issuer="crm-identity",
        audience="crm",
        min_refresh_seconds=0,
        cache_seconds=300,
        max_stale_seconds=3600,
        clock=clock,
    )
    assert await v.verify(token()) == PRINCIPAL
    v._jwks_url = "http://127.0.0.1:1/jwks"  # the issuer goes away
    clock.now = 600
    assert await v.verify(token()) == PRINCIPAL, "stale keys serve through a short outage"
    clock.now = 3601
    with pytest.raises(InvalidToken, match="unavailable"):
        await v.verify(token())


async def test_requests_arriving_during_the_first_fetch_wait_for_its_keys(
    jwks_server: tuple[str, Jwks],
) -> None:
    url, state = jwks_server
    state.keys, state.delay = [KEY], 0.3
    try:
        v = JwksVerifier(url, issuer="crm-identity", audience="crm", min_refresh_seconds=10)
        before = state.requests
        principals = await asyncio.gather(*(v.verify(token()) for _ in range(5)))
    finally:
        state.delay = 0.0
    assert principals == [PRINCIPAL] * 5
    assert state.requests - before == 1, "one fetch for all of them"
