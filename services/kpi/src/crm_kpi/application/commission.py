"""Commission commands: plans and their versions, consultants' targets, the monthly run, the
review of a statement (consultant → sales manager → finance) and the estimate of an open quote.

Each command is one unit of work; the run is one unit of work per dealer, so a dealer's month
is either replaced whole or left as it was. Rules live in ``crm_kpi.domain.commission``."""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.contracts import Envelope, new_event
from crm_common.contracts.events.kpi.v1 import (
    CommissionPlanSet,
    CommissionPlanVersion,
    CommissionStatementIssued,
)
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.policy.directory import dealer_of
from crm_common.policy.roles import has_function
from crm_kpi.adapters import commission_repository as records
from crm_kpi.adapters import commission_store as store
from crm_kpi.adapters.staff import managed_member
from crm_kpi.adapters.target_store import save_targets
from crm_kpi.domain.commission import (
    Line,
    PaidLine,
    PlanRules,
    PlanVersion,
    ReviewStep,
    Status,
    attainment,
    estimate,
    month_statements,
    next_version,
    review,
    version_in_force,
)
from crm_kpi.domain.leaderboards import month_of
from crm_kpi.domain.targets import ALL_PRODUCT_LINES, Measure, Target


class DealerNotFound(LookupError):
    """No such dealer whose commission the caller may manage (answered 404)."""


class ConsultantNotFound(LookupError):
    """No consultant of a dealer the caller manages (answered 404)."""


class PlanNotFound(LookupError):
    """No such plan visible to the caller (answered 404)."""


class StatementNotFound(LookupError):
    """No such statement the caller may see or act on (answered 404)."""


class PlanExists(Exception):
    """The dealer has a plan already: it changes by new versions (answered 409)."""


class NoPlan(Exception):
    """The dealer has no commission plan to run (answered 409)."""


class MonthIssued(Exception):
    """Statements of this dealer's month are issued: it is closed to reruns (answered 409);
    corrections flow as clawbacks of later months."""


async def own_dealer(session: AsyncSession, principal: Principal) -> str | None:
    return await dealer_of(session, principal.tenant, principal.org_node)


async def managed_dealer(session: AsyncSession, principal: Principal, dealer_id: str | None) -> str:
    """The dealer named (if it lies in the caller's own write scope) or the caller's own."""
    if dealer_id is None:
        dealer_id = await own_dealer(session, principal)
        if dealer_id is None:
            raise InvalidInput("dealer_id", "name the dealer: the caller works above dealers")
    if not await records.managed_dealer(session, principal, dealer_id):
        raise DealerNotFound("dealer not found")
    return dealer_id


# Plans.


@dataclass(frozen=True, slots=True)
class Plan:
    id: UUID
    dealer_id: str
    name: str
    currency: str
    versions: list[PlanVersion]


async def create_plan(
    uow: UnitOfWork,
    principal: Principal,
    *,
    dealer_id: str | None,
    name: str,
    currency: str,
    effective_from: date,
    rules: PlanRules,
    now: datetime,
) -> Plan:
    async with uow:
        dealer = await managed_dealer(uow.session, principal, dealer_id)
        plan = records.PlanRecord(uuid4(), dealer, name, currency)
        created = await records.add_plan(
            uow.session, plan, tenant=principal.tenant, created_by=principal.user_id, now=now
        )
        if not created:
            raise PlanExists(f"dealer {dealer} has a plan: add a version to it")
        version, _ = next_version([], plan.id, effective_from, rules)
        await records.add_version(uow.session, version, created_by=principal.user_id, now=now)
        created_plan = Plan(plan.id, dealer, name, currency, [version])
        await _publish_plan(uow, principal, created_plan, now)
        return created_plan


async def add_plan_version(
    uow: UnitOfWork,
    principal: Principal,
    plan_id: UUID,
    *,
    effective_from: date,
    rules: PlanRules,
    now: datetime,
) -> PlanVersion:
    """A new version in force from ``effective_from``; the latest one ends the day before."""
    async with uow:
        plan = await records.lock_managed_plan(uow.session, principal, plan_id)
        if plan is None:
            raise PlanNotFound("plan not found")
        earlier = (await records.versions_of(uow.session, [plan_id])).get(plan_id, [])
        version, closed = next_version(earlier, plan_id, effective_from, rules)
        if closed is not None:
            await records.close_version(uow.session, closed)
        await records.add_version(uow.session, version, created_by=principal.user_id, now=now)
        versions = [closed if closed and v.version == closed.version else v for v in earlier]
        await _publish_plan(
            uow,
            principal,
            Plan(plan.id, plan.dealer_id, plan.name, plan.currency, [*versions, version]),
            now,
        )
        return version


