"""Writing events to the outbox, in the transaction of the change they tell of."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pydantic_core import to_json
from sqlalchemy import ARRAY, Insert, Text, bindparam, cast, func, insert, select
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.contracts.envelope import Envelope
from crm_common.db.tables import outbox
from crm_common.messaging.headers import event_headers

_COLUMNS = ("event_id", "topic", "key", "event_type", "payload", "headers")
_ROWS = (
    func.unnest(
        bindparam("outbox_event_ids", type_=ARRAY(UUID(as_uuid=True))),
        *(bindparam(f"outbox_{name}", type_=ARRAY(Text)) for name in _COLUMNS[1:]),
    )
    .table_valued(*_COLUMNS, with_ordinality="n")
    .render_derived()
)
OUTBOX_ROWS: Insert = insert(outbox).from_select(
    list(_COLUMNS),
    select(
        _ROWS.c.event_id,
        _ROWS.c.topic,
        _ROWS.c.key,
        _ROWS.c.event_type,
        cast(_ROWS.c.payload, JSONB),
        cast(_ROWS.c.headers, JSONB),
    ).order_by(_ROWS.c.n),
)
"""One statement for any number of events, their rows in the order given (a bulk import
writes thousands per transaction; a row-by-row insert was a third of its time). Built once, so
SQLAlchemy keeps its compiled form; its values are ``outbox_values``. A command may send it
together with its own rows (``add_cte``): one round trip for the change and its events."""


def outbox_values(events: Sequence[Envelope[Any]]) -> dict[str, list[Any]]:
    """The bound values of ``OUTBOX_ROWS`` for these events."""
    return {
        "outbox_event_ids": [event.id for event in events],
        "outbox_topic": [event.topic() for event in events],
        "outbox_key": [event.key() for event in events],
        "outbox_event_type": [event.type for event in events],
        "outbox_payload": [event.model_dump_json() for event in events],
        # pydantic's encoder: a fifth of json.dumps' time for these few strings.
        "outbox_headers": [to_json(event_headers(event)).decode() for event in events],
    }


async def add_to_outbox(session: AsyncSession, events: Iterable[Envelope[Any]]) -> None:
    """Adds the events' rows in the order given (the relay publishes them in that order)."""
    batch = list(events)
    if batch:
        await session.execute(OUTBOX_ROWS, outbox_values(batch))
