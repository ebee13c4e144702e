"""Argon2id password hashing on a bounded executor of its own.

Argon2 is slow on purpose and keeps a core busy while it runs. In the default thread pool (six
threads on two cores, each hash spawning four threads of its own) forty logins starved the
event loop: refreshes and the JWKS waited seconds behind them (bench/RESULTS.md). Here at most
``concurrency`` hashes run at once, on one thread each, and at most ``queue`` more wait; a hash
beyond those is refused (``PasswordHashingBusy``, 503) instead of queued without bound."""

from __future__ import annotations

import asyncio
import math
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from crm_common.settings import Settings
from crm_identity.application.errors import PasswordHashingBusy

T = TypeVar("T")

# RFC 9106's second recommendation (argon2-cffi's default: 3 passes over 64 MiB) on one lane:
# more lanes spawn threads inside each hash, past the executor's bound, and cost a guesser no
# more. Hashes made with other parameters still verify (a hash carries its own) and are made
# again with these at their owner's next login.
HASHER = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=1)


def default_concurrency() -> int:
    """One core fewer than this process may use: the event loop keeps one."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, (cores or 1) - 1)


class Passwords:
    """Hashes and checks passwords; one per process."""

    def __init__(self, concurrency: int, queue: int, hasher: PasswordHasher = HASHER) -> None:
        self._hasher = hasher
        self._executor = ThreadPoolExecutor(concurrency, thread_name_prefix="password-hash")
        self._concurrency = concurrency
        self._capacity = concurrency + queue
        # Admitted hashes are released by their future's callback, on the hashing thread.
        self._lock = threading.Lock()
        self._admitted = 0
        self._seconds_per_hash = 1.0
        """A moving average, for Retry-After; a guess until the first hash is measured."""
        # Verified when the user does not exist, so a wrong username costs as much as a wrong
        # password.
        self._dummy_hash = hasher.hash("not-a-real-password")

    @classmethod
    def from_settings(cls, settings: Settings) -> Passwords:
        return cls(
            settings.password_hash_concurrency or default_concurrency(),
            settings.password_hash_queue,
        )

    async def hash(self, password: str) -> str:
        return await self._run(self._hasher.hash, password)

    async def verify(self, password_hash: str | None, password: str) -> bool:
        def verify() -> bool:
            try:
                return self._hasher.verify(password_hash or self._dummy_hash, password) and bool(
                    password_hash
                )
            except (VerificationError, InvalidHashError):
                return False

        return await self._run(verify)

    def needs_rehash(self, password_hash: str) -> bool:
        """Made with other parameters than today's (no hashing: it reads the hash's header)."""
        return self._hasher.check_needs_rehash(password_hash)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    async def _run(self, work: Callable[..., T], *args: object) -> T:
        with self._lock:
            if self._admitted >= self._capacity:
                waiting = self._admitted - self._concurrency + 1
                seconds = waiting * self._seconds_per_hash / self._concurrency
                raise PasswordHashingBusy(max(1, math.ceil(seconds)))
            self._admitted += 1
        try:
            future = self._executor.submit(self._timed, work, *args)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(lambda _: self._release())
        # A cancelled wait (the client left) cancels the hash if it has not started.
        return await asyncio.wrap_future(future)

    def _timed(self, work: Callable[..., T], *args: object) -> T:
        started = time.perf_counter()
        try:
            return work(*args)
        finally:
            elapsed = time.perf_counter() - started
            with self._lock:
                self._seconds_per_hash = 0.8 * self._seconds_per_hash + 0.2 * elapsed

    def _release(self) -> None:
        with self._lock:
            self._admitted -= 1
