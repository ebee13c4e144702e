"""Real protocol servers on loopback for the outward ports, each its own process: an SMTP
server (aiosmtpd, writing a Maildir), an HTTP receiver (the standard library's server,
writing each request as a JSON line) and an S3-compatible object store (moto's server, which
speaks S3's REST API over HTTP; it does not check request signatures). Tests read what
arrived; nothing is mocked in the process under test."""

from __future__ import annotations

import json
import mailbox
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

from crm_common.testing.processes import free_port

STARTUP_SECONDS = 60.0


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the receiver on port {port} exited")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")


@contextmanager
def _running(command: list[str], port: int, log: Path) -> Iterator[None]:
    with log.open("ab") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port, process)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    maildir: Path

    def messages(self) -> list[Message]:
        return list(mailbox.Maildir(self.maildir, create=False))


@contextmanager
def smtp_server(directory: Path) -> Iterator[SmtpServer]:
    """An SMTP server process (aiosmtpd) delivering every message into a Maildir."""
    port = free_port()
    maildir = directory / "maildir"
    mailbox.Maildir(maildir, create=True)
    command = [
        sys.executable,
        "-m",
        "aiosmtpd",
        "-n",
        "-u",
        "-l",
        f"127.0.0.1:{port}",
        "-c",
        "aiosmtpd.handlers.Mailbox",
        str(maildir),
    ]
    with _running(command, port, directory / "smtp.log"):
        yield SmtpServer("127.0.0.1", port, maildir)


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    access_key_id: str = "test-key"
    secret_access_key: str = "test-secret"  # noqa: S105 (moto's server takes any key)
    region: str = "us-east-1"


@contextmanager
def s3_server(directory: Path) -> Iterator[S3Server]:
    """An S3-compatible server process on loopback (``moto.server``, its S3 service only)."""
    port = free_port()
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    with _running(command, port, directory / "s3.log"):
        yield S3Server(f"http://127.0.0.1:{port}")


@dataclass(frozen=True)
class HttpReceiver:
    url: str
    journal: Path

    def received(self) -> list[dict[str, Any]]:
        """Each request: method, path, headers (lower-case names) and the JSON body."""
        if not self.journal.exists():
            return []
        return [json.loads(line) for line in self.journal.read_text().splitlines() if line]


@contextmanager
def http_receiver(directory: Path, status: int = 202) -> Iterator[HttpReceiver]:
    """An HTTP server process answering every POST with ``status`` and keeping it."""
    port = free_port()
    journal = directory / "http-requests.jsonl"
    command = [sys.executable, "-m", "crm_common.testing.receivers", str(port), str(journal)]
    command.append(str(status))
    with _running(command, port, directory / "http-receiver.log"):
        yield HttpReceiver(f"http://127.0.0.1:{port}/", journal)


def _serve(port: int, journal: Path, status: int) -> None:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length)
            record = {
                "method": "POST",
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": json.loads(body) if body else None,
            }
            with journal.open("a") as out:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

    HTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    _serve(int(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
