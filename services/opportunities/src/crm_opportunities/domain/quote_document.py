"""A quote printed for the car buyer (报价单): what goes on it, and the print-friendly HTML page.
The A4 PDF of the same content is laid out by ``quote_pdf``.

Pure functions: no I/O.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from crm_opportunities.domain.quote import CENT, LineKind, Quote, QuoteLine, QuoteStatus


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


def money(amount: Decimal, symbol: str = "¥") -> str:
    """¥1,234.50; the sign goes before the symbol (a trade-in credit is negative)."""
    cents = amount.quantize(CENT, ROUND_HALF_UP)
    sign = "-" if cents < 0 else ""
    return f"{sign}{symbol}{abs(cents):,.2f}"


def _percent(value: Decimal) -> str:
    return f"{value.quantize(CENT, ROUND_HALF_UP)}%"


def quote_number(quote: Quote) -> str:
    return str(quote.id)[:8]


def _printed(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def header_fields(doc: QuoteDocument) -> list[tuple[str, str]]:
    """The labelled facts at the top of the quote, in print order (same for HTML and PDF)."""
    quote = doc.quote
    return [
        ("报价单号 Quote No.", quote_number(quote)),
        ("版本 Version", str(quote.version)),
        ("状态 Status", STATUS_LABELS.get(quote.status, str(quote.status))),
        ("客户 Customer", doc.customer_name),
        ("电话 Phone", doc.customer_phone or "—"),
        ("销售顾问 Consultant", doc.consultant),
        ("打印时间 Printed", _printed(doc.printed_at)),
        ("有效期至 Valid until", doc.valid_until.isoformat()),
    ]


def totals(quote: Quote, symbol: str = "¥") -> list[tuple[str, str]]:
    return [
        ("指导价合计 List total", money(quote.list_total, symbol)),
        (
            "优惠 Discount",
            f"{money(quote.discount, symbol)} ({_percent(quote.discount_percent)})",
        ),
        ("额外优惠 Extra discount", money(quote.extra_discount, symbol)),
        ("合计 Total", money(quote.total, symbol)),
    ]


def line_partner(line: QuoteLine) -> str | None:
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
    partner = line_partner(line)
    if partner is not None:
        desc += f'<div class="partner">合作方 Partner: {_e(partner)}</div>'
    return (
        "<tr>"
        f"<td>{_e(KIND_LABELS.get(line.kind, str(line.kind)))}</td>"
        f"<td>{_e(line.code)}</td>"
        f'<td class="desc">{desc}</td>'
        f'<td class="money">{_e(money(line.list_price))}</td>'
        f'<td class="money">{_e(money(line.price))}</td>'
        "</tr>"
    )


def render_quote_html(doc: QuoteDocument) -> str:
    """A complete, self-contained page the consultant prints (or saves) for the buyer."""
    quote = doc.quote
    facts = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in header_fields(doc))
    lines = "\n".join(_html_line(line) for line in quote.lines)
    sums = totals(quote)
    grand = len(sums) - 1  # the total itself stands out
    total_rows = "\n".join(
        f'<tr class="{"grand" if i == grand else "sum"}">'
        f'<th>{_e(k)}</th><td class="money">{_e(v)}</td></tr>'
        for i, (k, v) in enumerate(sums)
    )
    title = f"{TITLE} {quote_number(quote)} v{quote.version}"
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
