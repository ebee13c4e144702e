"""What a survey answer adds to the NPS: promoters (9-10) +1, detractors (0-6) -1, passives
and answers without an NPS question 0; the NPS of a group is the sum over the answers counted
(a fraction from -1 to 1; x100 for the usual score)."""

from __future__ import annotations

PROMOTER_AT_LEAST = 9
DETRACTOR_AT_MOST = 6


def nps_point(score: int | None) -> int:
    if score is None:
        return 0
    if score >= PROMOTER_AT_LEAST:
        return 1
    return -1 if score <= DETRACTOR_AT_MOST else 0
