"""Survey arithmetic and answer checks: NPS, the weighted CSI index, low scores, links."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crm_common.errors import InvalidInput
from crm_service_desk.domain.surveys import (
    Design,
    Question,
    QuestionKind,
    SurveyClosed,
    check_open,
    csi_index,
    net_promoter_score,
    new_link_token,
    score,
    token_digest,
)

DESIGN = Design(
    (
        Question("nps", QuestionKind.NPS, "recommend?"),
        Question("staff", QuestionKind.CSI, "staff", scale_max=5, weight=3),
        Question("wait", QuestionKind.CSI, "waiting", scale_max=10, weight=1),
        Question("how", QuestionKind.SINGLE_CHOICE, "how", options=("web", "friend")),
        Question(
            "extras", QuestionKind.MULTIPLE_CHOICE, "x", options=("a", "b", "c"), required=False
        ),
        Question("text", QuestionKind.TEXT, "anything else?", required=False),
    )
)


def test_nps_is_promoters_minus_detractors() -> None:
    # 4 promoters (9, 10), 3 passives (7, 8), 3 detractors (0-6) of 10: 40 % - 30 % = 10.
    assert net_promoter_score([10, 9, 9, 10, 7, 8, 8, 6, 0, 3]) == 10.0
    assert net_promoter_score([0, 6]) == -100.0
    assert net_promoter_score([]) is None


def test_csi_is_the_weighted_index_of_the_scales() -> None:
    # staff 5/5 → 100 (weight 3), wait 1/10 → 0 (weight 1): (300 + 0) / 4 = 75.
    scored = score(DESIGN, {"nps": 9, "staff": 5, "wait": 1, "how": "web"})
    assert (scored.nps, scored.csi, scored.low_score) == (9, 75.0, False)
    assert csi_index([75.0, 25.0]) == 50.0
    assert csi_index([]) is None


def test_a_low_nps_or_csi_is_a_low_score() -> None:
    assert score(DESIGN, {"nps": 6, "staff": 5, "wait": 10, "how": "web"}).low_score
    assert score(DESIGN, {"nps": 10, "staff": 2, "wait": 3, "how": "web"}).low_score
    assert not score(DESIGN, {"nps": 7, "staff": 4, "wait": 8, "how": "web"}).low_score


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"nps": 11, "staff": 5, "wait": 5, "how": "web"}, "answers.nps"),
        ({"nps": True, "staff": 5, "wait": 5, "how": "web"}, "answers.nps"),
        ({"nps": 5, "staff": 0, "wait": 5, "how": "web"}, "answers.staff"),
        ({"nps": 5, "staff": 5, "wait": 5, "how": "tv"}, "answers.how"),
        ({"nps": 5, "staff": 5, "wait": 5}, "answers.how"),
        ({"nps": 5, "staff": 5, "wait": 5, "how": "web", "extras": ["a", "a"]}, "answers.extras"),
        ({"nps": 5, "staff": 5, "wait": 5, "how": "web", "colour": "red"}, "answers.colour"),
    ],
)
def test_bad_answers_name_their_question(answers: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        score(DESIGN, answers)
    assert error.value.field == field


def test_designs_are_checked() -> None:
    with pytest.raises(InvalidInput, match="at most one NPS"):
        Design((Question("a", QuestionKind.NPS, "a"), Question("b", QuestionKind.NPS, "b")))
    with pytest.raises(InvalidInput) as error:
        Design((Question("a", QuestionKind.CSI, "a", scale_max=4),))
    assert error.value.field == "questions.0.scale_max"
    with pytest.raises(InvalidInput):
        Design((Question("a", QuestionKind.SINGLE_CHOICE, "a", options=("only",)),))


def test_a_link_is_answered_once_and_until_it_expires() -> None:
    token = new_link_token()
    assert token_digest(token) != token_digest(new_link_token())
    now = datetime(2026, 11, 2, tzinfo=UTC)
    check_open(answered_at=None, expires_at=now + timedelta(days=1), now=now)
    with pytest.raises(SurveyClosed, match="answered"):
        check_open(answered_at=now, expires_at=now + timedelta(days=1), now=now)
    with pytest.raises(SurveyClosed, match="expired"):
        check_open(answered_at=None, expires_at=now, now=now)
