from datetime import UTC, datetime, timedelta

import pytest

from crm_identity.domain.signing_keys import (
    PUBLISH_AHEAD,
    NoSigningKey,
    SigningKey,
    expired,
    published,
    rotation_due,
    signer,
    successor,
)

T0 = datetime(2026, 11, 1, tzinfo=UTC)
LIFETIME = timedelta(minutes=16)
FIRST = SigningKey("k1", T0, T0, None)


def rotated(at: datetime) -> list[SigningKey]:
    new = successor("k2", at)
    return [SigningKey("k1", T0, T0, new.signs_from), new]


def test_a_successor_is_published_before_it_signs_and_the_old_key_after_it_stops() -> None:
    keys = rotated(T0 + timedelta(days=30))
    takeover = T0 + timedelta(days=30) + PUBLISH_AHEAD
    before = takeover - timedelta(seconds=1)
    assert signer(keys, before).kid == "k1"
    assert [k.kid for k in published(keys, before, token_lifetime=LIFETIME)] == ["k2", "k1"]
    assert signer(keys, takeover).kid == "k2"
    last_token_expires = takeover + LIFETIME
    assert [
        k.kid
        for k in published(keys, last_token_expires - timedelta(seconds=1), token_lifetime=LIFETIME)
    ] == ["k2", "k1"]
    assert [k.kid for k in published(keys, last_token_expires, token_lifetime=LIFETIME)] == ["k2"]
    assert [k.kid for k in expired(keys, last_token_expires, token_lifetime=LIFETIME)] == ["k1"]


def test_rotation_is_due_by_age_once_and_not_while_a_successor_waits() -> None:
    max_age = timedelta(days=30)
    assert rotation_due([], T0, max_age=max_age)
    assert not rotation_due([FIRST], T0 + max_age - timedelta(seconds=1), max_age=max_age)
    assert rotation_due([FIRST], T0 + max_age, max_age=max_age)
    waiting = rotated(T0 + max_age)
    assert not rotation_due(waiting, T0 + max_age + timedelta(seconds=1), max_age=max_age)


def test_without_a_key_nothing_signs() -> None:
    with pytest.raises(NoSigningKey):
        signer([], T0)
    with pytest.raises(NoSigningKey):
        signer([SigningKey("k", T0, T0 + PUBLISH_AHEAD, None)], T0)
