"""The spine's PBX playing calls a test's tasks were dialled from."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from crm_common.testing.ami_server import Message, parse_transcript

FROM_TASK = (
    Path(__file__).resolve().parents[2]
    / "services"
    / "call-center"
    / "tests"
    / "transcripts"
    / "outbound_answered_from_task.ami"
)
TRANSCRIPT_TASK = "6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5"


def dialled_call(task_id: str, extension: str, number: str) -> list[Message]:
    """The transcript's click-to-dial (answered, 65 s of talk) as this task's: its channel ids,
    task, extension and number."""
    call_key = f"{int(time.time())}{secrets.randbelow(10**6):06d}"
    text = FROM_TASK.read_text(encoding="utf-8")
    text = text.replace("1733481000", call_key).replace(TRANSCRIPT_TASK, task_id)
    text = text.replace("13300133000", number)
    return parse_transcript(re.sub(r"\b8003\b", extension, text))
