"""Signing-key rotation. Pure: which key signs now, which keys the JWKS publishes, when to rotate.

A new key is published ``PUBLISH_AHEAD`` before it starts signing, so every verifier (and every
identity replica's cache) has seen it before the first token it signs arrives; the key it
replaces stops signing at that moment and stays published until the last token it signed has
expired. A key past that point is destroyed (its private part erased)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

PUBLISH_AHEAD = timedelta(minutes=2)
"""Longer than identity's key cache and a verifier's refresh interval together."""


@dataclass(frozen=True, slots=True)
class SigningKey:
    kid: str
    created_at: datetime
    signs_from: datetime
    retired_at: datetime | None
    """When a newer key took over signing; None while this is the newest."""


class NoSigningKey(RuntimeError):
    """No key signs at this moment (the key store is empty): tokens cannot be issued."""


def signer(keys: Sequence[SigningKey], now: datetime) -> SigningKey:
    """The newest key that has started signing and not been retired."""
    current = [
        k for k in keys if k.signs_from <= now and (k.retired_at is None or now < k.retired_at)
    ]
    if not current:
        raise NoSigningKey("no signing key is active; identity creates one at start-up")
    return max(current, key=lambda k: k.signs_from)


def published(
    keys: Sequence[SigningKey], now: datetime, *, token_lifetime: timedelta
) -> list[SigningKey]:
    """Keys a verifier must know: upcoming, signing, and retired ones whose tokens may still be
    valid. Newest first."""
    live = [k for k in keys if k.retired_at is None or now < k.retired_at + token_lifetime]
    return sorted(live, key=lambda k: k.signs_from, reverse=True)


def expired(
    keys: Sequence[SigningKey], now: datetime, *, token_lifetime: timedelta
) -> list[SigningKey]:
    """Keys no valid token can carry any more: their private parts can be destroyed."""
    live = {k.kid for k in published(keys, now, token_lifetime=token_lifetime)}
    return [k for k in keys if k.kid not in live]


def rotation_due(keys: Sequence[SigningKey], now: datetime, *, max_age: timedelta) -> bool:
    """Rotate when there is no key at all, or the signing key is older than ``max_age`` and no
    successor is already waiting to take over."""
    if not keys:
        return True
    if any(k.signs_from > now for k in keys):
        return False
    try:
        return now - signer(keys, now).signs_from >= max_age
    except NoSigningKey:
        return True


def successor(kid: str, now: datetime) -> SigningKey:
    """A new key that signs after the publication delay."""
    return SigningKey(kid=kid, created_at=now, signs_from=now + PUBLISH_AHEAD, retired_at=None)
