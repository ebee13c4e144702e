"""Lead scoring in PostgreSQL: which books may have a model, what their leads' facts are, the
model versions and the open leads' scores. Whose leads a model learns from is the shared
policy's answer for the book (``crm_leads.adapters.access``), never a hand-written filter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import (
    ColumnElement,
    Select,
    delete,
    exists,
    func,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.auth.principal import DataScope
from crm_common.db.tables import org_directory
from crm_leads.adapters.access import changeable_leads, distributed_by
from crm_leads.adapters.tables import (
    customer_links,
    customer_timeline,
    follow_ups,
    inline,
    lead_history,
    lead_score_models,
    lead_scores,
    leads,
    receptions,
)
from crm_leads.domain.customer_file import TEST_DRIVE_ENTRY
from crm_leads.domain.lead_scoring import (
    ClosedLead,
    Factor,
    LeadFacts,
    ModelQuality,
    OrgNode,
    ScoreModel,
    ScoreScope,
)

SCORING_ACTOR = "lead-scoring"
CLOSED = (inline("converted"), inline("lost"))


@dataclass(frozen=True, slots=True)
class Book:
    """A book a model may be trained for: a dealer, or a node above the dealers."""

    tenant: str
    node: OrgNode
    scope: ScoreScope
    last_trained_at: datetime | None


def _book_leads(book: Book) -> ColumnElement[bool]:
    """The leads a book's model learns from, by the shared policy: a dealer's, every lead of its
    nodes; a region's (or HQ's), the OEM's leads only — those of its nodes above the dealers
    and those it distributed (shared back in full) — so no dealer's own prospect trains a model
    that scores another dealer's leads, whatever that dealer shares with the OEM."""
    if book.scope is ScoreScope.DEALER:
        dealer = Principal(
            user_id=SCORING_ACTOR,
            tenant=book.tenant,
            org_node=book.node.id,
            data_scope=DataScope.DEALER,
        )
        return changeable_leads(dealer)
    region = Principal(
        user_id=SCORING_ACTOR,
        tenant=book.tenant,
        org_node=book.node.id,
        data_scope=DataScope.SUBTREE,
    )
    return or_(changeable_leads(region), distributed_by(region))


async def org_nodes(session: AsyncSession) -> list[tuple[str, OrgNode]]:
    """Every tenant's active org nodes."""
    d = org_directory
    rows = await session.execute(
        select(d.c.tenant, d.c.id, d.c.path, d.c.dealer_id).where(d.c.active)
    )
    return [(r.tenant, OrgNode(r.id, r.path, r.dealer_id)) for r in rows]


async def books(session: AsyncSession) -> list[Book]:
    """Dealers and the nodes above them, with when their last model was trained."""
    last = (
        select(
            lead_score_models.c.tenant,
            lead_score_models.c.owner_org,
            func.max(lead_score_models.c.trained_at).label("at"),
        )
        .group_by(lead_score_models.c.tenant, lead_score_models.c.owner_org)
        .subquery()
    )
    d = org_directory
    rows = await session.execute(
        select(d.c.tenant, d.c.id, d.c.path, d.c.dealer_id, last.c.at)
        .outerjoin(last, (last.c.tenant == d.c.tenant) & (last.c.owner_org == d.c.id))
        .where(d.c.active, or_(d.c.dealer_id.is_(None), d.c.dealer_id == d.c.id))
        .order_by(d.c.tenant, d.c.path)
    )
    return [
        Book(
            r.tenant,
            OrgNode(r.id, r.path, r.dealer_id),
            ScoreScope.REGION if r.dealer_id is None else ScoreScope.DEALER,
            r.at,
        )
        for r in rows
    ]


async def closed_counts(session: AsyncSession, book: Book, since: datetime) -> tuple[int, int]:
    """Converted and lost leads of the book that came in since ``since``: whether loading its
    history can be worth it."""
    row = (
        await session.execute(
            select(
                func.count().filter(leads.c.status == inline("converted")),
                func.count().filter(leads.c.status == inline("lost")),
            ).where(
                leads.c.tenant == book.tenant,
                leads.c.status.in_(CLOSED),
                leads.c.created_at >= since,
                _book_leads(book),
            )
        )
    ).one()
    return int(row[0]), int(row[1])


