"""The BFF's security, over HTTP against the spine: the session cookie's flags, no token in
what the browser receives, CSRF and cross-origin refusal, identity's token endpoints closed, a
consultant kept from another dealer's records through the proxy, the content security policy."""

from __future__ import annotations

import secrets
from http.cookies import SimpleCookie

import httpx
import pytest

from .conftest import DEMO_PASSWORD, Portal

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


async def log_in(client: httpx.AsyncClient, username: str) -> tuple[dict[str, str], str]:
    """The cookie header and CSRF token of a new session (httpx keeps no Secure cookie over
    plain http, so the test carries the cookie itself, as a browser does on 127.0.0.1)."""
    response = await client.post(
        "/bff/login",
        json={"username": username, "password": DEMO_PASSWORD},
        headers={"Origin": str(client.base_url).rstrip("/")},
    )
    assert response.status_code == 200, response.text
    cookie = SimpleCookie(response.headers["set-cookie"])["crm_portal_session"]
    return {"Cookie": f"crm_portal_session={cookie.value}"}, response.json()["csrf_token"]


async def test_session_cookie_is_httponly_secure_strict_and_no_token_reaches_the_browser(
    portal_users: Portal,
) -> None:
    async with httpx.AsyncClient(base_url=portal_users.url) as client:
        response = await client.post(
            "/bff/login",
            json={"username": "sh01.consultant1", "password": DEMO_PASSWORD},
        )
        assert response.status_code == 200, response.text
        set_cookie = response.headers["set-cookie"]
        cookie = SimpleCookie(set_cookie)["crm_portal_session"]
        assert cookie["httponly"]
        assert cookie["secure"]
        assert cookie["samesite"] == "strict"
        assert cookie["path"] == "/"
        body = response.json()
        assert set(body) == {
            "username",
            "user_id",
            "tenant",
            "org_node",
            "roles",
            "data_scope",
            "functions",
            "csrf_token",
        }, "no access or refresh token in the answer"
        assert "lead.claim" in body["functions"]
        assert "quote.approve" not in body["functions"]

        wrong = await client.post(
            "/bff/login", json={"username": "nobody.here", "password": "wrong-password"}
        )
        assert wrong.status_code == 401
        assert "set-cookie" not in wrong.headers


async def test_state_changing_calls_need_the_csrf_token_and_the_portals_origin(
    portal_users: Portal,
) -> None:
    lead = {
        "customer_name": "门户安全",
        "phone": f"137{secrets.randbelow(10**8):08d}",
        "source": "walk_in",
    }
    async with httpx.AsyncClient(base_url=portal_users.url) as client:
        cookie, csrf = await log_in(client, "sh01.consultant1")
        assert (await client.post("/api/leads/leads", json=lead, headers=cookie)).status_code == 403
        wrong = {**cookie, "X-CSRF-Token": "not-the-token"}
        assert (await client.post("/api/leads/leads", json=lead, headers=wrong)).status_code == 403
        elsewhere = {**cookie, "X-CSRF-Token": csrf, "Origin": "https://attacker.example"}
        assert (
            await client.post("/api/leads/leads", json=lead, headers=elsewhere)
        ).status_code == 403
        created = await client.post(
            "/api/leads/leads", json=lead, headers={**cookie, "X-CSRF-Token": csrf}
        )
        assert created.status_code == 201, created.text
        # Reads need no token: the cookie is SameSite=Strict and reads change nothing.
        read = await client.get(f"/api/leads/leads/{created.json()['id']}", headers=cookie)
        assert read.status_code == 200
        assert "authorization" not in {k.lower() for k in read.headers}

        refused = await client.post(
            "/bff/login",
            json={"username": "sh01.consultant1", "password": DEMO_PASSWORD},
            headers={"Origin": "https://attacker.example"},
        )
        assert refused.status_code == 403

        assert (await client.post("/bff/logout", headers=cookie)).status_code == 403
        out = await client.post("/bff/logout", headers={**cookie, "X-CSRF-Token": csrf})
        assert out.status_code == 204
        assert (await client.get("/bff/session", headers=cookie)).status_code == 401
        assert (await client.get("/api/leads/leads", headers=cookie)).status_code == 401


async def test_identity_token_endpoints_stay_closed_behind_the_proxy(portal_users: Portal) -> None:
    async with httpx.AsyncClient(base_url=portal_users.url) as client:
        cookie, csrf = await log_in(client, "sh01.manager")
        headers = {**cookie, "X-CSRF-Token": csrf}
        for path in (
            "/api/identity/auth/token",
            "/api/identity/auth/refresh",
            "/api/identity/x/../auth/token",
            "/api/identity/.well-known/jwks.json",
        ):
            answer = await client.post(path, json={"refresh_token": "x" * 30}, headers=headers)
            assert answer.status_code == 404, path
        assert (await client.get("/api/nowhere/leads", headers=cookie)).status_code == 404
        me = await client.get("/api/identity/me", headers=cookie)
        assert me.status_code == 200
        assert me.json()["org_node"] == "dealer-sh-01"


async def test_a_consultant_cannot_reach_another_dealers_records_through_the_proxy(
    portal_users: Portal,
) -> None:
    phone = f"136{secrets.randbelow(10**8):08d}"
    theirs = await portal_users.api(
        "sh01.consultant1",
        "leads",
        "POST",
        "/leads",
        {"customer_name": "浦东客户", "phone": phone, "source": "walk_in"},
    )
    assert theirs.status_code == 201, theirs.text
    lead_id = theirs.json()["id"]
    async with httpx.AsyncClient(base_url=portal_users.url) as client:
        cookie, csrf = await log_in(client, "sh02.consultant1")
        headers = {**cookie, "X-CSRF-Token": csrf}
        assert (await client.get(f"/api/leads/leads/{lead_id}", headers=cookie)).status_code == 404
        assert (
            await client.get(f"/api/leads/leads/{lead_id}/history", headers=cookie)
        ).status_code == 404
        claim = await client.post(f"/api/leads/leads/{lead_id}/claim", headers=headers)
        assert claim.status_code in (403, 404)
        follow_up = await client.post(
            f"/api/leads/leads/{lead_id}/follow-ups",
            json={"kind": "call", "outcome": "trying"},
            headers=headers,
        )
        assert follow_up.status_code == 404
        mine = (await client.get("/api/leads/leads", headers=cookie)).json()
        assert lead_id not in {lead["id"] for lead in mine}
        assert (await client.get("/api/opportunities/pipelines", headers=cookie)).status_code == 200


async def test_pages_carry_a_strict_content_security_policy(portal_users: Portal) -> None:
    async with httpx.AsyncClient(base_url=portal_users.url) as client:
        page = await client.get("/workspace/leads")
        assert page.status_code == 200
        assert '<div id="root">' in page.text
        policy = page.headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'"
        assert "'unsafe-inline'" not in policy
        assert "'unsafe-eval'" not in policy
        nonce = directives["style-src"].split("'nonce-")[1].rstrip("'")
        assert f'content="{nonce}"' in page.text, "the page carries its style nonce"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"
        assert page.headers["x-content-type-options"] == "nosniff"
        again = await client.get("/workspace/leads")
        assert again.headers["content-security-policy"] != policy, "a nonce per response"
        assert "http" not in page.text.replace("http-equiv", ""), "nothing loaded from elsewhere"
