"""A lead: someone who may buy a car, worked by one consultant (private sea, 私海) or waiting in
a pool (public sea, 公海). Pure rules, no I/O: every method takes the time it happens at."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID, uuid4

from crm_leads.domain.grades import GradeScheme
from crm_leads.domain.origin import Acquisition, LeadOrigin, origin_of_ownership
from crm_leads.domain.pool_rules import ClaimRules, CollusionRules, RecycleRules

DEFAULT_COUNTRY_CODE = "86"
ROUTING_ACTOR = "routing"
"""Who the history names for what a routing rule did."""
_SEPARATORS = re.compile(r"[\s\-().]")


class LeadSource(StrEnum):
    """Where a lead came from (DOMAIN.md "Sources")."""

    CAMPAIGN = "campaign"
    CAMPAIGN_FORM = "campaign_form"
    OEM_WEBSITE = "oem_website"
    REFERRAL = "referral"
    FLYER = "flyer"
    WALK_IN = "walk_in"
    PHONE = "phone"
    WEB = "web"


class InvalidPhoneNumber(ValueError):
    pass


def normalise_phone(raw: str, default_country_code: str = DEFAULT_COUNTRY_CODE) -> str:
    """E.164: ``138 0013 8000`` → ``+8613800138000``; ``00``/``+`` keep their country code."""
    compact = _SEPARATORS.sub("", raw.strip())
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+"):
        digits = compact[1:]
    elif default_country_code == "86" and len(compact) == 11 and compact.startswith("1"):
        digits = default_country_code + compact
    else:
        digits = default_country_code + compact.lstrip("0")
    if not digits.isdigit() or not 8 <= len(digits) <= 15:
        raise InvalidPhoneNumber(f"not a phone number: {raw!r}")
    return "+" + digits


def normalise_name(raw: str) -> str:
    return " ".join(raw.split())


class LeadStatus(StrEnum):
    OPEN = "open"
    LOSS_PENDING = "loss_pending"
    """The owner reported it lost (战败); a manager has to approve."""
    LOST = "lost"
    CONVERTED = "converted"


class FollowUpKind(StrEnum):
    VISIT = "visit"
    CALL = "call"
    TEST_DRIVE = "test_drive"
    MESSAGE = "message"


class LeadConflict(Exception):
    """The lead is not in a state that allows this (answered 409)."""


class LeadUnavailable(LeadConflict):
    pass


class LeadTaken(LeadUnavailable):
    """A consultant owns the lead already (who may learn whom is the application's call)."""


class ProtectionPeriodActive(LeadConflict):
    pass


class ClaimLimitReached(LeadConflict):
    pass


class SuspectedCollusion(LeadConflict):
    pass


class DrawOpen(LeadConflict):
    """The lead goes by lottery right now: ask to enter the draw instead."""


class NotTheOwner(Exception):
    """Only the owning consultant (or a manager) may do this (answered 403)."""


@dataclass(frozen=True, slots=True)
class Worker:
    """A user who may own leads: who they are and the org node (team or dealer) they work in."""

    user_id: str
    org_node: str


@dataclass(frozen=True, slots=True)
class ClaimantRecord:
    """What the claim rules need to know about the claimant, counted by the adapter."""

    open_leads_owned: int
    claims_today: int
    claims_of_releases_by_previous_owner: int
    """Within the collusion window: how often the claimant took leads this lead's previous owner
    released."""
    open_leads_of_department: int = 0
    """Open leads owned by anyone of the claimant's department (team, or dealer node)."""


@dataclass(frozen=True, slots=True)
class FollowUp:
    kind: FollowUpKind
    outcome: str
    at: datetime
    by: str
    grade: str | None = None
    next_step: str | None = None
    call_seconds: int | None = None
    verified: bool = False
    """A visit confirmed at reception (or a call the phone system connected)."""
    call_id: UUID | None = None
    """The phone system's record of the call (call center), when it made this follow-up."""

    @property
    def self_declared_call(self) -> bool:
        return self.kind is FollowUpKind.CALL and self.call_id is None

    def is_real_contact(self, rules: RecycleRules) -> bool:
        if self.kind is FollowUpKind.CALL:
            if rules.cti_calls_only and self.self_declared_call:
                return False
            return (self.call_seconds or 0) >= rules.min_call_seconds
        return self.kind in (FollowUpKind.VISIT, FollowUpKind.TEST_DRIVE) and self.verified


@dataclass(frozen=True, slots=True)
class Change:
    """One transition, recorded in the lead's history: who, why and by which rule."""

    kind: str
    at: datetime
    actor: str
    from_user: str | None = None
    to_user: str | None = None
    reason: str | None = None
    rule: str | None = None


@dataclass(slots=True)
class Lead:
    id: UUID
    tenant: str
    owner_org: str
    """The dealer (or region/HQ node) whose book the lead is in."""
    customer_id: UUID
    customer_name: str
    phone: str
    source: LeadSource
    vehicle_interest: str | None
    created_by: str
    created_at: datetime
    home_pool_id: UUID
    """The pool it goes back to when released; its rules govern the lead."""
    status: LeadStatus = LeadStatus.OPEN
    owner_user: str | None = None
    owner_team: str | None = None
    owned_since: datetime | None = None
    ownership_origin: LeadOrigin | None = None
    """How the current owner's ownership arose (None while nobody owns it): commission's origin."""
    pool_id: UUID | None = None
    """Set while the lead waits in a pool (public sea), None while someone owns it."""
    grade: str | None = None
    next_follow_up_due: datetime | None = None
    last_follow_up_at: datetime | None = None
    previous_owner: str | None = None
    protected_until: datetime | None = None
    released_at: datetime | None = None
    loss_reason: str | None = None
    origin_org: str | None = None
    """The HQ or region node that distributed the lead to this dealer."""
    distributed_at: datetime | None = None
    work_by: datetime | None = None
    """A distributed lead not worked (followed up) by then goes back to its origin's pool."""
    region_hint: str | None = None
    """Where the customer is, as the campaign or form said (a region node): routes it."""
    recycle_reminded_at: datetime | None = None
    graded_at: datetime | None = None
    """When the lead got its current grade: how long it has stayed there."""
    escalated_at: datetime | None = None
    draw_until: datetime | None = None
    """A just-released lead is handed out by lottery among those who ask until then."""
    campaign_id: UUID | None = None
    """The campaign whose form brought the lead."""
    routing_rule_id: UUID | None = None
    """The book's routing rule that placed the lead when it arrived (None: nobody's rule)."""
    nurture_since: datetime | None = None
    """Handed to marketing (营销培育): on the book's nurture list since then, owned by the
    list's owner until someone takes it back (an assignment, a release to the pool)."""
    changes: list[Change] = field(default_factory=list)
    """Transitions made on this instance, not yet stored."""

    @property
    def in_pool(self) -> bool:
        return self.owner_user is None

    def owner(self) -> Worker:
        if self.owner_user is None or self.owner_team is None:
            raise LeadUnavailable("lead waits in a pool; nobody owns it")
        return Worker(self.owner_user, self.owner_team)

    def record_duplicate_submission(self, actor: str, source: str, now: datetime) -> None:
        """The same customer came in again (another source or colleague): it stays with the
        lead that already works it."""
        self.changes.append(Change("attached", now, actor, reason=f"submitted again via {source}"))

    def claim(
        self,
        claimant: Worker,
        record: ClaimantRecord,
        rules: ClaimRules,
        collusion: CollusionRules,
        now: datetime,
    ) -> None:
        """A pool member takes the lead from the public sea into their private sea (领取)."""
        self.check_claimant(claimant, record, rules, collusion, now)
        if self.in_draw(now):
            raise DrawOpen(f"the lead is handed out by lottery at {self.draw_until}")
        self._take(claimant, now, Acquisition.CLAIMED)
        self.changes.append(
            Change("claimed", now, claimant.user_id, self.previous_owner, claimant.user_id)
        )

    def in_draw(self, now: datetime) -> bool:
        return self.in_pool and self.draw_until is not None and now < self.draw_until

    def check_claimant(
        self,
        claimant: Worker,
        record: ClaimantRecord,
        rules: ClaimRules,
        collusion: CollusionRules,
        now: datetime,
    ) -> None:
        """Whether ``claimant`` may take the lead now (by first click or in a draw)."""
        self._require_open()
        if not self.in_pool:
            raise LeadTaken("lead is already owned by a consultant")
        if (
            self.previous_owner == claimant.user_id
            and self.protected_until is not None
            and now < self.protected_until
        ):
            raise ProtectionPeriodActive(
                "released from you; you may claim it again after "
                f"{self.protected_until.isoformat()}"
            )
        if record.open_leads_owned >= rules.max_private_leads:
            raise ClaimLimitReached(
                f"you own {record.open_leads_owned} open leads (max {rules.max_private_leads})"
            )
        cap = rules.max_department_private_leads
        if cap is not None and record.open_leads_of_department >= cap:
            raise ClaimLimitReached(
                f"your department owns {record.open_leads_of_department} open leads (max {cap})"
            )
        if record.claims_today >= rules.max_claims_per_day:
            raise ClaimLimitReached(
                f"{record.claims_today} claims today (max {rules.max_claims_per_day})"
            )
        if (
            self.previous_owner is not None
            and self.previous_owner != claimant.user_id
            and record.claims_of_releases_by_previous_owner >= collusion.threshold
        ):
            raise SuspectedCollusion(
                f"you claimed {record.claims_of_releases_by_previous_owner} leads released by "
                f"{self.previous_owner} within {collusion.window_days} days; "
                "a manager must assign it"
            )

    def award_draw(self, winner: Worker, entrants: int, now: datetime) -> None:
        """The lottery's winner owns the lead, as if they had claimed it."""
        self._require_open()
        if not self.in_pool:
            raise LeadTaken("lead is already owned by a consultant")
        self._take(winner, now, Acquisition.CLAIMED)
        self.changes.append(
            Change(
                "claimed",
                now,
                "draw",
                self.previous_owner,
                winner.user_id,
                reason=f"won the draw among {entrants}",
            )
        )

    def assign(self, to: Worker, actor: str, now: datetime, reason: str | None = None) -> None:
        """A manager or a strategy names the owner (分配); the protection period does not apply."""
        self._require_open()
        before = self.owner_user
        self._take(to, now, Acquisition.ASSIGNED)
        self.changes.append(Change("assigned", now, actor, before, to.user_id, reason))

    def hand_over(self, to: Worker, actor: str, now: datetime, reason: str) -> None:
        """Its owner leaves: a manager's hand-over gives the lead to the successor, also one
        whose loss report still waits for the manager's decision (the successor answers for
        it then). The protection period does not apply; the successor's clock starts now."""
        if self.status not in (LeadStatus.OPEN, LeadStatus.LOSS_PENDING):
            raise LeadUnavailable(f"lead is {self.status.value}")
        before = self.owner_user
        self._take(to, now, Acquisition.ASSIGNED)
        self.changes.append(Change("handed_over", now, actor, before, to.user_id, reason))

    def release(
        self,
        pool_id: UUID,
        actor: str,
        reason: str,
        rule: str | None,
        protection_days: int,
        now: datetime,
        blind_hours: int = 0,
    ) -> datetime:
        """Back to the public sea; the previous owner may not claim it back until the returned
        time (a manager still may assign it). With ``blind_hours`` the lead goes by lottery among
        those who ask for it in that time, not to the first click."""
        self._require_open()
        if self.in_pool:
            raise LeadUnavailable("lead is already in a pool")
        previous = self.owner_user
        self.previous_owner = previous
        self.protected_until = now + timedelta(days=protection_days)
        self.released_at = now
        self.draw_until = now + timedelta(hours=blind_hours) if blind_hours else None
        self.owner_user = None
        self.owner_team = None
        self.owned_since = None
        self.ownership_origin = None
        self.pool_id = pool_id
        self.nurture_since = None
        self.changes.append(Change("released", now, actor, previous, None, reason, rule))
        return self.protected_until

    def record_follow_up(
        self, follow_up: FollowUp, scheme: GradeScheme, rules: RecycleRules
    ) -> bool:
        """A visit, call, test drive or message; re-grades the lead and sets the next due date.

        Returns whether the follow-up reset the recycle clock (with ``real_contact_only`` a
        typed note does not)."""
        self._require_open()
        if follow_up.by != self.owner_user:
            raise NotTheOwner("only the owning consultant records follow-ups")
        if follow_up.grade is not None:
            self.regrade(follow_up.grade, scheme, follow_up.by, follow_up.at)
        elif self.grade is not None and self.grade in scheme.codes():
            # A grade of the pool's former scheme keeps its due time until the lead is graded
            # by the current one.
            self.next_follow_up_due = scheme.next_follow_up_due(self.grade, follow_up.at)
        resets = follow_up.is_real_contact(rules) or not (
            rules.real_contact_only or (rules.cti_calls_only and follow_up.self_declared_call)
        )
        if resets:
            self.last_follow_up_at = follow_up.at
            self.recycle_reminded_at = None
        self.work_by = None
        self.changes.append(
            Change("followed_up", follow_up.at, follow_up.by, reason=follow_up.kind.value)
        )
        return resets

    def regrade(self, grade: str, scheme: GradeScheme, actor: str, now: datetime) -> None:
        scheme.grade(grade)
        before = self.grade
        self.grade = grade
        self.next_follow_up_due = scheme.next_follow_up_due(grade, now)
        if before != grade:
            self.graded_at = now
            self.escalated_at = None
            self.changes.append(Change("graded", now, actor, reason=f"{before or '-'} → {grade}"))

    def to_nurture(self, owner: Worker, actor: str, reason: str, now: datetime) -> None:
        """Handed to marketing for nurturing: the nurture list's owner takes the lead (not
        recycled, not escalated while there) until a manager assigns it to a consultant or the
        owner releases it to the pool."""
        self._require_open()
        if self.nurture_since is not None:
            raise LeadUnavailable("the lead is on the nurture list already")
        before = self.owner_user
        self._take(owner, now, Acquisition.ASSIGNED)
        self.nurture_since = now
        self.escalated_at = None
        self.changes.append(Change("to_nurture", now, actor, before, owner.user_id, reason))

    def escalate(self, rule: str, now: datetime) -> None:
        """Flag a stalled lead to the managers, who reassign it (e.g. to a senior consultant)."""
        self._require_open()
        self.escalated_at = now
        self.changes.append(Change("escalated", now, "recycle-sweep", self.owner_user, rule=rule))

    def report_lost(self, actor: str, reason: str, now: datetime) -> None:
        self._require_open()
        if actor != self.owner_user:
            raise NotTheOwner("only the owning consultant reports a lead lost")
        self.status = LeadStatus.LOSS_PENDING
        self.loss_reason = reason
        self.changes.append(Change("loss_reported", now, actor, reason=reason))

    def decide_loss(self, approved: bool, manager: str, now: datetime) -> None:
        if self.status is not LeadStatus.LOSS_PENDING:
            raise LeadUnavailable("no loss report waits for approval")
        if approved:
            self.status = LeadStatus.LOST
            self.changes.append(Change("lost", now, manager, reason=self.loss_reason))
        else:
            self.status = LeadStatus.OPEN
            self.changes.append(Change("loss_rejected", now, manager, reason=self.loss_reason))
            self.loss_reason = None

    def convert(self, actor: str, now: datetime) -> LeadOrigin:
        """Real intent: the lead becomes an opportunity, owned by the same consultant. Returns
        the lead's origin, which the opportunity and its commission keep."""
        self._require_open()
        if actor != self.owner_user:
            raise NotTheOwner("only the owning consultant converts a lead")
        self.status = LeadStatus.CONVERTED
        origin = self.current_origin()
        self.changes.append(Change("converted", now, actor, to_user=actor, reason=origin.value))
        return origin

    def current_origin(self) -> LeadOrigin:
        """How the owner's ownership arose. A lead a release before origins were recorded
        handed out (during a rolling deploy) has none: judged as the migration judged every
        lead owned before — taken in when its creator has owned it since it came in."""
        if self.ownership_origin is not None:
            return self.ownership_origin
        taken_in = self.owner_user == self.created_by and self.owned_since == self.created_at
        return self._origin_by(Acquisition.TAKEN_IN if taken_in else Acquisition.ASSIGNED)

    def distribute(
        self,
        *,
        dealer: str,
        dealer_pool: UUID,
        dealer_customer: UUID,
        actor: str,
        work_within: timedelta,
        now: datetime,
    ) -> datetime:
        """HQ (or a region) sends a pooled lead to a dealer, which must work it by the
        returned time."""
        self._require_open()
        if not self.in_pool:
            raise LeadUnavailable("a consultant owns the lead; only pooled leads are distributed")
        if self.origin_org is not None:
            raise LeadUnavailable(f"the lead is already distributed to {self.owner_org}")
        self.origin_org = self.owner_org
        self._move_to_book(dealer, dealer_pool, dealer_customer)
        self.distributed_at = now
        self.work_by = now + work_within
        self.changes.append(Change("distributed", now, actor, reason=f"to {dealer}"))
        return self.work_by

    def return_to_origin(
        self,
        *,
        origin_pool: UUID,
        origin_customer: UUID,
        actor: str,
        reason: str,
        rule: str | None,
        now: datetime,
    ) -> str:
        """A distributed lead goes back up (rejected by the dealer, or not worked in time) and
        may be sent to another dealer. Returns the dealer it came back from."""
        self._require_open()
        if self.origin_org is None:
            raise LeadUnavailable("the lead was not distributed; it has nowhere to go back to")
        dealer = self.owner_org
        previous = self.owner_user
        origin = self.origin_org
        self.owner_user = None
        self.owner_team = None
        self.owned_since = None
        self.ownership_origin = None
        self.origin_org = None
        self.work_by = None
        self._move_to_book(origin, origin_pool, origin_customer)
        self.changes.append(Change("returned", now, actor, previous, None, reason, rule))
        return dealer

    # A dealer that runs its own deployment works a distributed lead there; the distributing
    # deployment's copy follows what the dealer reports (its events, come up through the link).

    def worked_at_dealer(self, dealer: str, by: str, at: datetime) -> bool:
        """The dealer followed the lead up in its deployment: the work-by deadline is met.
        False when there is nothing to follow (not distributed to ``dealer`` then, or met)."""
        if not self._with_dealer(dealer, at) or self.work_by is None:
            return False
        self.work_by = None
        self.changes.append(Change("followed_up", at, by, reason=f"at {dealer}"))
        return True

    def closed_at_dealer(
        self, dealer: str, outcome: LeadStatus, by: str | None, reason: str | None, at: datetime
    ) -> bool:
        """The dealer converted the lead or closed it as lost in its deployment."""
        if outcome not in (LeadStatus.CONVERTED, LeadStatus.LOST):
            raise ValueError(f"a dealer closes a lead as converted or lost, not {outcome}")
        if not (self._with_dealer(dealer, at) and self.is_open):
            return False
        self.status = outcome
        self.work_by = None
        if outcome is LeadStatus.LOST:
            self.loss_reason = reason
        self.changes.append(Change(outcome.value, at, by or dealer, reason=f"at {dealer}"))
        return True

    def sent_back_elsewhere(self, dealer: str, origin: str, at: datetime) -> bool:
        """Whether the lead, in ``dealer``'s book for ``origin``, is the one another deployment
        sent back to its origin at ``at`` (and this copy must follow)."""
        return (
            self.origin_org == origin
            and self._with_dealer(dealer, at)
            and self.status is LeadStatus.OPEN
        )

    def worker_changed_at_dealer(
        self,
        dealer: str,
        kind: str,
        *,
        by: str,
        from_user: str | None,
        to_user: str | None,
        reason: str | None,
        at: datetime,
    ) -> bool:
        """Who works the lead at the dealer changed there (``kind``: claimed, assigned or
        released, as the dealer's event says): recorded in this copy's history as
        ``<kind>_at_dealer``. The copy's own owner stays empty: the dealer's deployment runs
        the recycle rules of its own pools, this one's sweeps must not release the lead. False
        when there is nothing to follow (where the lead is worked on this deployment, its own
        events: it has an owner, or a release at or after ``at``)."""
        if not (
            self._with_dealer(dealer, at)
            and self.is_open
            and self.owner_user is None
            and (self.released_at is None or at > self.released_at)
        ):
            return False
        self.changes.append(
            Change(
                f"{kind}_at_dealer", at, by, from_user, to_user, f"at {dealer}: {reason or kind}"
            )
        )
        return True

    def graded_at_dealer(
        self, dealer: str, grade: str, next_due: datetime | None, by: str, at: datetime
    ) -> bool:
        """The dealer re-graded the lead in its deployment: this copy shows the grade (its own
        sweeps act on owned leads only, so the grade sets nothing going here). False when there
        is nothing to follow (the grade it has already, or a later one)."""
        if not (
            self._with_dealer(dealer, at)
            and self.is_open
            and grade != self.grade
            and (self.graded_at is None or at > self.graded_at)
        ):
            return False
        before = self.grade
        self.grade = grade
        self.graded_at = at
        self.next_follow_up_due = next_due
        self.escalated_at = None
        change = f"{before or '-'} → {grade} at {dealer}"
        self.changes.append(Change("graded", at, by, reason=change))
        return True

    def distributed_again(
        self, *, dealer: str, origin: str, pool: UUID, customer: UUID, at: datetime
    ) -> bool:
        """A dealer's deployment: HQ distributed to the dealer once more a lead this copy had
        sent back (HQ recalled it, or the dealer rejected it): it enters the dealer's book again,
        without a deadline (HQ keeps it). False where there is nothing to do: on the deployment
        that distributed it (the lead is with the dealer, or the distribution is the one it
        came back from)."""
        if not (
            self.origin_org is None
            and self.owner_org == origin
            and self.status is LeadStatus.OPEN
            and self.in_pool
            and self.distributed_at is not None
            and at > self.distributed_at
        ):
            return False
        self.origin_org = origin
        self._move_to_book(dealer, pool, customer)
        self.distributed_at = at
        self.work_by = None
        self.draw_until = None
        self.changes.append(Change("distributed", at, origin, reason=f"to {dealer}"))
        return True

    @property
    def is_open(self) -> bool:
        return self.status in (LeadStatus.OPEN, LeadStatus.LOSS_PENDING)

    def _with_dealer(self, dealer: str, at: datetime) -> bool:
        """In ``dealer``'s book by distribution since before ``at`` (what the dealer reports
        about an earlier stay of the lead does not apply)."""
        return (
            self.origin_org is not None
            and self.owner_org == dealer
            and self.distributed_at is not None
            and at >= self.distributed_at
        )

    def _move_to_book(self, book: str, pool: UUID, customer: UUID) -> None:
        self.owner_org = book
        self.home_pool_id = pool
        self.pool_id = pool
        self.customer_id = customer
        self.previous_owner = None
        self.protected_until = None

    def lock_customer(
        self, actor: str, locked_by_actor: int, max_locked: int, now: datetime
    ) -> None:
        """The owner locks the customer against recycling (e.g. a deal about to close), within
        a cap so that locks cannot hoard the pool."""
        self._require_open()
        if actor != self.owner_user:
            raise NotTheOwner("only the owning consultant locks a customer")
        if locked_by_actor >= max_locked:
            raise ClaimLimitReached(
                f"you have {locked_by_actor} locked customers (max {max_locked})"
            )
        self.changes.append(Change("locked", now, actor))

    def unlock_customer(self, actor: str, is_manager: bool, now: datetime) -> None:
        if actor != self.owner_user and not is_manager:
            raise NotTheOwner("only the owner or a manager unlocks a customer")
        self.changes.append(Change("unlocked", now, actor))

    def route(
        self,
        rule_id: UUID,
        rule_name: str,
        *,
        pool_id: UUID,
        to: Worker | None,
        now: datetime,
    ) -> None:
        """A routing rule places the lead on arrival: in ``pool_id`` (which it then belongs
        to), and owned by ``to`` when the rule names a consultant or a strategy chose one."""
        self._require_open()
        if not self.in_pool:
            raise LeadUnavailable("a consultant took the lead in; routing is for the others")
        self.home_pool_id = pool_id
        self.pool_id = pool_id
        self.routing_rule_id = rule_id
        self.changes.append(
            Change("routed", now, ROUTING_ACTOR, reason=rule_name, rule=f"routing:{rule_id}")
        )
        if to is not None:
            self.assign(to, ROUTING_ACTOR, now, f"routing rule {rule_name}")

    def move_to_pool(self, pool_id: UUID, actor: str, now: datetime) -> None:
        """A pool admin moves a waiting lead to another pool of the book (e.g. assign-only)."""
        self._require_open()
        if not self.in_pool:
            raise LeadUnavailable("a consultant owns the lead; release it first")
        self.home_pool_id = pool_id
        self.pool_id = pool_id
        self.changes.append(Change("moved", now, actor, reason=f"to pool {pool_id}"))

    def _take(self, worker: Worker, now: datetime, acquisition: Acquisition) -> None:
        self.draw_until = None
        self.owner_user = worker.user_id
        self.owner_team = worker.org_node
        self.owned_since = now
        self.ownership_origin = self._origin_by(acquisition)
        self.pool_id = None
        self.recycle_reminded_at = None
        self.nurture_since = None

    def _origin_by(self, acquisition: Acquisition) -> LeadOrigin:
        return origin_of_ownership(
            distributed=self.origin_org is not None,
            source=self.source.value,
            acquisition=acquisition,
        )

    def _require_open(self) -> None:
        if self.status is not LeadStatus.OPEN:
            raise LeadUnavailable(f"lead is {self.status.value}")


def register_lead(
    *,
    tenant: str,
    owner_org: str,
    customer_id: UUID,
    customer_name: str,
    phone: str,
    source: LeadSource,
    vehicle_interest: str | None,
    created_by: str,
    home_pool_id: UUID,
    owner: Worker | None,
    now: datetime,
) -> Lead:
    """A new lead, normalised: owned by the consultant who took it in, else waiting in its pool."""
    lead = Lead(
        id=uuid4(),
        tenant=tenant,
        owner_org=owner_org,
        customer_id=customer_id,
        customer_name=normalise_name(customer_name),
        phone=normalise_phone(phone),
        source=source,
        vehicle_interest=vehicle_interest.strip() if vehicle_interest else None,
        created_by=created_by,
        created_at=now,
        home_pool_id=home_pool_id,
        pool_id=home_pool_id,
    )
    lead.changes.append(Change("created", now, created_by))
    if owner is not None:
        lead._take(owner, now, Acquisition.TAKEN_IN)
    return lead


def arrived_by_distribution(
    *,
    lead_id: UUID,
    tenant: str,
    dealer: str,
    origin_org: str,
    customer_id: UUID,
    customer_name: str,
    phone: str,
    source: str,
    vehicle_interest: str | None,
    region_hint: str | None,
    created_at: datetime,
    pool_id: UUID,
    distributed_at: datetime,
) -> Lead:
    """A dealer's deployment: the lead HQ (or a region) distributed to the dealer, as HQ's
    deployment sent it, waiting in the dealer's pool under its own id (what both sides say
    about it later names that id). Its work-by deadline is kept by the distributing
    deployment, which recalls the lead when it passes: the dealer's sweep does not return it
    a second time."""
    lead = Lead(
        id=lead_id,
        tenant=tenant,
        owner_org=dealer,
        customer_id=customer_id,
        customer_name=normalise_name(customer_name),
        phone=normalise_phone(phone),
        source=LeadSource(source),
        vehicle_interest=vehicle_interest,
        created_by=origin_org,
        created_at=created_at,
        home_pool_id=pool_id,
        pool_id=pool_id,
        origin_org=origin_org,
        distributed_at=distributed_at,
        region_hint=region_hint,
    )
    lead.changes.append(Change("distributed", distributed_at, origin_org, reason=f"to {dealer}"))
    return lead


def draw_winner(entrants: list[Worker], rng: random.Random) -> Worker:
    """Blind release: every eligible entrant has the same chance, whoever clicked first."""
    return rng.choice(sorted(entrants, key=lambda w: w.user_id))
