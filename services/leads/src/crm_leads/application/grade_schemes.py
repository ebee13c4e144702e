"""Grade schemes as configuration: the built-in ones and a book's own, defined and changed by
its managers in versions that keep every grade leads may hold."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_leads.adapters import book_store, grade_scheme_store
from crm_leads.adapters.pool_store import Pool
from crm_leads.domain.grades import (
    SCHEMES,
    GradeScheme,
    GradeSpec,
    SchemeVersion,
    check_new_version,
    own_scheme,
)
from crm_leads.domain.pool_rules import PoolRules

MAX_OWN = 20
"""Schemes of its own per book (each changed by new versions), so their list stays short."""


class GradeSchemeChanged(Exception):
    """Someone changed the scheme since the version the caller names (answered 409)."""


async def schemes_for(actor: Principal, uow: UnitOfWork) -> tuple[str, list[SchemeVersion]]:
    """The caller's book and the schemes its pools may use: the built-in ones, then its own."""
    async with uow:
        book = await book_store.book_of(uow.session, actor.tenant, actor.org_node)
        own = await grade_scheme_store.own_schemes(uow.session, actor.tenant, book)
    built_in = [SchemeVersion(0, scheme, None, None) for scheme in SCHEMES.values()]
    return book, built_in + own


async def define_scheme(
    name: str,
    grades: Sequence[GradeSpec],
    seen_version: int,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> SchemeVersion:
    """A new scheme of the caller's book (``seen_version`` 0) or its next version, if nobody
    changed it since ``seen_version``. A next version keeps every grade of the one before;
    its cadences apply from each lead's next grading or follow-up on."""
    scheme = own_scheme(name, grades)
    async with uow:
        session = uow.session
        book = await book_store.book_of(session, actor.tenant, actor.org_node)
        current = await grade_scheme_store.latest(session, actor.tenant, book, name)
        if (current.version if current else 0) != seen_version:
            raise GradeSchemeChanged(
                f"grade scheme {name!r} changed since version {seen_version}; read it again"
            )
        if current is not None:
            check_new_version(current.scheme, scheme)
        elif len(await grade_scheme_store.own_schemes(session, actor.tenant, book)) >= MAX_OWN:
            raise InvalidInput("name", f"a book keeps at most {MAX_OWN} schemes of its own")
        stored = await grade_scheme_store.add_version(
            session,
            tenant=actor.tenant,
            book=book,
            scheme=scheme,
            version=seen_version + 1,
            actor=actor.user_id,
            now=now,
        )
        if not stored:
            raise GradeSchemeChanged(f"grade scheme {name!r} changed meanwhile; read it again")
    return SchemeVersion(seen_version + 1, scheme, now, actor.user_id)


async def scheme_of_pool(session: AsyncSession, pool: Pool) -> GradeScheme:
    """The scheme that grades the pool's leads."""
    return await grade_scheme_store.scheme_of(
        session, pool.tenant, pool.owner_org, pool.rules.grade_scheme
    )


async def check_pool_rules(session: AsyncSession, tenant: str, book: str, rules: PoolRules) -> None:
    """The scheme the rules name exists for the pool's book and has every grade they name."""
    scheme = await grade_scheme_store.scheme_of(session, tenant, book, rules.grade_scheme)
    missing = rules.grades_missing_from(scheme)
    if missing:
        raise InvalidInput(
            "rules.recycle", f"grades {missing} are not in scheme {rules.grade_scheme}"
        )
