"""Storing survey designs, rules and responses, customer profiles, vehicles and the
notifications waiting for the notifier: thin, one statement per need."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from crm_service_desk.adapters.tables import (
    customer_profiles,
    notifications,
    survey_designs,
    survey_responses,
    survey_rules,
    vehicles,
)
from crm_service_desk.domain.surveys import Design, Question, QuestionKind


def design_from_row(row: RowMapping | Any) -> Design:
    return Design(
        tuple(
            Question(
                code=q["code"],
                kind=QuestionKind(q["kind"]),
                text=q["text"],
                options=tuple(q.get("options", ())),
                scale_max=int(q.get("scale_max", 5)),
                weight=float(q.get("weight", 1.0)),
                required=bool(q.get("required", True)),
            )
            for q in row["questions"]
        ),
        low_nps_at_most=int(row["low_nps_at_most"]),
        low_csi_below=float(row["low_csi_below"]),
    )


def questions_to_json(design: Design) -> list[dict[str, Any]]:
    return [
        {
            "code": q.code,
            "kind": q.kind.value,
            "text": q.text,
            "options": list(q.options),
            "scale_max": q.scale_max,
            "weight": q.weight,
            "required": q.required,
        }
        for q in design.questions
    ]


async def add_design(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(insert(survey_designs).values(**values))


async def keep_design(session: AsyncSession, values: dict[str, Any]) -> None:
    """A design version as another installation added it (its id): once; a version never
    changes."""
    await session.execute(
        pg_insert(survey_designs).values(**values).on_conflict_do_nothing(index_elements=["id"])
    )


async def latest_design(
    session: AsyncSession, tenant: str, design_key: UUID, chain: Sequence[str] | None = None
) -> RowMapping | None:
    """The newest version of a design (of a node in ``chain`` when given: shared down)."""
    d = survey_designs
    query = select(d).where(d.c.tenant == tenant, d.c.design_key == design_key)
    if chain is not None:
        query = query.where(d.c.owner_org.in_(chain))
    return (
        (await session.execute(query.order_by(d.c.version.desc()).limit(1).with_for_update()))
        .mappings()
        .first()
    )


async def design(session: AsyncSession, design_id: UUID) -> RowMapping:
    return (
        (await session.execute(select(survey_designs).where(survey_designs.c.id == design_id)))
        .mappings()
        .one()
    )


async def set_rule(session: AsyncSession, values: dict[str, Any]) -> None:
    keys = ("tenant", "owner_org", "trigger")
    changes = {k: v for k, v in values.items() if k not in keys}
    await session.execute(
        pg_insert(survey_rules)
        .values(**values)
        .on_conflict_do_update(index_elements=[survey_rules.c[k] for k in keys], set_=changes)
    )


async def rule_for(
    session: AsyncSession, tenant: str, chain: Sequence[str], trigger: str
) -> RowMapping | None:
    """The nearest node's rule for ``trigger`` (None: no survey on it)."""
    r = survey_rules
    rows = (
        (
            await session.execute(
                select(r).where(
                    r.c.tenant == tenant, r.c.owner_org.in_(chain), r.c.trigger == trigger
                )
            )
        )
        .mappings()
        .all()
    )
    return min(rows, key=lambda row: chain.index(row["owner_org"])) if rows else None


async def add_response(session: AsyncSession, values: dict[str, Any]) -> bool:
    """False when the source already sent its survey (one survey per triggering fact)."""
    result = await session.execute(
        pg_insert(survey_responses)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["tenant", "source"])
        .returning(survey_responses.c.id)
    )
    return result.first() is not None


async def tenant_of_link(session: AsyncSession, digest: bytes) -> str | None:
    """The tenant of the survey a one-time link's token digest names, whatever the tenant: the
    link names none. Through the owner's function (migration 0010), since the api's role sees
    only the tenants it acts for."""
    tenant = await session.scalar(text("SELECT survey_link_tenant(:digest)"), {"digest": digest})
    return None if tenant is None else str(tenant)


async def response_for_token(session: AsyncSession, digest: bytes) -> RowMapping | None:
    r = survey_responses
    return (
        (await session.execute(select(r).where(r.c.token_digest == digest).with_for_update()))
        .mappings()
        .first()
    )


async def response_for_change(
    session: AsyncSession, response_id: UUID, allowed: ColumnElement[bool]
) -> RowMapping | None:
    """The survey, locked, if ``allowed`` (the caller's write scope) reaches it."""
    r = survey_responses
    return (
        (await session.execute(select(r).where(r.c.id == response_id, allowed).with_for_update()))
        .mappings()
        .first()
    )


