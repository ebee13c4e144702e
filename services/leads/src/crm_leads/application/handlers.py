"""Commands of the leads service: one unit of work each, events through the outbox.

Handlers take the time (``now``) and the business time zone as parameters so tests drive the
clock; the rules themselves live in ``crm_leads.domain``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TypeVar
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.contracts.envelope import Envelope, EventData, new_event
from crm_common.contracts.events.leads.v1 import (
    LeadAssigned,
    LeadClaimBlocked,
    LeadClaimed,
    LeadCreated,
    LeadFollowedUp,
    LeadLost,
    LeadReleased,
)
from crm_common.contracts.events.leads.v2 import LeadConvertedV2, LeadGradedV2
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.policy import DataType, SharingLevel
from crm_common.policy.audit import audit_values
from crm_common.policy.roles import has_function
from crm_common.policy.staff import staff_in_book
from crm_common.settings import Settings
from crm_leads.adapters import (
    book_store,
    customer_dedup,
    customer_files,
    draw_store,
    lead_store,
    pool_store,
)
from crm_leads.adapters.access import changeable_leads, from_pools_open_to
from crm_leads.adapters.lead_store import LeadBusy
from crm_leads.application.grade_schemes import scheme_of_pool
from crm_leads.application.routing import route_on_arrival
from crm_leads.domain.assignment import choose_assignee, more_senior
from crm_leads.domain.customer_identifiers import NO_IDENTIFIERS, CustomerIdentifiers
from crm_leads.domain.lead import (
    ROUTING_ACTOR,
    Change,
    ClaimantRecord,
    FollowUp,
    FollowUpKind,
    InvalidPhoneNumber,
    Lead,
    LeadSource,
    LeadTaken,
    LeadUnavailable,
    NotTheOwner,
    SuspectedCollusion,
    Worker,
    normalise_phone,
    register_lead,
)
from crm_leads.domain.pool_rules import AutoAssignment, CollusionRules, PoolKind
from crm_leads.domain.recycle import OWNER_DEACTIVATED

PERSONAL_FIELDS = ("customer_name", "phone")
DEFAULT_BUSINESS_TZ = ZoneInfo(Settings.model_fields["business_timezone"].default)
"""The settings' default: where a caller that names none (a test, a script) does business."""


Answer = TypeVar("Answer")
"""What a command answers its caller with, made in its own transaction."""


class LeadNotFound(LookupError):
    """No such lead that the caller may act on (answered 404, whether it exists or not)."""


class AssigneeNotFound(LookupError):
    """The named user does not work leads in the lead's book (answered 404)."""


class PoolOfAnotherBook(InvalidInput):
    """The target pool is not one of the lead's book (answered 422 naming ``pool_id``)."""

    def __init__(self, message: str) -> None:
        super().__init__("pool_id", message)


class NoMoreSeniorConsultant(Exception):
    """The lead's pool has no member above its owner's level (answered 409)."""


class PoolIsAssignOnly(Exception):
    """Members see this pool's leads; only its admins assign them (answered 409)."""


@dataclass(frozen=True, slots=True)
class CreateLead:
    customer_name: str
    phone: str
    source: LeadSource
    vehicle_interest: str | None
    region_hint: str | None = None
    identifiers: CustomerIdentifiers = NO_IDENTIFIERS
    campaign_id: UUID | None = None
    """The campaign whose form sent it."""


@dataclass(frozen=True, slots=True)
class Registration:
    lead: Lead
    attached: bool
    """True when the customer already had an open lead in this book: the submission was
    attached to it and ``lead`` is that lead (its owner is who works the customer)."""


COMMAND_WAIT_SECONDS = 5
"""How long a command other than a claim waits for a short holder of its lead (a worker
applying an event to it, another consultant's command) before answering "try again"."""


