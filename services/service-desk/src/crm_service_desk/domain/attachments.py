"""What a ticket takes as an attachment: photos, scans and short videos of the problem, a PDF
(an invoice, a report), plain text (a log). The declared type must be one of these and the
first bytes must look like it — a file is never served back as something it is not."""

from __future__ import annotations

import unicodedata

from crm_common.errors import InvalidInput

SNIFF_BYTES = 16
"""How much of the content ``looks_like`` needs."""

_SIGNATURES: dict[str, tuple[tuple[int, bytes], ...]] = {
    "image/jpeg": ((0, b"\xff\xd8\xff"),),
    "image/png": ((0, b"\x89PNG\r\n\x1a\n"),),
    "application/pdf": ((0, b"%PDF-"),),
    "video/mp4": ((4, b"ftyp"),),
    "image/heic": ((4, b"ftypheic"), (4, b"ftypheix"), (4, b"ftypmif1")),
    "text/plain": (),
}
ATTACHMENT_TYPES = frozenset(_SIGNATURES)
MAX_FILENAME = 200


def media_type_of(content_type: str | None) -> str:
    """The declared media type, without parameters, if a ticket takes it."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type not in ATTACHMENT_TYPES:
        allowed = ", ".join(sorted(ATTACHMENT_TYPES))
        raise InvalidInput("content-type", f"a ticket takes only {allowed}", location="header")
    return media_type


def clean_filename(filename: str) -> str:
    """The name shown and offered on download: its last path segment, without control
    characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name or name in (".", ".."):
        raise InvalidInput("filename", "a file needs a name", location="query")
    if len(name) > MAX_FILENAME:
        raise InvalidInput("filename", f"at most {MAX_FILENAME} characters", location="query")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise InvalidInput("filename", "no control characters in a file name", location="query")
    return name


def looks_like(media_type: str, head: bytes) -> bool:
    """Whether the content's first bytes (``SNIFF_BYTES`` or all of a shorter file) match the
    declared type; plain text must be UTF-8 without NUL characters."""
    if media_type == "text/plain":
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as cut:
            # A character cut by the sniff window is still text.
            return cut.start >= len(head) - 3 and cut.reason == "unexpected end of data"
        return True
    return any(head[at : at + len(magic)] == magic for at, magic in _SIGNATURES[media_type])
