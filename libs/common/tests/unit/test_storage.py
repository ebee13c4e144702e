"""The filesystem adapter of the file storage port, and byte ranges as HTTP asks for them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi import FastAPI, Header
from fastapi.responses import Response
from fastapi.testclient import TestClient

from crm_common.runtime.files import RangeNotSatisfiable, byte_range, file_response
from crm_common.settings import Settings
from crm_common.storage import (
    CHUNK_BYTES,
    FilesystemStore,
    InvalidFileKey,
    S3Store,
    StoredFileNotFound,
    open_file_store,
)

AUDIO = bytes(range(256)) * 1000  # 256,000 bytes: several chunks


async def _read(store: FilesystemStore, key: str, start: int = 0, end: int | None = None) -> bytes:
    return b"".join([chunk async for chunk in store.read(key, start, end)])


async def test_a_file_put_is_read_whole_or_by_range(tmp_path: Path) -> None:
    store = FilesystemStore(tmp_path)
    stored = await store.put("recordings/pbx/2026/12/07/call-1.wav", AUDIO)
    assert stored.size == len(AUDIO)
    assert stored.content_type.startswith("audio/")
    assert await store.stat("recordings/pbx/2026/12/07/call-1.wav") == stored
    assert await _read(store, stored.key) == AUDIO
    assert (
        await _read(store, stored.key, 1000, 1000 + CHUNK_BYTES + 7)
        == AUDIO[1000 : 1000 + CHUNK_BYTES + 7]
    )
    assert await _read(store, stored.key, len(AUDIO) - 3) == AUDIO[-3:]
    assert os.listdir(tmp_path / "recordings/pbx/2026/12/07") == ["call-1.wav"]  # no partial


async def test_a_missing_file_is_not_found(tmp_path: Path) -> None:
    store = FilesystemStore(tmp_path)
    (tmp_path / "recordings").mkdir()
    with pytest.raises(StoredFileNotFound):
        await store.stat("recordings/none.wav")
    with pytest.raises(StoredFileNotFound):
        await store.stat("recordings")
    with pytest.raises(StoredFileNotFound):
        await _read(store, "recordings/none.wav")


@pytest.mark.parametrize(
    "key", ["", "/etc/passwd", "../secret", "a/../../b", "a//b", "./a", "a\\..\\b", "a\x00b"]
)
async def test_a_key_never_leaves_the_store(tmp_path: Path, key: str) -> None:
    store = FilesystemStore(tmp_path / "files")
    with pytest.raises(InvalidFileKey):
        await store.stat(key)
    with pytest.raises(InvalidFileKey):
        await store.put(key, b"x")


def test_the_store_is_a_directory_or_an_s3_bucket(tmp_path: Path) -> None:
    settings = Settings(env="test", service_name="t", file_storage=str(tmp_path))  # type: ignore[call-arg]
    assert isinstance(open_file_store(settings), FilesystemStore)
    s3 = Settings(env="test", service_name="t", file_storage="s3://bucket/crm/")  # type: ignore[call-arg]
    store = open_file_store(s3)
    assert isinstance(store, S3Store)
    assert (store.bucket, store.prefix) == ("bucket", "crm")
    nameless = Settings(env="test", service_name="t", file_storage="s3:///crm")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="no bucket"):
        open_file_store(nameless)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-99", (0, 100)),
        ("bytes=100-", (100, 1000)),
        ("bytes=-100", (900, 1000)),
        ("bytes=-5000", (0, 1000)),
        ("bytes=990-5000", (990, 1000)),
        ("bytes=0-1,5-9", None),  # several ranges: the whole file, as the RFC allows
        ("items=0-9", None),
        ("bytes=9-0", None),
        ("bytes=-", None),
    ],
)
def test_byte_ranges(header: str | None, expected: tuple[int, int] | None) -> None:
    assert byte_range(header, 1000) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5000-6000", "bytes=-0"])
def test_a_range_past_the_end_is_not_satisfiable(header: str) -> None:
    with pytest.raises(RangeNotSatisfiable):
        byte_range(header, 1000)


async def test_ranges_are_served_as_partial_content(tmp_path: Path) -> None:
    store = FilesystemStore(tmp_path)
    stored = await store.put("a/call.wav", AUDIO)
    app = FastAPI()

    @app.get("/file")
    async def serve(range_: str | None = Header(None, alias="range")) -> Response:
        return file_response(store, stored, range_)

    with TestClient(app) as client:
        whole = client.get("/file")
        assert (whole.status_code, whole.content) == (200, AUDIO)
        assert whole.headers["accept-ranges"] == "bytes"
        part = client.get("/file", headers={"Range": "bytes=100-199"})
        assert part.status_code == 206
        assert part.content == AUDIO[100:200]
        assert part.headers["content-range"] == f"bytes 100-199/{len(AUDIO)}"
        assert part.headers["content-type"] == stored.content_type
        past = client.get("/file", headers={"Range": f"bytes={len(AUDIO)}-"})
        assert past.status_code == 416
        assert past.headers["content-range"] == f"bytes */{len(AUDIO)}"
