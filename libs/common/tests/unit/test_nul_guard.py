from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from crm_common.runtime.nul_guard import RefuseNulCharacters


class Body(BaseModel):
    name: str
    tags: list[str] = []


def app() -> FastAPI:
    application = FastAPI()
    application.add_middleware(RefuseNulCharacters)

    @application.post("/things")
    async def create(body: Body) -> dict[str, str]:
        return {"name": body.name}

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
