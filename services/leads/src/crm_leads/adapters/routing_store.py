"""A book's routing rules: read in order at every intake, replaced as a whole list under the
version the manager saw (kept with the book's other settings on its default pool)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import uuid4

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crm_leads.adapters.tables import pools, routing_rules
from crm_leads.domain.routing import (
    RoutingConditions,
    RoutingRule,
    RoutingRuleSpec,
    RoutingTarget,
)


async def rules_of(session: AsyncSession, tenant: str, book: str) -> list[RoutingRule]:
    rows = await session.execute(
        select(routing_rules)
        .where(routing_rules.c.tenant == tenant, routing_rules.c.owner_org == book)
        .order_by(routing_rules.c.position)
    )
    return [
        RoutingRule(
            id=row.id,
            position=row.position,
            name=row.name,
            conditions=RoutingConditions.model_validate(row.conditions),
            target=RoutingTarget.model_validate(row.target),
        )
        for row in rows
    ]


async def version_of(session: AsyncSession, tenant: str, book: str) -> int:
    """The book's default pool exists (``book_store.book_settings`` made it)."""
    version = (
        await session.execute(
            select(pools.c.routing_version).where(
                pools.c.tenant == tenant, pools.c.owner_org == book, pools.c.is_default
            )
        )
    ).scalar_one()
    return int(version)


async def replace_rules(
    session: AsyncSession,
    *,
    tenant: str,
    book: str,
    rules: Sequence[RoutingRuleSpec],
    seen_version: int,
    actor: str,
    now: datetime,
) -> int | None:
    """The book's rules become ``rules``, in that order, if they are still at ``seen_version``;
    returns the new version, or None when someone changed them meanwhile."""
    version = (
        await session.execute(
            update(pools)
            .where(
                pools.c.tenant == tenant,
                pools.c.owner_org == book,
                pools.c.is_default,
                pools.c.routing_version == seen_version,
            )
            .values(routing_version=pools.c.routing_version + 1)
            .returning(pools.c.routing_version)
        )
    ).scalar_one_or_none()
    if version is None:
        return None
    await session.execute(
        delete(routing_rules).where(
            routing_rules.c.tenant == tenant, routing_rules.c.owner_org == book
        )
    )
    if rules:
        await session.execute(
            insert(routing_rules),
            [
                {
                    "id": uuid4(),
                    "tenant": tenant,
                    "owner_org": book,
                    "position": position,
                    "name": rule.name,
                    "conditions": rule.conditions.model_dump(mode="json", exclude_none=True),
                    "target": rule.target.model_dump(mode="json", exclude_none=True),
                    "created_at": now,
                    "created_by": actor,
                }
                for position, rule in enumerate(rules, start=1)
            ],
        )
    return int(version)
