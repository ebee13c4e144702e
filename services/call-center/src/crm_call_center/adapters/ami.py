"""The Asterisk Manager Interface (AMI) adapter of the CTI port: a TCP client that logs in,
reads the events that make a call record, reconnects with back-off, and sends ``Originate``
for click-to-dial.

A small protocol module rather than a library: the maintained-looking Python AMI clients
(panoramisk, last released 2021) reconnect but neither tell what was lost in between nor
reconcile open calls with the PBX afterwards, which is what a call record needs. AMI itself is
a line protocol: ``Key: Value`` lines, a blank line ends a message (Asterisk's ``manager.conf``
must set ``timestampevents = yes``: records are folded in the PBX's own time order).

After every login the client asks ``CoreShowChannels``: a call the database still thinks open
whose channels the PBX no longer has (it restarted, or the call ended while we were away) is
closed by the application with what is known.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from crm_call_center.domain.cti import CtiEvent, CtiKind, extension_of, is_extension
from crm_common.clock import utc_now

log = logging.getLogger(__name__)

EOL = b"\r\n"
CRM_VARIABLE_PREFIX = "CRM_"
"""Channel variables the CRM sets when it asks the PBX to dial (``CRM_TASK_ID``)."""
Message = dict[str, str]


class AmiLoginRefused(ConnectionError):
    pass


class AmiActionFailed(RuntimeError):
    pass


class AmiNotConnected(ConnectionError):
    pass


async def read_message(reader: asyncio.StreamReader) -> Message:
    """One AMI message (its ``Key: Value`` lines up to the blank line). Raises
    ``ConnectionError`` when the connection closes."""
    message: Message = {}
    while True:
        line = await reader.readline()
        if not line:
            raise ConnectionError("AMI connection closed")
        text = line.decode("utf-8", errors="replace").rstrip("\r\n")
        if not text:
            if message:
                return message
            continue
        key, sep, value = text.partition(":")
        if sep:
            message.setdefault(key.strip(), value.strip())


def encode_message(fields: Mapping[str, str]) -> bytes:
    return b"".join(f"{k}: {v}".encode() + EOL for k, v in fields.items()) + EOL


def _pbx_time(message: Message, fallback: datetime) -> datetime:
    stamp = message.get("Timestamp")
    return datetime.fromtimestamp(float(stamp), UTC) if stamp else fallback


def is_external(channel_name: str) -> bool:
    """A leg from the public network: its peer is a trunk, not an agent's extension."""
    return not is_extension(extension_of(channel_name))


