"""What identifies a customer besides the phone (WeChat id, email, resident ID number), and which
of them a dealer deduplicates on. Pure rules, no I/O.

The resident ID number is personal data of the most sensitive kind: only its keyed digest ever
leaves the entrypoint that received it (``id_number_digest``)."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from pydantic import SecretStr

MAX_WECHAT_ID_LENGTH = 64
MAX_EMAIL_LENGTH = 254
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character.
_ID_NUMBER = re.compile(r"\d{17}[\dX]")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARACTERS = "10X98765432"
_ID_NUMBER_PURPOSE = b"crm-leads/customer-identifiers/id_number/v1"


class IdentifierKind(StrEnum):
    WECHAT_ID = "wechat_id"
    EMAIL = "email"
    ID_NUMBER = "id_number"


class InvalidIdentifier(ValueError):
    """A malformed identifier; ``kind`` names the field (answered 422)."""

    def __init__(self, kind: IdentifierKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def normalise_wechat_id(raw: str) -> str:
    """Trimmed, case kept: WeChat ids are matched as the customer gave them (a wrong match
    would hand one person's file to another's submission)."""
    value = raw.strip()
    if not value or len(value) > MAX_WECHAT_ID_LENGTH or any(c.isspace() for c in value):
        raise InvalidIdentifier(IdentifierKind.WECHAT_ID, "not a WeChat id")
    return value


def normalise_email(raw: str) -> str:
    value = raw.strip().lower()
    if len(value) > MAX_EMAIL_LENGTH or not _EMAIL.fullmatch(value):
        raise InvalidIdentifier(IdentifierKind.EMAIL, "not an email address")
    return value


def normalise_id_number(raw: str) -> str:
    """18 characters, upper-case X; spaces people type between the groups are dropped. The
    message never quotes the number."""
    value = "".join(raw.split()).upper()
    if not _ID_NUMBER.fullmatch(value):
        raise InvalidIdentifier(
            IdentifierKind.ID_NUMBER, "not a resident ID number (17 digits and a digit or X)"
        )
    total = sum(int(digit) * weight for digit, weight in zip(value, _ID_WEIGHTS, strict=False))
    if value[-1] != _ID_CHECK_CHARACTERS[total % 11]:
        raise InvalidIdentifier(IdentifierKind.ID_NUMBER, "the ID number's check digit is wrong")
    return value


def id_number_key(secret: SecretStr | None) -> bytes | None:
    """The key ID numbers are digested with: the deployment's personal-data hash key
    (CRM_PERSONAL_DATA_HASH_KEY) narrowed to this purpose with an HMAC label, so a digest made
    here means nothing elsewhere. Changing the key changes every digest (stored ID numbers stop
    matching until re-submitted); a deployment without it accepts no ID numbers (None)."""
    if secret is None:
        return None
    return hmac.new(secret.get_secret_value().encode(), _ID_NUMBER_PURPOSE, hashlib.sha256).digest()


def id_number_digest(normalised: str, key: bytes) -> str:
    """What is stored and matched instead of the number: HMAC-SHA256, so equal numbers match
    while the table alone does not give them away (unlike a plain hash of a guessable number)."""
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class CustomerIdentifiers:
    """A submission's identifiers besides the phone, normalised; the ID number as its digest."""

    wechat_id: str | None = None
    email: str | None = None
    id_number_digest: str | None = None

    def given(self) -> dict[IdentifierKind, str]:
        """The identifiers the submission carries, by kind, as they are stored."""
        values = {
            IdentifierKind.WECHAT_ID: self.wechat_id,
            IdentifierKind.EMAIL: self.email,
            IdentifierKind.ID_NUMBER: self.id_number_digest,
        }
        return {kind: value for kind, value in values.items() if value is not None}


NO_IDENTIFIERS = CustomerIdentifiers()


def dedup_keys_from(raw: Sequence[str]) -> tuple[IdentifierKind, ...]:
    """A dealer's deduplication keys (matched in this order after the phone); each once."""
    keys = tuple(IdentifierKind(key) for key in raw)
    if len(set(keys)) != len(keys):
        raise ValueError("each deduplication key may be named once")
    return keys


def matching_keys(
    dedup_keys: Sequence[IdentifierKind], identifiers: CustomerIdentifiers
) -> dict[IdentifierKind, str]:
    """The submission's identifiers the book deduplicates on, in the book's order."""
    given = identifiers.given()
    return {key: given[key] for key in dedup_keys if key in given}


Customer = TypeVar("Customer")


def first_match(
    dedup_keys: Sequence[IdentifierKind],
    by_phone: Customer | None,
    by_key: Mapping[IdentifierKind, Customer],
) -> Customer | None:
    """One customer, one owner: the phone's customer, else the holder of the first configured
    key that matched (the others a submission matches stay untouched)."""
    if by_phone is not None:
        return by_phone
    return next((by_key[key] for key in dedup_keys if key in by_key), None)
