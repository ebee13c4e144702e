import re
import subprocess
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from uuid import uuid4

import pytest

from crm_opportunities.domain.quote import LineKind, Quote, QuoteLine, QuoteStatus
from crm_opportunities.domain.quote_document import QuoteDocument, render_quote_html
from crm_opportunities.entrypoints.http.quote_pdf import DocumentFontMissing, render_quote_pdf

NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


def line(
    kind: LineKind = LineKind.ACCESSORY,
    description: str = "脚垫 Floor mats",
    list_price: str = "1000",
    price: str = "900",
    partner_id: str | None = None,
) -> QuoteLine:
    return QuoteLine(
        kind=kind,
        code="ACC-01",
        description=description,
        list_price=Decimal(list_price),
        price=Decimal(price),
        cost=Decimal(0),
        partner_id=partner_id,
    )


def quote(lines: list[QuoteLine], extra_discount: str = "0") -> Quote:
    return Quote(
        id=uuid4(),
        tenant="t",
        owner_org="d",
        opportunity_id=uuid4(),
        version=2,
        lines=lines,
        extra_discount=Decimal(extra_discount),
        status=QuoteStatus.ISSUED,
        approver_needed=None,
        decided_by=None,
        created_by="c1",
        created_at=NOW,
    )


def document(q: Quote, customer_name: str = "林青") -> QuoteDocument:
    return QuoteDocument(
        quote=q,
        dealer_name="天津滨海4S店",
        customer_name=customer_name,
        customer_phone="138****5678",
        consultant="王敏",
        printed_at=NOW,
        valid_until=date(2026, 11, 9),
    )


def typical() -> Quote:
    return quote(
        [
            line(LineKind.VEHICLE, "凯美瑞 2.0G 豪华版", "215800", "205800"),
            line(LineKind.INSURANCE, "交强险+商业险", "6200", "6200", partner_id="pingan"),
            line(LineKind.TRADE_IN_CREDIT, "旧车置换", "0", "-50000"),
        ],
        extra_discount="1234.5",
    )


def utf16_hex(text: str) -> bytes:
    return text.encode("utf-16-be").hex().upper().encode("ascii")


def xref_offsets(pdf: bytes) -> dict[int, int]:
    start = int(re.findall(rb"startxref\s+(\d+)\s+%%EOF", pdf)[-1])
    assert pdf[start:].startswith(b"xref")
    lines = pdf[start:].split(b"\n")
    first, count = (int(n) for n in lines[1].split())
    offsets: dict[int, int] = {}
    for i, entry in enumerate(lines[2 : 2 + count]):
        offset, _generation, kind = entry.split()
        if kind == b"n":
            offsets[first + i] = int(offset)
    return offsets


def test_html_is_a_complete_page_that_escapes_what_users_typed() -> None:
    q = quote([line(LineKind.VEHICLE, "<script>alert(1)</script>", "100", "100")])
    page = render_quote_html(document(q, customer_name='林"青" & <b>'))
    assert page.startswith("<!doctype html>")
    assert '<meta charset="utf-8">' in page
    assert "@media print" in page
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "林&quot;青&quot; &amp; &lt;b&gt;" in page
    assert "天津滨海4S店" in page
    assert str(q.id)[:8] in page


def test_html_shows_lines_partners_and_formatted_totals() -> None:
    q = typical()
    page = render_quote_html(document(q))
    # 205,800 + 6,200 - 50,000 - 1,234.50
    assert q.total == Decimal("160765.5")
    assert "¥160,765.50" in page
    assert "-¥50,000.00" in page
    assert "¥1,234.50" in page
    assert f"({q.discount_percent}%)" in page
    assert "整车 Vehicle" in page
    assert "保险 Insurance" in page
    assert "pingan" in page
    assert "138****5678" in page


def test_the_pdf_embeds_its_cjk_font() -> None:
    pdf = render_quote_pdf(document(typical()))
    assert pdf.startswith(b"%PDF-")
    fonts = poppler("pdffonts", pdf)
    # name, type, encoding, emb, sub, uni: embedded as a subset, with a Unicode map.
    row = next(line for line in fonts.splitlines() if "WenQuanYiMicroHei" in line)
    assert re.search(r"\bTrueType\b.*\byes\s+yes\s+yes\b", row), fonts


def test_the_pdf_text_round_trips_in_chinese_and_english() -> None:
    text = poppler("pdftotext", render_quote_pdf(document(typical(), customer_name="林青")))
    for expected in (
        "报价单 Quote",
        "天津滨海4S店",
        "林青",
        "整车 Vehicle",
        "pingan",
        "¥160,765.50",
    ):
        assert expected in text, expected


def test_the_chinese_text_is_drawn(tmp_path: Path) -> None:
    """Rendered to an image, the title's ideographs leave ink where they stand."""
    pdf_file = tmp_path / "quote.pdf"
    pdf_file.write_bytes(render_quote_pdf(document(typical())))
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "50",
            "-gray",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf_file),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    (image,) = tmp_path.glob("page*.pgm")
    width, height, pixels = read_pgm(image.read_bytes())
    # The title 报价单 sits top left: 14 mm margin, first 15 mm of the page (50 dpi).
    box = [
        pixels[y * width + x]
        for y in range(int(height * 0.02), int(height * 0.09))
        for x in range(int(width * 0.05), int(width * 0.25))
    ]
    assert sum(1 for v in box if v < 128) > 50


def test_a_long_quote_runs_onto_several_pages() -> None:
    info = poppler("pdfinfo", render_quote_pdf(document(quote([line() for _ in range(100)]))))
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages > 1
    text = poppler("pdftotext", render_quote_pdf(document(quote([line() for _ in range(100)]))))
    # The header row is repeated on every page.
    assert text.count("说明 Description") == pages


def test_a_short_quote_is_one_page() -> None:
    info = poppler("pdfinfo", render_quote_pdf(document(typical())))
    assert re.search(r"Pages:\s+1\n", info)


def test_long_descriptions_wrap_instead_of_running_off_the_page() -> None:
    long = "超长说明" * 40
    text = poppler("pdftotext", render_quote_pdf(document(quote([line(description=long)]))))
    assert "超长说明" in text
    assert max(len(row) for row in text.splitlines()) < 120


def test_characters_beyond_the_font_do_not_break_either_document() -> None:
    q = quote([line(description="车 🚗")])
    text = poppler("pdftotext", render_quote_pdf(document(q, customer_name="林野")))
    assert "车?" in text.replace(" ", "")
    assert "林野" in text
    assert "🚗" in render_quote_html(document(q))


def test_a_missing_font_is_an_explicit_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentFontMissing, match="CRM_DOCUMENT_FONT_PATH"):
        render_quote_pdf(document(typical()), tmp_path / "absent.ttf")


def poppler(tool: str, pdf: bytes) -> str:
    """poppler-utils reading the PDF from stdin: what a PDF viewer makes of it."""
    result = subprocess.run(
        [tool, "-", "-"] if tool == "pdftotext" else [tool, "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode()


def read_pgm(data: bytes) -> tuple[int, int, bytes]:
    """A binary greyscale PGM (P5) as width, height and one byte per pixel."""
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5"
    width, height = int(fields[1]), int(fields[2])
    return width, height, fields[4][-width * height :]
