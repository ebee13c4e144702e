"""The file storage port's two adapters against the real thing: a folder on disk, and an
S3-compatible server process on loopback (moto's). The same contract for both: content given
whole or streamed in chunks, read whole or by range; the limit refuses a file whole; a
missing key says so; a refused or failed upload leaves nothing under its key."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiobotocore.session import get_session

from crm_common.storage import (
    FileStore,
    FilesystemStore,
    FileTooLarge,
    S3Store,
    StoredFileNotFound,
)
from crm_common.testing.receivers import S3Server, s3_server

PART = 5 * 1024 * 1024


async def _chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


async def _read(store: FileStore, key: str, start: int = 0, end: int | None = None) -> bytes:
    return b"".join([chunk async for chunk in store.read(key, start, end)])


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    with s3_server(tmp_path_factory.mktemp("s3")) as server:
        yield server


def _client(server: S3Server) -> Any:
    return get_session().create_client(
        "s3",
        endpoint_url=server.endpoint_url,
        region_name=server.region,
        aws_access_key_id=server.access_key_id,
        aws_secret_access_key=server.secret_access_key,
    )


async def _bucket(server: S3Server) -> str:
    bucket = f"crm-{uuid.uuid4().hex}"
    async with _client(server) as client:
        await client.create_bucket(Bucket=bucket)
    return bucket


@pytest.fixture
async def store(request: pytest.FixtureRequest, tmp_path: Path, s3: S3Server) -> FileStore:
    if request.param == "filesystem":
        return FilesystemStore(tmp_path / "files")
    return S3Store(
        bucket=await _bucket(s3),
        prefix="crm",
        endpoint_url=s3.endpoint_url,
        region=s3.region,
        access_key_id=s3.access_key_id,
        secret_access_key=s3.secret_access_key,
        part_bytes=PART,
    )


both = pytest.mark.parametrize("store", ["filesystem", "s3"], indirect=True)


@both
async def test_a_streamed_file_is_read_whole_and_by_range(store: FileStore) -> None:
    content = [b"%PDF-1.7 ", "刹车片照片".encode(), b"x" * 300_000]
    whole = b"".join(content)
    stored = await store.put(
        "oem/tickets/t-1/a-1", _chunks(*content), content_type="application/pdf", max_bytes=10**6
    )
    assert (stored.size, stored.content_type) == (len(whole), "application/pdf")
    assert (await store.stat("oem/tickets/t-1/a-1")).size == len(whole)
    assert await _read(store, "oem/tickets/t-1/a-1") == whole
    assert await _read(store, "oem/tickets/t-1/a-1", 9, 24) == whole[9:24]
    assert await _read(store, "oem/tickets/t-1/a-1", len(whole) - 3) == whole[-3:]


@both
async def test_a_file_over_the_limit_is_refused_whole(store: FileStore) -> None:
    with pytest.raises(FileTooLarge):
        await store.put("oem/big", _chunks(b"a" * 600, b"b" * 600), max_bytes=1000)
    with pytest.raises(FileTooLarge):
        await store.put("oem/big", b"c" * 1001, max_bytes=1000)
    with pytest.raises(StoredFileNotFound):
        await store.stat("oem/big")


@both
async def test_a_missing_file_and_a_deleted_one_are_not_found(store: FileStore) -> None:
    with pytest.raises(StoredFileNotFound):
        await store.stat("oem/nothing/here")
    with pytest.raises(StoredFileNotFound):
        await _read(store, "oem/nothing/here")
    await store.put("oem/x.txt", b"hello")
    assert (await store.stat("oem/x.txt")).content_type == "text/plain"
    await store.delete("oem/x.txt")
    await store.delete("oem/x.txt")
    with pytest.raises(StoredFileNotFound):
        await store.stat("oem/x.txt")


@both
async def test_an_upload_that_fails_midway_leaves_nothing(store: FileStore) -> None:
    async def broken() -> AsyncIterator[bytes]:
        yield b"x" * (PART + 10)
        raise ConnectionResetError("the client went away")

    with pytest.raises(ConnectionResetError):
        await store.put("oem/broken.mp4", broken())
    with pytest.raises(StoredFileNotFound):
        await store.stat("oem/broken.mp4")


@both
async def test_the_files_under_a_folder_are_listed_by_key(store: FileStore) -> None:
    wanted = ["call-lists/oem-demo/a.csv", "call-lists/oem-2/b.xlsx"]
    for key in [*wanted, "call-lists-archive/c.csv", "recordings/d.wav"]:
        await store.put(key, b"x")
    assert sorted([key async for key in store.keys("call-lists")]) == sorted(wanted)
    assert [key async for key in store.keys("nothing-here")] == []


@both
async def test_a_recording_larger_than_a_part_goes_up_in_parts(store: FileStore) -> None:
    whole = bytes(range(256)) * ((2 * PART + 12_345) // 256)
    pieces = [whole[i : i + 1_000_000] for i in range(0, len(whole), 1_000_000)]
    stored = await store.put("oem/calls/c-1.wav", _chunks(*pieces))
    assert stored.size == len(whole)
    assert stored.content_type.startswith("audio/")
    assert await _read(store, "oem/calls/c-1.wav") == whole
    middle = await _read(store, "oem/calls/c-1.wav", PART - 5, PART + 5)
    assert middle == whole[PART - 5 : PART + 5]


async def test_an_s3_multipart_upload_over_the_limit_is_aborted(s3: S3Server) -> None:
    bucket = await _bucket(s3)
    store = S3Store(
        bucket=bucket,
        endpoint_url=s3.endpoint_url,
        region=s3.region,
        access_key_id=s3.access_key_id,
        secret_access_key=s3.secret_access_key,
        part_bytes=PART,
    )
    with pytest.raises(FileTooLarge):
        await store.put("oem/huge.mp4", _chunks(b"x" * PART, b"y" * PART), max_bytes=PART + 1)
    async with _client(s3) as client:
        uploads = await client.list_multipart_uploads(Bucket=bucket)
        objects = await client.list_objects_v2(Bucket=bucket)
    assert uploads.get("Uploads", []) == []
    assert objects.get("Contents", []) == []