def _facts_query(*, closed: bool) -> Select[Any]:
    """Each lead with what it went through: up to its closing for a closed lead (the closing
    itself and what came after tell nothing about a lead still open), all of it for an open
    one."""
    lead, f, h = leads, follow_ups, lead_history
    closing = (
        select(func.max(h.c.at).label("at"))
        .where(h.c.lead_id == lead.c.id, h.c.kind.in_(CLOSED))
        .lateral("closing")
    )

    def before(column: Any) -> list[ColumnElement[bool]]:
        return [column < closing.c.at] if closed else []

    done = (
        select(
            func.count().filter(f.c.kind == inline("call")).label("calls"),
            func.count().filter(f.c.kind == inline("visit")).label("visits"),
            func.count().filter(f.c.kind == inline("test_drive")).label("test_drives"),
            func.count().filter(f.c.kind == inline("message")).label("messages"),
            func.min(f.c.at).label("first_at"),
        )
        .where(f.c.lead_id == lead.c.id, *before(f.c.at))
        .lateral("done")
    )
    grade_changes = (
        select(func.count())
        .where(h.c.lead_id == lead.c.id, h.c.kind == inline("graded"), *before(h.c.at))
        .scalar_subquery()
    )
    received = (
        select(func.count())
        .where(receptions.c.lead_id == lead.c.id, *before(receptions.c.arrived_at))
        .scalar_subquery()
    )
    # Test drives opportunities recorded for the lead's customer in the lead's book (their
    # TestDriveRecorded events, kept in the customer's file, reach the customer through the
    # opportunity its OpportunityOpened linked): before the lead closed, so an opportunity the
    # lead itself became, whose test drives follow its conversion, teaches nothing.
    links, timeline = customer_links, customer_timeline
    driven_at_opportunities = (
        select(func.count())
        .select_from(links.join(timeline, timeline.c.subject_id == links.c.subject_id))
        .where(
            links.c.customer_id == lead.c.customer_id,
            timeline.c.kind == inline(TEST_DRIVE_ENTRY),
            timeline.c.tenant == lead.c.tenant,
            timeline.c.owner_org == lead.c.owner_org,
            *before(timeline.c.at),
        )
        .scalar_subquery()
    )
    return select(
        lead.c.id,
        lead.c.owner_org,
        lead.c.status,
        lead.c.source,
        lead.c.vehicle_interest,
        lead.c.ownership_origin,
        lead.c.origin_org.is_not(None).label("distributed"),
        lead.c.grade,
        lead.c.created_at,
        closing.c.at.label("closed_at"),
        done.c.calls,
        done.c.visits,
        done.c.test_drives,
        done.c.messages,
        done.c.first_at,
        grade_changes.label("grade_changes"),
        received.label("receptions"),
        driven_at_opportunities.label("opportunity_test_drives"),
    ).select_from(lead.join(closing, true()).join(done, true()))


def _facts(row: Any) -> LeadFacts:
    first_at = row.first_at
    return LeadFacts(
        source=row.source,
        vehicle_interest=row.vehicle_interest,
        ownership_origin=row.ownership_origin,
        distributed=bool(row.distributed),
        grade=row.grade,
        grade_changes=row.grade_changes,
        calls=row.calls,
        visits=row.visits,
        test_drives=row.test_drives,
        messages=row.messages,
        receptions=row.receptions,
        opportunity_test_drives=row.opportunity_test_drives,
        hours_to_first_follow_up=None
        if first_at is None
        else max((first_at - row.created_at).total_seconds() / 3600, 0.0),
    )


async def closed_leads(
    session: AsyncSession, book: Book, since: datetime, *, most: int
) -> list[ClosedLead]:
    """The book's newest ``most`` converted and lost leads that came in since ``since``, as
    they were when they closed."""
    query = (
        _facts_query(closed=True)
        .where(
            leads.c.tenant == book.tenant,
            leads.c.status.in_(CLOSED),
            leads.c.created_at >= since,
            _book_leads(book),
        )
        .order_by(leads.c.created_at.desc())
        .limit(most)
    )
    return [
        ClosedLead(_facts(row), row.status == "converted", row.closed_at)
        for row in await session.execute(query)
        # A lead closed before its history was kept has nothing to say about its closing.
        if row.closed_at is not None
    ]


