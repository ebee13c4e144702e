"""Bulk import of leads from a spreadsheet (CSV or XLSX): which column is which, whether a row
is a lead, and how far an import job got. Pure rules, no I/O; the file is read elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from crm_common.errors import InvalidInput
from crm_common.import_jobs.model import ImportJob
from crm_common.import_jobs.model import ImportStatus as ImportStatus
from crm_common.import_jobs.model import ReportedRowError as ReportedRowError
from crm_common.import_jobs.model import RowError as RowError
from crm_common.spreadsheet_reader import HEADER_ROW as HEADER_ROW
from crm_common.spreadsheet_reader import MAX_DATA_ROWS as MAX_DATA_ROWS
from crm_common.spreadsheet_reader import FileOverLimit as FileOverLimit
from crm_common.spreadsheet_reader import UnreadableFile as UnreadableFile
from crm_common.spreadsheet_reader import estimated_rows as estimated_rows
from crm_common.spreadsheet_reader import header_at_upload, header_key, is_blank
from crm_leads.domain.customer_identifiers import (
    NO_IDENTIFIERS,
    CustomerIdentifiers,
    IdentifierKind,
    InvalidIdentifier,
    first_match,
    id_number_digest,
    matching_keys,
    normalise_email,
    normalise_id_number,
    normalise_wechat_id,
)
from crm_leads.domain.lead import InvalidPhoneNumber, LeadSource, normalise_name, normalise_phone

MAX_NAME_LENGTH = 200
MAX_VEHICLE_INTEREST_LENGTH = 200
MAX_RAW_VALUE_LENGTH = 200
"""What the error report keeps of a rejected cell."""


class ImportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class ImportField(StrEnum):
    CUSTOMER_NAME = "customer_name"
    PHONE = "phone"
    SOURCE = "source"
    VEHICLE_INTEREST = "vehicle_interest"
    WECHAT_ID = "wechat_id"
    EMAIL = "email"
    ID_NUMBER = "id_number"


REQUIRED_FIELDS = (ImportField.CUSTOMER_NAME, ImportField.PHONE, ImportField.SOURCE)

# Header labels as dealers' spreadsheets write them (compared without case and spaces).
HEADER_LABELS: dict[str, ImportField] = {
    "customer_name": ImportField.CUSTOMER_NAME,
    "customername": ImportField.CUSTOMER_NAME,
    "name": ImportField.CUSTOMER_NAME,
    "姓名": ImportField.CUSTOMER_NAME,
    "客户姓名": ImportField.CUSTOMER_NAME,
    "客户名称": ImportField.CUSTOMER_NAME,
    "phone": ImportField.PHONE,
    "mobile": ImportField.PHONE,
    "电话": ImportField.PHONE,
    "手机": ImportField.PHONE,
    "手机号": ImportField.PHONE,
    "手机号码": ImportField.PHONE,
    "联系电话": ImportField.PHONE,
    "source": ImportField.SOURCE,
    "来源": ImportField.SOURCE,
    "线索来源": ImportField.SOURCE,
    "vehicle_interest": ImportField.VEHICLE_INTEREST,
    "vehicleinterest": ImportField.VEHICLE_INTEREST,
    "意向车型": ImportField.VEHICLE_INTEREST,
    "wechat_id": ImportField.WECHAT_ID,
    "wechatid": ImportField.WECHAT_ID,
    "wechat": ImportField.WECHAT_ID,
    "微信": ImportField.WECHAT_ID,
    "微信号": ImportField.WECHAT_ID,
    "email": ImportField.EMAIL,
    "e-mail": ImportField.EMAIL,
    "邮箱": ImportField.EMAIL,
    "电子邮箱": ImportField.EMAIL,
    "id_number": ImportField.ID_NUMBER,
    "idnumber": ImportField.ID_NUMBER,
    "身份证": ImportField.ID_NUMBER,
    "身份证号": ImportField.ID_NUMBER,
    "身份证号码": ImportField.ID_NUMBER,
}
HEADER_HINTS: dict[ImportField, str] = {
    ImportField.CUSTOMER_NAME: "customer_name / 姓名",
    ImportField.PHONE: "phone / 电话 / 手机",
    ImportField.SOURCE: "source / 来源",
}

# Sources as Chinese sheets name them (DOMAIN.md "Sources"), besides the English values.
SOURCE_LABELS: dict[str, LeadSource] = {
    **{source.value: source for source in LeadSource},
    "市场活动": LeadSource.CAMPAIGN,
    "活动": LeadSource.CAMPAIGN,
    "活动表单": LeadSource.CAMPAIGN_FORM,
    "官网": LeadSource.OEM_WEBSITE,
    "厂家官网": LeadSource.OEM_WEBSITE,
    "转介绍": LeadSource.REFERRAL,
    "推荐": LeadSource.REFERRAL,
    "传单": LeadSource.FLYER,
    "到店": LeadSource.WALK_IN,
    "展厅": LeadSource.WALK_IN,
    "电话": LeadSource.PHONE,
    "来电": LeadSource.PHONE,
    "网络": LeadSource.WEB,
}


@dataclass(frozen=True, slots=True)
class LeadImport:
    """An import job: whose book the leads go into, who imported them, how far it got."""

    id: UUID
    tenant: str
    owner_org: str
    """The book (dealer, or the node itself above dealers) the leads go into."""
    created_by: str
    created_by_org: str
    format: ImportFormat
    status: ImportStatus
    size_bytes: int
    rows_estimated: int | None
    rows_read: int
    rows_created: int
    rows_attached: int
    rows_failed: int
    next_row: int
    error: str | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None


IMPORT_KIND = "lead"
"""What every row of a lead import becomes (the shared import job's ``kind``)."""
CREATED, ATTACHED = "rows_created", "rows_attached"
"""The counts of a lead import (the shared job's ``counts``)."""


def lead_import(job: ImportJob) -> LeadImport:
    """The shared import job as a lead import tells it."""
    return LeadImport(
        id=job.id,
        tenant=job.tenant,
        owner_org=job.owner_org,
        created_by=job.created_by,
        created_by_org=job.created_by_org,
        format=ImportFormat(job.format),
        status=job.status,
        size_bytes=job.size_bytes,
        rows_estimated=job.rows_estimated,
        rows_read=job.rows_read,
        rows_created=job.count(CREATED),
        rows_attached=job.count(ATTACHED),
        rows_failed=job.rows_rejected,
        next_row=job.next_row,
        error=job.error,
        created_at=job.created_at,
        updated_at=job.updated_at,
        finished_at=job.finished_at,
    )


class InvalidHeader(InvalidInput):
    """The first row does not name the columns a lead needs (answered 422, or fails the job)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(field, message, location="body")


@dataclass(frozen=True, slots=True)
class Columns:
    """Where each field is in a row. A field may have several columns (电话 and 手机): the
    first non-empty one counts."""

    positions: dict[ImportField, tuple[int, ...]]

    def cell(self, cells: Sequence[str], field: ImportField) -> str:
        for position in self.positions.get(field, ()):
            if position < len(cells) and cells[position].strip():
                return cells[position].strip()
        return ""


def columns_of(header: Sequence[str]) -> Columns:
    positions: dict[ImportField, tuple[int, ...]] = {}
    for position, label in enumerate(header):
        field = HEADER_LABELS.get(header_key(label))
        if field is not None:
            positions[field] = (*positions.get(field, ()), position)
    for field in REQUIRED_FIELDS:
        if field not in positions:
            raise InvalidHeader(
                field.value,
                f"the header row has no {field.value} column ({HEADER_HINTS[field]})",
            )
    return Columns(positions)


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One row that is a lead, normalised."""

    row_number: int
    customer_name: str
    phone: str
    source: LeadSource
    vehicle_interest: str | None
    identifiers: CustomerIdentifiers = NO_IDENTIFIERS


def read_row(
    row_number: int,
    cells: Sequence[str],
    columns: Columns,
    *,
    id_number_key: bytes | None = None,
) -> ImportRow | list[RowError]:
    """The normalised lead of a row, or every reason the row is not one. ID numbers are read
    only with the key to digest them (``id_number_key``)."""
    errors: list[RowError] = []

    def reject(field: ImportField, message: str, value: str) -> None:
        errors.append(RowError(row_number, field.value, message, value[:MAX_RAW_VALUE_LENGTH]))

    raw_name = columns.cell(cells, ImportField.CUSTOMER_NAME)
    name = normalise_name(raw_name)
    if not name:
        reject(ImportField.CUSTOMER_NAME, "the customer name is empty", raw_name)
    elif len(name) > MAX_NAME_LENGTH:
        reject(ImportField.CUSTOMER_NAME, f"longer than {MAX_NAME_LENGTH} characters", raw_name)

    raw_phone = columns.cell(cells, ImportField.PHONE)
    phone = ""
    try:
        phone = normalise_phone(raw_phone)
    except InvalidPhoneNumber:
        reject(ImportField.PHONE, "not a phone number", raw_phone)

    raw_source = columns.cell(cells, ImportField.SOURCE)
    source = SOURCE_LABELS.get(raw_source.lower())
    if source is None:
        known = ", ".join(s.value for s in LeadSource)
        reject(ImportField.SOURCE, f"unknown source; use one of {known}", raw_source)

    vehicle_interest = columns.cell(cells, ImportField.VEHICLE_INTEREST) or None
    if vehicle_interest is not None and len(vehicle_interest) > MAX_VEHICLE_INTEREST_LENGTH:
        reject(
            ImportField.VEHICLE_INTEREST,
            f"longer than {MAX_VEHICLE_INTEREST_LENGTH} characters",
            vehicle_interest,
        )

    identifiers = _identifiers(columns, cells, id_number_key, reject)

    if errors or source is None:
        return errors
    return ImportRow(row_number, name, phone, source, vehicle_interest, identifiers)


def _identifiers(
    columns: Columns,
    cells: Sequence[str],
    id_number_key: bytes | None,
    reject: Callable[[ImportField, str, str], None],
) -> CustomerIdentifiers:
    values: dict[ImportField, str | None] = {}
    for column, normalise in (
        (ImportField.WECHAT_ID, normalise_wechat_id),
        (ImportField.EMAIL, normalise_email),
        (ImportField.ID_NUMBER, normalise_id_number),
    ):
        raw = columns.cell(cells, column)
        try:
            values[column] = normalise(raw) if raw else None
        except InvalidIdentifier as exc:
            # The error report never quotes an ID number.
            reject(column, str(exc), "" if column is ImportField.ID_NUMBER else raw)
    id_number, digest = values.get(ImportField.ID_NUMBER), None
    if id_number is not None:
        if id_number_key is None:
            reject(ImportField.ID_NUMBER, "this deployment does not accept ID numbers", "")
        else:
            digest = id_number_digest(id_number, id_number_key)
    return CustomerIdentifiers(
        values.get(ImportField.WECHAT_ID), values.get(ImportField.EMAIL), digest
    )


@dataclass(frozen=True, slots=True)
class Slice:
    """Consecutive rows of the file, read and checked, to be stored in one transaction."""

    rows: list[ImportRow]
    errors: list[RowError]
    rows_read: int
    """Non-blank rows of the slice (leads and rejected rows)."""
    rows_failed: int
    next_row: int
    """Where the next slice starts: the resume point once this slice is stored."""
    finished: bool
    """The file ends with this slice."""


def read_slice(
    numbered_rows: Iterable[tuple[int, Sequence[str]]],
    columns: Columns,
    *,
    size: int,
    next_row: int,
    id_number_key: bytes | None = None,
) -> Slice:
    """Read up to ``size`` non-blank rows; ``next_row`` is where the iterator stands."""
    rows: list[ImportRow] = []
    errors: list[RowError] = []
    read = failed = 0
    iterator = iter(numbered_rows)
    finished = True
    for row_number, cells in iterator:
        next_row = row_number + 1
        if is_blank(cells):
            continue
        read += 1
        outcome = read_row(row_number, cells, columns, id_number_key=id_number_key)
        if isinstance(outcome, ImportRow):
            rows.append(outcome)
        else:
            failed += 1
            errors.extend(outcome)
        if read == size:
            finished = False
            break
    return Slice(rows, errors, read, failed, next_row, finished)


@dataclass(frozen=True, slots=True)
class Repeat:
    """A row of a customer an earlier row of the slice already brings."""

    row: ImportRow
    first_phone: str
    """The phone of that earlier row: whose customer this row attaches to."""


def first_per_customer(
    rows: Sequence[ImportRow], dedup_keys: Sequence[IdentifierKind] = ()
) -> tuple[list[ImportRow], list[Repeat]]:
    """The rows that may open a lead (the first of each customer: same phone, or same value of
    one of the book's deduplication keys, as a single submission is matched) and the repeats,
    which attach to whatever lead the first one ends up with."""
    first_of_phone: dict[str, str] = {}
    first_of_key: dict[tuple[IdentifierKind, str], str] = {}
    firsts: list[ImportRow] = []
    repeats: list[Repeat] = []
    for row in rows:
        keys = matching_keys(dedup_keys, row.identifiers)
        by_key = {
            kind: first_of_key[(kind, value)]
            for kind, value in keys.items()
            if (kind, value) in first_of_key
        }
        first = first_match(dedup_keys, first_of_phone.get(row.phone), by_key)
        if first is None:
            firsts.append(row)
            first = row.phone
        else:
            repeats.append(Repeat(row, first))
        first_of_phone.setdefault(row.phone, first)
        for kind, value in keys.items():
            first_of_key.setdefault((kind, value), first)
    return firsts, repeats


def check_upload_start(head: bytes, file_format: ImportFormat, *, complete: bool) -> None:
    """Refuse at upload what can never be imported: an empty body, a body of another format,
    a CSV without the columns a lead needs."""
    header = header_at_upload(head, file_format.value, complete=complete)
    if header is not None:
        columns_of(header)
