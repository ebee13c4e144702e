"""The worker's lead scoring (issue 22 item 15): train each book's model once a day on its own
closed leads, and score the open leads of every book that has one (or whose region has), so no
request ever waits for a model — intake and claims do not know scoring exists."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_leads.adapters import score_store, score_training, scoring_history
from crm_leads.adapters.score_store import Book, LeadScore
from crm_leads.domain.lead_scoring import (
    MIN_EACH_OUTCOME,
    MIN_TRAINING_LEADS,
    NotEnoughHistory,
    due_for_training,
    features,
    model_book_for,
    quality_on,
    split_for_training,
)

log = logging.getLogger(__name__)
Sessions = async_sessionmaker[AsyncSession]

HISTORY = timedelta(days=365)
"""A model learns from the leads that came in within the last year: older ones tell of another
market."""
SCORING_BATCH = 1000
MOST_TRAINING_LEADS = 20_000
"""A model learns from a book's newest closed leads up to this many: more add little to a
model of a few dozen features, and keep the worker's memory and CPU bounded."""


async def train_book(sessions: Sessions, book: Book, *, now: datetime) -> int | None:
    """A new model version for the book from its own history, its quality measured on the
    held-out month by a fit that did not see it; the version that scores learns that month too.
    Returns the version, or None when the book has too little history."""
    since = now - HISTORY
    async with sessions() as session:
        converted, lost = await score_store.closed_counts(session, book, since)
        if converted + lost < MIN_TRAINING_LEADS or min(converted, lost) < MIN_EACH_OUTCOME:
            return None
        closed = await score_store.closed_leads(session, book, since, most=MOST_TRAINING_LEADS)
    try:
        split = split_for_training(closed, now)
    except NotEnoughHistory as reason:
        log.info(
            "lead scoring: too little history",
            extra={"tenant": book.tenant, "book": book.node.id, "reason": str(reason)},
        )
        return None
    # Fitting takes the CPU for a while: off the loop that runs the consumers and the relay.
    measured = await asyncio.to_thread(score_training.fit, split.learn)
    quality = quality_on(measured, split.held_out)
    model = await asyncio.to_thread(score_training.fit, [*split.learn, *split.held_out])
    async with sessions() as session, session.begin():
        version = await score_store.save_model(
            session,
            book,
            trained_at=now,
            converted=sum(1 for c in closed if c.converted),
            lost=sum(1 for c in closed if not c.converted),
            held_out_from=split.held_out_from,
            quality=quality,
            model=model,
        )
    log.info(
        "lead scoring: model trained",
        extra={
            "tenant": book.tenant,
            "book": book.node.id,
            "version": version,
            "auc": quality.auc,
            "in_use": quality.useful,
        },
    )
    return version


async def train_lead_scoring(sessions: Sessions, *, now: datetime) -> dict[str, int]:
    """Every book whose model is a day old (or that has none) trains again."""
    async with sessions() as session:
        books = await score_store.books(session)
    trained = 0
    for book in books:
        if due_for_training(book.last_trained_at, now):
            trained += await train_book(sessions, book, now=now) is not None
    return {"trained": trained}


async def score_open_leads(sessions: Sessions, *, now: datetime) -> dict[str, int]:
    """Scores every open lead of a book that has a model in use (its dealer's own, else its
    region's), writes those that changed, and drops the scores no longer true."""
    async with sessions() as session:
        models = await score_store.models_in_use(session)
        nodes = await score_store.org_nodes(session)
    modelled: dict[str, set[str]] = defaultdict(set)
    for tenant, modelled_book in models:
        modelled[tenant].add(modelled_book)
    scored_by: dict[tuple[str, str], list[str]] = defaultdict(list)
    for tenant, node in nodes:
        scoring_book = model_book_for(node, modelled[tenant])
        if scoring_book is not None:
            scored_by[(tenant, scoring_book)].append(node.id)
    changed = 0
    for (tenant, book), node_ids in scored_by.items():
        in_use = models[(tenant, book)]
        after: UUID | None = None
        while True:
            async with sessions() as session, session.begin():
                batch = await score_store.open_leads(
                    session, tenant, node_ids, after=after, limit=SCORING_BATCH
                )
                scores = []
                for lead in batch:
                    found = features(lead.facts)
                    scores.append(
                        LeadScore(
                            lead.id,
                            tenant,
                            lead.owner_org,
                            in_use.id,
                            in_use.model.score(found),
                            in_use.model.factors(found),
                        )
                    )
                changed += await score_store.save_scores(session, scores, now)
            if len(batch) < SCORING_BATCH:
                break
            after = batch[-1].id
    async with sessions() as session, session.begin():
        dropped = await score_store.drop_stale_scores(session, [m.id for m in models.values()])
    return {"scored": changed, "dropped": dropped}


async def demonstrate_scoring(
    sessions: Sessions, *, tenant: str, dealer: str, now: datetime
) -> dict[str, int]:
    """A demo dealer's made-up closed history (once), then a training and a scoring run, so the
    demo's open leads show their scores at once instead of after the first day."""
    async with sessions() as session:
        books = [b for b in await score_store.books(session) if b.node.id == dealer]
    if not books:
        raise LookupError(f"{dealer} is not in the leads service's org directory yet")
    async with sessions() as session, session.begin():
        converted, lost = await score_store.closed_counts(session, books[0], now - HISTORY)
        consultant = await scoring_history.a_consultant_of(session, tenant, dealer)
        if consultant is None:
            raise LookupError(f"{dealer} has no sales consultant in the leads service yet")
        if converted + lost < MIN_TRAINING_LEADS:
            await scoring_history.plant_closed_history(
                session,
                tenant=tenant,
                book=dealer,
                consultant=consultant,
                count=400,
                now=now,
                seed=20261207,
                vehicle_interest="SUV X",
            )
    return {
        "trained": int(await train_book(sessions, books[0], now=now) is not None),
        **await score_open_leads(sessions, now=now),
    }
