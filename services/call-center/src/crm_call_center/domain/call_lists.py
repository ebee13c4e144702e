"""Call lists imported in bulk (CSV or XLSX): insurance policies with their expiry, vehicles due
for maintenance, lost leads worth another try. Each row is a customer to call by a date; the
list's kind says which call task it becomes. Pure rules: which column is which, whether a row
is a call to make, the key that makes a row's task once however often the list is imported,
and how far an import got. The file is read elsewhere (``crm_common.spreadsheet_rows``), a
slice of rows at a time."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from uuid import UUID

from crm_call_center.domain.tasks import TaskKind
from crm_common.errors import InvalidInput
from crm_common.import_jobs.model import ImportJob
from crm_common.import_jobs.model import ImportStatus as ImportStatus
from crm_common.import_jobs.model import ReportedRowError as ReportedRowError
from crm_common.import_jobs.model import RowError as RowError
from crm_common.import_jobs.model import rows_rejected as rows_rejected
from crm_common.spreadsheet_reader import header_key, is_blank

MAX_NAME_LENGTH = 200
MAX_NOTE_LENGTH = 500
MAX_RAW_VALUE_LENGTH = 200
"""What a row error keeps of the rejected cell."""
LISTED_KINDS = frozenset(
    {
        TaskKind.POLICY_RENEWAL,
        TaskKind.MAINTENANCE_DUE,
        TaskKind.WIN_BACK,
        TaskKind.CARE,
        TaskKind.SURVEY,
    }
)
"""A lead's callback comes from its grade, never from a list."""


class ListField(StrEnum):
    CUSTOMER_NAME = "customer_name"
    PHONE = "phone"
    DUE_ON = "due_on"
    NOTE = "note"


REQUIRED_FIELDS = (ListField.CUSTOMER_NAME, ListField.PHONE, ListField.DUE_ON)
HEADER_LABELS: dict[str, ListField] = {
    "customer_name": ListField.CUSTOMER_NAME,
    "customername": ListField.CUSTOMER_NAME,
    "name": ListField.CUSTOMER_NAME,
    "姓名": ListField.CUSTOMER_NAME,
    "客户姓名": ListField.CUSTOMER_NAME,
    "客户名称": ListField.CUSTOMER_NAME,
    "phone": ListField.PHONE,
    "mobile": ListField.PHONE,
    "电话": ListField.PHONE,
    "手机": ListField.PHONE,
    "手机号": ListField.PHONE,
    "手机号码": ListField.PHONE,
    "联系电话": ListField.PHONE,
    "due_on": ListField.DUE_ON,
    "dueon": ListField.DUE_ON,
    "due": ListField.DUE_ON,
    "expires_on": ListField.DUE_ON,
    "expireson": ListField.DUE_ON,
    "到期日": ListField.DUE_ON,
    "到期日期": ListField.DUE_ON,
    "保险到期日": ListField.DUE_ON,
    "保养到期日": ListField.DUE_ON,
    "回访日期": ListField.DUE_ON,
    "note": ListField.NOTE,
    "notes": ListField.NOTE,
    "备注": ListField.NOTE,
    "说明": ListField.NOTE,
}
HEADER_HINTS: dict[ListField, str] = {
    ListField.CUSTOMER_NAME: "customer_name / 姓名",
    ListField.PHONE: "phone / 电话 / 手机",
    ListField.DUE_ON: "due_on / 到期日",
}
_PHONE_SEPARATORS = re.compile(r"[\s\-()]")
_PHONE = re.compile(r"\+?\d{5,20}")
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


@dataclass(frozen=True, slots=True)
class ListColumns:
    index: dict[ListField, int]

    def cell(self, cells: Sequence[str], field: ListField) -> str:
        at = self.index.get(field)
        return cells[at].strip() if at is not None and at < len(cells) else ""


def columns_of(header: Sequence[str]) -> ListColumns:
    """Which column is which, from the header row; a missing required column is refused
    (422 naming ``header``) before any row is read."""
    index: dict[ListField, int] = {}
    for at, label in enumerate(header):
        field = HEADER_LABELS.get(header_key(label))
        if field is not None:
            index.setdefault(field, at)
    missing = [HEADER_HINTS[f] for f in REQUIRED_FIELDS if f not in index]
    if missing:
        raise InvalidInput(
            "header", f"the header row lacks the column(s) {', '.join(missing)}", location="body"
        )
    return ListColumns(index)


@dataclass(frozen=True, slots=True)
class ListedCall:
    row_number: int
    customer_name: str
    phone: str
    due_on: date
    note: str | None


def normalise_phone(raw: str) -> str | None:
    """Digits as the PBX dials them (an optional leading +); None when it is no number."""
    phone = _PHONE_SEPARATORS.sub("", raw)
    return phone if _PHONE.fullmatch(phone) else None


