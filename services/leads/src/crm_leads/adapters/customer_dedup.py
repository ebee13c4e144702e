"""The customer-dedup rule, written once: which customer of a book (a dealer, or a node above
dealers) a submission belongs to — the customer with its phone, else, for the book's
deduplication keys in order, the one holding the submission's value — created on first sight
(one customer, one owner per book); a merged file resolves to the one it was merged into. The
submission's identifiers join the customer's file unless another customer of the book holds
them.

Set-based (a statement per step for any number of submissions): the bulk path
(``customers_for``) stores an import's slice; the single-row path (``customer_for``) is the
same statements for one submission, with the retry a single create needs when a concurrent
submission takes its key first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID, uuid4

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from crm_leads.domain.customer_identifiers import (
    NO_IDENTIFIERS,
    CustomerIdentifiers,
    IdentifierKind,
    first_match,
    matching_keys,
)


@dataclass(frozen=True, slots=True)
class Book:
    """Whose customers: the tenant and the book's org node."""

    tenant: str
    owner_org: str


class Submission(Protocol):
    """A customer as a lead submits them (an import row, a create)."""

    @property
    def phone(self) -> str: ...
    @property
    def customer_name(self) -> str: ...
    @property
    def identifiers(self) -> CustomerIdentifiers: ...


@dataclass(frozen=True, slots=True)
class _One:
    phone: str
    customer_name: str
    identifiers: CustomerIdentifiers


class KeyTakenMeanwhile(Exception):
    """A concurrent writer gave a new customer's deduplication key to another customer: store
    the submissions again (they then attach to that one)."""


@dataclass(frozen=True, slots=True)
class BookCustomer:
    id: UUID
    first_seen: bool
    """Created by this submission, in its transaction: nothing of the book refers to it yet
    (no lead is open for it)."""


async def customer_for(
    session: AsyncSession,
    *,
    tenant: str,
    owner_org: str,
    phone: str,
    name: str,
    now: datetime,
    identifiers: CustomerIdentifiers = NO_IDENTIFIERS,
    dedup_keys: Sequence[IdentifierKind] = (),
) -> UUID:
    """The customer of one submission (``customer_of_submission``'s id)."""
    customer = await customer_of_submission(
        session,
        tenant=tenant,
        owner_org=owner_org,
        phone=phone,
        name=name,
        now=now,
        identifiers=identifiers,
        dedup_keys=dedup_keys,
    )
    return customer.id


async def customer_of_submission(
    session: AsyncSession,
    *,
    tenant: str,
    owner_org: str,
    phone: str,
    name: str,
    now: datetime,
    identifiers: CustomerIdentifiers = NO_IDENTIFIERS,
    dedup_keys: Sequence[IdentifierKind] = (),
) -> BookCustomer:
    """The customer of one submission, and whether it was first seen now. Without identifiers
    (a lead distributed to or returned from another book) the phone alone decides: identifiers
    stay in the book they were given to."""
    book = Book(tenant, owner_org)
    one = _One(phone, name, identifiers)
    matching = matching_keys(dedup_keys, identifiers)
    if not matching:
        customer_of, created = await customers_of_phones(session, book, [one], now)
        await add_identifiers(session, book, [(customer_of[phone], identifiers)])
        return BookCustomer(customer_of[phone], first_seen=phone in created)
    wanted = {(kind.value, value) for kind, value in matching.items()}
    for _ in range(_RACES_TO_LOSE):
        known = await known_customers(session, book, [one], dedup_keys)
        if phone in known:
            await add_identifiers(session, book, [(known[phone], identifiers)])
            return BookCustomer(known[phone], first_seen=False)
        try:
            # The savepoint undoes the new file if a concurrent submission took one of its
            # keys first (the unique key makes us wait for it); then that customer is found.
            async with session.begin_nested():
                customer_of, created = await customers_of_phones(session, book, [one], now)
                if phone not in created:
                    continue  # the phone arrived meanwhile: found on the next round
                added = await add_identifiers(session, book, [(customer_of[phone], identifiers)])
                if not wanted <= added:
                    raise KeyTakenMeanwhile
                return BookCustomer(customer_of[phone], first_seen=True)
        except KeyTakenMeanwhile:
            continue
    raise RuntimeError("the customer kept changing under concurrent submissions")


