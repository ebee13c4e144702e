"""A book's own grade schemes in PostgreSQL: every version kept, the latest applies."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.errors import InvalidInput
from crm_leads.adapters.tables import grade_schemes
from crm_leads.domain.grades import SCHEMES, Grade, GradeScheme, SchemeVersion


def _scheme(name: str, grades: list[dict[str, Any]]) -> GradeScheme:
    return GradeScheme(
        name, tuple(Grade(g["code"], g["label"], g["cadence_days"], g["rank"]) for g in grades)
    )


def _version(row: Any) -> SchemeVersion:
    return SchemeVersion(row.version, _scheme(row.name, row.grades), row.created_at, row.created_by)


async def latest(session: AsyncSession, tenant: str, book: str, name: str) -> SchemeVersion | None:
    row = (
        await session.execute(
            select(grade_schemes)
            .where(
                grade_schemes.c.tenant == tenant,
                grade_schemes.c.owner_org == book,
                grade_schemes.c.name == name,
            )
            .order_by(grade_schemes.c.version.desc())
            .limit(1)
        )
    ).first()
    return None if row is None else _version(row)


async def scheme_of(session: AsyncSession, tenant: str, book: str, name: str) -> GradeScheme:
    """The scheme a pool of ``book`` names: a built-in one or the book's own (latest version)."""
    if name in SCHEMES:
        return SCHEMES[name]
    found = await latest(session, tenant, book, name)
    if found is None:
        raise InvalidInput(
            "rules.grade_scheme", f"no grade scheme {name!r}: built-in or of your book"
        )
    return found.scheme


async def own_schemes(session: AsyncSession, tenant: str, book: str) -> list[SchemeVersion]:
    """The latest version of each of the book's own schemes, by name."""
    rows = await session.execute(
        select(grade_schemes)
        .where(grade_schemes.c.tenant == tenant, grade_schemes.c.owner_org == book)
        .ext(distinct_on(grade_schemes.c.name))
        .order_by(grade_schemes.c.name, grade_schemes.c.version.desc())
    )
    return [_version(row) for row in rows]


async def add_version(
    session: AsyncSession,
    *,
    tenant: str,
    book: str,
    scheme: GradeScheme,
    version: int,
    actor: str,
    now: datetime,
) -> bool:
    """Stores ``version`` of the scheme; False when someone stored that version first."""
    added = await session.execute(
        pg_insert(grade_schemes)
        .values(
            tenant=tenant,
            owner_org=book,
            name=scheme.name,
            version=version,
            grades=[
                {"code": g.code, "label": g.label, "cadence_days": g.cadence_days, "rank": g.rank}
                for g in scheme.grades
            ],
            created_at=now,
            created_by=actor,
        )
        .on_conflict_do_nothing()
        .returning(grade_schemes.c.version)
    )
    return added.first() is not None
