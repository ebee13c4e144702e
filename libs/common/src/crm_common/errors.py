"""Errors the domain raises about its input, answered like any validation error (422), and
refusals a client translates by their code."""

from __future__ import annotations

from typing import ClassVar


class InvalidInput(ValueError):
    """A rule rejected one input field; the API answers 422 naming that field."""

    def __init__(self, field: str, message: str, *, location: str = "body") -> None:
        super().__init__(message)
        self.field = field
        self.location = location
        """Where the field came from, as FastAPI says it: body, query, path."""


class CodedRefusal(Exception):
    """A refusal a client puts in its user's language: the answer carries ``code`` (stable,
    snake_case) and ``params`` beside the English ``detail``, so a portal translates by the
    code, never by matching the English text. Subclasses name their code."""

    code: ClassVar[str]

    def __init__(self, message: str, **params: str | list[str]) -> None:
        super().__init__(message)
        self.params = params
