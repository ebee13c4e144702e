"""Which tickets a principal may see and which they may change: the shared policy for both
(``visible_to`` for reads, ``changeable_by`` for commands). Conditions only; the repository
and the views apply them."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, case, literal, or_

from crm_common.auth import Principal
from crm_common.policy import (
    DataType,
    SharingLevel,
    books_of,
    changeable_by,
    level_shared_with,
    owners_of,
    visible_to,
)
from crm_service_desk.adapters.tables import survey_responses, tickets

COMPLAINT = "complaint"


def _data_type_visible(principal: Principal, data_type: DataType) -> ColumnElement[bool]:
    return visible_to(
        principal,
        data_type,
        tenant=tickets.c.tenant,
        owner_org=tickets.c.owner_org,
        owner_user=tickets.c.owner_user,
        owner_team=tickets.c.owner_team,
        within_or=True,
    )


def raised_to_me(principal: Principal) -> ColumnElement[bool]:
    """Tickets the escalation ladder raised to the principal's node (dealer management, the
    region, HQ service quality): that node works them, whatever the book shares otherwise."""
    return and_(tickets.c.tenant == principal.tenant, tickets.c.raised_to_org == principal.org_node)


def _kinds() -> list[tuple[ColumnElement[bool], DataType]]:
    """Complaints are shared as their own data type (``complaint``, masked towards the OEM by
    default), every other kind as ``ticket`` (figures only towards the OEM by default)."""
    return [
        (tickets.c.kind == COMPLAINT, DataType.COMPLAINT),
        (tickets.c.kind != COMPLAINT, DataType.TICKET),
    ]


def visible_tickets(principal: Principal) -> ColumnElement[bool]:
    """Complaints by the ``complaint`` sharing, other kinds by ``ticket``, and the tickets
    raised to the caller's node. Three branches of an ``OR``, each of which an index serves
    (the books as arrays computed once, the raised-to node by its partial index): a search
    reads the caller's books, not every ticket (``bench/service_desk/search_index.py``)."""
    return or_(
        *(and_(kinds, _data_type_visible(principal, shared)) for kinds, shared in _kinds()),
        raised_to_me(principal),
    )


def visible_books(
    principal: Principal,
) -> list[tuple[ColumnElement[bool], ColumnElement[list[str]]]] | None:
    """What ``visible_tickets`` admits by book, per kind: (the kinds, their books as an array
    computed once), for a list that walks each book newest first and stops at a page; the
    tickets raised to the caller come on top (``raised_to_me``). None for the own and team
    scopes, which see tickets by their owner."""
    found = []
    for kinds, shared in _kinds():
        books = books_of(principal, shared)
        if books is None:
            return None
        found.append((kinds, books))
    return found


def visible_owners(principal: Principal) -> list[ColumnElement[bool]] | None:
    """What ``visible_tickets`` admits by owner in the own and team scopes, whatever the kind
    (the caller's tickets; their team's), each one an index walks newest first; the tickets
    raised to the caller come on top (``raised_to_me``). None for the scopes that see tickets
    by book (``visible_books``)."""
    owners = owners_of(principal, owner_user=tickets.c.owner_user, owner_team=tickets.c.owner_team)
    if owners is None:
        return None
    return [and_(tickets.c.tenant == principal.tenant, owner) for owner in owners]


def ticket_level(principal: Principal) -> ColumnElement[int]:
    """How much of a visible ticket's data reaches the principal (before field permissions)."""
    return case(
        (raised_to_me(principal), literal(SharingLevel.FULL.value)),
        (
            tickets.c.kind == COMPLAINT,
            level_shared_with(principal, DataType.COMPLAINT, owner_org=tickets.c.owner_org),
        ),
        else_=level_shared_with(principal, DataType.TICKET, owner_org=tickets.c.owner_org),
    )


def changeable_tickets(principal: Principal) -> ColumnElement[bool]:
    """The caller's own write scope (``changeable_by``: sharing grants reads only, another
    dealer's book is never changeable) and the tickets raised to their node."""
    return or_(
        changeable_by(
            principal,
            tenant=tickets.c.tenant,
            owner_org=tickets.c.owner_org,
            owner_user=tickets.c.owner_user,
            owner_team=tickets.c.owner_team,
        ),
        raised_to_me(principal),
    )


def changeable_surveys(principal: Principal) -> ColumnElement[bool]:
    """The surveys whose answers the caller may record (taken in a call): their own write
    scope over the survey's book, never another dealer's below them."""
    return changeable_by(
        principal, tenant=survey_responses.c.tenant, owner_org=survey_responses.c.owner_org
    )


def any_ticket(tenant: str) -> ColumnElement[bool]:
    """System work on a tenant's tickets (a consumer acting on its own event)."""
    return tickets.c.tenant == tenant
