"""The file storage port: files services keep beside their rows (call recordings, ticket
attachments), addressed by a key such as ``recordings/pbx/2026/12/07/1733.wav``.

One adapter is built: the filesystem (a directory, typically a volume or a share the PBX writes
its recordings to). The S3-compatible adapter the design names for production is not built:
``open_file_store`` refuses an ``s3://`` location loudly rather than pretending.

Reads are by byte range, so an HTTP range request (a browser's audio player seeking) reads only
what it asks for; ``crm_common.runtime.files`` turns the two into a 206 answer.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
import stat
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol

from crm_common.settings import Settings

CHUNK_BYTES = 64 * 1024
MAX_KEY_LENGTH = 500


class StoredFileNotFound(LookupError):
    """No file under that key."""


class InvalidFileKey(ValueError):
    """A key that could leave the store (absolute, ``..``, empty parts) or is too long."""


@dataclass(frozen=True, slots=True)
class StoredFile:
    key: str
    size: int
    content_type: str


class FileStore(Protocol):
    async def put(self, key: str, data: bytes) -> StoredFile:
        """Stores ``data`` under ``key`` whole or not at all (a reader never sees half)."""
        ...

    async def stat(self, key: str) -> StoredFile:
        """Raises ``StoredFileNotFound``."""
        ...

    def read(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        """Bytes ``start`` up to ``end`` (exclusive; None: to the end), in chunks."""
        ...


def checked_key(key: str) -> PurePosixPath:
    """The key as a relative path that stays inside the store, or ``InvalidFileKey``."""
    path = PurePosixPath(key)
    if (
        not key
        or len(key) > MAX_KEY_LENGTH
        or path.is_absolute()
        or "\\" in key
        or "\x00" in key
        or any(part in ("", ".", "..") for part in key.split("/"))
    ):
        raise InvalidFileKey(f"not a file key: {key[:80]!r}")
    return path


def content_type_of(key: str) -> str:
    guessed, _ = mimetypes.guess_type(key, strict=False)
    return guessed or "application/octet-stream"


class FilesystemStore:
    """Files under one directory, a key's ``/`` its sub-directories."""

    def __init__(self, root: Path) -> None:
        self._root = root

    def _path(self, key: str) -> Path:
        return self._root.joinpath(*checked_key(key).parts)

    async def put(self, key: str, data: bytes) -> StoredFile:
        path = self._path(key)

        def write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
            try:
                partial.write_bytes(data)
                os.replace(partial, path)
            finally:
                partial.unlink(missing_ok=True)

        await asyncio.to_thread(write)
        return StoredFile(key, len(data), content_type_of(key))

    async def stat(self, key: str) -> StoredFile:
        path = self._path(key)
        try:
            found = await asyncio.to_thread(path.stat)
        except (FileNotFoundError, NotADirectoryError):
            raise StoredFileNotFound(key) from None
        if not stat.S_ISREG(found.st_mode):
            raise StoredFileNotFound(key)
        return StoredFile(key, found.st_size, content_type_of(key))

    async def read(
        self, key: str, start: int = 0, end: int | None = None
    ) -> AsyncIterator[bytes]:
        path = self._path(key)
        try:
            handle = await asyncio.to_thread(path.open, "rb")
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            raise StoredFileNotFound(key) from None
        try:
            await asyncio.to_thread(handle.seek, start)
            left = None if end is None else max(0, end - start)
            while left is None or left > 0:
                size = CHUNK_BYTES if left is None else min(CHUNK_BYTES, left)
                chunk = await asyncio.to_thread(handle.read, size)
                if not chunk:
                    return
                if left is not None:
                    left -= len(chunk)
                yield chunk
        finally:
            await asyncio.to_thread(handle.close)


def open_file_store(settings: Settings) -> FileStore:
    """The store ``CRM_FILE_STORAGE`` names: a directory (or ``file://`` URL)."""
    location = settings.file_storage
    if location.startswith("s3://"):
        raise NotImplementedError(
            "the S3-compatible file storage adapter is not built: set CRM_FILE_STORAGE to a "
            "directory"
        )
    return FilesystemStore(Path(location.removeprefix("file://")))
