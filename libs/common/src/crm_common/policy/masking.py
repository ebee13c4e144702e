"""Masking of personal data: what another org or a role without the right sees.

Masks keep just enough to recognise a record on the phone with the customer (the last digits)
and never more than that; the original digits beyond what a mask keeps never appear.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import overload

from crm_common.policy.sharing import SharingLevel

_DIGITS = re.compile(r"\d")
MASK = "*"


def mask_phone(phone: str) -> str:
    """``+8613800138000`` → ``138****8000``: first 3 and last 4 digits of the national number.

    Shorter numbers keep only their last 2 digits, and only while at least 4 stay hidden.
    """
    digits = "".join(_DIGITS.findall(phone))
    national = digits[2:] if phone.startswith("+86") else digits
    if len(national) >= 11:
        return national[:3] + MASK * (len(national) - 7) + national[-4:]
    if len(national) >= 6:
        return MASK * (len(national) - 2) + national[-2:]
    return MASK * len(national)


def mask_id_number(value: str) -> str:
    """Resident ID, passport or driving licence number: keep the first 2 and last 2 characters."""
    compact = value.strip()
    if len(compact) <= 6:
        return MASK * len(compact)
    return compact[:2] + MASK * (len(compact) - 4) + compact[-2:]


def mask_address(address: str) -> str:
    """Keep the first 6 characters (province and city in Chinese addresses), mask the rest."""
    compact = address.strip()
    keep = min(6, len(compact) // 2)
    return compact[:keep] + MASK * (len(compact) - keep)


def mask_name(name: str) -> str:
    """``王伟`` → ``王*``; ``Zhang Wei`` → ``Z********``: the first character only."""
    compact = name.strip()
    return compact[:1] + MASK * (len(compact) - 1) if compact else compact


def mask_vin(vin: str) -> str:
    """``LSVAU2180N2183295`` → ``LSV**********3295``: the maker's code (WMI, not personal) and
    the last 4 characters, the part of the serial people quote."""
    compact = vin.strip()
    if len(compact) < 12:
        return MASK * len(compact)
    return compact[:3] + MASK * (len(compact) - 7) + compact[-4:]


def mask_plate(plate: str) -> str:
    """``沪A12345`` → ``沪A***45``: the province and the issuing city (where the car is
    registered, not who drives it) and the last 2 characters."""
    compact = plate.strip()
    if len(compact) < 5:
        return MASK * len(compact)
    return compact[:2] + MASK * (len(compact) - 4) + compact[-2:]


class SeenAt:
    """What a reader sees of one kind of a customer's personal data, written once for every
    record of every service: whole at the full level, masked below it (a reader below masked
    sees no record at all). None stays None: a record without a phone shows none."""

    def __init__(self, mask: Callable[[str], str]) -> None:
        self._mask = mask

    @overload
    def __call__(self, level: SharingLevel, value: str) -> str: ...
    @overload
    def __call__(self, level: SharingLevel, value: None) -> None: ...
    def __call__(self, level: SharingLevel, value: str | None) -> str | None:
        return value if value is None or level >= SharingLevel.FULL else self._mask(value)


name_seen_at = SeenAt(mask_name)
"""The customer's name as a reader at a level sees it."""
phone_seen_at = SeenAt(mask_phone)
"""The customer's phone number as a reader at a level sees it."""
id_number_seen_at = SeenAt(mask_id_number)
"""An identity document's number (resident ID, passport, licence) as a reader sees it."""
vin_seen_at = SeenAt(mask_vin)
"""A customer's vehicle's VIN as a reader at a level sees it."""
plate_seen_at = SeenAt(mask_plate)
"""A customer's vehicle's number plate as a reader at a level sees it."""
