"""Quotes: drafted on an opportunity, issued (or held for the discount's approver), approved
or rejected, accepted — which places the order and wins the opportunity, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.contracts.envelope import EventData
from crm_common.contracts.events.opportunities.v1 import (
    OrderPlaced,
    QuoteAccepted,
    QuoteApprovalDecided,
    QuoteApprovalRequested,
    QuoteIssued,
)
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.policy import (
    DataType,
    name_seen_at,
    personal_data_level,
    phone_seen_at,
)
from crm_common.policy.audit import record_personal_data_access
from crm_common.policy.directory import dealer_of
from crm_common.policy.roles import has_function
from crm_opportunities.adapters import partner_store, sales_repository
from crm_opportunities.adapters.access import changeable_opportunities
from crm_opportunities.application.catalog import priced_for_quote
from crm_opportunities.application.opportunities import (
    advance_to_stage,
    opportunity_for_change,
    record_win,
)
from crm_opportunities.application.partners import open_applications
from crm_opportunities.domain.catalog import Configuration, QuoteTemplate
from crm_opportunities.domain.discounts import approver_level
from crm_opportunities.domain.opportunity import OpportunityClosed, OpportunityStatus, WonDeal
from crm_opportunities.domain.order import Order, OrderProcess
from crm_opportunities.domain.quote import LineKind, Quote, QuoteConflict, QuoteLine, QuoteStatus
from crm_opportunities.domain.quote_document import QuoteDocument
from crm_opportunities.domain.sales_settings import SalesSettings

DEPOSIT_SHARE = Decimal("0.10")
BALANCE_DUE = timedelta(days=30)
__all__ = ["QuoteConflict"]


class QuoteNotFound(LookupError):
    """No such quote the caller may act on (answered 404)."""


class QuoteTemplateNotFound(LookupError):
    """No such template of the opportunity's dealer (answered 404)."""


@dataclass(frozen=True, slots=True)
class QuoteDraft:
    lines: list[QuoteLine]
    extra_discount: Decimal
    configuration: Configuration | None = None
    """Priced with the dealer's prices into the first lines."""
    template_id: UUID | None = None
    """The dealer's template the quote starts from (its configuration unless the draft has one,
    then its lines, then the draft's)."""


def _issued(quote: Quote, now: datetime, by: str) -> QuoteIssued:
    return QuoteIssued(
        quote_id=quote.id,
        opportunity_id=quote.opportunity_id,
        dealer_id=quote.owner_org,
        at=now,
        version=quote.version,
        owner_user=by,
        total=quote.total,
        discount=quote.discount,
        partner_products=quote.partner_ids(),
    )


async def _quote_for_change(uow: UnitOfWork, quote_id: UUID, actor: Principal) -> Quote:
    quote = await sales_repository.quote_for_change(
        uow.session, quote_id, changeable_opportunities(actor)
    )
    if quote is None:
        raise QuoteNotFound("quote not found")
    return quote


