"""An import job and the rows it rejected, as plain values (no I/O)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID


class ImportStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class ImportJob:
    """An uploaded file imported in the background; the counts add up over the slices stored
    so far, and ``next_row`` is where the next slice starts (the header is row 1)."""

    id: UUID
    tenant: str
    owner_org: str
    """The book the rows go into."""
    created_by: str
    created_by_org: str
    kind: str
    """What each row becomes, in the service's words (``lead``; a call task's kind)."""
    options: Mapping[str, Any]
    """The service's settings of this import (a call list's days before the listed date)."""
    format: str
    status: ImportStatus
    size_bytes: int
    rows_estimated: int | None
    rows_read: int
    """Non-blank data rows read so far."""
    rows_rejected: int
    counts: Mapping[str, int]
    """What the rows made so far, in the service's words (leads created, tasks dealt out…)."""
    next_row: int
    error: str | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None

    def count(self, name: str) -> int:
        return int(self.counts.get(name, 0))


@dataclass(frozen=True, slots=True)
class RowError:
    """Why a row was rejected, naming its field; ``value`` is the rejected cell (cut short)."""

    row_number: int
    field: str
    message: str
    value: str


@dataclass(frozen=True, slots=True)
class ReportedRowError:
    """A rejected row's error as the import stored it; ``id`` orders the report and pages it
    (keyset pagination: cheap on reports of hundreds of thousands of rows)."""

    id: int
    row_number: int
    field: str
    message: str
    value: str


@dataclass(frozen=True, slots=True)
class StoredSlice:
    """What a service made of one slice of rows, stored in the slice's transaction."""

    rows_read: int
    """Non-blank rows of the slice."""
    rows_rejected: int
    errors: Sequence[RowError] = ()
    counts: Mapping[str, int] = field(default_factory=dict)
    """What the slice's rows made, added to the job's counts of the same names."""


def rows_rejected(errors: Iterable[RowError]) -> int:
    """Rows with at least one error (a row may name several fields)."""
    return len({e.row_number for e in errors})


def added_counts(before: Mapping[str, int], more: Mapping[str, int]) -> dict[str, int]:
    return {name: int(before.get(name, 0)) + int(more.get(name, 0)) for name in {*before, *more}}
