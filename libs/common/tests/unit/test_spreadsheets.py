"""Cells the platform writes into CSV and XLSX files never start a formula."""

from __future__ import annotations

import pytest

from crm_common.spreadsheets import inert_cell, inert_row


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("http://evil","x")',
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "=cmd|' /C calc'!A0",
    ],
)
def test_text_that_starts_a_formula_is_written_as_text(typed: str) -> None:
    assert inert_cell(typed) == "'" + typed


def test_other_text_and_numbers_are_written_as_they_are() -> None:
    assert inert_row(["王伟", "13800138000", "a=b", "", -5, 1.5, None]) == [
        "王伟",
        "13800138000",
        "a=b",
        "",
        -5,
        1.5,
        None,
    ]
