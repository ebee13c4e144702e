"""The call-flow transcripts (real AMI text) the adapter is tested with, and what the phone
system's record of each must say."""

from __future__ import annotations

from pathlib import Path

from crm_common.testing.ami_server import Message, load_transcript

FOLDER = Path(__file__).resolve().parent / "transcripts"
TASK_ID = "6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5"

# Per transcript: the record's fields (seconds relative to the call's first event).
EXPECTED: dict[str, dict[str, object]] = {
    "inbound_answered": {
        "direction": "inbound",
        "customer_number": "13800138000",
        "queue": "hotline",
        "agent_extension": "8001",
        "extensions": ("8001",),
        "answered_after": 8.01,
        "ended_after": 128.02,
        "wait_seconds": 8,
        "talk_seconds": 105,
        "hold_seconds": 15,
        "connected": True,
        "abandoned": False,
        "system_disposition": None,
        "recording": True,
        "transfers": 0,
    },
    "abandoned_in_queue": {
        "direction": "inbound",
        "customer_number": "13700137000",
        "queue": "hotline",
        "agent_extension": None,
        "extensions": (),
        "answered_after": None,
        "ended_after": 41.02,
        "wait_seconds": 41,
        "talk_seconds": 0,
        "hold_seconds": 0,
        "connected": False,
        "abandoned": True,
        "system_disposition": "abandoned",
        "recording": False,
        "transfers": 0,
    },
    "transferred": {
        "direction": "inbound",
        "customer_number": "13600136000",
        "queue": "hotline",
        "agent_extension": "8001",
        "extensions": ("8001", "8002"),
        "answered_after": 5.0,
        "ended_after": 100.02,
        "wait_seconds": 5,
        "talk_seconds": 90,
        "hold_seconds": 0,
        "connected": True,
        "abandoned": False,
        "system_disposition": None,
        "recording": False,
        "transfers": 1,
    },
    "outbound_no_answer": {
        "direction": "outbound",
        "customer_number": "13900139000",
        "queue": None,
        "agent_extension": "8003",
        "extensions": (),
        "answered_after": None,
        "ended_after": 30.3,
        "wait_seconds": 30,
        "talk_seconds": 0,
        "hold_seconds": 0,
        "connected": False,
        "abandoned": False,
        "system_disposition": "no_answer",
        "recording": False,
        "transfers": 0,
    },
    "agent_hangup_mid_call": {
        "direction": "inbound",
        "customer_number": "13500135000",
        "queue": None,
        "agent_extension": "8001",
        "extensions": ("8001",),
        "answered_after": 4.0,
        "ended_after": 54.02,
        "wait_seconds": 4,
        "talk_seconds": 50,
        "hold_seconds": 0,
        "connected": True,
        "abandoned": False,
        "system_disposition": None,
        "recording": False,
        "transfers": 0,
    },
    "outbound_answered_from_task": {
        "direction": "outbound",
        "customer_number": "13300133000",
        "queue": None,
        "agent_extension": "8003",
        "extensions": ("8003",),
        "answered_after": 12.0,
        "ended_after": 77.02,
        "wait_seconds": 12,
        "talk_seconds": 65,
        "hold_seconds": 0,
        "connected": True,
        "abandoned": False,
        "system_disposition": None,
        "recording": True,
        "transfers": 0,
    },
}
COMPLETE_FLOWS = sorted(EXPECTED)


def transcript(name: str) -> list[Message]:
    return load_transcript(FOLDER / f"{name}.ami")
