"""Opportunities, their pipelines, activities and the staff copy in PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import ColumnElement, Select, func, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.db.tables import org_directory, staff
from crm_opportunities.adapters.sales_tables import orders
from crm_opportunities.adapters.tables import (
    activities,
    opportunities,
    pipelines,
    stage_history,
    test_drives,
    trade_ins,
)
from crm_opportunities.domain.opportunity import LeadOrigin, Opportunity, OpportunityStatus
from crm_opportunities.domain.pipeline import DEFAULT_PIPELINE, Pipeline, Stage

_COLUMNS = [f.name for f in fields(Opportunity) if f.name != "changes"]


def opportunity_from_row(row: Any) -> Opportunity:
    values = {name: row[name] for name in _COLUMNS}
    values["lead_origin"] = LeadOrigin(values["lead_origin"])
    values["status"] = OpportunityStatus(values["status"])
    return Opportunity(**values)


def _row_of(opportunity: Opportunity) -> dict[str, Any]:
    values = {name: getattr(opportunity, name) for name in _COLUMNS}
    values["lead_origin"] = opportunity.lead_origin.value
    values["status"] = opportunity.status.value
    return values


async def add_opportunity(session: AsyncSession, opportunity: Opportunity) -> bool:
    """False when the lead already opened one (a replayed conversion)."""
    inserted = await session.execute(
        pg_insert(opportunities)
        .values(**_row_of(opportunity))
        .on_conflict_do_nothing(index_elements=[opportunities.c.lead_id])
        .returning(opportunities.c.id)
    )
    return inserted.first() is not None


async def save_opportunity(session: AsyncSession, opportunity: Opportunity) -> None:
    values = _row_of(opportunity)
    values.pop("id")
    await session.execute(
        update(opportunities).where(opportunities.c.id == opportunity.id).values(**values)
    )
    if opportunity.changes:
        await session.execute(
            insert(stage_history),
            [
                {
                    "tenant": opportunity.tenant,
                    "owner_org": opportunity.owner_org,
                    "opportunity_id": opportunity.id,
                    "from_stage": c.from_stage,
                    "to_stage": c.to_stage,
                    "changed_by": c.by,
                    "changed_at": c.at,
                }
                for c in opportunity.changes
            ],
        )
        opportunity.changes.clear()


async def opportunity_for_change(
    session: AsyncSession, opportunity_id: UUID, visible: ColumnElement[bool]
) -> Opportunity | None:
    row = (
        (
            await session.execute(
                select(opportunities)
                .where(opportunities.c.id == opportunity_id, visible)
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else opportunity_from_row(row)


def _templates_above(tenant: str, dealer: str) -> Select[tuple[Any, ...]]:
    """Default pipelines of the nodes above the dealer (its region's, HQ's): the templates it
    may adopt, nearest first."""
    node = org_directory.alias("template_node")
    dealer_path = (
        select(org_directory.c.path)
        .where(org_directory.c.tenant == tenant, org_directory.c.id == dealer)
        .scalar_subquery()
    )
    return (
        select(pipelines.c.id, pipelines.c.owner_org, pipelines.c.name, pipelines.c.stages)
        .join(node, (node.c.id == pipelines.c.owner_org) & (node.c.tenant == pipelines.c.tenant))
        .where(
            pipelines.c.tenant == tenant,
            pipelines.c.is_default,
            node.c.dealer_id.is_(None),
            dealer_path.startswith(node.c.path),
        )
        .order_by(func.length(node.c.path).desc(), pipelines.c.id)
    )


@dataclass(frozen=True, slots=True)
class PipelineListing:
    """A pipeline as the pipelines list shows it."""

    id: UUID
    owner_org: str
    name: str
    is_default: bool
    is_template: bool
    """Published by HQ or a region for its dealers to adopt."""
    stages: tuple[Stage, ...]


async def templates_for(session: AsyncSession, tenant: str, dealer: str) -> list[PipelineListing]:
    """The templates the dealer may adopt, nearest first."""
    return [
        PipelineListing(
            id=row.id,
            owner_org=row.owner_org,
            name=row.name,
            is_default=False,
            is_template=True,
            stages=tuple(Stage.model_validate(stage) for stage in row.stages),
        )
        for row in await session.execute(_templates_above(tenant, dealer))
    ]


async def pipelines_of(
    session: AsyncSession,
    tenant: str,
    owner_org: str,
    *,
    published: bool,
    limit: int,
    offset: int,
) -> list[PipelineListing]:
    """A page of the pipelines of one org node, oldest first; ``published``: the node is above
    dealers, so its default pipeline is the template it publishes."""
    rows = await session.execute(
        select(pipelines)
        .where(pipelines.c.tenant == tenant, pipelines.c.owner_org == owner_org)
        .order_by(pipelines.c.created_at, pipelines.c.id)
        .limit(limit)
        .offset(offset)
    )
    return [
        PipelineListing(
            id=row.id,
            owner_org=row.owner_org,
            name=row.name,
            is_default=row.is_default,
            is_template=published and row.is_default,
            stages=tuple(Stage.model_validate(stage) for stage in row.stages),
        )
        for row in rows
    ]


async def count_pipelines_of(session: AsyncSession, tenant: str, owner_org: str) -> int:
    return int(
        await session.scalar(
            select(func.count())
            .select_from(pipelines)
            .where(pipelines.c.tenant == tenant, pipelines.c.owner_org == owner_org)
        )
        or 0
    )


async def template_for(
    session: AsyncSession, tenant: str, dealer: str, template_id: UUID
) -> tuple[str, Pipeline] | None:
    row = (
        (
            await session.execute(
                _templates_above(tenant, dealer).where(pipelines.c.id == template_id)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    return row["name"], Pipeline.model_validate({"stages": row["stages"]})


async def default_pipeline(
    session: AsyncSession, tenant: str, dealer: str, now: datetime
) -> tuple[UUID, Pipeline]:
    """The dealer's default pipeline; on first need, a copy of the nearest template HQ or its
    region published, else the built-in one."""
    template = (await session.execute(_templates_above(tenant, dealer).limit(1))).mappings().first()
    name, stages = (
        (template["name"], template["stages"])
        if template is not None
        else ("Default", DEFAULT_PIPELINE.model_dump(mode="json")["stages"])
    )
    await session.execute(
        pg_insert(pipelines)
        .values(
            id=uuid4(),
            tenant=tenant,
            owner_org=dealer,
            name=name,
            stages=stages,
            is_default=True,
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(
            index_elements=[pipelines.c.tenant, pipelines.c.owner_org],
            index_where=pipelines.c.is_default,
        )
    )
    row = (
        await session.execute(
            select(pipelines.c.id, pipelines.c.stages).where(
                pipelines.c.tenant == tenant,
                pipelines.c.owner_org == dealer,
                pipelines.c.is_default,
            )
        )
    ).one()
    return row.id, Pipeline.model_validate({"stages": row.stages})


async def pipeline(session: AsyncSession, pipeline_id: UUID) -> Pipeline:
    stages = (
        await session.execute(select(pipelines.c.stages).where(pipelines.c.id == pipeline_id))
    ).scalar_one()
    return Pipeline.model_validate({"stages": stages})


async def activity_kinds(session: AsyncSession, opportunity_id: UUID) -> list[str]:
    rows = await session.execute(
        select(activities.c.kind).where(activities.c.opportunity_id == opportunity_id).distinct()
    )
    return list(rows.scalars())


async def add_activity(
    session: AsyncSession,
    opportunity: Opportunity,
    kind: str,
    note: str | None,
    actor: str,
    now: datetime,
) -> UUID:
    activity_id = uuid4()
    await session.execute(
        insert(activities).values(
            id=activity_id,
            tenant=opportunity.tenant,
            owner_org=opportunity.owner_org,
            opportunity_id=opportunity.id,
            kind=kind,
            note=note,
            recorded_by=actor,
            at=now,
        )
    )
    return activity_id


async def add_test_drive(
    session: AsyncSession, opportunity: Opportunity, values: dict[str, Any]
) -> UUID:
    test_drive_id = uuid4()
    await session.execute(
        insert(test_drives).values(
            id=test_drive_id,
            tenant=opportunity.tenant,
            owner_org=opportunity.owner_org,
            opportunity_id=opportunity.id,
            **values,
        )
    )
    return test_drive_id


async def opportunities_to_hand_over(
    session: AsyncSession, tenant: str, book: str, owner_user: str
) -> list[Opportunity]:
    """A leaver's opportunities in a book that someone must go on working, locked: the open
    ones, and the won ones whose order is still running (not cancelled, not both delivered
    and paid). Lost ones and finished deals stay theirs: the record of who sold what."""
    running_order = (
        select(orders.c.id)
        .where(
            orders.c.opportunity_id == opportunities.c.id,
            orders.c.cancelled_at.is_(None),
            ~orders.c.steps_done.contains(["delivered", "paid"]),
        )
        .exists()
    )
    rows = await session.execute(
        select(opportunities)
        .where(
            opportunities.c.tenant == tenant,
            opportunities.c.owner_org == book,
            opportunities.c.owner_user == owner_user,
            or_(
                opportunities.c.status == OpportunityStatus.OPEN.value,
                (opportunities.c.status == OpportunityStatus.WON.value) & running_order,
            ),
        )
        .order_by(opportunities.c.created_at, opportunities.c.id)
        .with_for_update(of=opportunities)
    )
    return [opportunity_from_row(row) for row in rows.mappings()]


async def active_staff_node(
    session: AsyncSession, tenant: str, user_id: str
) -> tuple[str, list[str]] | None:
    """(org node, roles) of an active user."""
    row = (
        await session.execute(
            select(staff.c.org_node, staff.c.roles).where(
                staff.c.tenant == tenant, staff.c.user_id == user_id, staff.c.active
            )
        )
    ).first()
    return None if row is None else (row.org_node, list(row.roles))


async def add_trade_in(
    session: AsyncSession, opportunity: Opportunity, values: dict[str, Any]
) -> UUID:
    trade_in_id = uuid4()
    await session.execute(
        insert(trade_ins).values(
            id=trade_in_id,
            tenant=opportunity.tenant,
            owner_org=opportunity.owner_org,
            opportunity_id=opportunity.id,
            **values,
        )
    )
    return trade_in_id


async def replace_default_pipeline(
    session: AsyncSession, tenant: str, owner: str, name: str, pipeline: Pipeline, now: datetime
) -> UUID:
    """The new default pipeline of a dealer (or the template of HQ or a region); two managers
    defining at once take turns."""
    key = f"pipeline:{tenant}:{owner}"
    await session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})
    await session.execute(
        update(pipelines)
        .where(pipelines.c.tenant == tenant, pipelines.c.owner_org == owner, pipelines.c.is_default)
        .values(is_default=False, updated_at=now)
    )
    pipeline_id = uuid4()
    await session.execute(
        insert(pipelines).values(
            id=pipeline_id,
            tenant=tenant,
            owner_org=owner,
            name=name,
            stages=pipeline.model_dump(mode="json")["stages"],
            is_default=True,
            created_at=now,
            updated_at=now,
        )
    )
    return pipeline_id
