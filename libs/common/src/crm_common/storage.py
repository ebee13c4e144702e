"""The file storage port: files services keep beside their rows (call recordings, ticket
attachments), addressed by a key such as ``recordings/pbx/2026/12/07/1733.wav``.

Two adapters, chosen by ``CRM_FILE_STORAGE``: the filesystem (a directory, typically a volume
or a share the PBX writes its recordings to), and an S3-compatible bucket for production
(``s3://bucket/prefix``: AWS S3, MinIO, Ceph RGW, Alibaba OSS… through aiobotocore).

A file is stored whole or not at all: a reader never sees half of one, and an upload that
fails or goes over its limit leaves nothing under its key. Content may be given whole or
streamed in chunks (an HTTP upload is never held in memory whole). Reads are by byte range, so
an HTTP range request (a browser's audio player seeking) reads only what it asks for;
``crm_common.runtime.files`` turns the two into a 206 answer.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
import stat
import uuid
from abc import ABC, abstractmethod
from collections.abc import AsyncIterable, AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any
from urllib.parse import urlsplit

from crm_common.settings import Settings

CHUNK_BYTES = 64 * 1024
MAX_KEY_LENGTH = 500
PART_BYTES = 8 * 1024 * 1024
"""Streamed content larger than this goes up to S3 in parts of this size (S3's minimum part is
5 MiB); up to it, in one request."""

Content = bytes | AsyncIterable[bytes]


class StoredFileNotFound(LookupError):
    """No file under that key."""


class InvalidFileKey(ValueError):
    """A key that could leave the store (absolute, ``..``, empty parts) or is too long."""


class FileTooLarge(Exception):
    """The content went over the caller's limit; nothing was kept."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the file is over {limit} bytes")
        self.limit = limit


@dataclass(frozen=True, slots=True)
class StoredFile:
    key: str
    size: int
    content_type: str


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


async def _chunks(content: Content, max_bytes: int | None) -> AsyncIterator[bytes]:
    """The content in chunks, refused (``FileTooLarge``) as soon as it passes the limit."""
    size = 0
    if isinstance(content, bytes):
        if max_bytes is not None and len(content) > max_bytes:
            raise FileTooLarge(max_bytes)
        yield content
        return
    async for chunk in content:
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            raise FileTooLarge(max_bytes)
        yield chunk


