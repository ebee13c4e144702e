"""Serving a stored file over HTTP with range requests (RFC 9110 §14): an audio player seeking
in a recording asks for the bytes it needs and gets 206 with ``Content-Range``."""

from __future__ import annotations

import re

from fastapi import Response, status
from fastapi.responses import StreamingResponse

from crm_common.storage import FileStore, StoredFile

_SINGLE_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


class RangeNotSatisfiable(Exception):
    """The range starts past the end of the file (answered 416)."""


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """``(start, end)`` (end exclusive) a ``Range`` header asks for, None for the whole file.
    A header that is not one byte range (several ranges, another unit, bad syntax) is
    ignored, as the RFC allows; a range past the end raises ``RangeNotSatisfiable``."""
    if not header:
        return None
    found = _SINGLE_RANGE.fullmatch(header.strip())
    if found is None:
        return None
    first, last = found.groups()
    if not first and not last:
        return None
    if not first:
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable(header)
        return max(0, size - suffix), size
    start = int(first)
    end = size if not last else min(int(last) + 1, size)
    if last and int(last) < start:
        return None
    if start >= size:
        raise RangeNotSatisfiable(header)
    return start, end


def file_response(store: FileStore, file: StoredFile, range_header: str | None) -> Response:
    """The file, or the one range of it asked for; 416 for a range past its end."""
    headers = {"accept-ranges": "bytes", "cache-control": "private, no-store"}
    try:
        wanted = byte_range(range_header, file.size)
    except RangeNotSatisfiable:
        return Response(
            status_code=status.HTTP_416_RANGE_NOT_SATISFIABLE,
            headers={**headers, "content-range": f"bytes */{file.size}"},
        )
    if wanted is None:
        return StreamingResponse(
            store.read(file.key),
            media_type=file.content_type,
            headers={**headers, "content-length": str(file.size)},
        )
    start, end = wanted
    return StreamingResponse(
        store.read(file.key, start, end),
        status_code=status.HTTP_206_PARTIAL_CONTENT,
        media_type=file.content_type,
        headers={
            **headers,
            "content-length": str(end - start),
            "content-range": f"bytes {start}-{end - 1}/{file.size}",
        },
    )
