"""Password hashing on its bounded executor: at most ``concurrency`` running and ``queue``
waiting, the rest refused with a time to retry; hashes of older parameters still verify."""

from __future__ import annotations

import asyncio
import threading

import pytest
from argon2 import PasswordHasher

from crm_identity.application.errors import PasswordHashingBusy
from crm_identity.application.passwords import Passwords

# argon2-cffi's default until now: four lanes (threads) per hash.
OLD_PARAMETERS = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4)


class HeldHasher(PasswordHasher):
    """Hashes only once ``go`` is set: the executor's threads stay taken meanwhile."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.go = threading.Event()

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        if password != "not-a-real-password":  # the dummy hash, made at construction
            self.go.wait()
        return super().hash(password, salt=salt)


async def test_hashes_beyond_the_running_and_waiting_ones_are_refused_until_one_finishes() -> None:
    hasher = HeldHasher()
    passwords = Passwords(concurrency=1, queue=2, hasher=hasher)
    try:
        admitted = [asyncio.create_task(passwords.hash(f"password-{n}")) for n in range(3)]
        await asyncio.sleep(0)  # each task submits its hash before its first wait
        with pytest.raises(PasswordHashingBusy) as refused:
            await passwords.hash("one-too-many")
        assert refused.value.retry_after_seconds >= 1
        assert not any(task.done() for task in admitted)
        hasher.go.set()
        hashes = await asyncio.gather(*admitted)
        assert [hasher.verify(h, f"password-{n}") for n, h in enumerate(hashes)] == [True] * 3
        # Every slot is free again.
        assert await asyncio.gather(*(passwords.verify(h, "wrong") for h in hashes)) == [False] * 3
    finally:
        hasher.go.set()
        passwords.close()


async def test_a_hash_of_older_parameters_verifies_and_asks_to_be_made_again() -> None:
    passwords = Passwords(concurrency=1, queue=0)
    try:
        old = OLD_PARAMETERS.hash("the-password")
        assert await passwords.verify(old, "the-password")
        assert passwords.needs_rehash(old)
        new = await passwords.hash("the-password")
        assert "p=1" in new
        assert not passwords.needs_rehash(new)
        assert await passwords.verify(new, "the-password")
        assert not await passwords.verify(new, "another-password")
        # No user, or one who never logs in here: nothing verifies.
        assert not await passwords.verify(None, "not-a-real-password")
        assert not await passwords.verify("!", "the-password")
    finally:
        passwords.close()
