"""The one free-text match of the service desk (tickets, knowledge articles), Chinese or
English: see ``crm_service_desk.domain.search`` for the keys."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

from crm_service_desk.domain.search import query_grams


def text_matches(
    grams: ColumnElement[Any], text: ColumnElement[str], query: str
) -> list[ColumnElement[bool]]:
    """The query as a phrase of the text; its Chinese bigrams, when it has any, must all be
    among the row's keys. Neither test is leakproof, so under row-level security no index
    narrows with them: the caller walks an index of something else (a book's)."""
    escaped = query.lower().replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")
    conditions: list[ColumnElement[bool]] = [text.like(f"%{escaped}%")]
    pairs = query_grams(query)
    if pairs is not None:
        conditions.append(grams.contains(pairs))
    return conditions
