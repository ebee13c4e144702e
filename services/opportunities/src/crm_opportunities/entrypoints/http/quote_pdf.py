"""The quote as an A4 PDF, laid out by ReportLab with a CJK font embedded (subset), so the
Chinese text renders in any viewer, not only where Adobe's Asian font pack is installed.

The font is a TrueType file (or collection) with CJK and Latin glyphs (default: WenQuanYi Micro
Hei from Debian's ``fonts-wqy-microhei``, licensed Apache-2.0; ``CRM_DOCUMENT_FONT_PATH`` names
another). A missing font is an explicit error, never
a PDF with blank boxes.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from crm_opportunities.domain.quote_document import (
    KIND_LABELS,
    TITLE,
    QuoteDocument,
    header_fields,
    line_partner,
    money,
    quote_number,
    totals,
)

DEFAULT_FONT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
_FONT_NAME = "crm-cjk"
_BODY, _SMALL, _HEADING = 9.0, 7.5, 18.0
_COLUMN_WIDTHS = [33 * mm, 28 * mm, 62 * mm, 28 * mm, 28 * mm]


class DocumentFontMissing(RuntimeError):
    """The CJK font the quote is printed with is not installed where the settings say."""


@cache
def _register(font_path: Path) -> frozenset[int]:
    """Registers the font once per process; returns the code points it has glyphs for."""
    if not font_path.is_file():
        raise DocumentFontMissing(
            f"quote PDF font not found at {font_path}: install fonts-wqy-microhei "
            "or set CRM_DOCUMENT_FONT_PATH to a TrueType font with CJK glyphs"
        )
    font = TTFont(_FONT_NAME, str(font_path), subfontIndex=0)
    pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph)


def _drawable(text: str, glyphs: frozenset[int]) -> str:
    """What the font cannot draw (an emoji, a rare ideograph) becomes '?', not an empty box."""
    return "".join(ch if ord(ch) in glyphs or ch in "\n\t " else "?" for ch in text)


def render_quote_pdf(doc: QuoteDocument, font_path: Path = DEFAULT_FONT_PATH) -> bytes:
    """An A4 PDF of the quote; long quotes run onto further pages with the header row repeated."""
    glyphs = _register(font_path)

    def p(text: str, size: float = _BODY, *, right: bool = False) -> Paragraph:
        style = ParagraphStyle(
            "cell",
            fontName=_FONT_NAME,
            fontSize=size,
            leading=size * 1.3,
            alignment=TA_RIGHT if right else 0,
            wordWrap="CJK",
        )
        return Paragraph(escape(_drawable(text, glyphs)), style)

    quote = doc.quote
    facts = header_fields(doc)
    fact_rows = [
        [p(k), p(v), *(p(x) for x in (facts[i + 1] if i + 1 < len(facts) else ("", "")))]
        for i, (k, v) in list(enumerate(facts))[::2]
    ]
    line_rows: list[list[Paragraph]] = [
        [p(t) for t in ("类别 Kind", "编码 Code", "说明 Description")]
        + [p(t, right=True) for t in ("指导价 List price", "价格 Price")]
    ]
    for line in quote.lines:
        description = line.description
        partner = line_partner(line)
        if partner:
            description += f"\n合作方 Partner: {partner}"
        line_rows.append(
            [
                p(KIND_LABELS.get(line.kind, str(line.kind))),
                p(line.code),
                p(description.replace("\n", " / ")),
                p(money(line.list_price), right=True),
                p(money(line.price), right=True),
            ]
        )
    total_rows = totals(quote)
    total_table = [
        [p(k, 11.0 if i == len(total_rows) - 1 else _BODY), p(v, right=True)]
        for i, (k, v) in enumerate(total_rows)
    ]
    number = quote_number(quote)

    def footer(canvas: Canvas, template: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(_FONT_NAME, _SMALL)
        canvas.drawString(template.leftMargin, 12 * mm, _drawable(f"{TITLE} {number}", glyphs))
        canvas.drawRightString(
            A4[0] - template.rightMargin,
            12 * mm,
            f"第 {canvas.getPageNumber()} 页 Page {canvas.getPageNumber()}",
        )
        canvas.restoreState()

    out = io.BytesIO()
    template = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=15 * mm,
        bottomMargin=20 * mm,
        title=f"{TITLE} {number}",
        author=doc.dealer_name,
        creator="crm-opportunities",
        initialFontName=_FONT_NAME,
    )
    grid = TableStyle(
        [
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    story = [
        p(TITLE, _HEADING),
        Spacer(0, 3 * mm),
        p(doc.dealer_name, 12.0),
        Spacer(0, 4 * mm),
        Table(fact_rows, colWidths=[30 * mm, 60 * mm, 30 * mm, 60 * mm]),
        Spacer(0, 4 * mm),
        Table(line_rows, colWidths=_COLUMN_WIDTHS, repeatRows=1, style=grid),
        Spacer(0, 4 * mm),
        Table(total_table, colWidths=[45 * mm, 40 * mm], hAlign="RIGHT"),
    ]
    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