async def _publish_plan(uow: UnitOfWork, principal: Principal, plan: Plan, now: datetime) -> None:
    """The plan as it is now (a dealer's own deployment receives it and runs its commission
    with it there)."""
    await uow.publish_about(
        actor=principal.user_id,
        tenant=principal.tenant,
        owner_org=plan.dealer_id,
        events=[
            CommissionPlanSet(
                plan_id=plan.id,
                dealer_id=plan.dealer_id,
                name=plan.name,
                currency=plan.currency,
                versions=[
                    CommissionPlanVersion(
                        version=v.version,
                        effective_from=v.effective_from,
                        effective_to=v.effective_to,
                        rules=v.rules.model_dump(mode="json"),
                    )
                    for v in plan.versions
                ],
                set_by=principal.user_id,
                at=now,
            )
        ],
    )


async def take_plan_from_hq(uow: UnitOfWork, event: Envelope[CommissionPlanSet]) -> None:
    """At a dealer's own deployment: the dealer's commission plan as HQ or its region set it,
    come down over the link, kept as it is there (its id, every version): the deployment's
    commission runs with it. A redelivery, or an older state after a newer one, writes the
    state it carries; the inbox drops what it has. A plan the dealer made for itself under
    another id is left as it is and the plan that came down is refused (an error, not
    silence: one plan per dealer)."""
    data = event.data
    kept = await records.keep_plan(
        uow.session,
        records.PlanRecord(data.plan_id, data.dealer_id, data.name, data.currency),
        [
            PlanVersion(
                data.plan_id,
                v.version,
                v.effective_from,
                v.effective_to,
                PlanRules.model_validate(v.rules),
            )
            for v in data.versions
        ],
        tenant=event.tenant,
        set_by=data.set_by,
        at=data.at,
    )
    if not kept:
        raise PlanExists(f"dealer {data.dealer_id} has a plan of its own: HQ's plan not taken")


async def visible_plans(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, *, limit: int, offset: int
) -> list[Plan]:
    async with sessions() as session:
        plans = await records.visible_plans(session, principal, limit=limit, offset=offset)
        versions = await records.versions_of(session, [plan.id for plan in plans])
    return [
        Plan(plan.id, plan.dealer_id, plan.name, plan.currency, versions.get(plan.id, []))
        for plan in plans
    ]


# Targets.


async def set_consultant_target(
    uow: UnitOfWork,
    principal: Principal,
    *,
    user_id: str,
    month: str,
    units: int,
    dealer_id: str | None,
    now: datetime,
) -> str:
    """The consultant's units target for the month at their dealer — their leaf of the sales
    targets, under the dealer; returns the dealer. The consultant must work at a dealer in
    the caller's own write scope (``dealer_id``, when given, naming that dealer): anyone else,
    or a user kpi does not know, is not found."""
    month_of(month)
    async with uow:
        member = await managed_member(uow.session, principal, user_id)
        if member is None or not has_function(member[1], "lead.claim"):
            raise ConsultantNotFound(f"no consultant {user_id!r} you manage")
        dealer = member[0]
        if dealer_id is not None and dealer_id != dealer:
            raise ConsultantNotFound(f"no consultant {user_id!r} at {dealer_id}")
        leaf = Target(dealer, month, Measure.UNITS, Decimal(units), ALL_PRODUCT_LINES, user_id)
        await save_targets(
            uow.session, principal.tenant, [(leaf, dealer)], set_by=principal.user_id, now=now
        )
        return dealer


# The run.


@dataclass(frozen=True, slots=True)
class DealerRun:
    dealer_id: str
    run_id: UUID | None
    """None: the month was closed (statements issued) and left as it was."""
    statements: int
    lines: int
    total: Decimal


