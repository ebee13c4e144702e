"""Call lists: which column is which, which rows are calls to make (each error naming its row
and field), the day a call is due, and the key that makes a row's task once."""

from __future__ import annotations

from datetime import date

import pytest

from crm_call_center.domain.call_lists import (
    ListedCall,
    ListField,
    RowError,
    call_day,
    columns_of,
    listed_kind,
    parse_day,
    read_list,
    source_key,
)
from crm_call_center.domain.tasks import TaskKind
from crm_common.errors import InvalidInput


def test_columns_are_found_by_their_english_or_chinese_labels() -> None:
    columns = columns_of(["\ufeff 客户姓名", "联系电话", "Due On", "备注", "车牌"])
    cells = ["王伟", " 138 ", "2026-12-31", "", "沪A"]
    assert columns.cell(cells, ListField.CUSTOMER_NAME) == "王伟"
    assert columns.cell(cells, ListField.PHONE) == "138"
    assert columns.cell(cells, ListField.NOTE) == ""
    with pytest.raises(InvalidInput, match="due_on / 到期日") as refused:
        columns_of(["姓名", "电话"])
    assert refused.value.field == "header"


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("2026-12-31", date(2026, 12, 31)),
        ("2026/1/5", date(2026, 1, 5)),
        ("2026.01.05", date(2026, 1, 5)),
        ("2026年1月5日", date(2026, 1, 5)),
        ("2026-12-31T00:00:00", date(2026, 12, 31)),
        ("2026-02-30", None),
        ("next week", None),
        ("", None),
    ],
)
def test_a_listed_date_is_read_as_spreadsheets_write_it(raw: str, day: date | None) -> None:
    assert parse_day(raw) == day


def test_bad_rows_name_their_row_and_field_and_repeats_are_counted_not_made() -> None:
    columns = columns_of(["name", "phone", "due_on", "note"])
    read = read_list(
        [
            (2, ["王伟", "(138) 0013-8000", "2026-12-31", "交强险"]),
            (3, ["", "12", "soon"]),
            (4, ["  ", "", ""]),
            (5, ["王伟", "13800138000", "2026/12/31", "again"]),
            (6, ["王伟", "13800138000", "2027-12-31"]),
        ],
        columns,
    )
    assert read.rows_read == 4
    assert read.repeats == 1
    assert read.calls == [
        ListedCall(2, "王伟", "13800138000", date(2026, 12, 31), "交强险"),
        ListedCall(6, "王伟", "13800138000", date(2027, 12, 31), None),
    ]
    assert read.errors == [
        RowError(3, "customer_name", "is empty", ""),
        RowError(3, "phone", "not a phone number", "12"),
        RowError(3, "due_on", "not a date (2026-12-31)", "soon"),
    ]


def test_a_call_is_due_days_before_the_listed_date_never_before_today() -> None:
    call = ListedCall(2, "王伟", "13800138000", date(2026, 12, 31), None)
    assert call_day(call, 30, date(2026, 11, 1)) == date(2026, 12, 1)
    assert call_day(call, 60, date(2026, 11, 1)) == date(2026, 11, 1)
    assert source_key("dealer-a", TaskKind.POLICY_RENEWAL, call) == (
        "list:dealer-a:policy_renewal:13800138000:2026-12-31"
    )


def test_a_leads_callback_comes_from_its_grade_never_from_a_list() -> None:
    assert listed_kind(TaskKind.WIN_BACK) is TaskKind.WIN_BACK
    with pytest.raises(InvalidInput) as refused:
        listed_kind(TaskKind.LEAD_CALLBACK)
    assert (refused.value.field, refused.value.location) == ("kind", "query")
