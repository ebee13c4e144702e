"""Service processes for end-to-end tests: real ``python -m crm_<service> api|worker``."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

_handed_out: set[int] = set()


def free_port() -> int:
    """A port nothing listens on now, never the same one twice in a test process. The kernel
    may hand a just-released port out again, and two processes given one port look ready
    through whichever bound it first: a test then talks to the wrong server."""
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port: int = sock.getsockname()[1]
        if port not in _handed_out:
            _handed_out.add(port)
            return port


def run_command(service: str, command: str, env: dict[str, str], log_dir: Path) -> None:
    """Run a one-shot command (``migrate``) of a service; fails the test with its output.
    The limit is generous because a loaded 2-core CI machine took over 120 s to migrate identity
    (it returns as soon as the command ends)."""
    result = subprocess.run(
        [sys.executable, "-m", package_of(service), command],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    (log_dir / f"{service}-{command}.log").write_text(result.stdout + result.stderr)
    if result.returncode != 0:
        raise RuntimeError(f"{service} {command} failed:\n{result.stdout}\n{result.stderr}")


def package_of(service: str) -> str:
    return "crm_" + service.replace("-", "_")


@dataclass
class ServiceProcess:
    service: str
    role: str
    env: dict[str, str]
    log_dir: Path
    ready_url: str
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    @property
    def pid(self) -> int:
        if self.process is None:
            raise RuntimeError(f"{self.service} {self.role} is not running")
        return self.process.pid

    def start(self, timeout: float = 180.0) -> None:
        """Waits until the process answers ``ready_url``: on a loaded 2-core machine importing
        a service alone takes 20-30 s, so the wait is generous (it returns as soon as ready)."""
        self.launch()
        self.wait_until_ready(timeout)

    def launch(self) -> None:
        """Start the process without waiting: several start side by side, then each is
        waited for (``wait_until_ready``)."""
        log = (self.log_dir / f"{self.service}-{self.role}.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", package_of(self.service), self.role],
            env={**os.environ, **self.env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

    def wait_until_ready(self, timeout: float = 180.0) -> None:
        """Asks at least once, however little of ``timeout`` is left."""
        if self.process is None:
            raise RuntimeError(f"{self.service} {self.role} was not launched")
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.service} {self.role} exited; see {self.log_dir}")
            try:
                if httpx.get(self.ready_url, timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() >= deadline:
                break
            time.sleep(0.2)
        raise TimeoutError(
            f"{self.service} {self.role} not ready at {self.ready_url} in {timeout:.0f} s"
        )

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, no flushing: what a crash or an OOM kill does."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
            self.process = None


SECONDS_EACH = 60.0
"""What one more process starting at once adds to the deadline of them all (imports, pools,
migrations checked) on a loaded 2-core machine."""


def start_together(
    processes: Iterable[ServiceProcess], *, seconds_each: float = SECONDS_EACH
) -> None:
    """Launch ``processes`` side by side (each one's start-up overlaps the others'), then wait
    for each within one deadline for all of them that grows with how many start: they share
    the machine's cores, so seventeen starting at once take far longer than one, and a fixed
    wait per process failed the first one waited for. Returns as soon as all are ready."""
    starting = [process for process in processes if process.process is None]
    for process in starting:
        process.launch()
    deadline = time.monotonic() + seconds_each * max(len(starting), 3)
    for process in starting:
        process.wait_until_ready(timeout=max(0.0, deadline - time.monotonic()))
