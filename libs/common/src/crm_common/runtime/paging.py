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

from collections.abc import Sequence, Sized
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query

from crm_common.errors import InvalidInput

Row = TypeVar("Row")
Rows = TypeVar("Rows", bound=Sized)

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


@dataclass(frozen=True, slots=True)
class WholeReport:
    """A report answered whole: at most ``most`` rows (its schema declares ``most`` as the
    list's maxItems), or refused with 422 naming the query parameter ``narrow_by``; ``how``
    tells the caller how to ask for fewer.

    Its reads take at most ``read`` rows (``LIMIT most + 1``) and are refused once they find
    more than ``most``: a too-large request costs one row more than an answer, not every row
    computed first."""

    most: int
    narrow_by: str
    how: str

    @property
    def read(self) -> int:
        """The rows a read takes: one more than an answer carries, to know it has more."""
        return self.most + 1

    def whole(self, rows: Rows) -> Rows:
        """``rows``, or the refusal when there are more than ``most`` of them."""
        if len(rows) > self.most:
            raise InvalidInput(
                self.narrow_by,
                f"more rows than the {self.most:,} one answer carries: {self.how}",
                location="query",
            )
        return rows


def capped(rows: Sequence[Row], most: int) -> tuple[list[Row], bool]:
    """A list inside an answer capped at ``most`` (its schema declares it as maxItems, beside
    a ``…_truncated`` flag): the first ``most`` of ``rows`` read with ``LIMIT most + 1``, and
    whether the read found more."""
    return list(rows[:most]), len(rows) > most