async def lead_to_change(uow: UnitOfWork, lead_id: UUID, actor: Principal) -> Lead:
    """The lead, locked for the command, if it lies in the actor's own write scope (the shared
    "may change" policy); else ``LeadNotFound`` — also for a lead the actor may only read
    (through a sharing agreement or as its distributor): a command never finds it."""
    lead = await lead_store.lead_for_change(
        uow.session, lead_id, changeable_leads(actor), wait_seconds=COMMAND_WAIT_SECONDS
    )
    if lead is None:
        raise LeadNotFound("lead not found")
    return lead


def works_leads(principal: Principal) -> bool:
    """Consultants take in and claim leads themselves; other roles leave them in the pool."""
    return has_function(principal.roles, "lead.claim")


async def create_lead(
    command: CreateLead,
    actor: Principal,
    uow: UnitOfWork,
    *,
    via: str,
    now: datetime,
    business_tz: ZoneInfo = DEFAULT_BUSINESS_TZ,
) -> Registration:
    """``via`` names the entrypoint for the personal-data audit (e.g. ``POST /leads``)."""
    owner = Worker(actor.user_id, actor.org_node) if works_leads(actor) else None
    async with uow:
        return await register_in(
            uow, command, actor, owner=owner, via=via, now=now, business_tz=business_tz
        )


async def register_in(
    uow: UnitOfWork,
    command: CreateLead,
    actor: Principal,
    *,
    owner: Worker | None,
    via: str,
    now: datetime,
    business_tz: ZoneInfo = DEFAULT_BUSINESS_TZ,
) -> Registration:
    """Registers the lead inside the caller's transaction: a new lead of the actor's book
    (owned by ``owner``, else placed by the book's routing rules, by default waiting in the
    book's pool) or, for a customer the book already works (same phone, or same value of one
    of the book's deduplication keys), the existing lead (locked) with the submission
    attached. ``business_tz``: where the routing rules' hours of day are told."""
    session = uow.session
    book, settings = await book_store.book_and_settings(
        session, tenant=actor.tenant, org_node=actor.org_node, now=now
    )
    lead = register_lead(
        tenant=actor.tenant,
        owner_org=book,
        customer_id=UUID(int=0),
        customer_name=command.customer_name,
        phone=command.phone,
        source=command.source,
        vehicle_interest=command.vehicle_interest,
        created_by=actor.user_id,
        home_pool_id=settings.pool_id,
        owner=owner,
        now=now,
    )
    lead.region_hint = command.region_hint
    lead.campaign_id = command.campaign_id
    customer = await customer_dedup.customer_of_submission(
        session,
        tenant=lead.tenant,
        owner_org=book,
        phone=lead.phone,
        name=lead.customer_name,
        now=now,
        identifiers=command.identifiers,
        dedup_keys=settings.dedup_keys,
    )
    lead.customer_id = customer.id
    # A customer first seen now has no lead yet: the lookup is for customers the book knew.
    existing = (
        None
        if customer.first_seen
        else await lead_store.open_lead_of_customer(session, lead.customer_id)
    )
    if existing is not None:
        existing.record_duplicate_submission(actor.user_id, command.source.value, now)
        await lead_store.save_lead(session, existing)
        return Registration(existing, attached=True)
    rule = (
        await route_on_arrival(session, lead, business_tz=business_tz, now=now)
        if owner is None
        else None
    )
    events: list[EventData] = [
        LeadCreated(
            lead_id=lead.id,
            dealer_id=lead.owner_org,
            source=lead.source.value,
            created_at=lead.created_at,
        )
    ]
    if rule is not None and lead.owner_user is not None:
        events.append(assigned_event(lead, None, ROUTING_ACTOR, f"routing rule {rule.name}"))
    elif lead.owner_user is not None:
        events.append(assigned_event(lead, None, actor.user_id, "taken in at intake"))
    # The lead, its history, the audit of its creation and its events: one statement.
    await lead_store.add_lead(
        session,
        lead,
        audit=audit_values(
            actor,
            action="create",
            resource_type=DataType.LEAD,
            resource_id=str(lead.id),
            owner_org=lead.owner_org,
            fields=PERSONAL_FIELDS,
            level=SharingLevel.FULL,
            endpoint=via,
        ),
        events=enveloped(lead, actor.user_id, events),
    )
    await auto_assign_in(uow, lead, now)
    return Registration(lead, attached=False)


