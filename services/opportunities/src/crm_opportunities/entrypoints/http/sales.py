"""HTTP API of quotes and orders: thin — parse, call one command, shape the answer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import Page
from crm_opportunities.application import orders as order_commands
from crm_opportunities.application import quotes as quote_commands
from crm_opportunities.application.opportunities import OpportunityNotFound
from crm_opportunities.domain.catalog import QuoteTemplate
from crm_opportunities.domain.order import Order
from crm_opportunities.domain.quote import Quote
from crm_opportunities.domain.quote_document import render_quote_html
from crm_opportunities.domain.sales_settings import SalesSettings
from crm_opportunities.entrypoints.http.quote_pdf import render_quote_pdf
from crm_opportunities.entrypoints.http.sales_schemas import (
    ApprovalDecision,
    Cancellation,
    ConfigurationIn,
    OrderPublic,
    OrderStep,
    QuoteCreate,
    QuoteLineIn,
    QuotePublic,
    QuoteTemplateCreate,
    QuoteTemplatePublic,
)
from crm_opportunities.views import sales as views

router = APIRouter(tags=["quotes and orders"])
_RESPONSES: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "No such record visible to the caller"},
    409: {"description": "Its state does not allow it (the detail says why)"},
}


def _quote_public(quote: Quote) -> QuotePublic:
    return QuotePublic(
        id=quote.id,
        opportunity_id=quote.opportunity_id,
        version=quote.version,
        status=quote.status,
        lines=[QuoteLineIn.of(ln) for ln in quote.lines],
        list_total=quote.list_total,
        extra_discount=quote.extra_discount,
        discount=quote.discount,
        discount_percent=quote.discount_percent,
        total=quote.total,
        gross_margin=quote.gross_margin,
        approver_needed=quote.approver_needed,
        decided_by=quote.decided_by,
        issued_at=quote.issued_at,
        accepted_at=quote.accepted_at,
        order_id=quote.order_id,
    )


def _order_public(order: Order) -> OrderPublic:
    return OrderPublic(
        id=order.id,
        opportunity_id=order.opportunity_id,
        quote_id=order.quote_id,
        owner_user=order.owner_user,
        process=order.process,
        total=order.total,
        deposit=order.deposit,
        steps_done=order.steps_done,
        next_step=order.next_step,
        vin=order.vin,
        delivered_on=order.delivered_on,
        cancelled_at=order.cancelled_at,
        cancel_reason=order.cancel_reason,
        refunded_at=order.refunded_at,
    )


@router.post(
    "/opportunities/{opportunity_id}/quotes",
    status_code=status.HTTP_201_CREATED,
    response_model=QuotePublic,
    responses=_RESPONSES,
)
async def draft_quote(
    opportunity_id: UUID,
    body: QuoteCreate,
    actor: Annotated[Principal, requires("opportunity.work")],
    db: Database,
    now: Now,
) -> QuotePublic:
    """The next version of the opportunity's quote, as a draft: a configuration priced by the
    configurator with the dealer's prices, and lines that carry their own list price, price and
    cost (accessories off the list, warranty, partners' products, trade-in credit, fees)."""
    quote = await quote_commands.draft_quote(
        opportunity_id,
        quote_commands.QuoteDraft(
            lines=[ln.quote_line() for ln in body.lines],
            extra_discount=body.extra_discount,
            configuration=body.configuration.configuration() if body.configuration else None,
            template_id=body.template_id,
        ),
        actor,
        UnitOfWork(db),
        now=now,
    )
    return _quote_public(quote)


@router.get("/quotes/{quote_id}", response_model=QuotePublic, responses=_RESPONSES)
async def get_quote(
    quote_id: UUID, actor: Annotated[Principal, requires("opportunity.read")], db: Database
) -> QuotePublic:
    quote = await views.quote_for(db, actor, quote_id)
    if quote is None:
        raise quote_commands.QuoteNotFound("quote not found")
    return _quote_public(quote)


@router.post("/quotes/{quote_id}/issue", response_model=QuotePublic, responses=_RESPONSES)
async def issue_quote(
    quote_id: UUID,
    actor: Annotated[Principal, requires("opportunity.work")],
    db: Database,
    now: Now,
) -> QuotePublic:
    """Issued to the customer, or (a discount beyond the consultant's limit) held for the
    sales manager's or the dealer's approval. Moves the opportunity to the quote stage."""
    quote = await quote_commands.issue_quote(quote_id, actor, UnitOfWork(db), now=now)
    return _quote_public(quote)


@router.post("/quotes/{quote_id}/approval", response_model=QuotePublic, responses=_RESPONSES)
async def decide_quote(
    quote_id: UUID,
    body: ApprovalDecision,
    actor: Annotated[Principal, requires("quote.approve")],
    db: Database,
    now: Now,
) -> QuotePublic:
    """A sales manager decides up to the manager's limit, a dealer admin beyond it (409 when
    the discount is beyond the caller's level)."""
    quote = await quote_commands.decide_quote(
        quote_id, body.approve, body.note, actor, UnitOfWork(db), now=now
    )
    return _quote_public(quote)


@router.post(
    "/quotes/{quote_id}/acceptance",
    status_code=status.HTTP_201_CREATED,
    response_model=OrderPublic,
    responses=_RESPONSES,
)
async def accept_quote(
    quote_id: UUID, actor: Annotated[Principal, requires("order.manage")], db: Database, now: Now
) -> OrderPublic:
    """The customer accepts: the order is placed and the opportunity won (DealWon)."""
    order = await quote_commands.accept_quote(quote_id, actor, UnitOfWork(db), now=now)
    return _order_public(order)


@router.get("/orders/{order_id}", response_model=OrderPublic, responses=_RESPONSES)
async def get_order(
    order_id: UUID, actor: Annotated[Principal, requires("opportunity.read")], db: Database
) -> OrderPublic:
    order = await views.order_for(db, actor, order_id)
    if order is None:
        raise order_commands.OrderNotFound("order not found")
    return _order_public(order)


@router.post("/orders/{order_id}/steps", response_model=OrderPublic, responses=_RESPONSES)
async def complete_step(
    order_id: UUID,
    body: OrderStep,
    request: Request,
    actor: Annotated[Principal, requires("order.manage")],
    db: Database,
    now: Now,
) -> OrderPublic:
    """The next step of the dealer's order process (deposit_paid → ordered → delivered → paid,
    or paid → ordered → delivered); delivery needs the VIN."""
    today = now.astimezone(ZoneInfo(request.app.state.settings.business_timezone)).date()
    order = await order_commands.complete_step(
        order_id,
        body.step,
        amount=body.amount,
        vin=body.vin,
        actor=actor,
        uow=UnitOfWork(db),
        now=now,
        today=today,
    )
    return _order_public(order)


@router.post("/orders/{order_id}/cancellation", response_model=OrderPublic, responses=_RESPONSES)
async def cancel_order(
    order_id: UUID,
    body: Cancellation,
    actor: Annotated[Principal, requires("order.cancel")],
    db: Database,
    now: Now,
) -> OrderPublic:
    """Before delivery; the won deal is undone and the deposit is to be refunded."""
    order = await order_commands.cancel_order(order_id, body.reason, actor, UnitOfWork(db), now=now)
    return _order_public(order)


@router.post("/orders/{order_id}/refund", response_model=OrderPublic, responses=_RESPONSES)
async def refund_deposit(
    order_id: UUID, actor: Annotated[Principal, requires("order.cancel")], db: Database, now: Now
) -> OrderPublic:
    """The cancelled order's deposit was paid back (once)."""
    order = await order_commands.refund_deposit(order_id, actor, UnitOfWork(db), now=now)
    return _order_public(order)


@router.get(
    "/opportunities/{opportunity_id}/quotes",
    response_model=list[QuotePublic],
    responses=_RESPONSES,
)
async def list_quote_versions(
    opportunity_id: UUID,
    actor: Annotated[Principal, requires("opportunity.read")],
    db: Database,
    page: Page,
) -> list[QuotePublic]:
    """The versions of the opportunity's quote, newest first, a page at a time."""
    versions = await views.quote_versions(
        db, actor, opportunity_id, limit=page.limit, offset=page.offset
    )
    if versions is None:
        raise OpportunityNotFound("opportunity not found")
    return [_quote_public(quote) for quote in versions]


@router.get(
    "/quotes/{quote_id}/document",
    responses={
        **_RESPONSES,
        200: {
            "description": "The printable quote",
            "content": {"text/html": {}, "application/pdf": {}},
        },
    },
    response_class=Response,
)
async def print_quote(
    quote_id: UUID,
    request: Request,
    actor: Annotated[Principal, requires("opportunity.read")],
    db: Database,
    now: Now,
    output: Annotated[Literal["html", "pdf"], Query(alias="format")] = "html",
) -> Response:
    """The quote as the customer gets it (HTML, or PDF with Chinese text in the standard
    STSong font), on the dealer's letterhead; personal data as the caller may see it, the read
    audited."""
    document = await quote_commands.quote_document(
        db, actor, quote_id, now=now, timezone=request.app.state.settings.business_timezone
    )
    quote = document.quote
    name = f"quote-{str(quote.id)[:8]}-v{quote.version}"
    if output == "pdf":
        font = Path(request.app.state.settings.document_font_path)
        return Response(
            # Layout takes tens of milliseconds: off the event loop.
            await run_in_threadpool(render_quote_pdf, document, font),
            media_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="{name}.pdf"'},
        )
    return HTMLResponse(render_quote_html(document))


@router.post(
    "/quote-templates",
    status_code=status.HTTP_201_CREATED,
    response_model=QuoteTemplatePublic,
    responses={403: {"description": "The role lacks catalog.manage"}},
)
async def define_quote_template(
    body: QuoteTemplateCreate,
    actor: Annotated[Principal, requires("catalog.manage")],
    db: Database,
    now: Now,
) -> QuoteTemplatePublic:
    """A standard package of the dealer (报价模板): a configuration and lines a quote starts
    from."""
    template = QuoteTemplate(
        name=body.name,
        configuration=body.configuration.configuration() if body.configuration else None,
        lines=[ln.quote_line() for ln in body.lines],
        extra_discount=body.extra_discount,
    )
    template_id = await quote_commands.define_quote_template(
        template, actor, UnitOfWork(db), now=now
    )
    return QuoteTemplatePublic(
        id=template_id,
        name=body.name,
        configuration=body.configuration,
        lines=body.lines,
        extra_discount=body.extra_discount,
    )


@router.get(
    "/quote-templates",
    response_model=list[QuoteTemplatePublic],
    responses={403: {"description": "The role lacks opportunity.read"}},
)
async def list_quote_templates(
    actor: Annotated[Principal, requires("opportunity.read")],
    db: Database,
    page: Page,
) -> list[QuoteTemplatePublic]:
    """The caller's dealer's quote templates, oldest first, a page at a time."""
    return [
        QuoteTemplatePublic(
            id=stored.id,
            name=stored.template.name,
            configuration=None
            if stored.template.configuration is None
            else ConfigurationIn.of(stored.template.configuration),
            lines=[QuoteLineIn.of(ln) for ln in stored.template.lines],
            extra_discount=stored.template.extra_discount,
        )
        for stored in await views.quote_templates_of(
            db, actor, limit=page.limit, offset=page.offset
        )
    ]


@router.get(
    "/sales-settings",
    response_model=SalesSettings,
    responses={403: {"description": "The role lacks opportunity.read"}},
)
async def read_sales_settings(
    actor: Annotated[Principal, requires("opportunity.read")], db: Database
) -> SalesSettings:
    """The caller's dealer's discount limits, order process and quote print settings (the
    defaults until the dealer sets them; the defaults above dealers)."""
    return await views.sales_settings_for(db, actor)


@router.put(
    "/sales-settings",
    response_model=SalesSettings,
    responses={403: {"description": "The role lacks sales.configure"}},
)
async def set_sales_settings(
    body: SalesSettings,
    actor: Annotated[Principal, requires("sales.configure")],
    db: Database,
) -> SalesSettings:
    """The dealer admin sets the discount limits (consultant, then sales manager; beyond, the
    dealer), the order process, the letterhead and how long quotes stay valid."""
    return await quote_commands.set_sales_settings(body, actor, UnitOfWork(db))
