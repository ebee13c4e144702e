"""What the phone system tells us about calls, and the call record made of it.

Both CTI adapters (Asterisk AMI, signed webhooks of cloud contact centers) translate what their
PBX sends into ``CtiEvent``s. A call's record is a pure function of the *set* of its events:
they are sorted by the PBX's own timestamps before they are folded, and an event seen twice has
the same fingerprint and is kept once, so events arriving out of order or twice (a reconnect, a
retried webhook) give the same record.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from uuid import NAMESPACE_URL, UUID, uuid5


class CtiKind(StrEnum):
    CHANNEL_CREATED = "channel_created"
    """A leg of the call appeared: ``number`` is its caller id, ``dialed`` what it dialled;
    ``external`` says whether it came in from the public network (a trunk)."""
    QUEUED = "queued"
    ABANDONED = "abandoned"
    """The caller hung up while waiting in ``queue``."""
    CALLBACK_REQUESTED = "callback_requested"
    """The caller accepted the offer to be called back instead of waiting."""
    RINGING = "ringing"
    """``channel`` rings ``target`` (an agent's extension, or a number outside)."""
    DIAL_ENDED = "dial_ended"
    """Ringing ``target`` ended with ``status`` (ANSWER, NOANSWER, BUSY, CANCEL, CHANUNAVAIL…)."""
    AGENT_CONNECTED = "agent_connected"
    """A queue put the caller through to the agent at extension ``target``."""
    BRIDGED = "bridged"
    """``channel`` entered bridge ``bridge`` (two legs in one bridge talk to each other)."""
    UNBRIDGED = "unbridged"
    HELD = "held"
    UNHELD = "unheld"
    TRANSFERRED = "transferred"
    """``channel`` was transferred (``transfer``: blind or attended) to ``target``."""
    TAGGED = "tagged"
    """The CRM's own mark on the call (``name``, ``value``), e.g. the task a click-to-dial
    came from: set as a channel variable when the CRM asked the PBX to dial."""
    RECORDING = "recording"
    """The conversation is being recorded to ``file`` (a reference in the PBX's storage)."""
    HUNG_UP = "hung_up"
    """``channel`` ended (``cause``); the call ends when every leg has."""
    CALL_ENDED = "call_ended"
    """Every leg still up ended (``cause``): what a cloud contact center says, or what is
    known of a call the PBX lost while we were not connected."""


# Order of events with the same timestamp (the PBX writes several per instant).
_SAME_INSTANT_ORDER = {kind: rank for rank, kind in enumerate(CtiKind)}


@dataclass(frozen=True, slots=True)
class CtiEvent:
    source: str
    """The PBX (or cloud connector) it came from: call keys are unique per source."""
    call_key: str
    """What ties the legs of one call together (Asterisk's Linkedid, a cloud call id)."""
    kind: CtiKind
    at: datetime
    channel: str
    """The leg (Asterisk's Uniqueid), unique within the call."""
    details: Mapping[str, str] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """Equal for the same event delivered twice; what the store deduplicates on."""
        body = json.dumps(
            [
                self.source,
                self.call_key,
                self.kind,
                self.at.isoformat(),
                self.channel,
                sorted(self.details.items()),
            ],
            ensure_ascii=False,
        )
        return hashlib.sha256(body.encode()).hexdigest()[:40]

    def detail(self, name: str) -> str:
        return self.details.get(name, "")


def call_id_of(tenant: str, source: str, call_key: str) -> UUID:
    """The same call always gets the same id, whichever adapter or replica saw it first."""
    return uuid5(NAMESPACE_URL, f"crm-call:{tenant}:{source}:{call_key}")


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


@dataclass(frozen=True, slots=True)
class Transfer:
    at: datetime
    kind: str
    """``blind`` (cold) or ``attended`` (warm)."""
    by_extension: str | None
    target: str


@dataclass(frozen=True, slots=True)
class CallRecord:
    """The phone system's view of one call, folded from its events."""

    source: str
    call_key: str
    direction: Direction
    customer_number: str
    """The customer's side: the caller of an inbound call, the number dialled outbound."""
    started_at: datetime
    queue: str | None
    agent_extension: str | None
    """The first agent who talked to the customer (or who dialled out)."""
    extensions: tuple[str, ...]
    """Every agent extension that talked to the customer, in order (transfers)."""
    ring_at: datetime | None
    answered_at: datetime | None
    ended_at: datetime | None
    """Set once every leg of the call hung up."""
    talk_seconds: int
    hold_seconds: int
    abandoned: bool
    callback_requested: bool
    system_disposition: str | None
    """For a call that never connected: no_answer, busy, abandoned, failed."""
    recording_file: str | None
    transfers: tuple[Transfer, ...]
    tags: Mapping[str, str] = field(default_factory=dict)
    talk_by_extension: Mapping[str, int] = field(default_factory=dict)
    """Seconds the customer talked with each agent extension (a transfer splits the talk)."""
    joined_at: Mapping[str, datetime] = field(default_factory=dict)
    """When each agent extension first talked to the customer."""

    @property
    def connected(self) -> bool:
        return self.answered_at is not None

    @property
    def complete(self) -> bool:
        return self.ended_at is not None

    @property
    def wait_seconds(self) -> int:
        until = self.answered_at or self.ended_at
        return _seconds(self.started_at, until) if until else 0


_DIAL_OUTCOMES = {
    "BUSY": "busy",
    "CHANUNAVAIL": "failed",
    "CONGESTION": "failed",
    "NOANSWER": "no_answer",
    "CANCEL": "no_answer",
}
_NUMBER = re.compile(r"\+?\d{3,}")
MAX_EXTENSION_DIGITS = 6


def extension_of(channel_name: str) -> str:
    """``PJSIP/8001-0000002a`` → ``8001``; ``Local/8001@from-queue-00000001;1`` → ``8001``."""
    _, _, rest = channel_name.partition("/")
    return re.split(r"[@\-;]", rest, maxsplit=1)[0]


def is_extension(number: str) -> bool:
    """Agents' extensions are short internal numbers; the public network's are longer."""
    return number.isdigit() and len(number) <= MAX_EXTENSION_DIGITS


def dialled_number(dial_string: str) -> str:
    """The number in a dial string: ``trunk/13800138000``, ``13800138000@trunk``."""
    found = _NUMBER.search(dial_string)
    return found.group(0) if found else dial_string


def _seconds(start: datetime, end: datetime) -> int:
    return max(0, round((end - start).total_seconds()))


class NotACall(ValueError):
    """The events name no leg of a call (e.g. only a hang-up of an unknown channel yet)."""


def fold(events: Iterable[CtiEvent]) -> CallRecord:
    """The call record of one call's events (any order, duplicates allowed). Raises
    ``NotACall`` while no leg of the call is known."""
    unique = {e.fingerprint: e for e in events}
    ordered = sorted(unique.values(), key=lambda e: (e.at, _SAME_INSTANT_ORDER[e.kind], e.channel))
    created = [e for e in ordered if e.kind is CtiKind.CHANNEL_CREATED]
    if not created:
        raise NotACall("no leg of the call has been reported yet")
    first = next((e for e in created if e.channel == e.call_key), created[0])
    inbound = first.detail("external") == "yes"
    extension_by_channel = {
        e.channel: extension_of(e.detail("name")) for e in created if e.detail("external") != "yes"
    }
    # Inbound, the customer is the caller; outbound, whoever answers outside (a trunk leg).
    customer_channels = (
        {first.channel}
        if inbound
        else {e.channel for e in created if e.detail("external") == "yes"}
    )
    customer_number = first.detail("number") if inbound else ""

    bridges: dict[str, set[str]] = {}
    bridge_of: dict[str, str] = {}
    hung_up: dict[str, datetime] = {}
    held_since: dict[str, datetime] = {}
    talk_since: datetime | None = None
    talk = 0.0
    hold = 0.0
    answered_at: datetime | None = None
    ring_at: datetime | None = None
    queue: str | None = None
    abandoned = callback = False
    dial_statuses: list[str] = []
    recording: str | None = None
    transfers: list[Transfer] = []
    talked_to: list[str] = []
    joined_at: dict[str, datetime] = {}
    talk_by_extension: dict[str, float] = {}
    tags: dict[str, str] = {}
    last_at: datetime | None = None

    def _leave_bridge(channel: str) -> None:
        bridge = bridge_of.pop(channel, None)
        if bridge is not None:
            bridges[bridge].discard(channel)

    def _hang_up(channel: str, at: datetime) -> None:
        nonlocal hold
        _leave_bridge(channel)
        hung_up.setdefault(channel, at)
        if channel in held_since:
            hold += (at - held_since.pop(channel)).total_seconds()

    def customer_talking() -> bool:
        for channel in customer_channels:
            bridge = bridge_of.get(channel)
            if bridge is not None and len(bridges[bridge]) >= 2:
                return True
        return False

    def talking_extensions() -> list[str]:
        customer_bridges = {bridge_of.get(c) for c in customer_channels} - {None}
        found = (
            extension
            for channel, extension in extension_by_channel.items()
            if bridge_of.get(channel) in customer_bridges
        )
        return list(dict.fromkeys(found))

    def talked(extension: str, at: datetime) -> None:
        if extension not in talked_to:
            talked_to.append(extension)
        joined_at.setdefault(extension, at)

    for event in ordered:
        was_talking = customer_talking()
        if was_talking and last_at is not None:
            for extension in talking_extensions():
                talk_by_extension[extension] = (
                    talk_by_extension.get(extension, 0.0) + (event.at - last_at).total_seconds()
                )
        last_at = event.at
        match event.kind:
            case CtiKind.QUEUED:
                queue = queue or event.detail("queue")
            case CtiKind.ABANDONED:
                abandoned = True
            case CtiKind.CALLBACK_REQUESTED:
                callback = True
            case CtiKind.RINGING:
                ring_at = ring_at or event.at
                number = dialled_number(event.detail("target"))
                if not inbound and not customer_number and not is_extension(number):
                    customer_number = number
            case CtiKind.DIAL_ENDED:
                dial_statuses.append(event.detail("status"))
            case CtiKind.BRIDGED:
                bridge = event.detail("bridge")
                bridges.setdefault(bridge, set()).add(event.channel)
                bridge_of[event.channel] = bridge
            case CtiKind.UNBRIDGED:
                _leave_bridge(event.channel)
            case CtiKind.HUNG_UP:
                _hang_up(event.channel, event.at)
            case CtiKind.CALL_ENDED:
                for leg in {e.channel for e in created} - hung_up.keys():
                    _hang_up(leg, event.at)
            case CtiKind.HELD:
                held_since.setdefault(event.channel, event.at)
            case CtiKind.UNHELD:
                if event.channel in held_since:
                    hold += (event.at - held_since.pop(event.channel)).total_seconds()
            case CtiKind.TRANSFERRED:
                transfers.append(
                    Transfer(
                        at=event.at,
                        kind=event.detail("transfer") or "blind",
                        by_extension=extension_by_channel.get(event.channel),
                        target=event.detail("target"),
                    )
                )
            case CtiKind.TAGGED:
                tags.setdefault(event.detail("name"), event.detail("value"))
            case CtiKind.AGENT_CONNECTED:
                talked(event.detail("target"), event.at)
            case CtiKind.RECORDING:
                recording = event.detail("file") or recording
        talking = customer_talking()
        if talking and not was_talking:
            talk_since = event.at
            answered_at = answered_at or event.at
        if talking:
            for extension in talking_extensions():
                talked(extension, event.at)
        if was_talking and not talking and talk_since is not None:
            talk += (event.at - talk_since).total_seconds()
            talk_since = None

    if not inbound and not customer_number:
        customer_number = dialled_number(first.detail("dialed"))
    legs = {e.channel for e in created}
    ended_at = max(hung_up.values()) if legs and legs <= hung_up.keys() else None
    agent = talked_to[0] if talked_to else None
    if not inbound:
        agent = extension_by_channel.get(first.channel, agent)
    disposition = None
    if answered_at is None and ended_at is not None:
        if abandoned or (queue is not None and not dial_statuses):
            disposition = "abandoned"
        else:
            disposition = next(
                (_DIAL_OUTCOMES[s] for s in dial_statuses if s in _DIAL_OUTCOMES), "no_answer"
            )
    return CallRecord(
        source=first.source,
        call_key=first.call_key,
        direction=Direction.INBOUND if inbound else Direction.OUTBOUND,
        customer_number=customer_number,
        started_at=first.at,
        queue=queue,
        agent_extension=agent,
        extensions=tuple(talked_to),
        ring_at=ring_at,
        answered_at=answered_at,
        ended_at=ended_at,
        talk_seconds=max(0, round(talk - hold)),
        hold_seconds=round(hold),
        abandoned=abandoned or disposition == "abandoned",
        callback_requested=callback,
        system_disposition=disposition,
        recording_file=recording,
        transfers=tuple(transfers),
        tags=tags,
        talk_by_extension={x: round(seconds) for x, seconds in talk_by_extension.items()},
        joined_at=joined_at,
    )


PART_SEPARATOR = ">"
"""A handed part's call key: the call's, then this, then the extension it was handed to."""


def handed_part(record: CallRecord, extension: str) -> CallRecord:
    """The part of ``record`` a transfer handed to the agent at ``extension`` of another org node
    (a dealer's consultant the hotline passed the caller to): a call of its own in that node's
    book, from the transfer that reached them to the end, with the talk they had — so it counts
    where it was handled and its agent wraps it up. A call handed on inside the dealer stays
    the first consultant's part."""
    joined = record.joined_at.get(extension, record.ended_at or record.started_at)
    reaching = [t.at for t in record.transfers if t.at <= joined]
    return replace(
        record,
        call_key=f"{record.call_key}{PART_SEPARATOR}{extension}",
        started_at=max(reaching) if reaching else joined,
        queue=None,
        agent_extension=extension,
        extensions=(extension,),
        ring_at=None,
        answered_at=joined,
        talk_seconds=record.talk_by_extension.get(extension, 0),
        hold_seconds=0,
        abandoned=False,
        callback_requested=False,
        system_disposition=None,
        transfers=(),
        tags={name: value for name, value in record.tags.items() if name == "lead_id"},
        talk_by_extension={extension: record.talk_by_extension.get(extension, 0)},
        joined_at={extension: joined},
    )


def whole_call_key(call_key: str) -> str:
    """The call a handed part's key is part of (a call's own key is its whole call's)."""
    return call_key.split(PART_SEPARATOR, 1)[0]


def taken_part(record: CallRecord, handed: CallRecord) -> CallRecord:
    """What stays with the org that took the call once ``handed`` went to another: its talk
    before the hand-over."""
    return replace(record, talk_seconds=max(0, record.talk_seconds - handed.talk_seconds))


@dataclass(frozen=True)
class Ringing:
    """An agent's phone rings with a customer on the line: what the screen pop needs."""

    call_id: UUID
    tenant: str
    agent_user: str
    customer_phone: str
    direction: str
    at: datetime


def live_leg_of(events: Iterable[CtiEvent], extension: str) -> str | None:
    """The PBX's name of the agent's leg of the call still up (the newest, after a transfer
    back), which a transfer or hang-up acts on; None when the agent is not on the call."""
    events = list(events)
    if any(e.kind is CtiKind.CALL_ENDED for e in events):
        return None
    ended = {e.channel for e in events if e.kind is CtiKind.HUNG_UP}
    legs = sorted(
        (
            e
            for e in events
            if e.kind is CtiKind.CHANNEL_CREATED
            and e.detail("external") != "yes"
            and extension_of(e.detail("name")) == extension
            and e.channel not in ended
        ),
        key=lambda e: e.at,
    )
    return legs[-1].detail("name") if legs else None
