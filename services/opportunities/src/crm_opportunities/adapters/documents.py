"""A quote printed for the car buyer (报价单): a print-friendly HTML page and an A4 PDF.

Pure functions: no I/O, stdlib only. The PDF is written by hand so that no PDF library has to
be installed; its Chinese text uses the standard Adobe CJK font STSong-Light, which every
conforming viewer supplies, so no font file is embedded.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from crm_opportunities.domain.quote import CENT, LineKind, Quote, QuoteLine, QuoteStatus

__all__ = ["QuoteDocument", "render_quote_html", "render_quote_pdf"]


@dataclass(frozen=True, slots=True)
class QuoteDocument:
    """What goes on the printed quote besides the quote itself; masking is the caller's job."""

    quote: Quote
    dealer_name: str
    customer_name: str
    customer_phone: str | None
    consultant: str
    printed_at: datetime
    valid_until: date


TITLE = "报价单 Quote"

KIND_LABELS: dict[LineKind, str] = {
    LineKind.VEHICLE: "整车 Vehicle",
    LineKind.ACCESSORY: "精品附件 Accessory",
    LineKind.EXTENDED_WARRANTY: "延保 Extended warranty",
    LineKind.INSURANCE: "保险 Insurance",
    LineKind.FINANCE: "金融 Finance",
    LineKind.TRADE_IN_CREDIT: "置换抵扣 Trade-in credit",
    LineKind.FEE: "费用 Fee",
}

STATUS_LABELS: dict[QuoteStatus, str] = {
    QuoteStatus.DRAFT: "草稿 Draft",
    QuoteStatus.PENDING_APPROVAL: "待审批 Pending approval",
    QuoteStatus.ISSUED: "已出具 Issued",
    QuoteStatus.REJECTED: "已驳回 Rejected",
    QuoteStatus.ACCEPTED: "已接受 Accepted",
}

# Lines whose partner (insurer, lender) the buyer needs to see.
_PARTNER_KINDS = frozenset({LineKind.INSURANCE, LineKind.FINANCE})


# --- shared formatting -------------------------------------------------------------------------


def _money(amount: Decimal, symbol: str = "¥") -> str:
    """¥1,234.50; the sign goes before the symbol (a trade-in credit is negative)."""
    cents = amount.quantize(CENT, ROUND_HALF_UP)
    sign = "-" if cents < 0 else ""
    return f"{sign}{symbol}{abs(cents):,.2f}"


def _percent(value: Decimal) -> str:
    return f"{value.quantize(CENT, ROUND_HALF_UP)}%"


def _quote_number(quote: Quote) -> str:
    return str(quote.id)[:8]


