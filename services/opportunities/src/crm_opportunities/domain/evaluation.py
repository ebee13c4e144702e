"""Opportunity evaluation (销售机会评估): a dealer's (or HQ's) questionnaire of weighted
questions; each answer option scores points, and the opportunity's score is what its answers
add up to, out of the most the questionnaire can give."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from crm_common.errors import InvalidInput

Code = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z][a-z0-9_]*$")]


class AnswerOption(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: Code
    label: str = Field(min_length=1, max_length=200)
    points: int = Field(ge=0, le=100)


class Question(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: Code
    text: str = Field(min_length=1, max_length=500)
    weight: int = Field(default=1, ge=1, le=10, description="Points of the answer are multiplied")
    options: tuple[AnswerOption, ...] = Field(min_length=2, max_length=20)

    @model_validator(mode="after")
    def _unique_options(self) -> Question:
        codes = [o.code for o in self.options]
        if len(set(codes)) != len(codes):
            raise ValueError(f"answer codes of question {self.code!r} must be unique")
        return self

    @property
    def max_points(self) -> int:
        return self.weight * max(o.points for o in self.options)

    def points_for(self, answer: str) -> int | None:
        return next((self.weight * o.points for o in self.options if o.code == answer), None)


class Questionnaire(BaseModel):
    """Validated: unique question codes, at least one question that can score."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    questions: tuple[Question, ...] = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def _valid(self) -> Questionnaire:
        codes = [q.code for q in self.questions]
        if len(set(codes)) != len(codes):
            raise ValueError("question codes must be unique")
        if self.max_score == 0:
            raise ValueError("no answer scores any points")
        return self

    @property
    def max_score(self) -> int:
        return sum(q.max_points for q in self.questions)

    def score(self, answers: Mapping[str, str]) -> int:
        """Every question answered with one of its options, nothing else (422 naming the
        answer otherwise)."""
        known = {q.code for q in self.questions}
        for code in answers:
            if code not in known:
                raise InvalidInput(f"answers.{code}", "no such question in the questionnaire")
        total = 0
        for question in self.questions:
            if question.code not in answers:
                raise InvalidInput(f"answers.{question.code}", "the question is not answered")
            points = question.points_for(answers[question.code])
            if points is None:
                raise InvalidInput(
                    f"answers.{question.code}",
                    f"{answers[question.code]!r} is not an answer of this question",
                )
            total += points
        return total