async def draft_quote(
    opportunity_id: UUID, draft: QuoteDraft, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Quote:
    """The next version of the opportunity's quote, as a draft."""
    async with uow:
        opportunity = await opportunity_for_change(uow, opportunity_id, actor)
        if opportunity.status is not OpportunityStatus.OPEN:
            raise OpportunityClosed(f"opportunity is {opportunity.status.value}")
        configuration, lines, extra_discount = (
            draft.configuration,
            draft.lines,
            draft.extra_discount,
        )
        if draft.template_id is not None:
            template = await sales_repository.dealer_template(
                uow.session, draft.template_id, opportunity.tenant, opportunity.owner_org
            )
            if template is None:
                raise QuoteTemplateNotFound("quote template not found")
            configuration = configuration or template.configuration
            lines = [*template.lines, *lines]
            extra_discount = extra_discount or template.extra_discount
        if configuration is not None:
            priced = await priced_for_quote(
                uow.session, opportunity.tenant, opportunity.owner_org, configuration
            )
            lines = [*priced.quote_lines(), *lines]
        if not lines:
            raise InvalidInput("lines", "a quote needs a configuration or lines")
        quote = Quote(
            id=uuid4(),
            tenant=opportunity.tenant,
            owner_org=opportunity.owner_org,
            opportunity_id=opportunity.id,
            version=await sales_repository.next_version(uow.session, opportunity.id),
            lines=lines,
            extra_discount=extra_discount,
            status=QuoteStatus.DRAFT,
            approver_needed=None,
            decided_by=None,
            created_by=actor.user_id,
            created_at=now,
        )
        await sales_repository.add_quote(uow.session, quote)
        return quote


async def issue_quote(quote_id: UUID, actor: Principal, uow: UnitOfWork, *, now: datetime) -> Quote:
    """Moves the opportunity to the quote stage (its gates: a test drive first) and issues the
    quote, or holds it for the approver its discount needs."""
    async with uow:
        quote = await _quote_for_change(uow, quote_id, actor)
        opportunity = await opportunity_for_change(uow, quote.opportunity_id, actor)
        await advance_to_stage(uow, opportunity, "quote", actor, now)
        settings = await sales_repository.settings_of(uow.session, quote.tenant, quote.owner_org)
        needed = quote.issue(settings.discount_policy, now)
        await sales_repository.save_quote(uow.session, quote)
        event: EventData = (
            _issued(quote, now, opportunity.owner_user)
            if needed is None
            else QuoteApprovalRequested(
                quote_id=quote.id,
                opportunity_id=quote.opportunity_id,
                dealer_id=quote.owner_org,
                at=now,
                version=quote.version,
                discount=quote.discount,
                discount_percent=quote.discount_percent,
                approver_level=needed.value,
                requested_by=actor.user_id,
            )
        )
        await uow.publish_about(
            actor=actor.user_id, tenant=quote.tenant, owner_org=quote.owner_org, events=[event]
        )
        return quote


async def decide_quote(
    quote_id: UUID,
    approve: bool,
    note: str | None,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> Quote:
    """The sales manager (within the manager's limit) or the dealer decides the discount."""
    held = approver_level(
        frozenset(
            f for f in ("quote.approve", "quote.approve.dealer") if has_function(actor.roles, f)
        )
    )
    async with uow:
        quote = await _quote_for_change(uow, quote_id, actor)
        quote.decide(approve, held, actor.user_id, now)
        await sales_repository.save_quote(uow.session, quote)
        events: list[EventData] = [
            QuoteApprovalDecided(
                quote_id=quote.id,
                opportunity_id=quote.opportunity_id,
                dealer_id=quote.owner_org,
                at=now,
                version=quote.version,
                approved=approve,
                decided_by=actor.user_id,
                note=note,
            )
        ]
        if approve:
            events.append(_issued(quote, now, quote.created_by))
        await uow.publish_about(
            actor=actor.user_id, tenant=quote.tenant, owner_org=quote.owner_org, events=events
        )
        return quote


async def accept_quote(
    quote_id: UUID, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Order:
    """The customer accepts: the order is placed in the dealer's process, its payments are
    planned (deposit now, balance in 30 days), and the opportunity is won (DealWon)."""
    async with uow:
        quote = await _quote_for_change(uow, quote_id, actor)
        opportunity = await opportunity_for_change(uow, quote.opportunity_id, actor)
        settings = await sales_repository.settings_of(uow.session, quote.tenant, quote.owner_org)
        order = Order(
            id=uuid4(),
            tenant=quote.tenant,
            owner_org=quote.owner_org,
            opportunity_id=quote.opportunity_id,
            quote_id=quote.id,
            owner_user=opportunity.owner_user,
            process=settings.order_process,
            total=quote.total,
            steps_done=[],
            deposit=Decimal(0),
            created_at=now,
        )
        quote.accept(order.id, now)
        await sales_repository.save_quote(uow.session, quote)
        await sales_repository.add_order(uow.session, order)
        await open_applications(uow, quote, order, now, actor)
        await _plan_collections(uow, order, now)
        vehicle = quote.vehicle
        if vehicle is None:
            raise QuoteConflict("a quote needs a vehicle line")
        await record_win(
            uow,
            opportunity,
            order_id=order.id,
            deal=WonDeal(
                model_code=vehicle.code,
                trim_code=None,
                units=1,
                revenue=quote.total,
                gross_margin=quote.gross_margin,
                msrp=vehicle.list_price,
                finance_attached=quote.has(LineKind.FINANCE),
                insurance_attached=quote.has(LineKind.INSURANCE),
            ),
            actor=actor,
            now=now,
        )
        await uow.publish_about(
            actor=actor.user_id,
            tenant=quote.tenant,
            owner_org=quote.owner_org,
            events=[
                QuoteAccepted(
                    quote_id=quote.id,
                    opportunity_id=quote.opportunity_id,
                    dealer_id=quote.owner_org,
                    at=now,
                    version=quote.version,
                    order_id=order.id,
                    total=quote.total,
                ),
                OrderPlaced(
                    order_id=order.id,
                    opportunity_id=order.opportunity_id,
                    dealer_id=order.owner_org,
                    at=now,
                    quote_id=quote.id,
                    owner_user=order.owner_user,
                    process=order.process.value,
                    total=order.total,
                ),
            ],
        )
        return order


async def _plan_collections(uow: UnitOfWork, order: Order, now: datetime) -> None:
    """What the order will bring in and when: part of the weighted forecast (计划收款)."""
    today = now.date()
    if order.process is OrderProcess.DEPOSIT_FIRST:
        deposit = (order.total * DEPOSIT_SHARE).quantize(Decimal("0.01"), ROUND_HALF_UP)
        plan = [
            (today, deposit, "deposit"),
            (today + BALANCE_DUE, order.total - deposit, "balance"),
        ]
    else:
        plan = [(today, order.total, "payment")]
    await partner_store.plan_collections(uow.session, order, plan)


async def define_quote_template(
    template: QuoteTemplate, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> UUID:
    """A template of the caller's dealer; its configuration must price with today's catalogue."""
    async with uow:
        dealer = await dealer_of(uow.session, actor.tenant, actor.org_node)
        if dealer is None:
            raise InvalidInput("org", "quote templates are a dealer's")
        if template.configuration is not None:
            await priced_for_quote(uow.session, actor.tenant, dealer, template.configuration)
        return await sales_repository.add_template(
            uow.session,
            tenant=actor.tenant,
            dealer=dealer,
            template=template,
            created_by=actor.user_id,
            now=now,
        )


async def set_sales_settings(
    settings: SalesSettings, actor: Principal, uow: UnitOfWork
) -> SalesSettings:
    """The dealer's discount limits, order process and quote print settings (the next quotes
    and orders follow them; those already placed keep theirs)."""
    async with uow:
        dealer = await dealer_of(uow.session, actor.tenant, actor.org_node)
        if dealer is None:
            raise InvalidInput("org", "sales settings are a dealer's")
        await sales_repository.save_settings(uow.session, actor.tenant, dealer, settings)
        return settings


async def quote_document(
    sessions: async_sessionmaker[AsyncSession],
    actor: Principal,
    quote_id: UUID,
    *,
    now: datetime,
    timezone: str,
) -> QuoteDocument:
    """The quote as the customer gets it, on the dealer's letterhead: personal data as the
    caller may see it, the read audited (in the same transaction)."""
    local = ZoneInfo(timezone)
    async with sessions() as session, session.begin():
        found = await sales_repository.quote_for_print(session, actor, quote_id)
        if found is None:
            raise QuoteNotFound("quote not found")
        quote = found.quote
        settings = await sales_repository.settings_of(session, quote.tenant, quote.owner_org)
        level = personal_data_level(
            actor, owner_user=found.owner_user, owner_org=quote.owner_org, shared=found.shared
        )
        await record_personal_data_access(
            session,
            actor,
            action="read",
            resource_type=DataType.OPPORTUNITY,
            resource_id=str(quote.opportunity_id),
            owner_org=quote.owner_org,
            fields=("customer_name", "phone"),
            level=level,
            endpoint="GET /quotes/{id}/document",
        )
    return QuoteDocument(
        quote=quote,
        dealer_name=settings.letterhead.name if settings.letterhead else quote.owner_org,
        customer_name=name_seen_at(level, found.customer_name),
        customer_phone=phone_seen_at(level, found.phone),
        consultant=found.owner_user,
        printed_at=now.astimezone(local),
        valid_until=(quote.issued_at or quote.created_at).astimezone(local).date()
        + timedelta(days=settings.quote_valid_days),
    )
