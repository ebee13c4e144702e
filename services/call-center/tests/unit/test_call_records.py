"""The call record is a function of the set of a call's events: any order, any duplicates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crm_call_center.adapters.ami import translate
from crm_call_center.domain.cti import (
    CallRecord,
    CtiEvent,
    CtiKind,
    NotACall,
    fold,
    handed_part,
    taken_part,
    whole_call_key,
)
from crm_common.testing.ami_server import Message, perturb

from ..transcripts import COMPLETE_FLOWS, EXPECTED, TASK_ID, transcript

BASE = 1_780_000_000.0


def events_of(messages: list[Message]) -> list[CtiEvent]:
    received = datetime.now(UTC)
    translated = []
    for message in messages:
        if "Directive" in message:
            continue
        stamped = {**message, "Timestamp": str(BASE + float(message["Timestamp"][1:]))}
        event = translate("pbx", stamped, received)
        if event is not None:
            translated.append(event)
    return translated


def check(record: CallRecord, expected: dict[str, object]) -> None:
    start = datetime.fromtimestamp(BASE, UTC)

    def after(seconds: object) -> datetime | None:
        return None if seconds is None else start + timedelta(seconds=float(str(seconds)))

    assert record.started_at == start
    seen = {
        "direction": record.direction.value,
        "customer_number": record.customer_number,
        "queue": record.queue,
        "agent_extension": record.agent_extension,
        "extensions": record.extensions,
        "answered_after": record.answered_at,
        "ended_after": record.ended_at,
        "wait_seconds": record.wait_seconds,
        "talk_seconds": record.talk_seconds,
        "hold_seconds": record.hold_seconds,
        "connected": record.connected,
        "abandoned": record.abandoned,
        "system_disposition": record.system_disposition,
        "recording": record.recording_file is not None,
        "transfers": len(record.transfers),
    }
    wanted = {
        **expected,
        "answered_after": after(expected["answered_after"]),
        "ended_after": after(expected["ended_after"]),
    }
    assert seen == wanted


@pytest.mark.parametrize("flow", COMPLETE_FLOWS)
def test_each_flow_folds_into_its_record(flow: str) -> None:
    check(fold(events_of(transcript(flow))), EXPECTED[flow])


@pytest.mark.parametrize("flow", COMPLETE_FLOWS)
@pytest.mark.parametrize("seed", range(5))
def test_out_of_order_and_duplicated_events_give_the_same_record(flow: str, seed: int) -> None:
    in_order = fold(events_of(transcript(flow)))
    shuffled = fold(events_of(perturb(transcript(flow), seed=seed, window=len(transcript(flow)))))
    assert shuffled == in_order


def test_a_transfer_names_who_transferred_to_whom() -> None:
    record = fold(events_of(transcript("transferred")))
    (transfer,) = record.transfers
    assert (transfer.kind, transfer.by_extension, transfer.target) == ("blind", "8001", "8002")


def test_a_hand_over_splits_the_call_at_the_transfer() -> None:
    """8001 (the hotline) talks 5-35 s, transfers blind; 8002 (a dealer's consultant) is
    bridged at 40 s and talks until 100 s: the handed part is 8002's own call from the
    transfer, the hotline keeps its 30 s."""
    start = datetime.fromtimestamp(BASE, UTC)
    record = fold(events_of(transcript("transferred")))
    assert record.talk_by_extension == {"8001": 30, "8002": 60}
    assert record.joined_at == {
        "8001": start + timedelta(seconds=5),
        "8002": start + timedelta(seconds=40),
    }
    part = handed_part(record, "8002")
    assert part.call_key == f"{record.call_key}>8002"
    assert (part.started_at, part.answered_at, part.ended_at) == (
        start + timedelta(seconds=35),
        start + timedelta(seconds=40),
        record.ended_at,
    )
    assert (part.agent_extension, part.extensions, part.queue) == ("8002", ("8002",), None)
    assert (part.wait_seconds, part.talk_seconds, part.transfers) == (5, 60, ())
    assert part.connected
    assert part.direction is record.direction
    assert taken_part(record, part).talk_seconds == 30
    assert whole_call_key(part.call_key) == whole_call_key(record.call_key) == record.call_key


def test_a_click_to_dial_call_carries_the_task_it_came_from() -> None:
    assert fold(events_of(transcript("outbound_answered_from_task"))).tags == {"task_id": TASK_ID}


def test_a_call_the_pbx_lost_ends_when_it_was_last_heard_of() -> None:
    events = events_of(transcript("pbx_restart_mid_call"))
    assert fold(events).ended_at is None
    last = max(e.at for e in events)
    ended = fold([*events, CtiEvent("pbx", events[0].call_key, CtiKind.CALL_ENDED, last, "x")])
    assert ended.ended_at == last
    assert (ended.connected, ended.talk_seconds, ended.hold_seconds) == (True, 30, 10)


def test_events_without_a_known_leg_are_not_a_call_yet() -> None:
    hangup = [
        e for e in events_of(transcript("agent_hangup_mid_call")) if e.kind is CtiKind.HUNG_UP
    ]
    with pytest.raises(NotACall):
        fold(hangup)