async def record_answer(
    session: AsyncSession,
    response_id: UUID,
    *,
    answers: dict[str, Any],
    nps: int | None,
    csi: float | None,
    low_score: bool,
    complaint_ticket_id: UUID | None,
    at: datetime,
) -> None:
    await session.execute(
        update(survey_responses)
        .where(survey_responses.c.id == response_id)
        .values(
            answers=answers,
            nps=nps,
            csi=None if csi is None else Decimal(str(csi)),
            low_score=low_score,
            complaint_ticket_id=complaint_ticket_id,
            answered_at=at,
        )
    )


async def profile(session: AsyncSession, tenant: str, customer_id: UUID) -> RowMapping | None:
    p = customer_profiles
    return (
        (
            await session.execute(
                select(p).where(p.c.tenant == tenant, p.c.customer_id == customer_id)
            )
        )
        .mappings()
        .first()
    )


async def set_profile(session: AsyncSession, values: dict[str, Any]) -> None:
    keys = ("tenant", "customer_id")
    await session.execute(
        pg_insert(customer_profiles)
        .values(**values)
        .on_conflict_do_update(
            index_elements=[customer_profiles.c[k] for k in keys],
            set_={k: v for k, v in values.items() if k not in keys},
        )
    )


async def record_delivery(session: AsyncSession, values: dict[str, Any]) -> None:
    """The delivered vehicle joins after-sales (a redelivery of the event changes nothing)."""
    keys = ("tenant", "vin")
    await session.execute(
        pg_insert(vehicles)
        .values(**values)
        .on_conflict_do_update(
            index_elements=[vehicles.c[k] for k in keys],
            set_={k: v for k, v in values.items() if k not in keys},
        )
    )


async def record_service(
    session: AsyncSession, tenant: str, vin: str, on: Any, mileage_km: int | None
) -> None:
    v = vehicles
    values: dict[str, Any] = {"last_service_on": func.greatest(v.c.last_service_on, on)}
    if mileage_km is not None:
        values |= {"mileage_km": mileage_km, "mileage_on": on}
    await session.execute(update(v).where(v.c.tenant == tenant, v.c.vin == vin).values(**values))


_QUEUE = text(
    """
    INSERT INTO notifications (tenant, owner_org, channel, recipient, subject, body, reference,
                               created_at, next_attempt_at)
    SELECT * FROM unnest(
        CAST(:tenants AS text[]), CAST(:owner_orgs AS text[]), CAST(:channels AS text[]),
        CAST(:recipients AS text[]), CAST(:subjects AS text[]), CAST(:bodys AS text[]),
        CAST(:references AS text[]), CAST(:created_ats AS timestamptz[]),
        CAST(:next_attempt_ats AS timestamptz[])
    )
    ON CONFLICT (reference, channel) DO NOTHING
    """
)


async def queue_notifications(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Many messages in one statement, its parameters arrays whatever their number (each
    message at most once per reference and channel)."""
    if rows:
        await session.execute(
            _QUEUE,
            {
                f"{name}s": [row[name] for row in rows]
                for name in (
                    "tenant",
                    "owner_org",
                    "channel",
                    "recipient",
                    "subject",
                    "body",
                    "reference",
                    "created_at",
                    "next_attempt_at",
                )
            },
        )


async def queue_notification(session: AsyncSession, values: dict[str, Any]) -> bool:
    """False when a message with that reference was queued already (sent once at most)."""
    result = await session.execute(
        pg_insert(notifications)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["reference", "channel"])
        .returning(notifications.c.id)
    )
    return result.first() is not None


async def vehicle(session: AsyncSession, tenant: str, vin: str) -> RowMapping | None:
    v = vehicles
    return (
        (await session.execute(select(v).where(v.c.tenant == tenant, v.c.vin == vin)))
        .mappings()
        .first()
    )


async def claim_notifications(session: AsyncSession, now: datetime, limit: int) -> list[Any]:
    """Messages due to be sent, locked; another worker skips them meanwhile."""
    n = notifications
    rows = await session.execute(
        select(n)
        .where(n.c.sent_at.is_(None), n.c.next_attempt_at <= now)
        .order_by(n.c.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(rows.mappings())


async def mark_sent(session: AsyncSession, notification_id: int, at: datetime) -> None:
    n = notifications
    await session.execute(
        update(n)
        .where(n.c.id == notification_id)
        .values(sent_at=at, attempts=n.c.attempts + 1, last_error=None, next_attempt_at=None)
    )


async def mark_failed(
    session: AsyncSession, notification_id: int, error: str, retry_at: datetime | None
) -> None:
    n = notifications
    await session.execute(
        update(n)
        .where(n.c.id == notification_id)
        .values(attempts=n.c.attempts + 1, last_error=error[:2000], next_attempt_at=retry_at)
    )
