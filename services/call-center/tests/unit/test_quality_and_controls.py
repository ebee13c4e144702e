"""Where a call's recording is kept, the QA form's arithmetic, and which leg of a live call
an agent's transfer or hang-up acts on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crm_call_center.domain.cti import live_leg_of
from crm_call_center.domain.quality import QA_FORM, recording_key, score
from crm_common.errors import InvalidInput
from crm_common.storage import checked_key

from ..transcripts import transcript
from .test_call_records import BASE, events_of

FULL_MARKS = {item.name: item.points for item in QA_FORM}


@pytest.mark.parametrize(
    ("file", "key"),
    [
        (
            "/var/spool/asterisk/monitor/2026/12/06/q-hotline-1733475600.1.wav",
            "recordings/pbx/2026/12/06/q-hotline-1733475600.1.wav",
        ),
        ("/var/spool/asterisk/monitor/out-8003.wav", "recordings/pbx/out-8003.wav"),
        ("/mnt/elsewhere/r-1.mp3", "recordings/pbx/r-1.mp3"),
        ("r-2.wav", "recordings/pbx/r-2.wav"),
        ("/x/monitor/../../etc/passwd", "recordings/pbx/etc/passwd"),
        ("C:\\rec\\r-3.wav", "recordings/pbx/r-3.wav"),
    ],
)
def test_a_recording_is_kept_below_its_phone_system(file: str, key: str) -> None:
    assert recording_key("pbx", file) == key
    checked_key(key)  # never a key that leaves the store


def test_the_qa_form_adds_up_to_100_and_a_score_is_the_sum_of_its_items() -> None:
    assert sum(item.points for item in QA_FORM) == 100
    assert score(FULL_MARKS).total == 100
    given = {**FULL_MARKS, "needs": 10, "next_step": 0}
    assert score(given).total == 100 - 15 - 15
    assert score({name: 0 for name in FULL_MARKS}).total == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"needs": 26}, "scores.needs"),
        ({"greeting": -1}, "scores.greeting"),
        ({"smile": 3}, "scores.smile"),
    ],
)
def test_a_score_outside_the_form_names_the_item(change: dict[str, int], field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        score({**FULL_MARKS, **change})
    assert refused.value.field == field


def test_every_item_is_scored() -> None:
    partial = {k: v for k, v in FULL_MARKS.items() if k != "script"}
    with pytest.raises(InvalidInput) as refused:
        score(partial)
    assert refused.value.field == "scores.script"


def test_the_leg_an_agent_acts_on_follows_the_transfer_and_ends_with_the_call() -> None:
    events = events_of(transcript("transferred"))
    start = datetime.fromtimestamp(BASE, UTC)

    def until(seconds: float) -> list:  # type: ignore[type-arg]
        return [e for e in events if e.at <= start + timedelta(seconds=seconds)]

    assert live_leg_of(until(20), "8001") == "PJSIP/8001-00000022"
    assert live_leg_of(until(20), "8002") is None
    assert live_leg_of(until(50), "8001") is None  # handed over and hung up
    assert live_leg_of(until(50), "8002") == "PJSIP/8002-00000024"
    assert live_leg_of(events, "8002") is None
    assert live_leg_of(until(50), "13600136000") is None  # the customer's leg is no agent's