def parse_day(raw: str) -> date | None:
    """2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日, or a spreadsheet's date cell."""
    found = _DATE.match(raw.strip())
    if found is None:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def read_row(
    row_number: int, cells: Sequence[str], columns: ListColumns
) -> ListedCall | list[RowError]:
    """A row as a call to make, or every reason it is not one (each naming its field)."""
    errors: list[RowError] = []

    def reject(field: ListField, message: str, value: str) -> None:
        errors.append(RowError(row_number, field.value, message, value[:MAX_RAW_VALUE_LENGTH]))

    name = columns.cell(cells, ListField.CUSTOMER_NAME)
    if not name:
        reject(ListField.CUSTOMER_NAME, "is empty", name)
    elif len(name) > MAX_NAME_LENGTH:
        reject(ListField.CUSTOMER_NAME, f"longer than {MAX_NAME_LENGTH} characters", name)
    raw_phone = columns.cell(cells, ListField.PHONE)
    phone = normalise_phone(raw_phone)
    if phone is None:
        reject(ListField.PHONE, "not a phone number", raw_phone)
    raw_due = columns.cell(cells, ListField.DUE_ON)
    due_on = parse_day(raw_due)
    if due_on is None:
        reject(ListField.DUE_ON, "not a date (2026-12-31)", raw_due)
    note = columns.cell(cells, ListField.NOTE) or None
    if note is not None and len(note) > MAX_NOTE_LENGTH:
        reject(ListField.NOTE, f"longer than {MAX_NOTE_LENGTH} characters", note)
    if errors or phone is None or due_on is None:
        return errors
    return ListedCall(row_number, name, phone, due_on, note)


@dataclass(frozen=True, slots=True)
class ReadList:
    calls: list[ListedCall]
    """The first row of each customer and date among the rows read (a slice of the file); a
    repeat is counted, not made (a repeat in a later slice: its task exists already)."""
    errors: list[RowError]
    rows_read: int
    repeats: int


def read_list(rows: Iterable[tuple[int, list[str]]], columns: ListColumns) -> ReadList:
    calls: dict[tuple[str, date], ListedCall] = {}
    errors: list[RowError] = []
    rows_read = repeats = 0
    for number, cells in rows:
        if is_blank(cells):
            continue
        rows_read += 1
        read = read_row(number, cells, columns)
        if isinstance(read, list):
            errors.extend(read)
        elif (read.phone, read.due_on) in calls:
            repeats += 1
        else:
            calls[(read.phone, read.due_on)] = read
    return ReadList(list(calls.values()), errors, rows_read, repeats)


def call_day(call: ListedCall, days_before: int, today: date) -> date:
    """The day the call is due: ``days_before`` the listed date (a policy's expiry), never
    before today (a list imported late is due at once)."""
    return max(call.due_on - timedelta(days=days_before), today)


def source_key(owner_org: str, kind: TaskKind, call: ListedCall) -> str:
    """One task per book, kind, customer and listed date, however often the list comes in."""
    return f"list:{owner_org}:{kind.value}:{call.phone}:{call.due_on.isoformat()}"


def listed_kind(kind: TaskKind) -> TaskKind:
    if kind not in LISTED_KINDS:
        raise InvalidInput(
            "kind",
            f"a list pushes {', '.join(sorted(k.value for k in LISTED_KINDS))} calls",
            location="query",
        )
    return kind


DAYS_BEFORE = "days_before"
"""The import's option: how many days before the listed date the call is due."""
TASKS_CREATED, WAITING, ALREADY_IMPORTED = "tasks_created", "waiting", "already_imported"
"""The counts of a call list's import (the shared job's ``counts``)."""


@dataclass(frozen=True, slots=True)
class CallListImport:
    """An uploaded call list imported in the background by the worker, a slice of rows at a
    time; the counts add up over the slices stored so far, and ``next_row`` is where the next
    slice starts (the header is row 1)."""

    id: UUID
    tenant: str
    owner_org: str
    """The book the tasks go into: the importing manager's org node."""
    created_by: str
    format: str
    kind: TaskKind
    days_before: int
    status: ImportStatus
    size_bytes: int
    rows_estimated: int | None
    rows_read: int
    tasks_created: int
    waiting: int
    already_imported: int
    rows_rejected: int
    next_row: int
    error: str | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None


def call_list_import(job: ImportJob) -> CallListImport:
    """The shared import job as a call list's import tells it."""
    return CallListImport(
        id=job.id,
        tenant=job.tenant,
        owner_org=job.owner_org,
        created_by=job.created_by,
        format=job.format,
        kind=TaskKind(job.kind),
        days_before=int(job.options.get(DAYS_BEFORE, 0)),
        status=job.status,
        size_bytes=job.size_bytes,
        rows_estimated=job.rows_estimated,
        rows_read=job.rows_read,
        tasks_created=job.count(TASKS_CREATED),
        waiting=job.count(WAITING),
        already_imported=job.count(ALREADY_IMPORTED),
        rows_rejected=job.rows_rejected,
        next_row=job.next_row,
        error=job.error,
        created_at=job.created_at,
        updated_at=job.updated_at,
        finished_at=job.finished_at,
    )