def _printed(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _header_fields(doc: QuoteDocument) -> list[tuple[str, str]]:
    """The labelled facts at the top of the quote, in print order (same for HTML and PDF)."""
    quote = doc.quote
    return [
        ("报价单号 Quote No.", _quote_number(quote)),
        ("版本 Version", str(quote.version)),
        ("状态 Status", STATUS_LABELS.get(quote.status, str(quote.status))),
        ("客户 Customer", doc.customer_name),
        ("电话 Phone", doc.customer_phone or "—"),
        ("销售顾问 Consultant", doc.consultant),
        ("打印时间 Printed", _printed(doc.printed_at)),
        ("有效期至 Valid until", doc.valid_until.isoformat()),
    ]


def _totals(quote: Quote, symbol: str = "¥") -> list[tuple[str, str]]:
    return [
        ("指导价合计 List total", _money(quote.list_total, symbol)),
        (
            "优惠 Discount",
            f"{_money(quote.discount, symbol)} ({_percent(quote.discount_percent)})",
        ),
        ("额外优惠 Extra discount", _money(quote.extra_discount, symbol)),
        ("合计 Total", _money(quote.total, symbol)),
    ]


def _partner(line: QuoteLine) -> str | None:
    return line.partner_id if line.kind in _PARTNER_KINDS and line.partner_id else None


# --- HTML --------------------------------------------------------------------------------------

_CSS = """
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
       color: #222; margin: 24px; font-size: 13px; }
h1 { font-size: 22px; margin: 0 0 4px; }
.dealer { font-size: 15px; margin-bottom: 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr;
           gap: 4px 12px; margin: 0 0 16px; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; }
th, td { border-bottom: 1px solid #ccc; padding: 4px 6px; text-align: left;
         vertical-align: top; }
th { background: #eee; }
td.money, th.money { text-align: right; white-space: nowrap; }
td.desc { word-break: break-word; }
.partner { color: #555; font-size: 11px; }
table.totals { width: auto; margin: 12px 0 0 auto; }
table.totals th { background: none; text-align: left; }
tr.grand td, tr.grand th { font-weight: bold; font-size: 15px; border-bottom: 2px solid #222; }
@media print {
  body { margin: 0; font-size: 11px; }
  @page { size: A4; margin: 15mm; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_line(line: QuoteLine) -> str:
    desc = _e(line.description)
    partner = _partner(line)
    if partner is not None:
        desc += f'<div class="partner">合作方 Partner: {_e(partner)}</div>'
    return (
        "<tr>"
        f"<td>{_e(KIND_LABELS.get(line.kind, str(line.kind)))}</td>"
        f"<td>{_e(line.code)}</td>"
        f'<td class="desc">{desc}</td>'
        f'<td class="money">{_e(_money(line.list_price))}</td>'
        f'<td class="money">{_e(_money(line.price))}</td>'
        "</tr>"
    )


def render_quote_html(doc: QuoteDocument) -> str:
    """A complete, self-contained page the consultant prints (or saves) for the buyer."""
    quote = doc.quote
    facts = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in _header_fields(doc))
    lines = "\n".join(_html_line(line) for line in quote.lines)
    totals = _totals(quote)
    grand = len(totals) - 1  # the total itself stands out
    total_rows = "\n".join(
        f'<tr class="{"grand" if i == grand else "sum"}">'
        f'<th>{_e(k)}</th><td class="money">{_e(v)}</td></tr>'
        for i, (k, v) in enumerate(totals)
    )
    title = f"{TITLE} {_quote_number(quote)} v{quote.version}"
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{_e(TITLE)}</h1>
<div class="dealer">{_e(doc.dealer_name)}</div>
<dl class="facts">{facts}</dl>
<table class="lines">
<thead><tr><th>类别 Kind</th><th>编码 Code</th><th>说明 Description</th>
<th class="money">指导价 List price</th><th class="money">价格 Price</th></tr></thead>
<tbody>
{lines}
</tbody>
</table>
<table class="totals">
{total_rows}
</table>
</body>
</html>
"""


# --- PDF: layout -------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 40
_TOP = PAGE_HEIGHT - 50
_BOTTOM = 60  # the footer sits below this
_RIGHT = PAGE_WIDTH - MARGIN

_BODY, _SMALL = 9.0, 8.0
_ROW, _SUBROW = 16.0, 12.0


@dataclass(frozen=True, slots=True)
class _Column:
    title: str
    x: float  # left edge, or right edge when right-aligned
    width: float
    right: bool = False


_COLUMNS = (
    _Column("类别 Kind", MARGIN, 110),
    _Column("编码 Code", 155, 65),
    _Column("说明 Description", 225, 155),
    _Column("指导价 List price", 470, 85, right=True),
    _Column("价格 Price", _RIGHT, 80, right=True),
)

# The PDF's yen sign: the fullwidth form is in GB2312 and so certainly in the GB1 character
# collection, whereas the Latin-1 "¥" may show as a missing glyph in some viewers.
_PDF_YEN = "￥"


def _clean(text: str) -> str:
    """One line of BMP text: whitespace collapsed, characters beyond UCS-2 replaced by "?"."""
    return "".join(ch if ord(ch) <= 0xFFFF else "?" for ch in " ".join(text.split()))


def _width(text: str, size: float) -> float:
    """Advance width in points, matching the /W array below: ASCII is half an em, the rest one."""
    return sum(0.5 if " " <= ch <= "~" else 1.0 for ch in text) * size


def _fit(text: str, size: float, max_width: float) -> str:
    """The text, cut short with "…" where it is wider than the column."""
    if _width(text, size) <= max_width:
        return text
    room = max_width - _width("…", size)
    kept = ""
    for ch in text:
        if _width(kept + ch, size) > room:
            break
        kept += ch
    return kept + "…"


def _hex(text: str) -> str:
    """A PDF hex string in UTF-16BE, which the UniGB-UCS2-H CMap reads as UCS-2."""
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


@dataclass(slots=True)
class _Page:
    ops: list[str] = field(default_factory=list)

    def text(
        self, x: float, y: float, text: str, size: float = _BODY, max_width: float | None = None
    ) -> None:
        value = _clean(text)
        if max_width is not None:
            value = _fit(value, size, max_width)
        if value:
            self.ops.append(f"BT /F1 {size:g} Tf {x:.2f} {y:.2f} Td {_hex(value)} Tj ET")

    def text_right(
        self, right: float, y: float, text: str, size: float = _BODY, max_width: float = 0
    ) -> None:
        value = _fit(_clean(text), size, max_width) if max_width else _clean(text)
        self.text(right - _width(value, size), y, value, size)

    def rule(self, y: float, width: float = 0.5) -> None:
        self.ops.append(f"{width:g} w {MARGIN} {y:.2f} m {_RIGHT} {y:.2f} l S")

    def band(self, y: float, height: float) -> None:
        """A light grey strip behind the table header."""
        box = f"{MARGIN} {y:.2f} {_RIGHT - MARGIN} {height:g} re"
        self.ops.append(f"0.92 g {box} f 0 g")

    def content(self) -> bytes:
        return "\n".join(self.ops).encode("ascii")


class _Layout:
    """Rows drawn top-down; a row that does not fit starts a new page (table header repeated)."""

    def __init__(self, doc: QuoteDocument) -> None:
        self.doc = doc
        self.pages: list[_Page] = []
        self.y = 0.0
        self.in_table = False
        self._new_page()

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def _new_page(self) -> None:
        self.pages.append(_Page())
        self.y = _TOP
        if len(self.pages) > 1:
            quote = self.doc.quote
            self.page.text(
                MARGIN, self.y, f"{TITLE} {_quote_number(quote)} v{quote.version} (续 continued)"
            )
            self.y -= _ROW
            if self.in_table:
                self.table_header()

    def need(self, height: float) -> None:
        if self.y - height < _BOTTOM:
            self._new_page()

    def header(self) -> None:
        self.page.text(MARGIN, self.y, TITLE, 18)
        self.y -= 22
        self.page.text(MARGIN, self.y, self.doc.dealer_name, 11, _RIGHT - MARGIN)
        self.y -= 22
        fields = _header_fields(self.doc)
        half = (_RIGHT - MARGIN) / 2
        for row in range(0, len(fields), 2):
            for col, (label, value) in enumerate(fields[row : row + 2]):
                x = MARGIN + col * half
                self.page.text(x, self.y, label, _BODY)
                self.page.text(x + 100, self.y, value, _BODY, half - 105)
            self.y -= _ROW
        self.y -= 8

    def table_header(self) -> None:
        self.in_table = True
        self.page.band(self.y - 5, _ROW)
        for column in _COLUMNS:
            if column.right:
                self.page.text_right(column.x, self.y, column.title, _BODY, column.width)
            else:
                self.page.text(column.x, self.y, column.title, _BODY, column.width)
        self.y -= _ROW

    def line(self, line: QuoteLine) -> None:
        partner = _partner(line)
        self.need(_ROW + (_SUBROW if partner else 0))
        kind, code, desc, list_price, price = _COLUMNS
        self.page.text(
            kind.x, self.y, KIND_LABELS.get(line.kind, str(line.kind)), _BODY, kind.width
        )
        self.page.text(code.x, self.y, line.code, _BODY, code.width)
        self.page.text(desc.x, self.y, line.description, _BODY, desc.width)
        for column, amount in ((list_price, line.list_price), (price, line.price)):
            self.page.text_right(column.x, self.y, _money(amount, _PDF_YEN), _BODY, column.width)
        if partner:
            self.y -= _SUBROW
            self.page.text(desc.x, self.y, f"合作方 Partner: {partner}", _SMALL, desc.width)
        self.page.rule(self.y - 5, 0.25)
        self.y -= _ROW

    def totals(self) -> None:
        self.in_table = False
        rows = _totals(self.doc.quote, _PDF_YEN)
        self.need(8 + _ROW * len(rows))
        self.y -= 8
        for i, (label, value) in enumerate(rows):
            size = 11.0 if i == len(rows) - 1 else _BODY
            self.page.text(320, self.y, label, size)
            self.page.text_right(_RIGHT, self.y, value, size, 130)
            self.y -= _ROW

    def footers(self) -> None:
        """Page numbers go on last, once the page count is known."""
        count = len(self.pages)
        number = _quote_number(self.doc.quote)
        for n, page in enumerate(self.pages, start=1):
            page.rule(_BOTTOM - 15, 0.25)
            page.text(MARGIN, _BOTTOM - 28, f"{TITLE} {number}", _SMALL)
            page.text_right(_RIGHT, _BOTTOM - 28, f"第 {n}/{count} 页 Page {n} of {count}", _SMALL)


def _lay_out(doc: QuoteDocument) -> list[_Page]:
    layout = _Layout(doc)
    layout.header()
    layout.table_header()
    for line in doc.quote.lines:
        layout.line(line)
    layout.totals()
    layout.footers()
    return layout.pages


# --- PDF: file structure -----------------------------------------------------------------------

# Object numbers; each page then takes two: the page and its content stream.
_CATALOG, _INFO, _PAGES, _FONT, _CIDFONT, _DESCRIPTOR = 1, 2, 3, 4, 5, 6
_FIRST_PAGE = 7

# STSong-Light as Acrobat describes it. /W gives the half-width CIDs (ASCII among them, CIDs
# 1-95 under UniGB-UCS2-H) their 500 units; everything else takes the default 1000.
_FONT_OBJECTS: dict[int, str] = {
    _FONT: (
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
        f" /DescendantFonts [{_CIDFONT} 0 R] >>"
    ),
    _CIDFONT: (
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        " /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >>"
        f" /FontDescriptor {_DESCRIPTOR} 0 R /DW 1000"
        " /W [1 95 500 814 939 500 7712 7716 500 22127 22357 500] >>"
    ),
    _DESCRIPTOR: (
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6"
        " /FontBBox [-134 -254 1001 905] /ItalicAngle 0 /Ascent 905 /Descent -254"
        " /CapHeight 626 /StemV 48 /XHeight 416 >>"
    ),
}


def _pdf_date(moment: datetime) -> str:
    """D:YYYYMMDDHHmmSS with the UTC offset when known (PDF 1.4, 3.8.3)."""
    stamp = moment.strftime("D:%Y%m%d%H%M%S")
    offset = moment.utcoffset()
    if offset is None:
        return stamp
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return stamp + "Z"
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{stamp}{sign}{hours:02d}'{mins:02d}'"


def _stream(data: bytes) -> bytes:
    return f"<< /Length {len(data)} >>\nstream\n".encode("ascii") + data + b"\nendstream"


def _objects(doc: QuoteDocument, pages: list[_Page]) -> Iterator[tuple[int, bytes]]:
    page_numbers = [_FIRST_PAGE + 2 * i for i in range(len(pages))]
    yield _CATALOG, f"<< /Type /Catalog /Pages {_PAGES} 0 R >>".encode("ascii")
    # The title is a text string: UTF-16BE needs its byte order mark there.
    title = "<FEFF" + _hex(_clean(f"{TITLE} {_quote_number(doc.quote)}"))[1:]
    info = (
        f"<< /Title {title} /Producer (crm-opportunities)"
        f" /CreationDate ({_pdf_date(doc.printed_at)}) >>"
    )
    yield _INFO, info.encode("ascii")
    kids = " ".join(f"{n} 0 R" for n in page_numbers)
    yield _PAGES, f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode("ascii")
    for number, body in _FONT_OBJECTS.items():
        yield number, body.encode("ascii")
    for number, page in zip(page_numbers, pages, strict=True):
        page_dict = (
            f"<< /Type /Page /Parent {_PAGES} 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}]"
            f" /Resources << /Font << /F1 {_FONT} 0 R >> >> /Contents {number + 1} 0 R >>"
        )
        yield number, page_dict.encode("ascii")
        yield number + 1, _stream(page.content())


def _assemble(objects: list[tuple[int, bytes]]) -> bytes:
    """Header, numbered objects, the cross-reference table with their exact offsets, trailer."""
    # The comment of high bytes tells transfer tools the file is binary.
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number, body in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    size = max(offsets) + 1
    xref_at = len(out)
    # Every entry is exactly 20 bytes, its end of line included.
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode("ascii")
    for number in range(1, size):
        out += f"{offsets[number]:010d} 00000 n \n".encode("ascii")
    out += (
        f"trailer\n<< /Size {size} /Root {_CATALOG} 0 R /Info {_INFO} 0 R >>\n"
        f"startxref\n{xref_at}\n%%EOF\n"
    ).encode("ascii")
    return bytes(out)


def render_quote_pdf(doc: QuoteDocument) -> bytes:
    """An A4 PDF 1.4 of the quote; long quotes run onto further pages."""
    return _assemble(list(_objects(doc, _lay_out(doc))))
