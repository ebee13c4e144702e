import json
from collections.abc import Iterator

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from pydantic import BaseModel

from crm_common.runtime.nul_guard import RefuseNulCharacters


class Body(BaseModel):
    name: str
    tags: list[str] = []


def app(max_body_bytes: int = 1024 * 1024) -> FastAPI:
    application = FastAPI()
    application.add_middleware(
        RefuseNulCharacters,
        max_body_bytes=max_body_bytes,
        streamed_paths=["/uploads", "/things/*/files"],
    )

    @application.post("/things")
    async def create(body: Body) -> dict[str, str]:
        return {"name": body.name}

    @application.post("/uploads")
    @application.post("/things/{thing}/files")
    async def upload(request: Request) -> dict[str, int]:
        return {"bytes": sum([len(chunk) async for chunk in request.stream()])}

    return application


def test_a_nul_character_anywhere_in_a_json_body_is_refused_naming_the_field() -> None:
    client = TestClient(app())
    refused = client.post("/things", json={"name": "ok", "tags": ["a", "b\x00c"]})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "tags", 1]


def test_other_bodies_pass_through_unchanged() -> None:
    client = TestClient(app())
    assert client.post("/things", json={"name": "林\\u0000 written out"}).json() == {
        "name": "林\\u0000 written out"
    }
    assert client.post("/things", json={"name": "plain"}).json() == {"name": "plain"}


@pytest.mark.parametrize(
    "content_type",
    [
        "Application/JSON",
        "application/json; charset=utf-8",
        "application/merge-patch+json",
        "APPLICATION/VND.CRM+JSON",
    ],
)
def test_every_content_type_read_as_json_is_guarded(content_type: str) -> None:
    client = TestClient(app())
    refused = client.post(
        "/things",
        content=b'{"name": "a\\u0000b"}',
        headers={"content-type": content_type},
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "name"]


def test_a_body_over_the_limit_is_refused_while_reading() -> None:
    """413 whether the size is declared or not (a chunked body announces none)."""
    client = TestClient(app(max_body_bytes=1024))
    big = json.dumps({"name": "x" * 2000}).encode()
    declared = client.post("/things", content=big, headers={"content-type": "application/json"})
    assert declared.status_code == 413
    assert "1024 bytes" in declared.json()["detail"]

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(big), 256):
            yield big[start : start + 256]

    chunked = client.post("/things", content=chunks(), headers={"content-type": "text/plain"})
    assert chunked.status_code == 413
    assert client.post("/things", json={"name": "small"}).status_code == 200


def test_streamed_paths_read_their_own_bodies() -> None:
    client = TestClient(app(max_body_bytes=1024))
    assert client.post("/uploads", content=b"x" * 5000).json() == {"bytes": 5000}
    assert client.post("/things/t-1/files", content=b"x" * 5000).json() == {"bytes": 5000}
    assert client.post("/things/t-1/other", content=b"x" * 5000).status_code == 413
