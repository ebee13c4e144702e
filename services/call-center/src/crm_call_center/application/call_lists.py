"""Importing a call list (CSV or XLSX): the file is read by the shared reader process within the
import limits (never parsed in the api itself), every row is checked, and the calls become
tasks dealt out by the queue of the manager's org node that takes the list's kind — or wait
until one can, like every rule-pushed call. A customer and date is one task however often the
list is imported, so a list fixed after its errors is simply imported again."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from crm_call_center.application.distribution import RuleCall, push_rule_calls
from crm_call_center.domain.call_lists import (
    ListedCall,
    RowError,
    call_day,
    columns_of,
    listed_kind,
    read_list,
    source_key,
)
from crm_call_center.domain.tasks import TaskKind, end_of
from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.spreadsheet_reader import FileOverLimit, UnreadableFile
from crm_common.spreadsheet_rows import SpreadsheetRows

MAX_LIST_BYTES = 10 << 20
NumberedRow = tuple[int, list[str]]


class CallListTooLarge(Exception):
    """The file is over the upload's size or the reader's limits (answered 413)."""


@dataclass(frozen=True, slots=True)
class CallListImported:
    rows_read: int
    tasks_created: int
    waiting: int
    """Calls no queue of the book takes yet: dealt out once one can."""
    already_imported: int
    """Rows whose customer and date an earlier import (or an earlier row) already made."""
    errors: list[RowError]


@dataclass(frozen=True, slots=True)
class ImportCallList:
    file_format: str
    kind: TaskKind
    days_before: int
    """The call is due this many days before the listed date (a policy's expiry)."""


async def _saved(chunks: AsyncIterator[bytes], folder: Path, file_format: str) -> Path:
    path = folder / f"list.{file_format}"  # openpyxl reads a workbook by its name's ending
    size = 0
    with path.open("wb") as out:
        async for chunk in chunks:
            size += len(chunk)
            if size > MAX_LIST_BYTES:
                raise CallListTooLarge(f"the file is over {MAX_LIST_BYTES >> 20} MiB")
            out.write(chunk)
    if size == 0:
        raise InvalidInput("body", "the file is empty")
    return path


def _rows(path: Path, file_format: str) -> list[NumberedRow]:
    rows = SpreadsheetRows(path, file_format)
    try:
        return list(rows)
    finally:
        rows.close()


def _rule_call(
    manager: Principal, command: ImportCallList, call: ListedCall, now: datetime, tz: ZoneInfo
) -> RuleCall:
    return RuleCall(
        tenant=manager.tenant,
        owner_org=manager.org_node,
        kind=command.kind,
        due_at=end_of(call_day(call, command.days_before, now.astimezone(tz).date()), tz),
        customer_name=call.customer_name,
        phone=call.phone,
        rule=f"call_list:{command.kind.value}",
        reason=call.note,
        source_key=source_key(manager.org_node, command.kind, call),
    )


async def import_call_list(
    uow: UnitOfWork,
    manager: Principal,
    chunks: AsyncIterator[bytes],
    command: ImportCallList,
    *,
    now: datetime,
    business_tz: ZoneInfo,
) -> CallListImported:
    """The list's calls pushed into the manager's own book; the rows that are no call to make
    come back, each naming its row and field, and push nothing."""
    listed_kind(command.kind)
    with tempfile.TemporaryDirectory(prefix="call-list-") as folder:
        path = await _saved(chunks, Path(folder), command.file_format)
        try:
            rows = await asyncio.to_thread(_rows, path, command.file_format)
        except FileOverLimit as exc:
            raise CallListTooLarge(str(exc)) from None
        except UnreadableFile as exc:
            raise InvalidInput("body", str(exc)) from None
    if not rows:
        raise InvalidInput("body", "the file has no header row")
    (_, header), *data = rows
    read = read_list(data, columns_of(header))
    calls = [_rule_call(manager, command, call, now, business_tz) for call in read.calls]
    async with uow:
        pushed = await push_rule_calls(uow, calls)
    return CallListImported(
        rows_read=read.rows_read,
        tasks_created=pushed.dealt,
        waiting=pushed.waiting_added,
        already_imported=read.repeats + len(calls) - pushed.dealt - pushed.waiting_added,
        errors=read.errors,
    )
