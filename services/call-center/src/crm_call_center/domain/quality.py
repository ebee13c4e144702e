"""Recordings and their quality review (质检): where a call's recording is kept, and the QA form
managers score a recorded call on when they spot-check it.

The form is the one most brand hotlines and dealers' BDCs use, in points that add up to 100:
a reviewer gives each item from 0 to its points; the call's score is their sum.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from crm_common.errors import InvalidInput

RECORDINGS = "recordings"
PBX_MONITOR_DIRECTORY = "monitor"
"""Asterisk's recordings live under ``/var/spool/asterisk/monitor`` (FreePBX adds
``YYYY/MM/DD``): what follows it is the recording's place in the share mounted for the CRM."""


def recording_key(source: str, recording_file: str) -> str:
    """The file store's key of a call's recording: ``recordings/<source>/<path below the PBX's
    monitor directory>`` (or the file's name when the PBX names no monitor directory)."""
    parts = PurePosixPath(recording_file.replace("\\", "/")).parts
    if PBX_MONITOR_DIRECTORY in parts:
        below = parts[len(parts) - parts[::-1].index(PBX_MONITOR_DIRECTORY) :]
    else:
        below = (PureWindowsPath(recording_file).name,)
    kept = [p for p in below if p not in ("", ".", "..", "/")]
    return "/".join([RECORDINGS, source.replace("/", "_"), *kept])


@dataclass(frozen=True, slots=True)
class QaItem:
    name: str
    points: int
    label: str
    label_zh: str


QA_FORM: tuple[QaItem, ...] = (
    QaItem("greeting", 10, "Greeting and identification", "开场问候与身份确认"),
    QaItem("needs", 25, "Needs discovered", "需求挖掘"),
    QaItem("knowledge", 20, "Product and policy knowledge", "产品与政策知识"),
    QaItem("script", 20, "Script and compliance", "话术与合规"),
    QaItem("courtesy", 10, "Courtesy and tone", "服务态度"),
    QaItem("next_step", 15, "Next step agreed", "明确下一步"),
)
QA_ITEMS = {item.name: item for item in QA_FORM}
MAX_COMMENT_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class QaScore:
    items: Mapping[str, int]
    total: int


def score(given: Mapping[str, int]) -> QaScore:
    """The score of a filled-in form: every item once, within its points (``InvalidInput``
    naming the item otherwise)."""
    for name in given:
        if name not in QA_ITEMS:
            raise InvalidInput(f"scores.{name}", "not an item of the QA form")
    for item in QA_FORM:
        if item.name not in given:
            raise InvalidInput(f"scores.{item.name}", "every item of the QA form is scored")
        if not 0 <= given[item.name] <= item.points:
            raise InvalidInput(f"scores.{item.name}", f"from 0 to {item.points} points")
    items = {item.name: given[item.name] for item in QA_FORM}
    return QaScore(items, sum(items.values()))