def translate(source: str, message: Message, received_at: datetime) -> CtiEvent | None:
    """The CTI event an AMI event means for a call record, or None (not about a call)."""
    name = message.get("Event", "")
    at = _pbx_time(message, received_at)

    def event(kind: CtiKind, key: str, channel: str, **details: str) -> CtiEvent | None:
        if not key or not channel:
            return None
        return CtiEvent(source, key, kind, at, channel, details)

    linked, unique = message.get("Linkedid", ""), message.get("Uniqueid", "")
    match name:
        case "Newchannel":
            channel = message.get("Channel", "")
            return event(
                CtiKind.CHANNEL_CREATED,
                linked,
                unique,
                name=channel,
                number=message.get("CallerIDNum", ""),
                dialed=message.get("Exten", ""),
                external="yes" if is_external(channel) else "no",
            )
        case "QueueCallerJoin":
            return event(CtiKind.QUEUED, linked, unique, queue=message.get("Queue", ""))
        case "QueueCallerAbandon":
            return event(CtiKind.ABANDONED, linked, unique, queue=message.get("Queue", ""))
        case "DialBegin":
            return event(
                CtiKind.RINGING,
                linked,
                unique or message.get("DestUniqueid", ""),
                target=message.get("DialString", ""),
                extension=extension_of(message.get("DestChannel", "")),
            )
        case "DialEnd":
            return event(
                CtiKind.DIAL_ENDED,
                linked,
                unique or message.get("DestUniqueid", ""),
                status=message.get("DialStatus", ""),
                extension=extension_of(message.get("DestChannel", "")),
            )
        case "AgentConnect":
            return event(
                CtiKind.AGENT_CONNECTED,
                linked,
                unique,
                target=extension_of(message.get("Interface", "") or message.get("DestChannel", "")),
            )
        case "BridgeEnter":
            return event(CtiKind.BRIDGED, linked, unique, bridge=message.get("BridgeUniqueid", ""))
        case "BridgeLeave":
            return event(
                CtiKind.UNBRIDGED, linked, unique, bridge=message.get("BridgeUniqueid", "")
            )
        case "Hold":
            return event(CtiKind.HELD, linked, unique)
        case "Unhold":
            return event(CtiKind.UNHELD, linked, unique)
        case "BlindTransfer":
            return event(
                CtiKind.TRANSFERRED,
                message.get("TransfererLinkedid", ""),
                message.get("TransfererUniqueid", ""),
                transfer="blind",
                target=message.get("Extension", ""),
            )
        case "AttendedTransfer":
            return event(
                CtiKind.TRANSFERRED,
                message.get("OrigTransfererLinkedid", ""),
                message.get("OrigTransfererUniqueid", ""),
                transfer="attended",
                target=message.get("SecondTransfererConnectedLineNum", "")
                or message.get("TransferTargetCallerIDNum", ""),
            )
        case "VarSet" if message.get("Variable") == "MIXMONITOR_FILENAME":
            return event(CtiKind.RECORDING, linked, unique, file=message.get("Value", ""))
        case "VarSet" if message.get("Variable", "").startswith(CRM_VARIABLE_PREFIX):
            return event(
                CtiKind.TAGGED,
                linked,
                unique,
                name=message["Variable"].removeprefix(CRM_VARIABLE_PREFIX).lower(),
                value=message.get("Value", ""),
            )
        case "UserEvent" if message.get("UserEvent") == "CallbackRequested":
            return event(CtiKind.CALLBACK_REQUESTED, linked, unique)
        case "Hangup":
            return event(CtiKind.HUNG_UP, linked, unique, cause=message.get("Cause-txt", ""))
    return None


@dataclass(frozen=True)
class AmiEndpoint:
    host: str
    port: int
    username: str
    secret: str


EventsSink = Callable[[list[CtiEvent]], Awaitable[None]]
Reconciler = Callable[[set[str], datetime | None], Awaitable[None]]
"""Called after each login with the call keys the PBX still has channels of, and the PBX time
of the last event read before the connection was (re)made (None on the first connection)."""


