"""What a ticket takes as a file: declared types, contents that match them, clean names."""

from __future__ import annotations

import pytest

from crm_common.errors import InvalidInput
from crm_service_desk.domain.attachments import clean_filename, looks_like, media_type_of


@pytest.mark.parametrize(
    ("media_type", "head", "expected"),
    [
        ("image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", True),
        ("image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        ("image/png", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0", False),
        ("application/pdf", b"%PDF-1.7\n", True),
        ("video/mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00", True),
        ("image/heic", b"\x00\x00\x00\x18ftypheic\x00\x00", True),
        ("image/heic", b"\x00\x00\x00\x18ftypmp42\x00\x00", False),
        ("text/plain", "客户说异响".encode(), True),
        ("text/plain", "客户说异响".encode()[:-1], True),  # a character cut by the window
        ("text/plain", b"\xff\xfe\x00h\x00i", False),
        ("text/plain", b"MZ\x90\x00\x03\x00", False),
    ],
)
def test_the_first_bytes_must_match_the_declared_type(
    media_type: str, head: bytes, expected: bool
) -> None:
    assert looks_like(media_type, head) is expected


def test_only_the_types_a_ticket_takes() -> None:
    assert media_type_of("Image/PNG; charset=binary") == "image/png"
    for declared in (None, "", "text/html", "application/octet-stream", "image/svg+xml"):
        with pytest.raises(InvalidInput) as refused:
            media_type_of(declared)
        assert (refused.value.location, refused.value.field) == ("header", "content-type")


def test_a_file_name_keeps_its_last_segment_without_control_characters() -> None:
    assert clean_filename("C:\\Users\\wang\\刹车片.jpg") == "刹车片.jpg"
    assert clean_filename("../../etc/passwd") == "passwd"
    for bad in ("", "  ", "..", "a\x00b", "x" * 201):
        with pytest.raises(InvalidInput) as refused:
            clean_filename(bad)
        assert refused.value.field == "filename"
