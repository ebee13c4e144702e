import re
from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import uuid4

from crm_opportunities.adapters.documents import (
    QuoteDocument,
    render_quote_html,
    render_quote_pdf,
)
from crm_opportunities.domain.quote import LineKind, Quote, QuoteLine, QuoteStatus

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


def test_pdf_is_framed_as_pdf_1_4() -> None:
    pdf = render_quote_pdf(document(typical()))
    assert pdf.startswith(b"%PDF-1.4")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert b"/BaseFont /STSong-Light" in pdf
    assert b"/Encoding /UniGB-UCS2-H" in pdf
    assert b"/Ordering (GB1)" in pdf


def test_every_xref_offset_points_at_its_object() -> None:
    pdf = render_quote_pdf(document(quote([line() for _ in range(60)])))
    offsets = xref_offsets(pdf)
    assert len(offsets) == len(re.findall(rb"\d+ 0 obj\n", pdf))
    for number, offset in offsets.items():
        assert pdf[offset:].startswith(f"{number} 0 obj".encode())


def test_stream_lengths_are_exact() -> None:
    pdf = render_quote_pdf(document(typical()))
    for match in re.finditer(rb"/Length (\d+) >>\nstream\n", pdf):
        end = match.end() + int(match.group(1))
        assert pdf[end:].startswith(b"\nendstream")


def test_pdf_writes_chinese_text_as_utf16be_hex() -> None:
    pdf = render_quote_pdf(document(typical(), customer_name="林青"))
    assert b"<" + utf16_hex("林青") + b">" in pdf
    assert utf16_hex("天津滨海4S店") in pdf
    assert utf16_hex("报价单 Quote") in pdf
    assert utf16_hex("pingan") in pdf
    assert utf16_hex("160,765.50") in pdf


def test_a_long_quote_runs_onto_several_pages() -> None:
    pdf = render_quote_pdf(document(quote([line() for _ in range(100)])))
    count = int(re.findall(rb"/Count (\d+)", pdf)[0])
    assert count > 1
    assert len(re.findall(rb"/Type /Page\b", pdf)) == count
    assert utf16_hex(f"Page {count} of {count}") in pdf


def test_a_short_quote_is_one_page() -> None:
    pdf = render_quote_pdf(document(typical()))
    assert re.findall(rb"/Count (\d+)", pdf) == [b"1"]


def test_long_descriptions_are_cut_with_an_ellipsis() -> None:
    long = "超长说明" * 40
    pdf = render_quote_pdf(document(quote([line(description=long)])))
    assert utf16_hex(long) not in pdf
    assert re.search(rb"<(?:[0-9A-F]{4})+" + utf16_hex("…") + rb">", pdf)


def test_characters_beyond_the_bmp_do_not_break_either_document() -> None:
    q = quote([line(description="车 🚗 𠮷")])
    pdf = render_quote_pdf(document(q, customer_name="𠮷野"))
    assert utf16_hex("车 ? ?") in pdf
    assert utf16_hex("?野") in pdf
    assert "🚗" in render_quote_html(document(q))
