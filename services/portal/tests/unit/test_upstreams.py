"""The BFF passes a recording's byte ranges through: the browser's ``Range`` goes to the service,
the partial answer (206, ``Content-Range``, its length) comes back as it streams; files go up
and down as streams too."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from fastapi import FastAPI, Header, Request, Response

from crm_common.runtime.files import file_response
from crm_common.storage import FilesystemStore
from crm_portal.adapters.upstreams import HttpUpstreams

AUDIO = b"RIFF" + bytes(range(256)) * 100


async def test_a_range_of_a_recording_is_relayed_as_the_service_answers_it(tmp_path: Path) -> None:
    store = FilesystemStore(tmp_path)
    stored = await store.put("recordings/pbx/call.wav", AUDIO)
    service = FastAPI()
    seen: list[str | None] = []

    @service.get("/calls/1/recording")
    async def recording(range_: str | None = Header(None, alias="range")) -> Response:
        seen.append(range_)
        return file_response(store, stored, range_)

    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://cc")
    upstreams = HttpUpstreams({"call-center": client})
    try:
        answer = await upstreams.forward(
            "call-center", "GET", "/calls/1/recording", "", {"Range": "bytes=10-19"}, b"", "token"
        )
        assert answer.events is not None
        relayed = b"".join([chunk async for chunk in answer.events])
    finally:
        await upstreams.aclose()
    assert seen == ["bytes=10-19"]
    assert (answer.status, relayed) == (206, AUDIO[10:20])
    assert answer.headers["content-range"] == f"bytes 10-19/{len(AUDIO)}"
    assert (answer.headers["content-length"], answer.headers["accept-ranges"]) == ("10", "bytes")


async def test_a_file_is_uploaded_and_downloaded_as_a_stream_with_its_name() -> None:
    """An upload goes on as it arrives, with the browser's length; a file offered for download
    (``Content-Disposition``) comes back as a stream, its name and type kept."""
    photo = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 400
    service = FastAPI()
    received: list[tuple[bytes, str | None, str | None]] = []

    @service.post("/tickets/1/attachments")
    async def upload(request: Request) -> dict[str, int]:
        body = b"".join([chunk async for chunk in request.stream()])
        received.append(
            (
                body,
                request.headers.get("content-length"),
                request.headers.get("transfer-encoding"),
            )
        )
        return {"size": len(body)}

    @service.get("/attachments/1")
    async def download() -> Response:
        return Response(
            photo,
            media_type="image/jpeg",
            headers={"content-disposition": "attachment; filename*=UTF-8''%E7%85%A7.jpg"},
        )

    async def parts() -> AsyncIterator[bytes]:
        for start in range(0, len(photo), 4096):
            yield photo[start : start + 4096]

    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://sd")
    upstreams = HttpUpstreams({"service-desk": client})
    try:
        uploaded = await upstreams.forward(
            "service-desk",
            "POST",
            "/tickets/1/attachments",
            "filename=x.jpg",
            {"content-type": "image/jpeg", "content-length": str(len(photo))},
            parts(),
            "token",
        )
        downloaded = await upstreams.forward(
            "service-desk", "GET", "/attachments/1", "", {}, b"", "token"
        )
        assert downloaded.events is not None
        relayed = b"".join([chunk async for chunk in downloaded.events])
    finally:
        await upstreams.aclose()
    assert uploaded.status == 200
    assert received == [(photo, str(len(photo)), None)]
    assert downloaded.content == b""
    assert relayed == photo
    assert downloaded.headers["content-type"] == "image/jpeg"
    assert downloaded.headers["content-disposition"].startswith("attachment;")
