"""Identifiers besides the phone: normalisation, validation, the ID number's digest, and which
customer a submission (or an import row) belongs to."""

from __future__ import annotations

import pytest

from crm_leads.domain.customer_identifiers import (
    CustomerIdentifiers,
    IdentifierKind,
    InvalidIdentifier,
    dedup_keys_from,
    first_match,
    id_number_digest,
    matching_keys,
    normalise_email,
    normalise_id_number,
    normalise_wechat_id,
)
from crm_leads.domain.lead import LeadSource
from crm_leads.domain.lead_import import ImportRow, columns_of, first_per_customer, read_row

# A well-formed number (GB 11643 check character X).
ID_NUMBER = "11010519491231002X"
KEY = b"k" * 32
WECHAT, EMAIL, ID = IdentifierKind.WECHAT_ID, IdentifierKind.EMAIL, IdentifierKind.ID_NUMBER


def test_an_email_is_trimmed_and_lower_cased() -> None:
    assert normalise_email("  Wang.Wei@Example.COM ") == "wang.wei@example.com"


@pytest.mark.parametrize("raw", ["", "wang", "wang@", "@example.com", "wang@example", "a b@x.cn"])
def test_a_malformed_email_names_its_field(raw: str) -> None:
    with pytest.raises(InvalidIdentifier) as refused:
        normalise_email(raw)
    assert refused.value.kind is EMAIL


def test_a_wechat_id_is_trimmed_and_keeps_its_case() -> None:
    assert normalise_wechat_id(" Wang_Wei-88 ") == "Wang_Wei-88"


@pytest.mark.parametrize("raw", ["", "   ", "wang wei", "x" * 65])
def test_a_malformed_wechat_id_names_its_field(raw: str) -> None:
    with pytest.raises(InvalidIdentifier) as refused:
        normalise_wechat_id(raw)
    assert refused.value.kind is WECHAT


def test_an_id_number_is_upper_cased_and_spaces_dropped() -> None:
    assert normalise_id_number(" 110105 19491231 002x ") == ID_NUMBER


@pytest.mark.parametrize(
    "raw",
    ["11010519491231002", "1101051949123100XX", "110105194912310021", "11010519491231002Y"],
)
def test_a_malformed_id_number_names_its_field_without_quoting_it(raw: str) -> None:
    with pytest.raises(InvalidIdentifier) as refused:
        normalise_id_number(raw)
    assert refused.value.kind is ID
    assert raw not in str(refused.value)


def test_the_id_number_digest_is_keyed_and_never_the_number() -> None:
    digest = id_number_digest(ID_NUMBER, KEY)
    assert digest == id_number_digest(ID_NUMBER, KEY)
    assert digest != id_number_digest(ID_NUMBER, b"another key")
    assert ID_NUMBER not in digest
    assert len(digest) == 64


def test_dedup_keys_name_each_kind_once() -> None:
    assert dedup_keys_from(["email", "wechat_id"]) == (EMAIL, WECHAT)
    with pytest.raises(ValueError, match="once"):
        dedup_keys_from(["email", "email"])
    with pytest.raises(ValueError, match="qq"):
        dedup_keys_from(["qq"])


def test_only_the_configured_keys_a_submission_carries_count_in_the_book_s_order() -> None:
    identifiers = CustomerIdentifiers(wechat_id="w", email="e@x.cn")
    assert list(matching_keys([EMAIL, ID, WECHAT], identifiers).items()) == [
        (EMAIL, "e@x.cn"),
        (WECHAT, "w"),
    ]
    assert matching_keys([], identifiers) == {}


def test_the_phone_wins_then_the_first_configured_key() -> None:
    assert first_match([WECHAT, EMAIL], "by phone", {WECHAT: "w", EMAIL: "e"}) == "by phone"
    assert first_match([EMAIL, WECHAT], None, {WECHAT: "w", EMAIL: "e"}) == "e"
    assert first_match([WECHAT], None, {EMAIL: "e"}) is None


def row(number: int, phone: str, **identifiers: str) -> ImportRow:
    return ImportRow(number, "A", phone, LeadSource.WEB, None, CustomerIdentifiers(**identifiers))


def test_import_rows_of_one_customer_by_a_configured_key_attach_to_its_first_row() -> None:
    rows = [
        row(2, "+861", wechat_id="w1"),
        row(3, "+862", wechat_id="w1", email="e@x.cn"),  # the same person, another phone
        row(4, "+863", email="e@x.cn"),  # reached through the email row 3 brought
        row(5, "+864", email="other@x.cn"),
    ]
    firsts, repeats = first_per_customer(rows, [WECHAT, EMAIL])
    assert [r.row_number for r in firsts] == [2, 5]
    assert [(r.row.row_number, r.first_phone) for r in repeats] == [(3, "+861"), (4, "+861")]
    firsts, repeats = first_per_customer(rows)
    assert (len(firsts), repeats) == (4, []), "the phone only, unless keys are configured"


COLUMNS = columns_of(["姓名", "手机", "来源", "微信号", "邮箱", "身份证号"])


def test_an_import_row_reads_its_identifiers_and_keeps_only_the_id_number_s_digest() -> None:
    read = read_row(
        2,
        ["王伟", "13800138000", "web", " wx1 ", "A@B.CN", ID_NUMBER.lower()],
        COLUMNS,
        id_number_key=KEY,
    )
    assert isinstance(read, ImportRow)
    assert read.identifiers == CustomerIdentifiers(
        "wx1", "a@b.cn", id_number_digest(ID_NUMBER, KEY)
    )


def test_an_import_row_s_bad_id_number_is_reported_without_quoting_it() -> None:
    bad = read_row(3, ["王伟", "13800138000", "web", "", "", "110105194912310021"], COLUMNS)
    unkeyed = read_row(4, ["王伟", "13800138000", "web", "", "", ID_NUMBER], COLUMNS)
    assert isinstance(bad, list)
    assert [(e.field, e.value) for e in bad] == [("id_number", "")]
    assert isinstance(unkeyed, list)
    assert [(e.field, e.value) for e in unkeyed] == [("id_number", "")], "no key: not accepted"
