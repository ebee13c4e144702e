"""An Asterisk Manager Interface server on loopback that replays transcripts of call flows:
the real protocol (banner, Login, CoreShowChannels, Originate, QueueAdd/QueuePenalty/
QueueRemove, BlindTransfer/Atxfer/Hangup of a live channel, Logoff, events with
``Timestamp``), for tests and benchmarks of an AMI client.

A transcript is AMI text: messages separated by blank lines, each event's ``Timestamp`` an
offset in seconds (``+2.5``) from the moment the replay starts. Two directives may stand
between messages: ``Directive: drop`` closes the client's connection (a network failure: the
PBX keeps its calls), ``Directive: restart`` closes it and forgets every channel (the PBX
restarted mid-call). Either way the replay resumes once the client has logged in again.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BANNER = b"Asterisk Call Manager/7.0.3\r\n"
Message = dict[str, str]


def parse_transcript(text: str) -> list[Message]:
    messages: list[Message] = []
    current: Message = {}
    for line in [*text.splitlines(), ""]:
        line = line.strip()
        if not line:
            if current:
                messages.append(current)
                current = {}
            continue
        if line.startswith("#"):
            continue
        key, _, value = line.partition(":")
        current[key.strip()] = value.strip()
    return messages


def load_transcript(path: Path) -> list[Message]:
    return parse_transcript(path.read_text(encoding="utf-8"))


def perturb(
    messages: Sequence[Message], *, seed: int, window: int = 4, duplicates: float = 0.3
) -> list[Message]:
    """The same events as a flaky link delivers them: shuffled within windows of ``window``
    events and some sent twice (directives stay where they are)."""
    rng = random.Random(seed)
    out: list[Message] = []
    chunk: list[Message] = []

    def flush() -> None:
        for start in range(0, len(chunk), window):
            part = chunk[start : start + window]
            rng.shuffle(part)
            for message in part:
                out.append(message)
                if rng.random() < duplicates:
                    out.append(message)
        chunk.clear()

    for message in messages:
        if "Directive" in message:
            flush()
            out.append(message)
        else:
            chunk.append(message)
    flush()
    return out


def _encode(fields: Message) -> bytes:
    return b"".join(f"{k}: {v}\r\n".encode() for k, v in fields.items()) + b"\r\n"


@dataclass
class _Client:
    writer: asyncio.StreamWriter
    logged_in: bool = False


@dataclass
class AmiReplayServer:
    username: str = "crm"
    secret: str = "crm-ami-secret"  # noqa: S105 - the replay server's own test login
    host: str = "127.0.0.1"
    port: int = 0
    originated: list[Message] = field(default_factory=list)
    """Every Originate action received, for assertions."""
    commanded: list[Message] = field(default_factory=list)
    """Every BlindTransfer, Atxfer and Hangup received for a live channel."""
    logins: int = 0
    queue_members: dict[str, dict[str, int]] = field(default_factory=dict)
    """Each queue's dynamic members (interface → penalty) as QueueAdd/QueuePenalty/QueueRemove
    left them; a restart forgets them (a PBX without ``persistentmembers``)."""
    _channels: dict[str, Message] = field(default_factory=dict)
    _clients: list[_Client] = field(default_factory=list)
    _server: asyncio.base_events.Server | None = None
    _logged_in: asyncio.Event = field(default_factory=asyncio.Event)

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        for client in self._clients:
            client.writer.close()
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await self._server.wait_closed()

    async def __aenter__(self) -> AmiReplayServer:
        await self.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.stop()

    async def wait_for_login(self, timeout: float = 30.0) -> None:
        await asyncio.wait_for(self._logged_in.wait(), timeout)

    async def play(
        self,
        messages: Iterable[Message],
        *,
        base_time: float | None = None,
        pace_seconds: float = 0.0,
    ) -> int:
        """Sends the transcript's events to every logged-in client, with timestamps from
        ``base_time`` (default: now); returns how many events were sent."""
        base = time.time() if base_time is None else base_time
        sent = 0
        for message in messages:
            directive = message.get("Directive")
            if directive in ("drop", "restart"):
                await self._disconnect(forget_channels=directive == "restart")
                await self.wait_for_login()
                continue
            await self.wait_for_login()
            event = dict(message)
            if event.get("Timestamp", "").startswith("+"):
                event["Timestamp"] = f"{base + float(event['Timestamp'][1:]):.6f}"
            self._track(event)
            await self._broadcast(event)
            sent += 1
            if pace_seconds:
                await asyncio.sleep(pace_seconds)
        return sent

    def _track(self, event: Message) -> None:
        match event.get("Event"):
            case "Newchannel":
                self._channels[event["Uniqueid"]] = event
            case "Hangup":
                self._channels.pop(event.get("Uniqueid", ""), None)

    async def _broadcast(self, event: Message) -> None:
        payload = _encode(event)
        for client in list(self._clients):
            if client.logged_in:
                client.writer.write(payload)
                with contextlib.suppress(ConnectionError):
                    await client.writer.drain()

    async def _disconnect(self, *, forget_channels: bool) -> None:
        self._logged_in.clear()
        for client in list(self._clients):
            client.writer.close()
        self._clients.clear()
        if forget_channels:
            self._channels.clear()
            self.queue_members.clear()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        client = _Client(writer)
        self._clients.append(client)
        writer.write(BANNER)
        try:
            while True:
                action = await self._read_action(reader)
                if action is None:
                    break
                if not await self._answer(client, action):
                    break
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            if client in self._clients:
                self._clients.remove(client)
            writer.close()

    def _queue_action(self, name: str, action: Message) -> Message:
        """Asterisk's answers, "Already there" and "Not there" included."""
        members = self.queue_members.setdefault(action.get("Queue", ""), {})
        interface = action.get("Interface", "")
        penalty = int(action.get("Penalty", "0") or 0)
        if name == "queueadd":
            if interface in members:
                return {"Response": "Error", "Message": "Unable to add interface: Already there"}
            members[interface] = penalty
            return {"Response": "Success", "Message": "Added interface to queue"}
        if interface not in members:
            message = "Unable to remove interface: Not there"
            if name == "queuepenalty":
                message = "Invalid interface, queuename or penalty"
            return {"Response": "Error", "Message": message}
        if name == "queueremove":
            del members[interface]
            return {"Response": "Success", "Message": "Removed interface from queue"}
        members[interface] = penalty
        return {"Response": "Success", "Message": "Interface penalty set successfully"}

    @staticmethod
    async def _read_action(reader: asyncio.StreamReader) -> Message | None:
        action: Message = {}
        while True:
            line = await reader.readline()
            if not line:
                return None
            text = line.decode().rstrip("\r\n")
            if not text:
                if action:
                    return action
                continue
            key, _, value = text.partition(":")
            action[key.strip()] = value.strip()

    async def _answer(self, client: _Client, action: Message) -> bool:
        """Answers one action; False when the connection should close."""
        writer, action_id = client.writer, action.get("ActionID", "")
        name = action.get("Action", "").lower()
        if name != "login" and not client.logged_in:
            writer.write(
                _encode({"Response": "Error", "ActionID": action_id, "Message": "Not logged in"})
            )
            return True
        match name:
            case "login":
                if (action.get("Username"), action.get("Secret")) != (self.username, self.secret):
                    writer.write(
                        _encode(
                            {
                                "Response": "Error",
                                "ActionID": action_id,
                                "Message": "Authentication failed",
                            }
                        )
                    )
                    await writer.drain()
                    return False
                writer.write(
                    _encode(
                        {
                            "Response": "Success",
                            "ActionID": action_id,
                            "Message": "Authentication accepted",
                        }
                    )
                )
                await writer.drain()
                client.logged_in = True
                self.logins += 1
                self._logged_in.set()
            case "coreshowchannels":
                writer.write(
                    _encode(
                        {
                            "Response": "Success",
                            "ActionID": action_id,
                            "EventList": "start",
                            "Message": "Channels will follow",
                        }
                    )
                )
                for channel in self._channels.values():
                    writer.write(
                        _encode(
                            {
                                "Event": "CoreShowChannel",
                                "ActionID": action_id,
                                "Channel": channel.get("Channel", ""),
                                "Uniqueid": channel.get("Uniqueid", ""),
                                "Linkedid": channel.get("Linkedid", ""),
                            }
                        )
                    )
                writer.write(
                    _encode(
                        {
                            "Event": "CoreShowChannelsComplete",
                            "ActionID": action_id,
                            "EventList": "Complete",
                            "ListItems": str(len(self._channels)),
                        }
                    )
                )
            case "originate":
                self.originated.append(action)
                writer.write(
                    _encode(
                        {
                            "Response": "Success",
                            "ActionID": action_id,
                            "Message": "Originate successfully queued",
                        }
                    )
                )
            case "blindtransfer" | "atxfer" | "hangup":
                live = {c.get("Channel") for c in self._channels.values()}
                if action.get("Channel") in live:
                    self.commanded.append(action)
                    answer = {"Response": "Success", "Message": f"{action['Action']} queued"}
                else:
                    answer = {"Response": "Error", "Message": "No such channel"}
                writer.write(_encode({"ActionID": action_id, **answer}))
            case "queueadd" | "queueremove" | "queuepenalty":
                writer.write(_encode({"ActionID": action_id, **self._queue_action(name, action)}))
            case "ping":
                writer.write(
                    _encode({"Response": "Success", "ActionID": action_id, "Ping": "Pong"})
                )
            case "logoff":
                writer.write(
                    _encode({"Response": "Goodbye", "ActionID": action_id, "Message": "Bye"})
                )
                await writer.drain()
                return False
            case _:
                writer.write(
                    _encode(
                        {"Response": "Error", "ActionID": action_id, "Message": "Invalid/unknown"}
                    )
                )
        await writer.drain()
        return True
