"""Refuses JSON bodies carrying the NUL character (\\u0000) with a 422 that names the field.

PostgreSQL stores no NUL in text or JSONB, so such a value would otherwise fail at the database
as a 500 — after validation, wherever the field ends up. One check at the door, for every
service: the body is scanned only when its bytes contain the escape at all."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_ESCAPE = b"\\u0000"


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


class RefuseNulCharacters:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Only JSON bodies, which are small: uploads (imports) stream through untouched.
        content_type = dict(scope.get("headers", [])).get(b"content-type", b"")
        if (
            scope["type"] != "http"
            or scope["method"] not in ("POST", "PUT", "PATCH")
            or not content_type.startswith(b"application/json")
        ):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if _ESCAPE in body:
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

    @staticmethod
    async def _refuse(path: tuple[str | int, ...], send: Send) -> None:
        detail = [
            {
                "loc": ["body", *path],
                "msg": "text may not contain the NUL character",
                "type": "value_error",
            }
        ]
        payload = json.dumps({"detail": detail}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 422,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})