async def save_model(
    session: AsyncSession,
    book: Book,
    *,
    trained_at: datetime,
    converted: int,
    lost: int,
    held_out_from: datetime,
    quality: ModelQuality,
    model: ScoreModel,
) -> int:
    """The book's next model version; returns its number."""
    version = (
        await session.execute(
            select(func.coalesce(func.max(lead_score_models.c.version), 0) + 1).where(
                lead_score_models.c.tenant == book.tenant,
                lead_score_models.c.owner_org == book.node.id,
            )
        )
    ).scalar_one()
    await session.execute(
        insert(lead_score_models).values(
            id=uuid4(),
            tenant=book.tenant,
            owner_org=book.node.id,
            scope=book.scope.value,
            version=version,
            trained_at=trained_at,
            converted=converted,
            lost=lost,
            held_out_from=held_out_from,
            held_out_leads=quality.held_out_leads,
            auc=quality.auc,
            brier=quality.brier,
            calibration=[
                {"predicted": b.predicted, "observed": b.observed, "leads": b.leads}
                for b in quality.calibration
            ],
            in_use=quality.useful,
            parameters=model.parameters(),
        )
    )
    return int(version)


@dataclass(frozen=True, slots=True)
class ModelInUse:
    id: UUID
    model: ScoreModel


async def models_in_use(session: AsyncSession) -> dict[tuple[str, str], ModelInUse]:
    """Per (tenant, book): its newest version, when that one scores (an older version never
    comes back: it learnt from older history)."""
    m = lead_score_models
    newest = select(m.c.tenant, m.c.owner_org, func.max(m.c.version)).group_by(
        m.c.tenant, m.c.owner_org
    )
    rows = await session.execute(
        select(m.c.id, m.c.tenant, m.c.owner_org, m.c.parameters).where(
            tuple_(m.c.tenant, m.c.owner_org, m.c.version).in_(newest), m.c.in_use
        )
    )
    return {
        (r.tenant, r.owner_org): ModelInUse(r.id, ScoreModel.from_parameters(r.parameters))
        for r in rows
    }


@dataclass(frozen=True, slots=True)
class OpenLead:
    id: UUID
    owner_org: str
    facts: LeadFacts


async def open_leads(
    session: AsyncSession, tenant: str, books: Sequence[str], *, after: UUID | None, limit: int
) -> list[OpenLead]:
    """A batch of the open leads of these books, in id order after ``after``."""
    query = _facts_query(closed=False).where(
        leads.c.tenant == tenant,
        leads.c.owner_org.in_(books),
        leads.c.status == inline("open"),
    )
    if after is not None:
        query = query.where(leads.c.id > after)
    rows = await session.execute(query.order_by(leads.c.id).limit(limit))
    return [OpenLead(row.id, row.owner_org, _facts(row)) for row in rows]


@dataclass(frozen=True, slots=True)
class LeadScore:
    lead_id: UUID
    tenant: str
    owner_org: str
    model_id: UUID
    score: int
    factors: list[Factor]


async def save_scores(session: AsyncSession, scores: Sequence[LeadScore], now: datetime) -> int:
    """Writes the scores that changed (score, factors, model or book); returns how many."""
    if not scores:
        return 0
    statement = insert(lead_scores).values(
        [
            {
                "lead_id": s.lead_id,
                "tenant": s.tenant,
                "owner_org": s.owner_org,
                "model_id": s.model_id,
                "score": s.score,
                "factors": [{"factor": f.factor, "effect": round(f.effect, 4)} for f in s.factors],
                "scored_at": now,
            }
            for s in scores
        ]
    )
    new = statement.excluded
    current = lead_scores.c
    statement = statement.on_conflict_do_update(
        index_elements=[current.lead_id],
        set_={
            "owner_org": new.owner_org,
            "model_id": new.model_id,
            "score": new.score,
            "factors": new.factors,
            "scored_at": new.scored_at,
        },
        where=or_(
            current.score != new.score,
            current.model_id != new.model_id,
            current.owner_org != new.owner_org,
            current.factors != new.factors,
        ),
    )
    result = await session.execute(statement)
    return int(result.rowcount)  # type: ignore[attr-defined]


async def drop_stale_scores(session: AsyncSession, models: Sequence[UUID]) -> int:
    """Scores no longer true: of leads closed or moved to another book since, or given by a
    model that no longer scores their book."""
    s = lead_scores
    still_open_here = exists().where(
        leads.c.id == s.c.lead_id,
        leads.c.status == inline("open"),
        leads.c.owner_org == s.c.owner_org,
    )
    result = await session.execute(delete(s).where(~still_open_here | s.c.model_id.not_in(models)))
    return int(result.rowcount)  # type: ignore[attr-defined]
