"""One envelope for every event (CloudEvents-like), see DESIGN.md "Events"."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any, ClassVar, Generic, TypeVar
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field

from crm_common.clock import utc_now
from crm_common.observability.context import current_trace


class TraceContext(BaseModel):
    model_config = ConfigDict(frozen=True)

    trace_id: str = Field(
        description="W3C trace id (32 hex) shared by everything one request caused"
    )
    correlation_id: str = Field(description="Id the caller gave, or the trace id")
    causation_id: str | None = Field(
        default=None, description="Id of the event that caused this one"
    )


class EventData(BaseModel):
    """Base of every event payload. Subclasses declare what they are and where they travel."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_type: ClassVar[str]
    """``<service>.<EventName>``, e.g. ``leads.LeadCreated``."""
    event_version: ClassVar[int]
    topic: ClassVar[str]
    """``crm.<service>.<aggregate>.v<major>``; keyed by aggregate id."""
    shared_as: ClassVar[str | None] = None
    """The data type (a ``crm_common.policy.DataType`` value) whose sharing agreement decides
    how far the event travels beyond the org that owns the record; None: not a dealer's record
    (the org tree, HQ's catalogue), shared as it is."""
    personal_fields: ClassVar[Mapping[str, str]] = {}
    """Fields carrying personal data and their kind (``phone``, ``name``, ``id_number``,
    ``address``): masked when the event is shared below the ``full`` level."""

    @abstractmethod
    def aggregate_key(self) -> str:
        """The Kafka key: the id of the aggregate, so its events stay in order."""


DataT = TypeVar("DataT")


class Envelope(BaseModel, Generic[DataT]):
    model_config = ConfigDict(frozen=True)

    id: UUID = Field(description="Unique event id; consumers deduplicate on it")
    type: str = Field(description="<service>.<EventName>")
    version: int = Field(ge=1)
    occurred_at: datetime = Field(description="UTC")
    tenant: str = Field(min_length=1, description="OEM the data belongs to")
    owner_org: str = Field(min_length=1, description="Org node that owns the record")
    actor: str | None = Field(default=None, description="User or system that caused it")
    trace: TraceContext
    data: DataT

    def topic(self) -> str:
        if not isinstance(self.data, EventData):
            raise TypeError("only envelopes of EventData have a topic")
        return self.data.topic

    def key(self) -> str:
        if not isinstance(self.data, EventData):
            raise TypeError("only envelopes of EventData have a key")
        return self.data.aggregate_key()


EventDataT = TypeVar("EventDataT", bound=EventData)


def new_event(
    data: EventDataT,
    *,
    tenant: str,
    owner_org: str,
    actor: str | None,
    causation_id: str | None = None,
) -> Envelope[EventDataT]:
    trace = current_trace()
    return Envelope(
        id=uuid4(),
        type=data.event_type,
        version=data.event_version,
        occurred_at=utc_now(),
        tenant=tenant,
        owner_org=owner_org,
        actor=actor,
        trace=_trace_context(trace.trace_id, trace.correlation_id, causation_id),
        data=data,
    )


@lru_cache(maxsize=256)
def _trace_context(trace_id: str, correlation_id: str, causation_id: str | None) -> TraceContext:
    """One (frozen) trace context for the events one piece of work publishes: a sweep or an
    import writes thousands with the same ids."""
    return TraceContext(trace_id=trace_id, correlation_id=correlation_id, causation_id=causation_id)


def event_schema(data_type: type[EventData]) -> dict[str, Any]:
    """JSON schema of the envelope carrying ``data_type``: what AsyncAPI documents."""
    return Envelope[data_type].model_json_schema()  # type: ignore[valid-type]
