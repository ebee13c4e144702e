"""Logging in and out, and the session a request acts in (its access token kept fresh)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from crm_common.clock import Clock, utc_now
from crm_portal.application.ports import Identity, SessionStore
from crm_portal.domain.session import BrowserSession, LoginRefused, open_session

REFRESH_WAIT_SECONDS = 5.0
"""How long a request waits for another request's refresh of the same session."""


@dataclass(frozen=True)
class SessionRules:
    max_seconds: int
    idle_seconds: int
    refresh_margin_seconds: int


async def log_in(
    identity: Identity,
    store: SessionStore,
    username: str,
    password: str,
    replacing: str | None = None,
    *,
    clock: Clock = utc_now,
) -> BrowserSession:
    """A new session (never the browser's previous one, which ends: no session fixation).
    Raises LoginRefused for wrong credentials."""
    tokens = await identity.log_in(username, password)
    user = await identity.me(username, tokens.access_token)
    session = open_session(user, tokens, clock().timestamp())
    await store.save(session)
    if replacing:
        await store.delete(replacing)
    return session


async def log_out(identity: Identity, store: SessionStore, session: BrowserSession) -> None:
    await store.delete(session.id)
    await identity.log_out(session.access_token, session.refresh_token)


async def current_session(
    identity: Identity,
    store: SessionStore,
    rules: SessionRules,
    session_id: str,
    *,
    clock: Clock = utc_now,
) -> BrowserSession | None:
    """The live session of this cookie with an access token good for the next minute, or None
    (never logged in, expired, idle too long, or the login was revoked)."""
    session = await store.load(session_id)
    now = clock().timestamp()
    if session is None:
        return None
    if session.expired(now, max_seconds=rules.max_seconds, idle_seconds=rules.idle_seconds):
        await store.delete(session_id)
        return None
    if not session.access_token_fresh(now, rules.refresh_margin_seconds):
        refreshed = await _refreshed(identity, store, rules, session_id, clock)
        if refreshed is None:
            return None
        session = refreshed
    session = session.seen(now)
    await store.save(session)
    return session


async def _refreshed(
    identity: Identity, store: SessionStore, rules: SessionRules, session_id: str, clock: Clock
) -> BrowserSession | None:
    async with store.refresh_lock(session_id) as mine:
        if mine:
            session = await store.load(session_id)
            if session is None:
                return None
            if session.access_token_fresh(clock().timestamp(), rules.refresh_margin_seconds):
                return session  # refreshed by another request meanwhile
            try:
                tokens = await identity.refresh(session.refresh_token)
            except LoginRefused:
                await store.delete(session_id)
                return None
            session = session.with_tokens(tokens, clock().timestamp())
            await store.save(session)
            return session
    # Another request of this session refreshes: use the tokens it stores.
    deadline = time.monotonic() + REFRESH_WAIT_SECONDS
    while time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        session = await store.load(session_id)
        if session is None or session.access_token_fresh(
            clock().timestamp(), rules.refresh_margin_seconds
        ):
            return session
    return None