# Each lost race means another submission committed the customer we look for: the next round
# finds it, so a third round never happens in practice.
_RACES_TO_LOSE = 3


async def customers_for(
    session: AsyncSession,
    book: Book,
    firsts: Sequence[Submission],
    dedup_keys: Sequence[IdentifierKind],
    now: datetime,
) -> dict[str, UUID]:
    """Customer ids of the rows (by their phones) in the book: the phone's customer,
    else the holder of the first deduplication key that matches, else created."""
    deduplicated = (
        [row for row in firsts if matching_keys(dedup_keys, row.identifiers)] if dedup_keys else []
    )
    known = await known_customers(session, book, deduplicated, dedup_keys)
    customer_of, created = await customers_of_phones(
        session, book, [row for row in firsts if row.phone not in known], now
    )
    # Their keys are claimed before any lead is opened for them: a concurrent writer that
    # claimed one first wins, and this slice is stored again to attach to its customer.
    claimed = await add_identifiers(
        session,
        book,
        [(customer_of[row.phone], row.identifiers) for row in deduplicated if row.phone in created],
    )
    for row in deduplicated:
        if row.phone in created and not matching_keys(dedup_keys, row.identifiers).items() <= {
            (IdentifierKind(kind), value) for kind, value in claimed
        }:
            raise KeyTakenMeanwhile("a new customer's key was taken meanwhile")
    return customer_of | known


async def known_customers(
    session: AsyncSession,
    book: Book,
    rows: Sequence[Submission],
    dedup_keys: Sequence[IdentifierKind],
) -> dict[str, UUID]:
    """The existing customers of rows matched by phone or deduplication key, in one query."""
    if not rows:
        return {}
    pairs = sorted(
        {
            (kind.value, value)
            for row in rows
            for kind, value in matching_keys(dedup_keys, row.identifiers).items()
        }
    )
    found = await session.execute(
        text(
            """
            SELECT 'phone', phone, coalesce(merged_into, id) FROM customers
            WHERE tenant = :tenant AND owner_org = :book AND phone = ANY(CAST(:phones AS text[]))
            UNION ALL
            SELECT i.kind, i.value, coalesce(c.merged_into, c.id)
            FROM customer_identifiers i
            JOIN unnest(CAST(:kinds AS text[]), CAST(:identifier_values AS text[]))
                 AS u(kind, value) ON i.kind = u.kind AND i.value = u.value
            JOIN customers c ON c.id = i.customer_id
            WHERE i.tenant = :tenant AND i.owner_org = :book
            """
        ),
        {
            "tenant": book.tenant,
            "book": book.owner_org,
            "phones": [row.phone for row in rows],
            "kinds": [kind for kind, _ in pairs],
            "identifier_values": [value for _, value in pairs],
        },
    )
    held: dict[tuple[str, str], UUID] = {(kind, value): c for kind, value, c in found.all()}
    known: dict[str, UUID] = {}
    for row in rows:
        keys = matching_keys(dedup_keys, row.identifiers)
        by_key = {k: held[(k.value, v)] for k, v in keys.items() if (k.value, v) in held}
        customer_id = first_match(dedup_keys, held.get(("phone", row.phone)), by_key)
        if customer_id is not None:
            known[row.phone] = customer_id
    return known


