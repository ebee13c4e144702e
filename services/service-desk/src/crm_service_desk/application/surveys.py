"""Surveys (服务调查): designs and the rules that send them, a survey requested by a trigger
(a delivery, a resolved ticket, a service visit), answered on the public form or in a call,
and a low score opening a complaint with an owner — each in one unit of work with its
events and the messages to send."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from crm_common.auth import Principal
from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.service_desk.v1 import (
    SurveyAnswered,
    SurveyDesignSet,
    SurveyQuestion,
    SurveyRequested,
    SurveyRuleSet,
)
from crm_common.db import UnitOfWork
from crm_common.db.tenancy import acting_for
from crm_common.errors import InvalidInput
from crm_common.policy.directory import dealer_of
from crm_service_desk.adapters import repository, survey_store
from crm_service_desk.adapters.access import changeable_surveys
from crm_service_desk.application.tickets import OpenTicket, open_in
from crm_service_desk.domain.surveys import (
    Design,
    SurveyChannel,
    Trigger,
    check_open,
    new_link_token,
    score,
    token_digest,
)
from crm_service_desk.domain.tickets import Channel, Customer, Priority, TicketKind

SURVEY_SYSTEM = "system:surveys"


class SurveyNotFound(LookupError):
    """No such survey (or design) the caller may act on (answered 404)."""


async def add_design(
    name: str,
    design: Design,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
    design_key: UUID | None = None,
) -> tuple[UUID, UUID, int]:
    """A new design of the caller's node, or the next version of one of its designs,
    published (``SurveyDesignSet``: a dealer that runs its own deployment receives the designs
    of the nodes above it). Returns (design id, design key, version)."""
    async with uow:
        node = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        version = 1
        if design_key is not None:
            latest = await survey_store.latest_design(uow.session, actor.tenant, design_key, [node])
            if latest is None:
                raise SurveyNotFound("survey design not found")
            version = latest["version"] + 1
        design_key = design_key or uuid4()
        design_id = uuid4()
        questions = survey_store.questions_to_json(design)
        await survey_store.add_design(
            uow.session,
            {
                "id": design_id,
                "tenant": actor.tenant,
                "owner_org": node,
                "design_key": design_key,
                "version": version,
                "name": name,
                "questions": questions,
                "low_nps_at_most": design.low_nps_at_most,
                "low_csi_below": design.low_csi_below,
                "created_by": actor.user_id,
                "created_at": now,
            },
        )
        await uow.publish_about(
            [
                SurveyDesignSet(
                    design_id=design_id,
                    design_key=design_key,
                    version=version,
                    org_node=node,
                    dealer_id=await dealer_of(uow.session, actor.tenant, node),
                    name=name,
                    questions=[SurveyQuestion.model_validate(q) for q in questions],
                    low_nps_at_most=design.low_nps_at_most,
                    low_csi_below=design.low_csi_below,
                    set_by=actor.user_id,
                    at=now,
                )
            ],
            tenant=actor.tenant,
            owner_org=node,
            actor=actor.user_id,
        )
    return design_id, design_key, version


async def take_design_from_hq(uow: UnitOfWork, event: Envelope[SurveyDesignSet]) -> None:
    """At a dealer's own deployment: a design version of HQ or of the dealer's region, come
    down over the link, kept as it is there (its id, key, version and node: the dealer's rules
    and the rules that came down send it). A redelivery changes nothing."""
    data = event.data
    await survey_store.keep_design(
        uow.session,
        {
            "id": data.design_id,
            "tenant": event.tenant,
            "owner_org": data.org_node,
            "design_key": data.design_key,
            "version": data.version,
            "name": data.name,
            "questions": [q.model_dump() for q in data.questions],
            "low_nps_at_most": data.low_nps_at_most,
            "low_csi_below": data.low_csi_below,
            "created_by": data.set_by,
            "created_at": data.at,
        },
    )


async def take_survey_rule_from_hq(uow: UnitOfWork, event: Envelope[SurveyRuleSet]) -> None:
    """At a dealer's own deployment: which design a node above it sends on a trigger, come
    down over the link and kept as set there — but for the complaint's owner, a user of that
    node's book at HQ whom the dealer's deployment does not have: a low score there opens
    the complaint for whoever the trigger names at the dealer. Applied again, it changes
    nothing."""
    data = event.data
    await survey_store.set_rule(
        uow.session,
        {
            "tenant": event.tenant,
            "owner_org": data.org_node,
            "trigger": data.trigger,
            "design_key": data.design_key,
            "channel": data.channel,
            "link_days": data.link_days,
            "complaint_owner": None,
        },
    )


@dataclass(frozen=True, slots=True)
class SurveyRule:
    trigger: Trigger
    design_key: UUID
    channel: SurveyChannel
    link_days: int
    complaint_owner: str | None


async def set_rule(rule: SurveyRule, actor: Principal, uow: UnitOfWork, *, now: datetime) -> None:
    """Which design the caller's node (and the books below without their own rule) sends on
    a trigger; the design is the node's own or one shared down from above. Published
    (``SurveyRuleSet``), as designs are."""
    async with uow:
        node = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        chain = await repository.org_chain(uow.session, actor.tenant, node)
        if (
            await survey_store.latest_design(uow.session, actor.tenant, rule.design_key, chain)
            is None
        ):
            raise InvalidInput("design_key", "no such survey design for this node")
        if rule.complaint_owner is not None and (
            await repository.staff_member(uow.session, actor.tenant, rule.complaint_owner, node)
            is None
        ):
            raise InvalidInput("complaint_owner", "no such active user in this book")
        await survey_store.set_rule(
            uow.session,
            {
                "tenant": actor.tenant,
                "owner_org": node,
                "trigger": rule.trigger.value,
                "design_key": rule.design_key,
                "channel": rule.channel.value,
                "link_days": rule.link_days,
                "complaint_owner": rule.complaint_owner,
            },
        )
        await uow.publish_about(
            [
                SurveyRuleSet(
                    org_node=node,
                    dealer_id=await dealer_of(uow.session, actor.tenant, node),
                    trigger=rule.trigger.value,
                    design_key=rule.design_key,
                    channel=rule.channel.value,
                    link_days=rule.link_days,
                    complaint_owner=rule.complaint_owner,
                    set_by=actor.user_id,
                    at=now,
                )
            ],
            tenant=actor.tenant,
            owner_org=node,
            actor=actor.user_id,
        )


@dataclass(frozen=True, slots=True)
class SurveyFor:
    """Who a triggered survey goes to and what it is about."""

    tenant: str
    book: str
    trigger: Trigger
    source: str
    """The triggering fact, e.g. ``order:<id>:delivered``: one survey per fact."""
    customer_id: UUID | None
    customer_name: str | None = None
    phone: str | None = None
    vin: str | None = None
    ticket_id: UUID | None = None
    fallback_owner: str | None = None
    """Who owns a complaint a low score opens when the rule names nobody."""


async def request_survey(
    uow: UnitOfWork, survey: SurveyFor, *, now: datetime, link_base_url: str
) -> UUID | None:
    """Inside the caller's transaction: the survey the book's rule sends on the trigger, if
    any and not sent for this fact already. A link goes by SMS or e-mail when the customer's
    after-sales file has a contact (else the call center asks the questions)."""
    session = uow.session
    chain = await repository.org_chain(session, survey.tenant, survey.book)
    rule = await survey_store.rule_for(session, survey.tenant, chain, survey.trigger.value)
    if rule is None:
        return None
    design = await survey_store.latest_design(session, survey.tenant, rule["design_key"])
    if design is None:
        return None
    name, phone, email = survey.customer_name, survey.phone, None
    if survey.customer_id is not None:
        known = await survey_store.profile(session, survey.tenant, survey.customer_id)
        if known is not None:
            name = name or known["name"]
            phone = phone or known["phone"]
            email = known["email"]
    channel = SurveyChannel(rule["channel"])
    if channel is SurveyChannel.LINK and phone is None and email is None:
        channel = SurveyChannel.CALL
    token = new_link_token() if channel is SurveyChannel.LINK else None
    response_id = uuid4()
    expires_at = now + timedelta(days=rule["link_days"])
    added = await survey_store.add_response(
        session,
        {
            "id": response_id,
            "tenant": survey.tenant,
            "owner_org": survey.book,
            "design_id": design["id"],
            "trigger": survey.trigger.value,
            "channel": channel.value,
            "source": survey.source,
            "customer_id": survey.customer_id,
            "customer_name": name,
            "phone": phone,
            "email": email,
            "vin": survey.vin,
            "ticket_id": survey.ticket_id,
            "complaint_owner": rule["complaint_owner"] or survey.fallback_owner,
            "token_digest": None if token is None else token_digest(token),
            "requested_at": now,
            "expires_at": expires_at,
        },
    )
    if not added:
        return None
    if token is not None:
        link = f"{link_base_url.rstrip('/')}/public/surveys/{token}"
        text = (
            f"{design['name']}: 感谢您的信任, 请为我们的服务评分. Please rate our service: {link}"
        )
        for kind, recipient in (("sms", phone), ("email", email)):
            if recipient is not None:
                await survey_store.queue_notification(
                    session,
                    {
                        "tenant": survey.tenant,
                        "owner_org": survey.book,
                        "channel": kind,
                        "recipient": recipient,
                        "subject": design["name"],
                        "body": text,
                        "reference": f"survey:{response_id}",
                        "created_at": now,
                        "next_attempt_at": now,
                    },
                )
    await uow.publish_about(
        [
            SurveyRequested(
                survey_response_id=response_id,
                design_id=design["id"],
                dealer_id=survey.book,
                at=now,
                trigger=survey.trigger.value,
                channel=channel.value,
                customer_id=survey.customer_id,
                customer_name=name,
                phone=phone,
                expires_at=expires_at,
            )
        ],
        tenant=survey.tenant,
        owner_org=survey.book,
        actor=SURVEY_SYSTEM,
    )
    return response_id


async def public_survey(uow: UnitOfWork, token: str, *, now: datetime) -> dict[str, Any]:
    """The design behind a one-time link, while it may be answered."""
    with acting_for([await _tenant_of_link(uow, token)]):
        async with uow:
            response = await survey_store.response_for_token(uow.session, token_digest(token))
            if response is None:
                raise SurveyNotFound("survey not found")
            check_open(
                answered_at=response["answered_at"], expires_at=response["expires_at"], now=now
            )
            design = await survey_store.design(uow.session, response["design_id"])
            return {
                "name": design["name"],
                "questions": design["questions"],
                "expires_at": response["expires_at"],
            }


async def _tenant_of_link(uow: UnitOfWork, token: str) -> str:
    """The public form names no tenant: the link's survey says which."""
    async with uow:
        tenant = await survey_store.tenant_of_link(uow.session, token_digest(token))
    if tenant is None:
        raise SurveyNotFound("survey not found")
    return tenant


