"""The pure rules of bulk import: which column is which, whether a row is a lead, slices."""

from __future__ import annotations

import pytest

from crm_common.errors import InvalidInput
from crm_common.spreadsheet_reader import delimiter_of, encoding_of, header_at_upload
from crm_leads.domain.lead import LeadSource
from crm_leads.domain.lead_import import (
    ImportFormat,
    ImportRow,
    InvalidHeader,
    check_upload_start,
    columns_of,
    estimated_rows,
    first_per_customer,
    read_row,
    read_slice,
)

ENGLISH = columns_of(["customer_name", "phone", "source", "vehicle_interest"])


def test_english_and_chinese_headers_name_the_same_fields() -> None:
    chinese = columns_of(["\ufeff姓名", "手机", "来源", "意向车型"])
    cells = ["王伟", "138 0013 8000", "walk_in", "SUV X"]
    assert read_row(2, cells, chinese) == read_row(2, cells, ENGLISH)


def test_headers_are_matched_without_case_or_spaces_and_unknown_columns_are_ignored() -> None:
    columns = columns_of(["备注", " Customer Name ", "PHONE", "Source"])
    row = read_row(2, ["vip", "王伟", "13800138000", "referral"], columns)
    assert row == ImportRow(2, "王伟", "+8613800138000", LeadSource.REFERRAL, None)


def test_a_header_without_a_required_column_names_it() -> None:
    with pytest.raises(InvalidHeader) as refused:
        columns_of(["姓名", "来源"])
    assert refused.value.field == "phone"
    assert "电话" in str(refused.value)


def test_of_two_phone_columns_the_first_non_empty_one_counts() -> None:
    columns = columns_of(["姓名", "电话", "手机", "来源"])
    row = read_row(2, ["王伟", "", "13800138000", "电话"], columns)
    assert isinstance(row, ImportRow)
    assert (row.phone, row.source) == ("+8613800138000", LeadSource.PHONE)


def test_a_row_is_normalised() -> None:
    row = read_row(7, ["  王   伟 ", "+86 138-0013-8000", "转介绍", "  Model Y "], ENGLISH)
    assert row == ImportRow(7, "王 伟", "+8613800138000", LeadSource.REFERRAL, "Model Y")


def test_every_fault_of_a_row_is_reported_with_its_row_field_and_value() -> None:
    errors = read_row(9, ["", "12", "billboard", ""], ENGLISH)
    assert isinstance(errors, list)
    assert [(e.row_number, e.field, e.value) for e in errors] == [
        (9, "customer_name", ""),
        (9, "phone", "12"),
        (9, "source", "billboard"),
    ]
    assert "walk_in" in errors[2].message


def test_a_short_row_is_missing_its_cells() -> None:
    errors = read_row(3, ["王伟"], ENGLISH)
    assert isinstance(errors, list)
    assert [e.field for e in errors] == ["phone", "source"]


def test_overlong_values_are_rejected_and_quoted_shortened() -> None:
    errors = read_row(4, ["王" * 300, "13800138000", "web"], ENGLISH)
    assert isinstance(errors, list)
    assert errors[0].field == "customer_name"
    assert len(errors[0].value) == 200


def numbered(rows: list[list[str]], first: int = 2) -> list[tuple[int, list[str]]]:
    return list(enumerate(rows, start=first))


def test_a_slice_reads_up_to_its_size_skips_blank_rows_and_says_where_to_resume() -> None:
    rows = numbered(
        [
            ["王伟", "13800000001", "web"],
            ["", " ", ""],
            ["", "bad", "web"],
            ["李娜", "13800000002", "web"],
            ["张三", "13800000003", "web"],
        ]
    )
    iterator = iter(rows)
    first = read_slice(iterator, ENGLISH, size=3, next_row=2)
    assert (first.rows_read, first.rows_failed, first.next_row, first.finished) == (3, 1, 6, False)
    assert [r.row_number for r in first.rows] == [2, 5]
    assert [e.row_number for e in first.errors] == [4, 4]
    rest = read_slice(iterator, ENGLISH, size=3, next_row=first.next_row)
    assert (rest.rows_read, rest.next_row, rest.finished) == (1, 7, True)


def test_an_exhausted_file_gives_an_empty_finished_slice() -> None:
    done = read_slice(iter([]), ENGLISH, size=10, next_row=42)
    assert (done.rows_read, done.next_row, done.finished) == (0, 42, True)


def test_repeats_of_a_phone_attach_to_the_first() -> None:
    rows = [
        ImportRow(2, "A", "+8613800000001", LeadSource.WEB, None),
        ImportRow(3, "B", "+8613800000002", LeadSource.WEB, None),
        ImportRow(4, "A again", "+8613800000001", LeadSource.PHONE, None),
    ]
    firsts, repeats = first_per_customer(rows)
    assert [r.row_number for r in firsts] == [2, 3]
    assert [(r.row.row_number, r.first_phone) for r in repeats] == [(4, "+8613800000001")]


def test_utf8_is_recognised_even_when_cut_inside_a_character_and_gbk_is_not_utf8() -> None:
    utf8 = "姓名,电话\n王伟".encode()
    assert encoding_of(utf8[:-1]) == "utf-8-sig"
    assert encoding_of("姓名,电话\n".encode("gb18030")) == "gb18030"


def test_a_gbk_csv_header_is_read() -> None:
    head = "姓名;手机;来源\n王伟;13800138000;web\n".encode("gb18030")
    assert header_at_upload(head, "csv", complete=True) == ["姓名", "手机", "来源"]


@pytest.mark.parametrize(("line", "delimiter"), [("a,b,c", ","), ("a;b;c", ";"), ("a\tb", "\t")])
def test_the_delimiter_is_the_one_the_header_uses(line: str, delimiter: str) -> None:
    assert delimiter_of(line) == delimiter


def test_an_upload_that_can_never_be_imported_is_refused_naming_what_is_wrong() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        check_upload_start(b"", ImportFormat.CSV, complete=True)
    with pytest.raises(InvalidInput, match="not an XLSX"):
        check_upload_start(b"name,phone\n", ImportFormat.XLSX, complete=True)
    with pytest.raises(InvalidInput, match="format=xlsx") as xlsx_as_csv:
        check_upload_start(b"PK\x03\x04rest", ImportFormat.CSV, complete=True)
    assert xlsx_as_csv.value.field == "format"
    with pytest.raises(InvalidHeader) as no_source:
        check_upload_start(b"name,phone\nx,1\n", ImportFormat.CSV, complete=False)
    assert no_source.value.field == "source"
    with pytest.raises(InvalidInput, match="does not end"):
        check_upload_start(b"name,phone,source", ImportFormat.CSV, complete=False)
    check_upload_start(b"name,phone,source", ImportFormat.CSV, complete=True)
    check_upload_start(b"PK\x03\x04rest", ImportFormat.XLSX, complete=False)


def test_the_row_estimate_counts_lines_without_the_header() -> None:
    assert estimated_rows(3, ends_with_newline=True) == 2
    assert estimated_rows(3, ends_with_newline=False) == 3
    assert estimated_rows(0, ends_with_newline=False) == 0
