"""What every service's api answers around its routes: API docs and metrics by environment,
security headers on HTML, a domain refusal's code."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient
from pydantic import SecretStr

from crm_common.errors import CodedRefusal
from crm_common.runtime.http import create_http_app
from crm_common.settings import Settings

PRODUCTION = {
    "env": "production",
    "database_url": "postgresql+asyncpg://crm:s3cret@db.internal:5432/crm_x",
    "jwks_url": "https://identity.internal/.well-known/jwks.json",
}

pages = APIRouter()


@pages.get("/page", response_class=HTMLResponse)
async def page() -> str:
    return "<html><body>a quote</body></html>"


class SoldOut(CodedRefusal):
    code = "sold_out"


class Closed(Exception):
    pass


@pages.post("/orders")
async def order(colour: str) -> None:
    if colour == "red":
        raise SoldOut("no red one left", colour="red")
    raise Closed("closed for the night")


def client(**settings: object) -> TestClient:
    app = create_http_app(
        Settings(**settings),  # type: ignore[arg-type]
        title="t",
        description="d",
        routers=[pages],
        error_statuses={SoldOut: 409, Closed: 409},
    )
    return TestClient(app)


def test_a_coded_refusal_carries_its_code_and_params_beside_the_reason() -> None:
    development = client(env="development")
    refused = development.post("/orders", params={"colour": "red"})
    assert (refused.status_code, refused.json()) == (
        409,
        {"detail": "no red one left", "code": "sold_out", "params": {"colour": "red"}},
    )
    assert development.post("/orders", params={"colour": "blue"}).json() == {
        "detail": "closed for the night"
    }


def test_production_serves_neither_api_docs_nor_open_metrics() -> None:
    production = client(**PRODUCTION)
    for path in ("/docs", "/redoc", "/openapi.json", "/metrics"):
        assert production.get(path).status_code == 404, path


def test_production_metrics_need_the_scrape_token() -> None:
    scraped = client(**PRODUCTION, http_metrics_token=SecretStr("scrape-me"))
    assert scraped.get("/metrics").status_code == 401
    wrong = scraped.get("/metrics", headers={"authorization": "Bearer guess"})
    assert wrong.status_code == 401
    right = scraped.get("/metrics", headers={"authorization": "Bearer scrape-me"})
    assert right.status_code == 200


def test_development_serves_docs_and_metrics() -> None:
    development = client(env="development")
    assert development.get("/openapi.json").status_code == 200
    assert development.get("/metrics").status_code == 200
    docs = development.get("/docs")
    assert docs.status_code == 200
    assert "frame-ancestors 'none'" in docs.headers["content-security-policy"]


def test_html_answers_carry_a_strict_policy_and_nothing_is_sniffed() -> None:
    development = client(env="development")
    html = development.get("/page")
    assert html.headers["content-security-policy"].startswith("default-src 'none'")
    assert "frame-ancestors 'none'" in html.headers["content-security-policy"]
    assert html.headers["x-content-type-options"] == "nosniff"
    assert html.headers["x-frame-options"] == "DENY"
    assert development.get("/healthz").headers["x-content-type-options"] == "nosniff"
