"""The BFF passes a recording's byte ranges through: the browser's ``Range`` goes to the service,
the partial answer (206, ``Content-Range``, its length) comes back as it streams."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI, Header, Response

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