class FileStore(ABC):
    """The port. Both adapters take content whole or in chunks up to the caller's limit, its
    media type named or guessed from the key; each keeps the chunks its own way."""

    async def put(
        self,
        key: str,
        content: Content,
        *,
        max_bytes: int | None = None,
        content_type: str | None = None,
    ) -> StoredFile:
        """Stores ``content`` (bytes, or chunks as they arrive) under ``key`` whole or not at
        all. Over ``max_bytes``: ``FileTooLarge``, nothing stored. ``content_type``: what
        the file is (None: guessed from the key)."""
        media_type = content_type or content_type_of(key)
        size = await self._keep(key, _chunks(content, max_bytes), media_type)
        return StoredFile(key, size, media_type)

    @abstractmethod
    async def _keep(self, key: str, chunks: AsyncIterator[bytes], media_type: str) -> int:
        """Stores the chunks under the key whole or not at all; their size in bytes."""

    @abstractmethod
    async def stat(self, key: str) -> StoredFile:
        """Raises ``StoredFileNotFound``."""

    @abstractmethod
    def read(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        """Bytes ``start`` up to ``end`` (exclusive; None: to the end), in chunks."""

    @abstractmethod
    async def delete(self, key: str) -> None:
        """Removes the file; a missing one is no error."""

    @abstractmethod
    def keys(self, folder: str) -> AsyncIterator[str]:
        """The keys of every file under ``folder`` (a key's leading parts, e.g.
        ``call-lists``), in no set order."""


class FilesystemStore(FileStore):
    """Files under one directory, a key's ``/`` its sub-directories; written to a temporary
    name and renamed when complete."""

    def __init__(self, root: Path) -> None:
        self._root = root

    def _path(self, key: str) -> Path:
        return self._root.joinpath(*checked_key(key).parts)

    async def _keep(self, key: str, chunks: AsyncIterator[bytes], media_type: str) -> int:
        path = self._path(key)
        partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")

        def start() -> IO[bytes]:
            path.parent.mkdir(parents=True, exist_ok=True)
            return partial.open("wb")

        size = 0
        handle = await asyncio.to_thread(start)
        try:
            try:
                async for chunk in chunks:
                    await asyncio.to_thread(handle.write, chunk)
                    size += len(chunk)
                await asyncio.to_thread(_flush_to_disk, handle)
            finally:
                await asyncio.to_thread(handle.close)
            await asyncio.to_thread(os.replace, partial, path)
        finally:
            await asyncio.to_thread(partial.unlink, missing_ok=True)
        return size

    async def stat(self, key: str) -> StoredFile:
        path = self._path(key)
        try:
            found = await asyncio.to_thread(path.stat)
        except (FileNotFoundError, NotADirectoryError):
            raise StoredFileNotFound(key) from None
        if not stat.S_ISREG(found.st_mode):
            raise StoredFileNotFound(key)
        return StoredFile(key, found.st_size, content_type_of(key))

    async def read(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
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

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._path(key).unlink, missing_ok=True)

    async def keys(self, folder: str) -> AsyncIterator[str]:
        top = self._path(folder)
        found = await asyncio.to_thread(
            lambda: [p for p in top.rglob("*") if p.is_file()] if top.is_dir() else []
        )
        for path in found:
            yield path.relative_to(self._root).as_posix()


def _flush_to_disk(handle: IO[bytes]) -> None:
    handle.flush()
    os.fsync(handle.fileno())


ClientFactory = Callable[[], Any]
"""Makes an async context manager yielding an S3 client (aiobotocore's ``create_client``)."""


class S3Store(FileStore):
    """Files in one bucket of an S3-compatible object store, under a key prefix, through
    aiobotocore. Content up to one part goes up in one ``PutObject``; larger streamed content
    in a multipart upload, aborted on any failure (the limit included), so an object appears
    only complete. A client is made per operation: files are few and large next to that."""

    def __init__(
        self,
        *,
        bucket: str,
        prefix: str = "",
        endpoint_url: str | None,
        region: str,
        access_key_id: str | None,
        secret_access_key: str | None,
        part_bytes: int = PART_BYTES,
    ) -> None:
        # Imported here: botocore takes a while to load, and only deployments on S3 need it.
        from aiobotocore.config import AioConfig
        from aiobotocore.session import get_session

        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.part_bytes = part_bytes
        session = get_session()
        # Path-style addressing: S3-compatible stores on a private host rarely have the
        # wildcard DNS that virtual-host style needs.
        config = AioConfig(s3={"addressing_style": "path"}, retries={"max_attempts": 3})

        def client() -> Any:
            return session.create_client(
                "s3",
                endpoint_url=endpoint_url,
                region_name=region,
                aws_access_key_id=access_key_id,
                aws_secret_access_key=secret_access_key,
                config=config,
            )

        self._client: ClientFactory = client

    def _object(self, key: str) -> str:
        checked_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    async def _keep(self, key: str, chunks: AsyncIterator[bytes], media_type: str) -> int:
        name = self._object(key)
        size = 0
        buffered = bytearray()
        upload_id: str | None = None
        parts: list[dict[str, Any]] = []
        async with self._client() as s3:
            try:
                async for chunk in chunks:
                    size += len(chunk)
                    buffered += chunk
                    while len(buffered) >= self.part_bytes:
                        if upload_id is None:
                            started = await s3.create_multipart_upload(
                                Bucket=self.bucket, Key=name, ContentType=media_type
                            )
                            upload_id = started["UploadId"]
                        part = bytes(buffered[: self.part_bytes])
                        del buffered[: self.part_bytes]
                        parts.append(await self._part(s3, name, upload_id, len(parts) + 1, part))
                if upload_id is None:
                    await s3.put_object(
                        Bucket=self.bucket, Key=name, Body=bytes(buffered), ContentType=media_type
                    )
                else:
                    if buffered:
                        last = bytes(buffered)
                        parts.append(await self._part(s3, name, upload_id, len(parts) + 1, last))
                    await s3.complete_multipart_upload(
                        Bucket=self.bucket,
                        Key=name,
                        UploadId=upload_id,
                        MultipartUpload={"Parts": parts},
                    )
            except BaseException:
                if upload_id is not None:
                    await s3.abort_multipart_upload(
                        Bucket=self.bucket, Key=name, UploadId=upload_id
                    )
                raise
        return size

    async def _part(self, s3: Any, name: str, upload_id: str, number: int, body: bytes) -> Any:
        sent = await s3.upload_part(
            Bucket=self.bucket, Key=name, UploadId=upload_id, PartNumber=number, Body=body
        )
        return {"PartNumber": number, "ETag": sent["ETag"]}

    async def stat(self, key: str) -> StoredFile:
        from botocore.exceptions import ClientError

        async with self._client() as s3:
            try:
                head = await s3.head_object(Bucket=self.bucket, Key=self._object(key))
            except ClientError as refused:
                if refused.response.get("Error", {}).get("Code") in ("404", "NoSuchKey"):
                    raise StoredFileNotFound(key) from None
                raise
        return StoredFile(
            key, head["ContentLength"], head.get("ContentType") or content_type_of(key)
        )

    async def read(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        name = self._object(key)
        wanted: dict[str, str] = {}
        if start or end is not None:
            if end is not None and end <= start:
                return
            wanted["Range"] = f"bytes={start}-{'' if end is None else end - 1}"
        async with self._client() as s3:
            try:
                answer = await s3.get_object(Bucket=self.bucket, Key=name, **wanted)
            except s3.exceptions.NoSuchKey:
                raise StoredFileNotFound(key) from None
            async with answer["Body"] as body:
                while chunk := await body.read(CHUNK_BYTES):
                    yield chunk

    async def delete(self, key: str) -> None:
        async with self._client() as s3:
            await s3.delete_object(Bucket=self.bucket, Key=self._object(key))

    async def keys(self, folder: str) -> AsyncIterator[str]:
        # The trailing slash: ``call-lists`` must not list ``call-lists-old/…``.
        under = self._object(folder).rstrip("/") + "/"
        skip = len(self.prefix) + 1 if self.prefix else 0
        async with self._client() as s3:
            pages = s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=under)
            async for page in pages:
                for found in page.get("Contents", []):
                    yield found["Key"][skip:]


def open_file_store(settings: Settings) -> FileStore:
    """The store ``CRM_FILE_STORAGE`` names: a directory (or ``file://`` URL), or an
    S3-compatible bucket (``s3://bucket/prefix`` with ``CRM_S3_ENDPOINT_URL``,
    ``CRM_S3_REGION`` and the access key)."""
    location = settings.file_storage
    if location.startswith("s3://"):
        parts = urlsplit(location)
        if not parts.netloc:
            raise ValueError(f"CRM_FILE_STORAGE names no bucket: {location!r}")
        secret = settings.s3_secret_access_key
        return S3Store(
            bucket=parts.netloc,
            prefix=parts.path,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            access_key_id=settings.s3_access_key_id,
            secret_access_key=None if secret is None else secret.get_secret_value(),
        )
    return FilesystemStore(Path(location.removeprefix("file://")))
