import pytest
from pydantic import ValidationError

from crm_common.errors import InvalidInput
from crm_opportunities.domain.evaluation import Questionnaire


def questionnaire() -> Questionnaire:
    return Questionnaire.model_validate(
        {
            "questions": [
                {
                    "code": "budget",
                    "text": "Budget confirmed?",
                    "weight": 3,
                    "options": [
                        {"code": "yes", "label": "yes", "points": 4},
                        {"code": "no", "label": "no", "points": 1},
                    ],
                },
                {
                    "code": "rival",
                    "text": "Comparing with a rival?",
                    "options": [
                        {"code": "no", "label": "no", "points": 5},
                        {"code": "yes", "label": "yes", "points": 2},
                    ],
                },
            ]
        }
    )


def test_the_score_adds_the_weighted_points_of_the_answers() -> None:
    q = questionnaire()
    assert q.max_score == 3 * 4 + 5
    assert q.score({"budget": "no", "rival": "yes"}) == 3 * 1 + 2
    assert q.score({"budget": "yes", "rival": "no"}) == q.max_score


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"budget": "yes"}, "answers.rival"),
        ({"budget": "maybe", "rival": "no"}, "answers.budget"),
        ({"budget": "yes", "rival": "no", "colour": "red"}, "answers.colour"),
    ],
)
def test_answers_that_do_not_fit_name_the_question(answers: dict[str, str], field: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        questionnaire().score(answers)
    assert raised.value.field == field


def test_a_questionnaire_needs_unique_codes_and_something_to_score() -> None:
    question = questionnaire().questions[0].model_dump()
    with pytest.raises(ValidationError, match="question codes must be unique"):
        Questionnaire.model_validate({"questions": [question, question]})
    twice = {**question, "options": [question["options"][0], question["options"][0]]}
    with pytest.raises(ValidationError, match="answer codes"):
        Questionnaire.model_validate({"questions": [twice]})
    zero = {**question, "options": [{**o, "points": 0} for o in question["options"]]}
    with pytest.raises(ValidationError, match="no answer scores"):
        Questionnaire.model_validate({"questions": [zero]})