async def auto_assign_in(uow: UnitOfWork, lead: Lead, now: datetime) -> None:
    """A lead arriving in a pool with an assignment strategy goes straight to a member (never
    back to a previous owner still protected out of it)."""
    if lead.pool_id is None:
        return
    session = uow.session
    pool = await pool_store.pool(session, lead.pool_id)
    if pool.auto_assignment is AutoAssignment.NONE:
        return
    protected = lead.previous_owner if lead.protected_until and now < lead.protected_until else None
    candidates = [
        c for c in await pool_store.pool_candidates(session, pool.id) if c.user_id != protected
    ]
    chosen = choose_assignee(pool.auto_assignment, candidates, pool.rules.claim.max_private_leads)
    if chosen is None:
        return
    actor = f"auto:{pool.auto_assignment.value}"
    lead.assign(Worker(chosen.user_id, chosen.org_node), actor, now, pool.auto_assignment.value)
    await lead_store.save_lead(session, lead)
    await pool_store.note_assignment(session, pool.id, chosen.user_id, now)
    await publish_for(
        uow, lead, actor, [assigned_event(lead, None, actor, pool.auto_assignment.value)]
    )


async def lock_customer(lead_id: UUID, actor: Principal, uow: UnitOfWork, *, now: datetime) -> Lead:
    """The owner locks the customer: never recycled while locked (within the pool's cap)."""
    async with uow:
        session = uow.session
        lead = await lead_to_change(uow, lead_id, actor)
        rules = (await pool_store.pool(session, lead.home_pool_id)).rules
        await lead_store.serialise_claims_of(session, actor.tenant, actor.user_id)
        locked = await customer_files.locked_customers_of(session, actor.tenant, actor.user_id)
        lead.lock_customer(actor.user_id, locked, rules.claim.max_locked, now)
        await customer_files.set_customer_locked(session, lead.customer_id, True)
        await lead_store.save_lead(session, lead)
    return lead