class AmiConnector:
    """Keeps one logged-in AMI connection, hands the translated events to ``sink`` in batches
    (retrying a batch until it is stored: an event read is never dropped), and sends actions."""

    MIN_BACKOFF = 0.2
    MAX_BACKOFF = 30.0
    MAX_BATCH = 500
    ACTION_TIMEOUT = 10.0

    def __init__(
        self,
        endpoint: AmiEndpoint,
        *,
        source: str,
        sink: EventsSink,
        reconcile: Reconciler,
    ) -> None:
        self._endpoint = endpoint
        self._source = source
        self._sink = sink
        self._reconcile = reconcile
        self._writer: asyncio.StreamWriter | None = None
        self._pending: dict[str, asyncio.Future[Message]] = {}
        self._listings: dict[str, list[Message]] = {}
        self._ids = itertools.count(1)
        self._events: asyncio.Queue[CtiEvent] = asyncio.Queue()
        self._last_event_at: datetime | None = None
        self.connected = asyncio.Event()
        self.connections = 0

    async def run(self, stop: asyncio.Event) -> None:
        """Connect, read, reconnect with exponential back-off (and jitter) until ``stop``."""
        storing = asyncio.create_task(self._store_events(stop), name="ami-store")
        backoff = self.MIN_BACKOFF
        try:
            while not stop.is_set():
                try:
                    await self._session(stop)
                    backoff = self.MIN_BACKOFF
                except (OSError, ConnectionError, asyncio.IncompleteReadError) as error:
                    log.warning("AMI connection lost: %s; reconnecting in %.1fs", error, backoff)
                self.connected.clear()
                self._fail_pending(AmiNotConnected("AMI connection lost"))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), backoff * random.uniform(0.8, 1.2))
                backoff = min(backoff * 2, self.MAX_BACKOFF)
        finally:
            await storing

    async def _session(self, stop: asyncio.Event) -> None:
        reader, writer = await asyncio.open_connection(self._endpoint.host, self._endpoint.port)
        self._writer = writer
        reading: asyncio.Task[None] | None = None
        try:
            banner = await reader.readline()
            if not banner.startswith(b"Asterisk Call Manager"):
                raise ConnectionError(f"not an AMI server: {banner[:60]!r}")
            reading = asyncio.create_task(self._read(reader))
            login = await self.action(
                "Login", Username=self._endpoint.username, Secret=self._endpoint.secret, Events="on"
            )
            if login.get("Response") != "Success":
                raise AmiLoginRefused(login.get("Message", "login refused"))
            live = await self._live_calls()
            await self._reconcile_after_stored(live)
            self.connections += 1
            self.connected.set()
            log.info("AMI connected", extra={"source": self._source})
            stopping = asyncio.create_task(stop.wait())
            done, _ = await asyncio.wait({reading, stopping}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if reading in done:
                reading.result()
        finally:
            if reading is not None:
                reading.cancel()
                await asyncio.gather(reading, return_exceptions=True)
            self._writer = None
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _read(self, reader: asyncio.StreamReader) -> None:
        try:
            while True:
                self._dispatch(await read_message(reader))
        except BaseException:
            # Whoever waits for a response learns now, not at its timeout.
            self._fail_pending(AmiNotConnected("AMI connection lost"))
            raise

    def _dispatch(self, message: Message) -> None:
        action_id = message.get("ActionID", "")
        if action_id in self._listings and "Event" in message:
            if message.get("EventList") == "Complete":
                self._resolve(action_id, message)
            else:
                self._listings[action_id].append(message)
            return
        if "Response" in message and action_id in self._pending:
            if action_id in self._listings and message.get("Response") == "Success":
                return  # the list follows as events, up to its Complete event
            self._resolve(action_id, message)
            return
        event = translate(self._source, message, utc_now())
        if event is not None:
            self._last_event_at = max(self._last_event_at or event.at, event.at)
            self._events.put_nowait(event)

    def _resolve(self, action_id: str, message: Message) -> None:
        future = self._pending.pop(action_id, None)
        if future is not None and not future.done():
            future.set_result(message)

    async def action(self, action: str, **fields: str) -> Message:
        """Send an action and wait for its response."""
        response, _ = await self._send(action, fields, listing=False)
        return response

    async def _send(
        self, action: str, fields: Mapping[str, str], *, listing: bool
    ) -> tuple[Message, list[Message]]:
        writer = self._writer
        if writer is None:
            raise AmiNotConnected("the phone system is not connected")
        action_id = f"crm-{next(self._ids)}"
        future: asyncio.Future[Message] = asyncio.get_running_loop().create_future()
        self._pending[action_id] = future
        items: list[Message] = []
        if listing:
            self._listings[action_id] = items
        try:
            writer.write(encode_message({"Action": action, "ActionID": action_id, **fields}))
            await writer.drain()
            return await asyncio.wait_for(future, self.ACTION_TIMEOUT), items
        finally:
            self._pending.pop(action_id, None)
            self._listings.pop(action_id, None)

    async def _live_calls(self) -> set[str]:
        _, channels = await self._send("CoreShowChannels", {}, listing=True)
        return {m["Linkedid"] for m in channels if m.get("Linkedid")}

    async def _reconcile_after_stored(self, live: set[str]) -> None:
        # Events read before this connection must be stored first: they may end those calls.
        await self._events.join()
        await self._reconcile(live, self._last_event_at)

    async def _store_events(self, stop: asyncio.Event) -> None:
        backoff = self.MIN_BACKOFF
        while not (stop.is_set() and self._events.empty()):
            try:
                first = await asyncio.wait_for(self._events.get(), 0.2)
            except TimeoutError:
                continue
            batch = [first]
            while len(batch) < self.MAX_BATCH and not self._events.empty():
                batch.append(self._events.get_nowait())
            while True:
                try:
                    await self._sink(batch)
                    backoff = self.MIN_BACKOFF
                    for _ in batch:
                        self._events.task_done()
                    break
                except Exception:
                    log.warning("storing CTI events failed; retrying", exc_info=True)
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, self.MAX_BACKOFF)

    def _fail_pending(self, error: Exception) -> None:
        for future in self._pending.values():
            if not future.done():
                future.set_exception(error)
        self._pending.clear()
        self._listings.clear()


