"""The one paging rule: the sizes a list names, bounded, answered 422 naming the parameter."""

from __future__ import annotations

from typing import Annotated

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crm_common.errors import InvalidInput
from crm_common.runtime.paging import (
    MOST_OFFSET,
    Page,
    Paging,
    WholeReport,
    capped,
    first_of,
    page_of,
)

TreePage = Annotated[Paging, page_of(default=2000, most=5000)]
Newest = Annotated[Paging, first_of(default=5, most=20)]


def client() -> TestClient:
    app = FastAPI()

    @app.get("/rows")
    async def rows(page: Page) -> dict[str, int]:
        return {"limit": page.limit, "offset": page.offset}

    @app.get("/tree")
    async def tree(page: TreePage) -> dict[str, int]:
        return {"limit": page.limit, "offset": page.offset}

    @app.get("/newest")
    async def newest(page: Newest) -> dict[str, int]:
        return {"limit": page.limit, "offset": page.offset}

    return TestClient(app)


def test_a_page_is_200_rows_unless_asked_and_at_most_500() -> None:
    pages = client()
    assert pages.get("/rows").json() == {"limit": 200, "offset": 0}
    assert pages.get("/rows?limit=500&offset=40").json() == {"limit": 500, "offset": 40}
    for refused, field in (
        ("limit=501", "limit"),
        ("limit=0", "limit"),
        (f"offset={MOST_OFFSET + 1}", "offset"),
        ("offset=-1", "offset"),
    ):
        answer = pages.get(f"/rows?{refused}")
        assert answer.status_code == 422, refused
        assert answer.json()["detail"][0]["loc"] == ["query", field]


def test_a_list_names_its_own_sizes_through_the_same_rule() -> None:
    pages = client()
    assert pages.get("/tree").json() == {"limit": 2000, "offset": 0}
    assert pages.get("/tree?limit=5000").status_code == 200
    assert pages.get("/tree?limit=5001").status_code == 422
    assert pages.get("/rows?limit=2000").status_code == 422
    assert pages.get("/newest").json() == {"limit": 5, "offset": 0}
    assert pages.get("/newest?limit=21").status_code == 422


def test_the_documents_show_each_list_s_bounds() -> None:
    parameters = {
        path: {p["name"]: p["schema"] for p in operation["get"]["parameters"]}
        for path, operation in client().app.openapi()["paths"].items()
    }
    limit = parameters["/rows"]["limit"]
    assert (limit["minimum"], limit["maximum"], limit["default"]) == (1, 500, 200)
    assert parameters["/rows"]["offset"]["maximum"] == MOST_OFFSET
    assert parameters["/tree"]["limit"]["maximum"] == 5000
    assert set(parameters["/newest"]) == {"limit"}


def test_a_report_answered_whole_is_refused_past_its_rows_naming_how_to_ask_for_fewer() -> None:
    rows = list(range(3))
    report = WholeReport(most=3, narrow_by="dealer_id", how="ask per dealer")
    assert report.read == 4, "one row more than an answer carries, to know there are more"
    assert report.whole(rows) == rows
    with pytest.raises(InvalidInput) as refused:
        WholeReport(most=2, narrow_by="dealer_id", how="ask per dealer").whole(rows)
    assert (refused.value.field, refused.value.location) == ("dealer_id", "query")
    assert str(refused.value) == "more rows than the 2 one answer carries: ask per dealer"


def test_a_capped_list_keeps_its_first_rows_and_says_when_it_left_some_out() -> None:
    assert capped([1, 2, 3], 3) == ([1, 2, 3], False)
    assert capped([1, 2, 3, 4], 3) == ([1, 2, 3], True)
