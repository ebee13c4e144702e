"""Errors the domain raises about its input, answered like any validation error (422)."""

from __future__ import annotations


class InvalidInput(ValueError):
    """A rule rejected one input field; the API answers 422 naming that field."""

    def __init__(self, field: str, message: str, *, location: str = "body") -> None:
        super().__init__(message)
        self.field = field
        self.location = location
        """Where the field came from, as FastAPI says it: body, query, path."""
