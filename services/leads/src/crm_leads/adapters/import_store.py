"""SQL of bulk lead imports: the import job's, shared with every import
(``crm_common.import_jobs``, on leads' tables), and one slice of leads written set-based (a
statement per table, not per row)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.import_jobs.model import ImportJob
from crm_common.import_jobs.store import ImportJobStore
from crm_common.policy import DataType
from crm_leads.adapters.customer_dedup import Book, add_identifiers, customers_for
from crm_leads.adapters.import_tables import import_jobs
from crm_leads.domain.assignment import Candidate
from crm_leads.domain.customer_identifiers import IdentifierKind
from crm_leads.domain.lead_import import ImportRow, Repeat
from crm_leads.domain.origin import LeadOrigin

job_store = ImportJobStore(import_jobs, DataType.LEAD)


@dataclass(frozen=True, slots=True)
class StoredLeads:
    created: list[tuple[UUID, ImportRow]]
    """The leads this slice opened, with the row each came from."""
    attached: int


class LeadClosedMeanwhile(Exception):
    """A lead the slice attaches to was closed by a concurrent change: store the slice again."""


async def store_slice(
    session: AsyncSession,
    job: ImportJob,
    firsts: Sequence[ImportRow],
    repeats: Sequence[Repeat],
    *,
    pool_id: UUID,
    dedup_keys: Sequence[IdentifierKind],
    now: datetime,
) -> StoredLeads:
    """Customers, their identifiers, leads and history of one slice. ``firsts`` are of distinct
    customers and may open a lead; a first whose customer already has an open lead, and every
    repeat, attach to it."""
    book = Book(job.tenant, job.owner_org)
    customer_of = await customers_for(session, book, firsts, dedup_keys, now)
    await add_identifiers(
        session,
        book,
        [(customer_of[row.phone], row.identifiers) for row in firsts]
        + [(customer_of[r.first_phone], r.row.identifiers) for r in repeats],
    )
    new_ids = [uuid4() for _ in firsts]
    opened = await _open_leads(session, job, firsts, new_ids, customer_of, pool_id, now)
    created = [
        (lead_id, row) for lead_id, row in zip(new_ids, firsts, strict=True) if lead_id in opened
    ]
    attaching = [
        (customer_of[row.phone], row)
        for lead_id, row in zip(new_ids, firsts, strict=True)
        if lead_id not in opened
    ]
    attaching.extend((customer_of[r.first_phone], r.row) for r in repeats)
    lead_of = await _open_lead_of_customers(
        session, list({customer_id for customer_id, _ in attaching})
    )
    if any(customer_id not in lead_of for customer_id, _ in attaching):
        raise LeadClosedMeanwhile("a lead to attach to was closed meanwhile")
    history = [
        (lead_id, "created", f"imported (import {job.id}, row {row.row_number})")
        for lead_id, row in created
    ]
    history.extend(
        (
            lead_of[customer_id],
            "attached",
            f"submitted again via {row.source.value} (import {job.id}, row {row.row_number})",
        )
        for customer_id, row in attaching
    )
    await _add_history(session, job, history, now)
    await _audit_creation(session, job, [lead_id for lead_id, _ in created])
    return StoredLeads(created, len(attaching))


async def _open_leads(
    session: AsyncSession,
    job: ImportJob,
    rows: Sequence[ImportRow],
    ids: Sequence[UUID],
    customer_of: dict[str, UUID],
    pool_id: UUID,
    now: datetime,
) -> set[UUID]:
    """Insert the leads; a customer who already has an open lead (one-open-lead-per-customer)
    gets none. Returns the ids of the leads inserted."""
    if not rows:
        return set()
    inserted = await session.execute(
        text(
            """
            INSERT INTO leads (
                id, tenant, owner_org, customer_id, customer_name, phone, source,
                vehicle_interest, created_by, created_at, status, home_pool_id, pool_id
            )
            SELECT u.id, :tenant, :book, u.customer_id, u.name, u.phone, u.source,
                   u.vehicle_interest, :actor, :now, 'open', :pool, :pool
            FROM unnest(
                CAST(:ids AS uuid[]), CAST(:customer_ids AS uuid[]), CAST(:names AS text[]),
                CAST(:phones AS text[]), CAST(:sources AS text[]),
                CAST(:vehicle_interests AS text[])
            ) AS u(id, customer_id, name, phone, source, vehicle_interest)
            ON CONFLICT (customer_id) WHERE status IN ('open', 'loss_pending') DO NOTHING
            RETURNING id
            """
        ),
        {
            "tenant": job.tenant,
            "book": job.owner_org,
            "actor": job.created_by,
            "now": now,
            "pool": pool_id,
            "ids": list(ids),
            "customer_ids": [customer_of[row.phone] for row in rows],
            "names": [row.customer_name for row in rows],
            "phones": [row.phone for row in rows],
            "sources": [row.source.value for row in rows],
            "vehicle_interests": [row.vehicle_interest for row in rows],
        },
    )
    return set(inserted.scalars())


async def _open_lead_of_customers(
    session: AsyncSession, customer_ids: list[UUID]
) -> dict[UUID, UUID]:
    if not customer_ids:
        return {}
    found = await session.execute(
        text(
            """
            SELECT customer_id, id FROM leads
            WHERE customer_id = ANY(CAST(:customer_ids AS uuid[]))
              AND status IN ('open', 'loss_pending')
            """
        ),
        {"customer_ids": customer_ids},
    )
    return {customer_id: lead_id for customer_id, lead_id in found.all()}


async def _add_history(
    session: AsyncSession,
    job: ImportJob,
    entries: Sequence[tuple[UUID, str, str]],
    now: datetime,
) -> None:
    if not entries:
        return
    await session.execute(
        text(
            """
            INSERT INTO lead_history (lead_id, tenant, owner_org, kind, actor, reason, at)
            SELECT u.lead_id, :tenant, :book, u.kind, :actor, u.reason, :now
            FROM unnest(CAST(:lead_ids AS uuid[]), CAST(:kinds AS text[]), CAST(:reasons AS text[]))
                 AS u(lead_id, kind, reason)
            """
        ),
        {
            "tenant": job.tenant,
            "book": job.owner_org,
            "actor": job.created_by,
            "now": now,
            "lead_ids": [lead_id for lead_id, _, _ in entries],
            "kinds": [kind for _, kind, _ in entries],
            "reasons": [reason for _, _, reason in entries],
        },
    )


async def _audit_creation(session: AsyncSession, job: ImportJob, lead_ids: list[UUID]) -> None:
    """The personal-data audit of each lead created, as the single create writes it."""
    if not lead_ids:
        return
    await session.execute(
        text(
            """
            INSERT INTO personal_data_audit (
                tenant, owner_org, actor, actor_org, action, resource_type, resource_id,
                fields, level, endpoint
            )
            SELECT :tenant, :book, :actor, :actor_org, 'create', 'lead', CAST(u.id AS text),
                   ARRAY['customer_name', 'phone'], 'full', :endpoint
            FROM unnest(CAST(:lead_ids AS uuid[])) AS u(id)
            """
        ),
        {
            "tenant": job.tenant,
            "book": job.owner_org,
            "actor": job.created_by,
            "actor_org": job.created_by_org,
            "endpoint": f"POST /imports ({job.id})",
            "lead_ids": lead_ids,
        },
    )


async def assign_imported(
    session: AsyncSession,
    job: ImportJob,
    pool_id: UUID,
    assignments: Sequence[tuple[UUID, Candidate, LeadOrigin]],
    *,
    actor: str,
    reason: str,
    now: datetime,
) -> None:
    """Owners for freshly imported leads, as ``Lead.assign`` would set them one by one, with
    their history rows and the members' last assignment time — one statement each."""
    params = {
        "tenant": job.tenant,
        "book": job.owner_org,
        "actor": actor,
        "reason": reason,
        "now": now,
        "pool_id": pool_id,
        "lead_ids": [lead_id for lead_id, _, _ in assignments],
        "users": [c.user_id for _, c, _ in assignments],
        "teams": [c.org_node for _, c, _ in assignments],
        "origins": [origin.value for _, _, origin in assignments],
    }
    await session.execute(
        text(
            """
            UPDATE leads SET owner_user = u.user_id, owner_team = u.team, owned_since = :now,
                   ownership_origin = u.origin, pool_id = NULL, draw_until = NULL,
                   recycle_reminded_at = NULL
            FROM unnest(CAST(:lead_ids AS uuid[]), CAST(:users AS text[]), CAST(:teams AS text[]),
                        CAST(:origins AS text[]))
                 AS u(lead_id, user_id, team, origin)
            WHERE leads.id = u.lead_id
            """
        ),
        params,
    )
    await session.execute(
        text(
            """
            INSERT INTO lead_history
                (lead_id, tenant, owner_org, kind, actor, from_user, to_user, reason, at)
            SELECT u.lead_id, :tenant, :book, 'assigned', :actor, NULL, u.user_id, :reason, :now
            FROM unnest(CAST(:lead_ids AS uuid[]), CAST(:users AS text[])) AS u(lead_id, user_id)
            """
        ),
        params,
    )
    await session.execute(
        text(
            """
            UPDATE pool_members SET last_assigned_at = :now
            WHERE pool_id = :pool_id AND user_id = ANY(CAST(:users AS text[]))
            """
        ),
        params,
    )


