"""How a route asks for a page of a list, written once: every list an api answers is bounded
(OWASP API4; tests/contract/test_list_limits.py checks the documents): a ``limit`` with a
maximum and, where it pages by offset, an ``offset`` with a maximum.

A route takes ``page: Page`` (200 rows unless asked, at most 500); a list whose rows are
fewer or more costly names its own sizes through the same rule,
``Annotated[Paging, page_of(default=…, most=…)]``; a list paged by a key instead of an offset
(newest first before a time, the rows after a number) takes only a limit,
``Annotated[Paging, first_of(default=…, most=…)]``.

No ``from __future__ import annotations`` here: FastAPI reads the parameters' annotations,
which name each list's own sizes, from the functions themselves."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query

from crm_common.errors import InvalidInput

Row = TypeVar("Row")

MOST_OFFSET = 100_000
"""How deep a list pages by offset: deeper pages cost a scan of every row before them."""
MOST_REPORT_ROWS = 10_000
"""Rows a report answered whole carries (a row per consultant, per day…): more are refused."""


@dataclass(frozen=True, slots=True)
class Paging:
    """Which rows of a list: ``limit`` of them after the first ``offset``."""

    limit: int
    offset: int = 0


def page_of(*, default: int, most: int, deepest: int = MOST_OFFSET) -> Any:
    """The dependency reading the ``limit`` (``default`` unless asked, at most ``most``) and
    ``offset`` (at most ``deepest``) query parameters of a list as a ``Paging``."""

    async def paging(
        limit: Annotated[int, Query(ge=1, le=most)] = default,
        offset: Annotated[int, Query(ge=0, le=deepest)] = 0,
    ) -> Paging:
        return Paging(limit, offset)

    return Depends(paging)


def first_of(*, default: int, most: int) -> Any:
    """The dependency reading the ``limit`` query parameter alone (``default`` unless asked,
    at most ``most``) of a list paged by a key rather than an offset."""

    async def first(limit: Annotated[int, Query(ge=1, le=most)] = default) -> Paging:
        return Paging(limit)

    return Depends(first)


Page = Annotated[Paging, page_of(default=200, most=500)]
ShortPage = Annotated[Paging, page_of(default=50, most=200)]
"""A list of whole records (tickets, opportunities, applications) read a screen at a time."""


def whole_report(rows: Sequence[Row], *, narrow_by: str, how: str, most: int) -> Sequence[Row]:
    """The rows of a report answered whole, or 422 naming the query parameter ``narrow_by``
    when there are more than ``most`` (its schema declares ``most`` as the list's maxItems):
    ``how`` tells the caller how to ask for fewer."""
    if len(rows) > most:
        raise InvalidInput(
            narrow_by,
            f"{len(rows):,} rows, more than the {most:,} one answer carries: {how}",
            location="query",
        )
    return rows
