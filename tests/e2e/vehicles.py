"""A small vehicle catalogue HQ publishes in the end-to-end tests (the portal's quote builder,
the command scope's catalogue commands): one model, one trim, two colours, one option."""

from __future__ import annotations

from typing import Any


def _trim(code: str, name: str, msrp: int) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "msrp": str(msrp),
        "invoice_price": str(int(msrp * 0.93)),
        "colours": [
            {"code": "white", "name": "珍珠白", "msrp": "0", "invoice_price": "0"},
            {"code": "grey", "name": "星空灰", "msrp": "3000", "invoice_price": "2400"},
        ],
        "options": [{"code": "pano", "name": "全景天窗", "msrp": "8000", "invoice_price": "6400"}],
        "standard_options": [],
    }


CATALOG = {
    "models": [
        {
            "code": "SUV-X",
            "name": "SUV X",
            "product_line": "suv",
            "trims": [_trim("SUV-X-20T", "2.0T 豪华版", 200000)],
        }
    ],
    "rules": [],
}