async def run_commission(
    sessions: async_sessionmaker[AsyncSession],
    *,
    tenant: str,
    month: str,
    dealers: Sequence[str] | None,
    run_by: str,
    now: datetime,
    currency: str = "CNY",
    workers: int | None = None,
) -> list[DealerRun]:
    """Computes the month's statements of the dealers named (every dealer with a plan, for
    None), replacing statements not yet issued. A dealer whose month has an issued statement is
    refused when named alone (MonthIssued) and skipped in a run over several.

    One query streams the month's deals of every dealer; each dealer's month is computed as soon
    as its deals are in, in ``workers`` processes (None: one per core for a run over many
    dealers, this process for a few), and written in a transaction of its own."""
    first, last = month_of(month)
    async with sessions() as session:
        conn = await store.driver(session)
        plans = await store.plan_versions(conn, tenant, dealers)
    if dealers is not None:
        missing = [d for d in dealers if d not in plans]
        if missing:
            raise NoPlan(f"no commission plan for {', '.join(missing)}")
    names = sorted(plans)
    if workers is None:
        workers = (os.cpu_count() or 1) if len(names) >= POOL_FROM_DEALERS else 0
    # The workers live for one run and compute dealer after dealer without reference cycles:
    # the cycle collector would only rescan their millions of fresh lines.
    pool = (
        ProcessPoolExecutor(workers, mp_context=_worker_context(), initializer=gc.disable)
        if workers
        else None
    )
    try:
        run = _Run(sessions, pool, tenant, month, run_by, now, currency, max(workers, 1))
        async with sessions() as session:
            conn = await store.driver(session)
            run.paid = await store.paid_for_cancelled(conn, tenant, names, first, last, month)
            run.targets = await store.targets_of(conn, tenant, names, month)
            async with asyncio.TaskGroup() as group:

                async def take(dealer: str, deals: bytes) -> None:
                    await run.in_flight.acquire()
                    run.started[dealer] = group.create_task(
                        run.dealer(dealer, plans[dealer], deals)
                    )

                await store.stream_month_deals(conn, tenant, names, first, last, take)
                for dealer in names:
                    if dealer not in run.started:  # no deals this month: clawbacks at most
                        await take(dealer, b"")
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    results = [run.started[dealer].result() for dealer in names]
    if dealers is not None and len(dealers) == 1 and results[0].run_id is None:
        raise MonthIssued(f"statements of {dealers[0]} for {month} are issued")
    return results


def _worker_context() -> multiprocessing.context.ForkServerContext:
    """Forkserver, not fork: a fork of this process (event loop, driver and logging threads)
    could inherit a lock held by another thread. The server imports this module once and every
    worker forks with it loaded; each would otherwise import it on its own (1.5 s of CPU with
    compiled bytecode, 3.8 s without, on the 2-core development VM). The preload takes effect
    when the server starts, i.e. at the first run of the process."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


POOL_FROM_DEALERS = 20
"""Dealers from which a run computes in worker processes (starting them costs more than they
save on a few dealers, and the API runs one)."""
WRITERS = 2
"""Dealers written at once: PostgreSQL ingests one's lines while the other's are sent."""
AHEAD_PER_WORKER = 3
"""Dealers read and not yet written, per worker: keeps every worker busy while the writes lag,
without holding the whole month in memory."""


@dataclass(frozen=True, slots=True)
class DealerMonth:
    """What computing a dealer's month needs, as plain data a worker process receives."""

    tenant: str
    dealer: str
    month: str
    deals: bytes
    """The month's deals as ``store.stream_month_deals`` hands them over."""
    versions: list[PlanVersion]
    targets: dict[str, int]
    clawbacks: list[PaidLine]


def compute_month(m: DealerMonth) -> store.MonthRows:
    """A dealer's month, ready to write: pure, so it runs in a worker process."""
    statements = month_statements(
        tenant=m.tenant,
        dealer_id=m.dealer,
        month=m.month,
        deals=store.deals_from_text(m.deals) if m.deals else [],
        versions=m.versions,
        targets=m.targets,
        clawbacks=m.clawbacks,
    )
    return store.month_rows(statements)