async def unlock_customer(
    lead_id: UUID, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Lead:
    async with uow:
        lead = await lead_to_change(uow, lead_id, actor)
        lead.unlock_customer(actor.user_id, has_function(actor.roles, "lead.assign"), now)
        await customer_files.set_customer_locked(uow.session, lead.customer_id, False)
        await lead_store.save_lead(uow.session, lead)
    return lead


async def move_to_pool(
    lead_id: UUID, pool_id: UUID, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Lead:
    """A manager moves a waiting lead into another pool of its book; that pool's rules and
    strategy apply from now on."""
    async with uow:
        session = uow.session
        lead = await lead_to_change(uow, lead_id, actor)
        target = await pool_store.pool_or_none(session, pool_id)
        if target is None or (target.tenant, target.owner_org) != (lead.tenant, lead.owner_org):
            raise PoolOfAnotherBook("no such pool in the lead's book")
        lead.move_to_pool(pool_id, actor.user_id, now)
        await lead_store.save_lead(session, lead)
        await auto_assign_in(uow, lead, now)
    return lead


@dataclass(frozen=True, slots=True)
class DrawEntry:
    """The lead goes by lottery: the claimant entered the draw, decided at ``draw_until``."""

    lead_id: UUID
    draw_until: datetime


CONTESTED_CLAIM_WAIT_SECONDS = 5
"""How long a claimant who found the lead held by another claim waits for that claim's end."""


async def claim_lead(
    lead_id: UUID, actor: Principal, uow: UnitOfWork, *, now: datetime, business_tz: ZoneInfo
) -> Lead | DrawEntry:
    """A consultant takes a lead from a pool open to them (领取): exactly one claimant wins.
    While a just-released lead goes by lottery, the claimant enters its draw instead.

    Claimants who find the lead held by another claim wait for it to end and then learn that
    the lead is taken (and by whom, when the winner works in their own org node), or claim it
    themselves when the other claim failed."""
    return await claim_and_answer(
        lead_id, actor, uow, now=now, business_tz=business_tz, answer=_as_claimed
    )


async def _as_claimed(lead: Lead) -> Lead:
    return lead


async def claim_and_answer(
    lead_id: UUID,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
    business_tz: ZoneInfo,
    answer: Callable[[Lead], Awaitable[Answer]],
) -> Answer | DrawEntry:
    """``claim_lead``, answering the winner with what ``answer`` makes of the claimed lead in
    the claim's own transaction (before its commit)."""
    try:
        return await _claim(lead_id, actor, uow, now=now, business_tz=business_tz, answer=answer)
    except _NotTakenMeanwhile:
        return await _claim(lead_id, actor, uow, now=now, business_tz=business_tz, answer=answer)


class _NotTakenMeanwhile(LeadBusy):
    """The claim that held the lead ended without taking it (or the lead left the claimant's
    view): the claimant tries again, once (a second time, "try again")."""


def _taken_by(lead: Lead, claimant: Principal) -> str:
    if lead.owner_user == claimant.user_id:
        return "you took this lead already"
    if lead.owner_team == claimant.org_node:
        return f"the lead is already taken by {lead.owner_user}"
    return "the lead is already taken by a consultant of another team"


async def _claim(
    lead_id: UUID,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
    business_tz: ZoneInfo,
    answer: Callable[[Lead], Awaitable[Answer]],
) -> Answer | DrawEntry:
    claimant = Worker(actor.user_id, actor.org_node)
    blocked: SuspectedCollusion | None = None
    async with uow:
        session = uow.session
        await lead_store.serialise_claims_of(session, actor.tenant, actor.user_id)
        allowed = from_pools_open_to(actor)
        try:
            # A draw only collects entries: its lead is not held against other entrants.
            lead = await lead_store.lead_for_change(session, lead_id, allowed, unless_drawn_at=now)
            if lead is None:
                lead = await lead_store.lead_to_look_at(session, lead_id, allowed)
                if lead is not None and not lead.in_draw(now):  # its draw ended in between
                    lead = await lead_store.lead_for_change(session, lead_id, allowed)
        except LeadBusy:
            # Another claim holds it: wait for its end in this same transaction, then learn
            # who took it.
            settled = await lead_store.lead_once_settled(
                session, lead_id, allowed, wait_seconds=CONTESTED_CLAIM_WAIT_SECONDS
            )
            if settled is None or settled.owner_user is None:
                raise _NotTakenMeanwhile("the lead is free again; try again") from None
            raise LeadUnavailable(_taken_by(settled, actor)) from None
        drawing = lead is not None and lead.in_draw(now)
        if lead is None:
            raise LeadNotFound("lead not found in a pool open to you")
        pool = await pool_store.pool(session, lead.pool_id or lead.home_pool_id)
        if pool.kind is PoolKind.ASSIGN_ONLY:
            raise PoolIsAssignOnly("leads of this pool are assigned by its admins")
        record = await lead_store.claimant_record(
            session,
            tenant=actor.tenant,
            user_id=actor.user_id,
            department=actor.org_node,
            previous_owner=lead.previous_owner,
            day_started=_start_of_day(now, business_tz),
            collusion_since=now - timedelta(days=pool.rules.collusion.window_days),
        )
        rules = pool.rules
        try:
            if drawing:
                lead.check_claimant(claimant, record, rules.claim, rules.collusion, now)
            else:
                lead.claim(claimant, record, rules.claim, rules.collusion, now)
        except LeadTaken:
            raise LeadUnavailable(_taken_by(lead, actor)) from None
        except SuspectedCollusion as refused:
            # The refusal itself is kept (history and an alert to managers), then raised.
            await _report_blocked_claim(uow, lead, actor, record, rules.collusion, now)
            blocked = refused
        else:
            if drawing and lead.draw_until is not None:
                await draw_store.enter_draw(session, lead.id, claimant, now)
                return DrawEntry(lead.id, lead.draw_until)
            # Same transaction as the lock: nobody can claim between the check and the write.
            await lead_store.save_lead(session, lead)
            await publish_for(
                uow,
                lead,
                actor.user_id,
                [
                    LeadClaimed(
                        lead_id=lead.id,
                        dealer_id=lead.owner_org,
                        at=now,
                        pool_id=pool.id,
                        owner_user=actor.user_id,
                        owner_team=actor.org_node,
                        previous_owner=lead.previous_owner,
                    )
                ],
            )
            return await answer(lead)
    # The refused claim's history and alert are committed; the claimant learns why.
    assert blocked is not None
    raise blocked


async def _report_blocked_claim(
    uow: UnitOfWork,
    lead: Lead,
    claimant: Principal,
    record: ClaimantRecord,
    rules: CollusionRules,
    now: datetime,
) -> None:
    lead.changes.append(
        Change(
            "claim_blocked",
            now,
            claimant.user_id,
            lead.previous_owner,
            claimant.user_id,
            reason=f"{record.claims_of_releases_by_previous_owner} claims of "
            f"{lead.previous_owner}'s releases within {rules.window_days} days",
            rule="anti_collusion",
        )
    )
    await lead_store.add_changes(uow.session, lead)
    await publish_for(
        uow,
        lead,
        claimant.user_id,
        [
            LeadClaimBlocked(
                lead_id=lead.id,
                dealer_id=lead.owner_org,
                at=now,
                claimant=claimant.user_id,
                previous_owner=lead.previous_owner or "",
                claims_in_window=record.claims_of_releases_by_previous_owner,
                window_days=rules.window_days,
            )
        ],
    )


async def assign_lead(
    lead_id: UUID,
    assignee: str | None,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
    reason: str | None,
    strategy: str | None = None,
) -> Lead:
    """A manager names the owner (分配): any open lead of the book, pooled or owned; or lets
    the lead's pool choose a more senior consultant than its owner (``strategy``
    ``more_senior``, the re-assignment ladder of a stalled lead)."""
    if (assignee is None) == (strategy is None):
        raise InvalidInput("user_id", "name either the consultant or the strategy")
    async with uow:
        session = uow.session
        lead = await lead_to_change(uow, lead_id, actor)
        if assignee is None:
            to = await _more_senior_than_owner(session, lead)
            reason = reason or "to a more senior consultant"
        else:
            member = await staff_in_book(session, lead.tenant, assignee, lead.owner_org)
            if member is None or not has_function(member.roles, "lead.claim"):
                raise AssigneeNotFound(f"no active consultant {assignee!r} works this lead's book")
            to = Worker(assignee, member.org_node)
        previous = lead.owner_user
        lead.assign(to, actor.user_id, now, reason)
        await lead_store.save_lead(session, lead)
        await publish_for(
            uow, lead, actor.user_id, [assigned_event(lead, previous, actor.user_id, reason)]
        )
    return lead


async def _more_senior_than_owner(session: AsyncSession, lead: Lead) -> Worker:
    candidates = await pool_store.pool_candidates(session, lead.home_pool_id)
    chosen = more_senior(candidates, lead.owner_user)
    if chosen is None:
        raise NoMoreSeniorConsultant(
            "no member of the lead's pool is more senior than its owner: set the members' "
            "levels (PUT /pools/{id}/members) or name the consultant"
        )
    return Worker(chosen.user_id, chosen.org_node)


async def release_lead(
    lead_id: UUID, actor: Principal, uow: UnitOfWork, *, now: datetime, reason: str
) -> Lead:
    """The owner gives the lead up, or a manager takes it back, to its home pool."""
    async with uow:
        lead = await lead_to_change(uow, lead_id, actor)
        if lead.owner_user != actor.user_id and not has_function(actor.roles, "lead.assign"):
            raise NotTheOwner("only the owner or a manager releases a lead")
        await _release(uow, lead, actor.user_id, reason, None, now)
    return lead


@dataclass(frozen=True, slots=True)
class RecordFollowUp:
    kind: FollowUpKind
    outcome: str
    grade: str | None
    next_step: str | None
    call_seconds: int | None
    verified: bool


async def record_follow_up(
    lead_id: UUID, command: RecordFollowUp, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> tuple[Lead, UUID]:
    async with uow:
        lead = await lead_to_change(uow, lead_id, actor)
        follow_up = FollowUp(
            kind=command.kind,
            outcome=command.outcome,
            at=now,
            by=actor.user_id,
            grade=command.grade,
            next_step=command.next_step,
            call_seconds=command.call_seconds,
            verified=command.verified,
        )
        follow_up_id = await follow_up_in(uow, lead, follow_up)
    return lead, follow_up_id


@dataclass(frozen=True, slots=True)
class PhoneCall:
    """The phone system's record of a connected call, as the call center reported it."""

    call_id: UUID
    tenant: str
    by: str
    """The agent (user) who talked to the customer."""
    lead_id: UUID | None
    phone: str
    talk_seconds: int
    ended_at: datetime
    disposition: str | None


async def follow_up_from_call(uow: UnitOfWork, call: PhoneCall) -> UUID | None:
    """A connected call the phone system recorded is a verified call follow-up of the lead it
    was about, by its owner (the recycle clock measures the owner's contact): whether it is
    real contact and resets the clock is the pool's rule. Returns the follow-up, or None when
    the call is about no open lead the caller owns."""
    try:
        phone = normalise_phone(call.phone)
    except InvalidPhoneNumber:
        phone = None
    lead = await lead_store.open_lead_called(
        uow.session, call.tenant, lead_id=call.lead_id, phone=phone, by=call.by
    )
    if lead is None or lead.owner_user != call.by:
        return None
    follow_up = FollowUp(
        kind=FollowUpKind.CALL,
        outcome=call.disposition or "connected call",
        at=call.ended_at,
        by=call.by,
        call_seconds=call.talk_seconds,
        verified=True,
        call_id=call.call_id,
    )
    return await follow_up_in(uow, lead, follow_up)


async def follow_up_in(uow: UnitOfWork, lead: Lead, follow_up: FollowUp) -> UUID:
    """Records a follow-up of a locked lead inside the caller's transaction."""
    session = uow.session
    pool = await pool_store.pool(session, lead.home_pool_id)
    rules = pool.rules
    grade_before = lead.grade
    grades = await scheme_of_pool(session, pool)
    resets = lead.record_follow_up(follow_up, grades, rules.recycle)
    follow_up_id = await lead_store.add_follow_up(session, lead, follow_up, resets_clock=resets)
    await lead_store.save_lead(session, lead)
    events: list[EventData] = [
        LeadFollowedUp(
            lead_id=lead.id,
            dealer_id=lead.owner_org,
            at=follow_up.at,
            follow_up_id=follow_up_id,
            owner_user=follow_up.by,
            kind=follow_up.kind.value,
            resets_clock=resets,
            real_contact=follow_up.is_real_contact(rules.recycle),
        )
    ]
    if lead.grade is not None and lead.grade != grade_before:
        events.append(
            LeadGradedV2(
                lead_id=lead.id,
                dealer_id=lead.owner_org,
                at=follow_up.at,
                owner_user=follow_up.by,
                previous_grade=grade_before,
                grade=lead.grade,
                upgrade=grades.is_upgrade(grade_before, lead.grade),
                next_follow_up_due=lead.next_follow_up_due,
                follow_up_id=follow_up_id,
                follow_up_kind=follow_up.kind.value,
            )
        )
    await publish_for(uow, lead, follow_up.by, events)
    return follow_up_id


async def report_lost(
    lead_id: UUID, reason: str, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Lead:
    """The owner reports the lead lost (战败); it waits for a manager's decision."""
    async with uow:
        lead = await lead_to_change(uow, lead_id, actor)
        lead.report_lost(actor.user_id, reason, now)
        await lead_store.save_lead(uow.session, lead)
    return lead


async def decide_loss(
    lead_id: UUID, approved: bool, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Lead:
    async with uow:
        lead = await lead_to_change(uow, lead_id, actor)
        lead.decide_loss(approved, actor.user_id, now)
        await lead_store.save_lead(uow.session, lead)
        if approved:
            await publish_for(
                uow,
                lead,
                actor.user_id,
                [
                    LeadLost(
                        lead_id=lead.id,
                        dealer_id=lead.owner_org,
                        at=now,
                        owner_user=lead.owner_user,
                        reason=lead.loss_reason or "",
                        approved_by=actor.user_id,
                    )
                ],
            )
    return lead


async def convert_lead(
    lead_id: UUID,
    vehicle_interest: str | None,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> Lead:
    """Real intent: the owner converts the lead; opportunities opens one from the event."""
    async with uow:
        lead = await lead_to_change(uow, lead_id, actor)
        if vehicle_interest:
            lead.vehicle_interest = vehicle_interest.strip()
        origin = lead.convert(actor.user_id, now)
        await lead_store.save_lead(uow.session, lead)
        owner = lead.owner()
        await publish_for(
            uow,
            lead,
            actor.user_id,
            [
                LeadConvertedV2(
                    lead_id=lead.id,
                    dealer_id=lead.owner_org,
                    at=now,
                    customer_id=lead.customer_id,
                    owner_user=owner.user_id,
                    owner_team=owner.org_node,
                    customer_name=lead.customer_name,
                    phone=lead.phone,
                    vehicle_interest=lead.vehicle_interest,
                    source=lead.source.value,
                    grade=lead.grade,
                    lead_origin=origin.value,
                )
            ],
        )
    return lead


async def hand_back_leads_of(uow: UnitOfWork, *, tenant: str, user_id: str, now: datetime) -> int:
    """A deactivated user's open leads go back to their pools (customer data belongs to the
    company: nothing is lost). Runs inside the caller's unit of work (the consumer's)."""
    released = 0
    for lead in await lead_store.open_leads_owned_by(uow.session, tenant, user_id):
        await _release(uow, lead, "identity", "the owner was deactivated", OWNER_DEACTIVATED, now)
        released += 1
    return released


async def _release(
    uow: UnitOfWork, lead: Lead, actor: str, reason: str, rule: str | None, now: datetime
) -> None:
    pool = await pool_store.pool(uow.session, lead.home_pool_id)
    previous = lead.owner().user_id
    protected_until = lead.release(
        lead.home_pool_id,
        actor,
        reason,
        rule,
        pool.rules.claim.protection_days,
        now,
        blind_hours=pool.rules.claim.blind_release_hours,
    )
    await draw_store.clear_draw_entries(uow.session, lead.id)
    await lead_store.save_lead(uow.session, lead)
    await publish_for(
        uow,
        lead,
        actor,
        [
            LeadReleased(
                lead_id=lead.id,
                dealer_id=lead.owner_org,
                at=now,
                pool_id=lead.home_pool_id,
                previous_owner=previous,
                released_by=actor,
                rule=rule,
                reason=reason,
                protected_until=protected_until,
            )
        ],
    )


def assigned_event(
    lead: Lead, previous: str | None, actor: str, reason: str | None
) -> LeadAssigned:
    owner = lead.owner()
    return LeadAssigned(
        lead_id=lead.id,
        dealer_id=lead.owner_org,
        at=lead.owned_since or lead.created_at,
        owner_user=owner.user_id,
        owner_team=owner.org_node,
        previous_owner=previous,
        assigned_by=actor,
        reason=reason,
    )


async def publish_for(uow: UnitOfWork, lead: Lead, actor: str, events: list[EventData]) -> None:
    """Records ``events`` about ``lead`` (its tenant and book) in the command's outbox."""
    await uow.publish(*enveloped(lead, actor, events))


def enveloped(lead: Lead, actor: str, events: list[EventData]) -> list[Envelope[EventData]]:
    """``events`` about ``lead`` enveloped as ``publish_for`` records them, for a statement
    that writes them with the lead."""
    return [new_event(e, tenant=lead.tenant, owner_org=lead.owner_org, actor=actor) for e in events]


def _start_of_day(now: datetime, tz: ZoneInfo) -> datetime:
    return datetime.combine(now.astimezone(tz).date(), time(0), tzinfo=tz)
