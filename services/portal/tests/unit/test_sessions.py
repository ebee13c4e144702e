"""Browser sessions: expiry, CSRF, functions from roles, and the refresh that identity's one-use
refresh tokens allow only once per session even when requests race."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from crm_portal.application.sessions import SessionRules, current_session
from crm_portal.domain.session import (
    BrowserSession,
    LoginRefused,
    PortalUser,
    TokenPair,
    content_security_policy,
    csrf_matches,
    open_session,
    session_key,
)

USER = PortalUser(
    "u1", "sh01.consultant1", "oem-demo", "dealer-sh-01", ("sales_consultant",), "own"
)
RULES = SessionRules(max_seconds=3600, idle_seconds=600, refresh_margin_seconds=60)


def test_functions_come_from_the_roles_table() -> None:
    assert "lead.claim" in USER.functions
    assert "quote.approve" not in USER.functions
    manager = PortalUser("u2", "m", "t", "d", ("sales_manager", "unknown_role"), "dealer")
    assert "quote.approve" in manager.functions


def test_a_session_expires_at_its_end_or_when_idle() -> None:
    session = open_session(USER, TokenPair("a", "r", 900), now=1000)
    assert not session.expired(1500, max_seconds=3600, idle_seconds=600)
    assert session.expired(1700, max_seconds=3600, idle_seconds=600), "idle 700 s"
    assert session.seen(4000).expired(4600, max_seconds=3600, idle_seconds=600), "past its end"
    assert session.access_token_fresh(1800, 60)
    assert not session.access_token_fresh(1850, 60)


def test_csrf_token_must_match_exactly() -> None:
    session = open_session(USER, TokenPair("a", "r", 900), now=0)
    assert csrf_matches(session, session.csrf_token)
    assert not csrf_matches(session, None)
    assert not csrf_matches(session, session.csrf_token + "x")
    assert session.key == session_key(session.id) != session.id


def test_content_security_policy_allows_scripts_from_the_portal_only() -> None:
    policy = content_security_policy("n0nce")
    assert "script-src 'self';" in policy
    assert "style-src 'self' 'nonce-n0nce'" in policy
    assert "unsafe" not in policy


class MemoryStore:
    def __init__(self) -> None:
        self.sessions: dict[str, BrowserSession] = {}
        self.locked: set[str] = set()

    async def save(self, session: BrowserSession) -> None:
        self.sessions[session.id] = session

    async def load(self, session_id: str) -> BrowserSession | None:
        return self.sessions.get(session_id)

    async def delete(self, session_id: str) -> None:
        self.sessions.pop(session_id, None)

    @asynccontextmanager
    async def refresh_lock(self, session_id: str) -> AsyncIterator[bool]:
        mine = session_id not in self.locked
        self.locked.add(session_id)
        try:
            yield mine
        finally:
            if mine:
                self.locked.discard(session_id)


class OneUseIdentity:
    """Identity's rule: a refresh token works once."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.refreshes = 0

    async def refresh(self, refresh_token: str) -> TokenPair:
        if refresh_token in self.used:
            raise LoginRefused("reused refresh token: the login is revoked")
        self.used.add(refresh_token)
        self.refreshes += 1
        await asyncio.sleep(0.05)  # identity's round trip, so the racing requests overlap
        return TokenPair(f"access-{self.refreshes}", f"refresh-{self.refreshes}", 900)


async def test_racing_requests_refresh_an_expiring_token_once() -> None:
    store, identity = MemoryStore(), OneUseIdentity()
    session = open_session(USER, TokenPair("old", "refresh-0", 0), now=time.time())
    await store.save(session)
    results = await asyncio.gather(
        *(current_session(identity, store, RULES, session.id) for _ in range(5))  # type: ignore[arg-type]
    )
    assert identity.refreshes == 1
    assert {r.access_token for r in results if r is not None} == {"access-1"}
    assert all(r is not None for r in results)


async def test_a_refused_refresh_ends_the_session() -> None:
    store, identity = MemoryStore(), OneUseIdentity()
    identity.used.add("spent")
    session = open_session(USER, TokenPair("old", "spent", 0), now=time.time())
    await store.save(session)
    assert await current_session(identity, store, RULES, session.id) is None  # type: ignore[arg-type]
    assert session.id not in store.sessions


async def test_a_session_is_timed_by_the_clock_it_is_given() -> None:
    store, identity = MemoryStore(), OneUseIdentity()
    opened = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    session = open_session(USER, TokenPair("a", "r", 900), now=opened.timestamp())
    await store.save(session)
    five_minutes_later = opened + timedelta(minutes=5)
    seen = await current_session(
        identity,  # type: ignore[arg-type]
        store,
        RULES,
        session.id,
        clock=lambda: five_minutes_later,
    )
    assert seen is not None
    assert seen.access_token == "a", "no refresh: the token is fresh for 14 minutes"
    idle_too_long = five_minutes_later + timedelta(seconds=RULES.idle_seconds + 1)
    assert (
        await current_session(
            identity,  # type: ignore[arg-type]
            store,
            RULES,
            session.id,
            clock=lambda: idle_too_long,
        )
        is None
    )
    assert session.id not in store.sessions
