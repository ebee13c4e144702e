"""The scheduled recycle sweep (回收): private leads nobody works drop back to their pool."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts import new_event
from crm_common.contracts.envelope import EventData
from crm_common.contracts.events.leads.v1 import (
    LeadCallbackDue,
    LeadEscalated,
    LeadRecycleDue,
    LeadReleased,
)
from crm_common.contracts.events.leads.v2 import LeadGradedV2
from crm_common.db import UnitOfWork
from crm_leads.adapters import lead_store, pool_store
from crm_leads.adapters.recycle_sweep import (
    SWEEP_ACTOR,
    all_pools,
    announce_callbacks_batch,
    release_due_batch,
    remind_batch,
)
from crm_leads.application.grade_schemes import scheme_of_pool
from crm_leads.application.handlers import publish_for
from crm_leads.application.nurture import nurtured, nurturer_of
from crm_leads.domain.grades import GradeScheme
from crm_leads.domain.lead import Lead
from crm_leads.domain.pool_rules import PoolRules
from crm_leads.domain.recycle import (
    HANDED_TO_MARKETING,
    STALLED_IN_GRADE,
    cutoffs,
    staging_rule_due,
)

DEFAULT_BATCH = 5_000


async def sweep_recycle(
    sessions: async_sessionmaker[AsyncSession], *, now: datetime, batch: int = DEFAULT_BATCH
) -> int:
    """Releases every due lead of every pool, one batch per transaction (rows and their
    ``LeadReleased`` events commit together); returns how many were released."""
    async with sessions() as session:
        pools = await all_pools(session)
    total = 0
    for pool_id, raw_rules in pools:
        rules = PoolRules.model_validate(raw_rules)
        limits = cutoffs(rules.recycle, now)
        protection = timedelta(days=rules.claim.protection_days)
        while True:
            async with UnitOfWork(sessions) as uow:
                released = await release_due_batch(
                    uow.session,
                    pool_id,
                    limits,
                    protection=protection,
                    now=now,
                    batch=batch,
                    blind=timedelta(hours=rules.claim.blind_release_hours),
                )
                await uow.publish(
                    *(
                        new_event(
                            LeadReleased(
                                lead_id=r.lead_id,
                                dealer_id=r.owner_org,
                                at=now,
                                pool_id=r.pool_id,
                                previous_owner=r.previous_owner,
                                released_by=SWEEP_ACTOR,
                                rule=r.rule,
                                reason=f"recycled by rule {r.rule}",
                                protected_until=now + protection,
                            ),
                            tenant=r.tenant,
                            owner_org=r.owner_org,
                            actor=SWEEP_ACTOR,
                        )
                        for r in released
                    )
                )
            total += len(released)
            if len(released) < batch:
                break
    return total


async def send_recycle_reminders(
    sessions: async_sessionmaker[AsyncSession], *, now: datetime, batch: int = DEFAULT_BATCH
) -> int:
    """Owners hear ``reminder_days_before`` days ahead that a lead will drop back to the pool
    (``LeadRecycleDue``), once per clock: a follow-up or a new owner re-arms the reminder."""
    async with sessions() as session:
        pools = await all_pools(session)
    total = 0
    for pool_id, raw_rules in pools:
        rules = PoolRules.model_validate(raw_rules).recycle
        if rules.reminder_days_before == 0:
            continue
        ahead = timedelta(days=rules.reminder_days_before)
        while True:
            async with UnitOfWork(sessions) as uow:
                reminded = await remind_batch(
                    uow.session,
                    pool_id,
                    due_soon=cutoffs(rules, now, ahead=ahead),
                    due_now=cutoffs(rules, now),
                    now=now,
                    batch=batch,
                )
                await uow.publish(
                    *(
                        new_event(
                            LeadRecycleDue(
                                lead_id=r.lead_id,
                                dealer_id=r.owner_org,
                                at=now,
                                owner_user=r.owner_user,
                                due_by=now + ahead,
                            ),
                            tenant=r.tenant,
                            owner_org=r.owner_org,
                            actor=SWEEP_ACTOR,
                        )
                        for r in reminded
                    )
                )
            total += len(reminded)
            if len(reminded) < batch:
                break
    return total


async def apply_staging_rules(
    sessions: async_sessionmaker[AsyncSession], *, now: datetime, batch: int = 500
) -> dict[str, int]:
    """DOMAIN.md's three stages: a lead stuck in a grade is escalated to the managers once;
    stuck longer, it is regraded for marketing and handed to the book's nurture list (released
    to its pool where the book names nobody to own the list)."""
    async with sessions() as session:
        pools = await all_pools(session)
    counts = {STALLED_IN_GRADE: 0, HANDED_TO_MARKETING: 0}
    for pool_id, raw_rules in pools:
        rules = PoolRules.model_validate(raw_rules)
        to_marketing = {
            g: now - timedelta(days=d) for g, d in rules.to_marketing_after_days().items()
        }
        stalled = {g: now - timedelta(days=d) for g, d in rules.stalled_grade_days().items()}
        if not to_marketing and not stalled:
            continue
        async with sessions() as session:
            grades = await scheme_of_pool(session, await pool_store.pool(session, pool_id))
        while True:
            async with UnitOfWork(sessions) as uow:
                stuck = await lead_store.leads_stuck_in_grade(
                    uow.session,
                    pool_id,
                    to_marketing_before=to_marketing,
                    stalled_before=stalled,
                    batch=batch,
                )
                changed = 0
                for lead in stuck:
                    rule = staging_rule_due(lead, rules, now)
                    if rule is None:
                        continue
                    owner = lead.owner().user_id
                    events: list[EventData]
                    if rule == STALLED_IN_GRADE:
                        events = [_escalated(lead, owner, rule, now)]
                        lead.escalate(rule, now)
                    else:
                        nurturer = await nurturer_of(uow.session, lead)
                        events = (
                            _handed_to_marketing(lead, owner, rules, grades, now)
                            if nurturer is None
                            else nurtured(lead, grades, nurturer, SWEEP_ACTOR, NURTURE_REASON, now)
                        )
                    await lead_store.save_lead(uow.session, lead)
                    await publish_for(uow, lead, SWEEP_ACTOR, events)
                    counts[rule] += 1
                    changed += 1
            if len(stuck) < batch or changed == 0:
                break
    return counts


def _escalated(lead: Lead, owner: str, rule: str, now: datetime) -> LeadEscalated:
    return LeadEscalated(
        lead_id=lead.id,
        dealer_id=lead.owner_org,
        at=now,
        owner_user=owner,
        grade=lead.grade or "",
        rule=rule,
        in_grade_since=lead.graded_at or now,
    )


NURTURE_REASON = "not won in time: handed to marketing"


def _handed_to_marketing(
    lead: Lead, owner: str, rules: PoolRules, grades: GradeScheme, now: datetime
) -> list[EventData]:
    """A book without a nurture list's owner: regraded for marketing and released."""
    before = lead.grade
    lead.regrade(grades.marketing_grade(), grades, SWEEP_ACTOR, now)
    protected_until = lead.release(
        lead.home_pool_id,
        SWEEP_ACTOR,
        "not won in time: handed to marketing",
        HANDED_TO_MARKETING,
        rules.claim.protection_days,
        now,
    )
    return [
        LeadGradedV2(
            lead_id=lead.id,
            dealer_id=lead.owner_org,
            at=now,
            owner_user=owner,
            previous_grade=before,
            grade=lead.grade or "",
            upgrade=False,
            next_follow_up_due=lead.next_follow_up_due,
            follow_up_id=None,
            follow_up_kind=None,
        ),
        LeadReleased(
            lead_id=lead.id,
            dealer_id=lead.owner_org,
            at=now,
            pool_id=lead.home_pool_id,
            previous_owner=owner,
            released_by=SWEEP_ACTOR,
            rule=HANDED_TO_MARKETING,
            reason="not won in time: handed to marketing",
            protected_until=protected_until,
        ),
    ]


async def announce_due_callbacks(
    sessions: async_sessionmaker[AsyncSession], *, now: datetime, batch: int = DEFAULT_BATCH
) -> int:
    """A callback the grade's cadence set falls due: ``LeadCallbackDue``, once per due time,
    becomes a call task in the call center and a notice to the owner. Returns how many."""
    total = 0
    while True:
        async with UnitOfWork(sessions) as uow:
            due = await announce_callbacks_batch(uow.session, now=now, batch=batch)
            await uow.publish(
                *(
                    new_event(
                        LeadCallbackDue(
                            lead_id=d.lead_id,
                            dealer_id=d.owner_org,
                            at=now,
                            owner_user=d.owner_user,
                            grade=d.grade,
                            due_at=d.due_at,
                        ),
                        tenant=d.tenant,
                        owner_org=d.owner_org,
                        actor=SWEEP_ACTOR,
                    )
                    for d in due
                )
            )
        total += len(due)
        if len(due) < batch:
            return total