async def customers_of_phone(
    session: AsyncSession, *, tenant: str, books: Sequence[str], phone: str
) -> dict[str, UUID]:
    """The customer the phone belongs to in each of these books that knows it (creating
    none), by book: whom the single-row path would attach a submission without identifiers
    to (a lead distributed to the book) — a merged file resolving to the one it was merged
    into."""
    if not books:
        return {}
    found = await session.execute(
        text(
            """
            SELECT owner_org, coalesce(merged_into, id) FROM customers
            WHERE tenant = :tenant AND owner_org = ANY(CAST(:books AS text[])) AND phone = :phone
            """
        ),
        {"tenant": tenant, "books": list(books), "phone": phone},
    )
    return {book: customer_id for book, customer_id in found.all()}


# Built once: text() parses its bind parameters on construction (~1 % of a single create's CPU).
_CUSTOMERS_FIRST_SEEN = text(
    """
    INSERT INTO customers (id, tenant, owner_org, phone, name, created_at)
    SELECT u.id, :tenant, :book, u.phone, u.name, :now
    FROM unnest(CAST(:ids AS uuid[]), CAST(:phones AS text[]), CAST(:names AS text[]))
         AS u(id, phone, name)
    ON CONFLICT (tenant, owner_org, phone) DO NOTHING
    RETURNING phone, id
    """
)
_CUSTOMERS_OF_PHONES = text(
    """
    SELECT phone, coalesce(merged_into, id) FROM customers
    WHERE tenant = :tenant AND owner_org = :book
      AND phone = ANY(CAST(:phones AS text[]))
    """
)


async def customers_of_phones(
    session: AsyncSession, book: Book, rows: Sequence[Submission], now: datetime
) -> tuple[dict[str, UUID], set[str]]:
    """Customer ids of the rows' phones in the book, created on first sight; and the
    phones whose customer this created."""
    if not rows:
        return {}, set()
    names = {row.phone: row.customer_name for row in rows}
    phones = sorted(names)  # one order for every writer: concurrent imports cannot deadlock
    created = await session.execute(
        _CUSTOMERS_FIRST_SEEN,
        {
            "tenant": book.tenant,
            "book": book.owner_org,
            "now": now,
            "ids": [uuid4() for _ in phones],
            "phones": phones,
            "names": [names[phone] for phone in phones],
        },
    )
    customer_of: dict[str, UUID] = {phone: customer_id for phone, customer_id in created.all()}
    new = set(customer_of)
    known = [phone for phone in phones if phone not in customer_of]
    if known:
        found = await session.execute(
            _CUSTOMERS_OF_PHONES,
            {"tenant": book.tenant, "book": book.owner_org, "phones": known},
        )
        customer_of.update({phone: customer_id for phone, customer_id in found.all()})
    return customer_of, new


async def add_identifiers(
    session: AsyncSession,
    book: Book,
    entries: Sequence[tuple[UUID, CustomerIdentifiers]],
) -> set[tuple[str, str]]:
    """Adds each value to its customer's file unless a customer of the book holds it already
    (the first row carrying it wins); returns the (kind, value) pairs added. No statement at
    all for rows without identifiers."""
    holder: dict[tuple[str, str], UUID] = {}
    for customer_id, identifiers in entries:
        for kind, value in identifiers.given().items():
            holder.setdefault((kind.value, value), customer_id)
    if not holder:
        return set()
    pairs = sorted(holder)  # one order for every writer: concurrent imports cannot deadlock
    added = await session.execute(
        text(
            """
            INSERT INTO customer_identifiers (tenant, owner_org, kind, value, customer_id)
            SELECT :tenant, :book, u.kind, u.value, u.customer_id
            FROM unnest(
                CAST(:kinds AS text[]), CAST(:identifier_values AS text[]),
                CAST(:customer_ids AS uuid[])
            ) AS u(kind, value, customer_id)
            ON CONFLICT DO NOTHING
            RETURNING kind, value
            """
        ),
        {
            "tenant": book.tenant,
            "book": book.owner_org,
            "kinds": [kind for kind, _ in pairs],
            "identifier_values": [value for _, value in pairs],
            "customer_ids": [holder[pair] for pair in pairs],
        },
    )
    return {(kind, value) for kind, value in added.all()}
