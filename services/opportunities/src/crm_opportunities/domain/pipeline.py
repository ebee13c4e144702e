"""Sales pipelines (销售漏斗): a dealer's ordered stages, each with a win probability, the
activities that must be recorded before an opportunity may reach it, and the days after which
an opportunity sitting in it is stale. Configuration, not code: HQ publishes templates, each
dealer keeps its own."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field, model_validator

TEST_DRIVE = "test_drive"


class Stage(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(min_length=1, max_length=40, pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1, max_length=100)
    probability: int = Field(ge=0, le=100, description="Win probability at this stage, %")
    required_activities: tuple[str, ...] = Field(
        default=(),
        max_length=10,
        description="Activity kinds recorded before an opportunity may reach it",
    )
    rot_days: int | None = Field(
        default=None, ge=1, description="Days in this stage after which it is stale"
    )


class Pipeline(BaseModel):
    """Stages left to right. Validated: unique codes, at least two stages, probabilities that
    never fall from one stage to the next."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    stages: tuple[Stage, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _ordered(self) -> Pipeline:
        codes = [s.code for s in self.stages]
        if len(set(codes)) != len(codes):
            raise ValueError("stage codes must be unique")
        for before, after in zip(self.stages, self.stages[1:], strict=False):
            if after.probability < before.probability:
                raise ValueError(
                    f"probability falls from {before.code} ({before.probability}%) to "
                    f"{after.code} ({after.probability}%)"
                )
        return self

    def stage(self, code: str) -> Stage:
        for stage in self.stages:
            if stage.code == code:
                return stage
        raise UnknownStage(f"no stage {code!r} in this pipeline")

    def position(self, code: str) -> int:
        return [s.code for s in self.stages].index(self.stage(code).code)

    def has(self, code: str) -> bool:
        return any(s.code == code for s in self.stages)

    @property
    def first(self) -> Stage:
        return self.stages[0]

    def missing_activities(self, target: str, recorded: Sequence[str]) -> list[str]:
        """Activities required by the stages up to and including ``target`` not recorded yet."""
        done = set(recorded)
        needed: list[str] = []
        for stage in self.stages[: self.position(target) + 1]:
            needed.extend(a for a in stage.required_activities if a not in done)
        return sorted(set(needed))

    def stale(self, code: str, entered_at: datetime, now: datetime) -> bool:
        """Sitting in the stage longer than its rot days."""
        rot = self.stage(code).rot_days
        return rot is not None and now - entered_at > timedelta(days=rot)


class UnknownStage(LookupError):
    """The pipeline has no such stage (answered 422 where a caller named it)."""


DEFAULT_PIPELINE = Pipeline(
    stages=(
        Stage(code="reception", name="Reception 接待", probability=10, rot_days=3),
        Stage(code="needs_analysis", name="Needs analysis 需求分析", probability=20, rot_days=7),
        Stage(code=TEST_DRIVE, name="Test drive 试驾", probability=40, rot_days=7),
        Stage(
            code="quote",
            name="Quote 报价",
            probability=60,
            required_activities=(TEST_DRIVE,),
            rot_days=10,
        ),
        Stage(code="negotiation", name="Negotiation 议价", probability=75, rot_days=14),
        Stage(code="order", name="Order 订单", probability=90, rot_days=30),
        Stage(code="delivery", name="Delivery 交车", probability=100, rot_days=30),
    )
)