async def route_imported(
    session: AsyncSession,
    job: ImportJob,
    routed: Sequence[tuple[UUID, UUID, UUID, str]],
    *,
    actor: str,
    now: datetime,
) -> None:
    """Imported leads placed by routing rules — (lead, pool, rule, rule's name) — as
    ``Lead.route`` places single ones: in the rule's pool, naming the rule, each with its
    ``routed`` history row; one statement each."""
    if not routed:
        return
    params = {
        "tenant": job.tenant,
        "book": job.owner_org,
        "actor": actor,
        "now": now,
        "lead_ids": [lead_id for lead_id, _, _, _ in routed],
        "pools": [pool_id for _, pool_id, _, _ in routed],
        "rules": [rule_id for _, _, rule_id, _ in routed],
        "names": [name for _, _, _, name in routed],
    }
    await session.execute(
        text(
            """
            UPDATE leads SET home_pool_id = u.pool_id, pool_id = u.pool_id,
                   routing_rule_id = u.rule_id
            FROM unnest(CAST(:lead_ids AS uuid[]), CAST(:pools AS uuid[]),
                        CAST(:rules AS uuid[])) AS u(lead_id, pool_id, rule_id)
            WHERE leads.id = u.lead_id
            """
        ),
        params,
    )
    await session.execute(
        text(
            """
            INSERT INTO lead_history
                (lead_id, tenant, owner_org, kind, actor, reason, rule, at)
            SELECT u.lead_id, :tenant, :book, 'routed', :actor, u.name,
                   'routing:' || u.rule_id::text, :now
            FROM unnest(CAST(:lead_ids AS uuid[]), CAST(:rules AS uuid[]), CAST(:names AS text[]))
                 AS u(lead_id, rule_id, name)
            """
        ),
        params,
    )