class AmiActions:
    """What the api process asks the PBX directly, each over a short AMI session of its own
    (login, the action, logoff): click-to-dial (``Originate``), transfer (``BlindTransfer``,
    ``Atxfer``) and hang-up (``Hangup``). The worker's long-lived connection records what
    follows, like any call."""

    TIMEOUT = 5.0

    def __init__(self, endpoint: AmiEndpoint, *, source: str, context: str) -> None:
        self._endpoint = endpoint
        self.source = source
        self._context = context

    async def dial(self, extension: str, number: str, variables: dict[str, str]) -> None:
        await self._run(
            "Originate",
            Channel=f"PJSIP/{extension}",
            Exten=number,
            Context=self._context,
            Priority="1",
            CallerID=extension,
            Async="true",
            Variable=",".join(f"{CRM_VARIABLE_PREFIX}{k}={v}" for k, v in variables.items()),
        )

    async def transfer(self, channel: str, extension: str, *, attended: bool) -> None:
        """Blind: the party talking to ``channel`` goes to ``extension``; attended: the PBX
        dials ``extension`` for ``channel`` first (the agent completes it by hanging up)."""
        if attended:
            await self._run("Atxfer", Channel=channel, Exten=extension, Context=self._context)
        else:
            await self._run(
                "BlindTransfer", Channel=channel, Exten=extension, Context=self._context
            )

    async def hang_up(self, channel: str) -> None:
        await self._run("Hangup", Channel=channel, Cause="16")

    async def _run(self, action: str, **fields: str) -> None:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(self._endpoint.host, self._endpoint.port), self.TIMEOUT
        )
        try:
            await asyncio.wait_for(self._session(reader, writer, action, fields), self.TIMEOUT)
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _session(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        action: str,
        fields: dict[str, str],
    ) -> None:
        banner = await reader.readline()
        if not banner.startswith(b"Asterisk Call Manager"):
            raise ConnectionError("not an AMI server")

        async def send(message: dict[str, str]) -> Message:
            writer.write(encode_message(message))
            await writer.drain()
            while True:
                answer = await read_message(reader)
                if answer.get("ActionID") == message["ActionID"] and "Response" in answer:
                    return answer

        login = await send(
            {
                "Action": "Login",
                "ActionID": "crm-1",
                "Username": self._endpoint.username,
                "Secret": self._endpoint.secret,
                "Events": "off",
            }
        )
        if login.get("Response") != "Success":
            raise AmiLoginRefused(login.get("Message", "login refused"))
        response = await send({"Action": action, "ActionID": "crm-2", **fields})
        if response.get("Response") != "Success":
            raise AmiActionFailed(f"{action}: {response.get('Message', 'refused')}")
        with contextlib.suppress(ConnectionError):
            await send({"Action": "Logoff", "ActionID": "crm-3"})


class AmiQueueControl:
    """Queue members on an Asterisk PBX (``QueueAdd``, ``QueuePenalty``, ``QueueRemove``) over
    the worker's logged-in connection. Adding a member it has, or removing one it has not, is
    what was wanted: not an error."""

    def __init__(self, connector: AmiConnector, technology: str = "PJSIP") -> None:
        self._connector = connector
        self._technology = technology

    def interface(self, extension: str) -> str:
        return f"{self._technology}/{extension}"

    async def _act(self, action: str, tolerated: str | None, **fields: str) -> None:
        response = await self._connector.action(action, **fields)
        message = response.get("Message", "")
        if response.get("Response") != "Success" and not (tolerated and tolerated in message):
            raise AmiActionFailed(f"{action}: {message or 'refused'}")

    async def add_member(self, queue: str, interface: str, penalty: int, name: str) -> None:
        await self._act(
            "QueueAdd",
            "Already there",
            Queue=queue,
            Interface=interface,
            Penalty=str(penalty),
            MemberName=name,
        )

    async def set_penalty(self, queue: str, interface: str, penalty: int) -> None:
        await self._act(
            "QueuePenalty", None, Queue=queue, Interface=interface, Penalty=str(penalty)
        )

    async def remove_member(self, queue: str, interface: str) -> None:
        await self._act("QueueRemove", "Not there", Queue=queue, Interface=interface)
