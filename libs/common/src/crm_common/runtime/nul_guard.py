"""The door every request body passes: a size limit enforced while reading (413), and JSON
bodies carrying the NUL character (\\u0000) refused with a 422 that names the field.

PostgreSQL stores no NUL in text or JSONB, so such a value would otherwise fail at the database
as a 500 — after validation, wherever the field ends up. The check covers every body FastAPI
reads as JSON: no content type, ``application/json`` in any letter case, ``application/*+json``.
The size limit holds before authentication too, so nobody makes a service buffer an unbounded
body; routes that stream and cap their own uploads (imports, attachments) are named by path
prefix (``*`` standing for one path segment) and pass through untouched. The body is scanned
for NUL only when its bytes contain the escape at all."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_ESCAPE = b"\\u0000"
DEFAULT_MAX_BODY_BYTES = 1024 * 1024


def _paths_with_nul(
    value: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[str | int, ...]]:
    if isinstance(value, str):
        if "\x00" in value:
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in key:
                yield (*path, key)
            yield from _paths_with_nul(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths_with_nul(item, (*path, index))


def read_as_json(content_type: bytes) -> bool:
    """Whether FastAPI parses a body of this content type as JSON (its rule: no type at all,
    or a media type ``application/json`` or ``application/<anything>+json``)."""
    media_type = content_type.split(b";", 1)[0].strip().lower()
    if not media_type:
        return True
    main, _, sub = media_type.partition(b"/")
    return main == b"application" and (sub == b"json" or sub.endswith(b"+json"))


class _TooLarge(Exception):
    pass


class RefuseNulCharacters:
    """``max_body_bytes``: the largest body accepted (413 beyond); ``streamed_paths``: path
    prefixes whose routes read and cap their bodies themselves (``/tickets/*/attachments``:
    ``*`` is any one segment)."""

    def __init__(
        self,
        app: ASGIApp,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        streamed_paths: Sequence[str] = (),
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.streamed_paths = [
            re.compile(re.escape(prefix).replace(r"\*", "[^/]+")) for prefix in streamed_paths
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or any(p.match(scope["path"]) for p in self.streamed_paths):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await self._too_large(send)
            return
        try:
            body = await self._read(receive)
        except _TooLarge:
            await self._too_large(send)
            return
        if body is None:
            return  # the client went away
        if _ESCAPE in body and read_as_json(headers.get(b"content-type", b"")):
            try:
                found = next(_paths_with_nul(json.loads(body)), None)
            except ValueError:
                found = None
            if found is not None:
                await self._refuse(found, send)
                return

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _read(self, receive: Receive) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                raise _TooLarge
            chunks.append(chunk)
            more = message.get("more_body", False)
        return b"".join(chunks)

    async def _too_large(self, send: Send) -> None:
        await _send_json(
            send,
            413,
            {
                "detail": f"the request body is over {self.max_body_bytes} bytes"
                " (CRM_HTTP_MAX_BODY_BYTES)"
            },
        )

    @staticmethod
    async def _refuse(path: tuple[str | int, ...], send: Send) -> None:
        detail = [
            {
                "loc": ["body", *path],
                "msg": "text may not contain the NUL character",
                "type": "value_error",
            }
        ]
        await _send_json(send, 422, {"detail": detail})


async def _send_json(send: Send, status: int, content: object) -> None:
    payload = json.dumps(content).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