class _Run:
    """One run over many dealers: computes each dealer's month (in the pool, if any) and
    writes it in its own unit of work."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        pool: Executor | None,
        tenant: str,
        month: str,
        run_by: str,
        now: datetime,
        currency: str,
        workers: int,
    ) -> None:
        self.sessions = sessions
        self.pool = pool
        self.tenant = tenant
        self.month = month
        self.run_by = run_by
        self.now = now
        self.currency = currency
        self.paid: dict[str, list[PaidLine]] = {}
        self.targets: dict[str, dict[str, int]] = {}
        self.started: dict[str, asyncio.Task[DealerRun]] = {}
        self.in_flight = asyncio.Semaphore(AHEAD_PER_WORKER * workers)
        self.writers = asyncio.Semaphore(WRITERS)

    async def dealer(self, dealer: str, versions: list[PlanVersion], deals: bytes) -> DealerRun:
        try:
            job = DealerMonth(
                self.tenant,
                dealer,
                self.month,
                deals,
                versions,
                self.targets.get(dealer, {}),
                self.paid.pop(dealer, []),
            )
            if self.pool is None:
                rows = compute_month(job)
            else:
                rows = await asyncio.get_running_loop().run_in_executor(
                    self.pool, compute_month, job
                )
            async with self.writers:
                return await self.write(dealer, rows)
        finally:
            self.in_flight.release()

    async def write(self, dealer: str, rows: store.MonthRows) -> DealerRun:
        async with UnitOfWork(self.sessions) as uow:
            conn = await store.driver(uow.session)
            if await store.lock_month(conn, self.tenant, dealer, self.month):
                return DealerRun(dealer, None, 0, 0, Decimal(0))
            run_id = uuid4()
            await store.replace_month(
                conn,
                tenant=self.tenant,
                dealer=dealer,
                month=self.month,
                run_id=run_id,
                run_by=self.run_by,
                now=self.now,
                currency=self.currency,
                rows=rows,
            )
            return DealerRun(dealer, run_id, len(rows.statements), rows.line_count, rows.total)


# Review.


async def review_statement(
    uow: UnitOfWork,
    principal: Principal,
    statement_id: UUID,
    step: ReviewStep,
    *,
    note: str | None,
    now: datetime,
) -> Status:
    """Moves a statement one step through its review. Only the consultant it pays acknowledges
    or disputes it; issuing it publishes CommissionStatementIssued through the outbox."""
    async with uow:
        row = await records.statement_for_review(uow.session, principal, statement_id)
        consultant_step = step in (ReviewStep.ACKNOWLEDGE, ReviewStep.DISPUTE)
        if row is None or (consultant_step and row.user_id != principal.user_id):
            raise StatementNotFound("statement not found")
        status = review(Status(row.status), step, note)
        stamp: dict[str, Any] = {
            ReviewStep.ACKNOWLEDGE: {"acknowledged_by": principal.user_id, "acknowledged_at": now},
            ReviewStep.DISPUTE: {
                "disputed_by": principal.user_id,
                "disputed_at": now,
                "dispute_note": note,
            },
            ReviewStep.APPROVE: {"approved_by": principal.user_id, "approved_at": now},
            ReviewStep.ISSUE: {"issued_by": principal.user_id, "issued_at": now},
        }[step]
        await records.set_statement_status(uow.session, statement_id, status.value, stamp)
        if status is Status.ISSUED:
            await uow.publish(
                new_event(
                    CommissionStatementIssued(
                        statement_id=row.id,
                        dealer_id=row.dealer_id,
                        user_id=row.user_id,
                        team=row.team,
                        month=row.month,
                        total=row.total,
                        currency=row.currency,
                        lines=row.lines,
                        issued_by=principal.user_id,
                        at=now,
                    ),
                    tenant=row.tenant,
                    owner_org=row.owner_org,
                    actor=principal.user_id,
                )
            )
        return status


# The estimate of an open quote.


@dataclass(frozen=True, slots=True)
class Estimate:
    plan_id: UUID
    plan_version: int
    units: Decimal
    target_units: int | None
    attainment_percent: Decimal | None
    band: str
    lines: list[Line]
    total: Decimal


async def estimate_for_quote(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    model_code: str | None,
    gross_margin: Decimal,
    lead_origin: str | None,
    finance_attached: bool,
    insurance_attached: bool,
    today: date,
) -> Estimate:
    """What one unit of the quote would add to the calling consultant's month under the plan
    version in force today, in their attainment band so far this month."""
    month = f"{today:%Y-%m}"
    first, _ = month_of(month)
    async with sessions() as session:
        dealer = await own_dealer(session, principal)
        plan_id = (
            None
            if dealer is None
            else await records.plan_of_dealer(session, principal.tenant, dealer)
        )
        if dealer is None or plan_id is None:
            raise NoPlan("the consultant's dealer has no commission plan")
        versions = await records.versions_of(session, [plan_id])
        version = version_in_force(versions.get(plan_id, []), today)
        if version is None:
            raise NoPlan(f"no version of the dealer's plan is in force on {today}")
        units = await records.credited_units(
            session, principal.tenant, dealer, principal.user_id, first, today
        )
        target = await records.units_target(
            session, principal.tenant, dealer, principal.user_id, month
        )
    achieved = attainment(units, target)
    lines = estimate(
        version,
        model_code=model_code,
        gross_margin=gross_margin,
        lead_origin=lead_origin,
        finance_attached=finance_attached,
        insurance_attached=insurance_attached,
        attainment_percent=achieved,
        today=today,
    )
    return Estimate(
        version.plan_id,
        version.version,
        units,
        target,
        achieved,
        version.rules.band(achieved)[0],
        lines,
        sum((line.amount for line in lines), Decimal(0)),
    )
