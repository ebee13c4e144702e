"""The only definition of what crosses a service boundary: the envelope and versioned events."""

from crm_common.contracts.envelope import Envelope, EventData, TraceContext, new_event

__all__ = ["Envelope", "EventData", "TraceContext", "new_event"]
