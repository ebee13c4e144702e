"""Property tests: no masked output reveals digits beyond what its mask keeps."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from crm_common.policy import (
    SharingLevel,
    id_number_seen_at,
    mask_address,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_plate,
    mask_vin,
    name_seen_at,
    phone_seen_at,
    plate_seen_at,
    vin_seen_at,
)

mobile = st.from_regex(r"1[3-9]\d{9}", fullmatch=True)
phone = st.one_of(
    mobile.map(lambda n: "+86" + n),
    mobile,
    st.from_regex(r"\+[1-9]\d{7,14}", fullmatch=True),
    st.text(alphabet="0123456789 -+()", max_size=25),
)
id_number = st.from_regex(r"\d{17}[\dX]", fullmatch=True) | st.text(max_size=30)


def digits(text: str) -> str:
    return "".join(re.findall(r"\d", text))


def test_chinese_mobile_numbers_keep_prefix_and_last_four() -> None:
    assert mask_phone("+8613800138000") == "138****8000"
    assert mask_phone("13800138000") == "138****8000"


@given(phone)
def test_a_masked_phone_shows_at_most_seven_digits_and_hides_at_least_four(raw: str) -> None:
    masked = mask_phone(raw)
    shown = digits(masked)
    national = digits(raw)[2:] if raw.startswith("+86") else digits(raw)
    assert len(shown) <= 7
    assert masked.count("*") >= min(4, len(national))
    assert len(masked) == len(national)
    # Every digit shown is where it was: a mask never invents or reorders digits.
    assert all(c in ("*", n) for c, n in zip(masked, national, strict=True))


@given(id_number)
def test_a_masked_id_number_keeps_at_most_four_characters(raw: str) -> None:
    masked = mask_id_number(raw)
    kept = [c for c in masked if c != "*"]
    assert len(kept) <= 4
    assert len(masked) == len(raw.strip())
    if len(raw.strip()) >= 18:
        assert masked[2:-2] == "*" * (len(raw.strip()) - 4)


@given(st.text(min_size=1, max_size=80))
def test_a_masked_address_keeps_at_most_half_and_never_more_than_six(raw: str) -> None:
    masked, original = mask_address(raw), raw.strip()
    keep = min(6, len(original) // 2)
    assert masked == original[:keep] + "*" * (len(original) - keep)


@given(st.text(min_size=1, max_size=40))
def test_a_masked_name_keeps_only_its_first_character(raw: str) -> None:
    masked = mask_name(raw)
    assert masked[1:] == "*" * (len(raw.strip()) - 1)


def test_a_masked_vin_keeps_the_makers_code_and_the_last_four() -> None:
    assert mask_vin("LSVAU2180N2183295") == "LSV**********3295"
    assert mask_plate("沪A12345") == "沪A***45"
    assert mask_plate("粤B·D12345") == "粤B*****45"


@given(st.text(max_size=30))
def test_a_masked_vin_or_plate_keeps_at_most_seven_characters(raw: str) -> None:
    for masked, most in ((mask_vin(raw), 7), (mask_plate(raw), 4)):
        assert len(masked) == len(raw.strip())
        assert len([c for c in masked if c != "*"]) <= most


def test_a_reader_sees_name_and_phone_whole_only_at_the_full_level() -> None:
    assert (
        name_seen_at(SharingLevel.FULL, "王伟"),
        phone_seen_at(SharingLevel.FULL, "+8613800138000"),
    ) == ("王伟", "+8613800138000")
    for below in (SharingLevel.MASKED, SharingLevel.AGGREGATE, SharingLevel.NONE):
        assert name_seen_at(below, "王伟") == "王*"
        assert phone_seen_at(below, "+8613800138000") == "138****8000"
    assert (name_seen_at(SharingLevel.MASKED, None), phone_seen_at(SharingLevel.MASKED, None)) == (
        None,
        None,
    )


def test_a_reader_sees_identifiers_and_vehicles_whole_only_at_the_full_level() -> None:
    whole = ("110101199003077777", "LSVAU2180N2183295", "沪A12345")
    assert (
        id_number_seen_at(SharingLevel.FULL, whole[0]),
        vin_seen_at(SharingLevel.FULL, whole[1]),
        plate_seen_at(SharingLevel.FULL, whole[2]),
    ) == whole
    for below in (SharingLevel.MASKED, SharingLevel.AGGREGATE, SharingLevel.NONE):
        assert id_number_seen_at(below, whole[0]) == "11**************77"
        assert vin_seen_at(below, whole[1]) == "LSV**********3295"
        assert plate_seen_at(below, whole[2]) == "沪A***45"
    assert vin_seen_at(SharingLevel.MASKED, None) is None
    assert plate_seen_at(SharingLevel.MASKED, None) is None