async def answer_by_link(
    uow: UnitOfWork, token: str, answers: dict[str, Any], *, now: datetime, timezone: str
) -> bool:
    """The customer's answer on the public form; returns whether it was a low score."""
    with acting_for([await _tenant_of_link(uow, token)]):
        async with uow:
            response = await survey_store.response_for_token(uow.session, token_digest(token))
            if response is None:
                raise SurveyNotFound("survey not found")
            return await _record(uow, response, answers, now=now, timezone=timezone, by=None)


async def answer_in_call(
    response_id: UUID,
    answers: dict[str, Any],
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
    timezone: str,
) -> bool:
    """The answers an agent took in the survey call (the caller's own write scope)."""
    async with uow:
        response = await survey_store.response_for_change(
            uow.session, response_id, changeable_surveys(actor)
        )
        if response is None:
            raise SurveyNotFound("survey not found")
        return await _record(uow, response, answers, now=now, timezone=timezone, by=actor.user_id)


async def _record(
    uow: UnitOfWork,
    response: Any,
    answers: dict[str, Any],
    *,
    now: datetime,
    timezone: str,
    by: str | None,
) -> bool:
    check_open(answered_at=response["answered_at"], expires_at=response["expires_at"], now=now)
    design_row = await survey_store.design(uow.session, response["design_id"])
    scored = score(survey_store.design_from_row(design_row), answers)
    complaint_id = None
    if scored.low_score:
        complaint_id = await _open_complaint(uow, response, scored.nps, scored.csi, now, timezone)
    await survey_store.record_answer(
        uow.session,
        response["id"],
        answers=scored.answers,
        nps=scored.nps,
        csi=scored.csi,
        low_score=scored.low_score,
        complaint_ticket_id=complaint_id,
        at=now,
    )
    await uow.publish_about(
        [
            SurveyAnswered(
                survey_response_id=response["id"],
                design_id=response["design_id"],
                dealer_id=response["owner_org"],
                at=now,
                trigger=response["trigger"],
                channel=response["channel"],
                nps=scored.nps,
                csi=scored.csi,
                low_score=scored.low_score,
            )
        ],
        tenant=response["tenant"],
        owner_org=response["owner_org"],
        actor=by or SURVEY_SYSTEM,
    )
    return scored.low_score


async def _open_complaint(
    uow: UnitOfWork,
    response: Any,
    nps: int | None,
    csi: float | None,
    now: datetime,
    timezone: str,
) -> UUID:
    owner = response["complaint_owner"]
    team = (
        None
        if owner is None
        else await repository.staff_member(
            uow.session, response["tenant"], owner, response["owner_org"]
        )
    )
    scores = ", ".join(
        part
        for part in (
            f"NPS {nps}" if nps is not None else "",
            f"CSI {csi}" if csi is not None else "",
        )
        if part
    )
    ticket = await open_in(
        uow,
        OpenTicket(
            subject=f"调查低分 Low survey score ({scores})",
            kind=TicketKind.COMPLAINT,
            channel=Channel.SURVEY,
            priority=Priority.HIGH,
            description="Opened by the survey's low score; see the survey's answers.",
        ),
        tenant=response["tenant"],
        book=response["owner_org"],
        opened_by=SURVEY_SYSTEM,
        owner=owner,
        owner_team=team,
        customer=Customer(response["customer_id"], response["customer_name"], response["phone"]),
        vin=response["vin"],
        lead_id=None,
        now=now,
        timezone=timezone,
        survey_response_id=response["id"],
    )
    return ticket.id
