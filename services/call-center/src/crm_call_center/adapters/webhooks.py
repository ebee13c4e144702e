"""The signed-webhook adapter of the CTI port, for cloud contact centers: each call event is
one JSON document POSTed with an HMAC-SHA256 signature.

Signature: ``X-CRM-Signature: sha256=<hex of HMAC-SHA256(secret, "<timestamp>.<body>")>`` with
``X-CRM-Timestamp: <unix seconds>``. A request whose timestamp is further than the replay
window from now is refused like a bad signature, so a captured request cannot be replayed
later; one replayed inside the window changes nothing (events are deduplicated).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from crm_call_center.domain.cti import CtiEvent, CtiKind

SIGNATURE_HEADER = "X-CRM-Signature"
TIMESTAMP_HEADER = "X-CRM-Timestamp"


class WebhookRefused(Exception):
    """Missing, wrong or stale signature (answered 401)."""


def sign(secret: bytes, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(
    secret: bytes | None,
    *,
    signature: str | None,
    timestamp: str | None,
    body: bytes,
    now: datetime,
    window_seconds: int,
) -> None:
    """Raises ``WebhookRefused`` unless the body is signed with ``secret`` and fresh."""
    if secret is None:
        raise WebhookRefused("webhooks are not configured (no secret)")
    if not signature or not timestamp:
        raise WebhookRefused(f"missing {SIGNATURE_HEADER} or {TIMESTAMP_HEADER}")
    if not hmac.compare_digest(sign(secret, timestamp, body), signature):
        raise WebhookRefused("bad signature")
    try:
        sent = float(timestamp)
    except ValueError:
        raise WebhookRefused("bad timestamp") from None
    if abs(now.timestamp() - sent) > window_seconds:
        raise WebhookRefused("stale request (outside the replay window)")


WebhookType = Literal[
    "call.created",
    "call.queued",
    "call.ringing",
    "call.answered",
    "call.held",
    "call.unheld",
    "call.transferred",
    "call.recording",
    "call.abandoned",
    "call.callback_requested",
    "call.tagged",
    "call.ended",
]


class CallWebhook(BaseModel):
    """One call event of a cloud contact center."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    call_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:\-]+$")
    type: WebhookType
    at: AwareDatetime = Field(description="When it happened at the contact center (with time zone)")
    direction: Literal["inbound", "outbound"]
    from_number: str | None = Field(default=None, alias="from", max_length=40)
    to_number: str | None = Field(default=None, alias="to", max_length=40)
    queue: str | None = Field(default=None, max_length=80)
    agent_extension: str | None = Field(default=None, max_length=20, pattern=r"^\d{1,6}$")
    transfer: Literal["blind", "attended"] | None = None
    target: str | None = Field(default=None, max_length=40)
    file: str | None = Field(default=None, max_length=500)
    name: str | None = Field(default=None, max_length=40)
    value: str | None = Field(default=None, max_length=200)


class IncompleteWebhook(ValueError):
    """A field the event type needs is missing (answered 422 naming it)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _need(hook: CallWebhook, field: str) -> str:
    value = getattr(hook, field)
    if not value:
        name = CallWebhook.model_fields[field].alias or field
        raise IncompleteWebhook(name, f"{hook.type} needs {name}")
    return str(value)


def translate(source: str, hook: CallWebhook) -> list[CtiEvent]:
    """The CTI events a webhook means. Legs: the call id names the first leg (the customer
    inbound, the agent outbound); the other side is ``<call id>:customer`` or
    ``<call id>:agent:<extension>``."""
    key, at, inbound = hook.call_id, hook.at, hook.direction == "inbound"
    customer = key if inbound else f"{key}:customer"

    def agent_leg(extension: str) -> str:
        return f"{key}:agent:{extension}" if inbound else key

    def event(kind: CtiKind, channel: str, **details: str) -> CtiEvent:
        return CtiEvent(source, key, kind, at, channel, details)

    match hook.type:
        case "call.created" if inbound:
            return [
                event(
                    CtiKind.CHANNEL_CREATED,
                    key,
                    name="trunk",
                    number=_need(hook, "from_number"),
                    dialed=hook.to_number or "",
                    external="yes",
                )
            ]
        case "call.created":
            extension = _need(hook, "agent_extension")
            return [
                event(
                    CtiKind.CHANNEL_CREATED,
                    key,
                    name=f"agent/{extension}",
                    number=extension,
                    dialed=_need(hook, "to_number"),
                    external="no",
                )
            ]
        case "call.queued":
            return [event(CtiKind.QUEUED, customer, queue=_need(hook, "queue"))]
        case "call.ringing" if inbound:
            extension = _need(hook, "agent_extension")
            return [
                event(
                    CtiKind.CHANNEL_CREATED,
                    agent_leg(extension),
                    name=f"agent/{extension}",
                    number=extension,
                    dialed="",
                    external="no",
                ),
                event(CtiKind.RINGING, key, target=extension, extension=extension),
            ]
        case "call.ringing":
            number = _need(hook, "to_number")
            return [
                event(
                    CtiKind.CHANNEL_CREATED,
                    customer,
                    name="trunk",
                    number=number,
                    dialed="",
                    external="yes",
                ),
                event(CtiKind.RINGING, key, target=number),
            ]
        case "call.answered":
            leg = agent_leg(_need(hook, "agent_extension")) if inbound else key
            return [
                event(CtiKind.DIAL_ENDED, key, status="ANSWER"),
                event(CtiKind.BRIDGED, customer, bridge=key),
                event(CtiKind.BRIDGED, leg, bridge=key),
            ]
        case "call.held":
            return [event(CtiKind.HELD, customer)]
        case "call.unheld":
            return [event(CtiKind.UNHELD, customer)]
        case "call.transferred":
            by = agent_leg(_need(hook, "agent_extension"))
            target = _need(hook, "target")
            new_leg = f"{key}:agent:{target}"
            return [
                event(CtiKind.TRANSFERRED, by, transfer=hook.transfer or "blind", target=target),
                event(CtiKind.HUNG_UP, by, cause="transferred"),
                event(
                    CtiKind.CHANNEL_CREATED,
                    new_leg,
                    name=f"agent/{target}",
                    number=target,
                    dialed="",
                    external="no" if target.isdigit() and len(target) <= 6 else "yes",
                ),
                event(CtiKind.BRIDGED, new_leg, bridge=key),
            ]
        case "call.recording":
            return [event(CtiKind.RECORDING, customer, file=_need(hook, "file"))]
        case "call.abandoned":
            return [event(CtiKind.ABANDONED, customer, queue=hook.queue or "")]
        case "call.callback_requested":
            return [event(CtiKind.CALLBACK_REQUESTED, customer)]
        case "call.tagged":
            return [
                event(CtiKind.TAGGED, key, name=_need(hook, "name"), value=_need(hook, "value"))
            ]
    return [event(CtiKind.CALL_ENDED, key, cause="ended")]
