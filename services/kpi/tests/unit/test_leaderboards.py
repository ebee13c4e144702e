from datetime import date
from decimal import Decimal

import pytest

from crm_common.errors import InvalidInput
from crm_kpi.domain.leaderboards import Metric, board_key, month_of, ranking


def test_equal_scores_share_a_rank_and_the_next_rank_skips() -> None:
    ranked = ranking({"b": Decimal(3), "a": Decimal(5), "c": Decimal(3), "d": Decimal(1)})
    assert [(r.rank, r.member) for r in ranked] == [(1, "a"), (2, "b"), (2, "c"), (4, "d")]


def test_months_and_keys() -> None:
    assert month_of("2028-02") == (date(2028, 2, 1), date(2028, 2, 29))
    with pytest.raises(InvalidInput):
        month_of("2026-13")
    assert (
        board_key("t1.", "oem", "2026-11", Metric.UNITS) == "t1.kpi:leaderboard:oem:2026-11:units:*"
    )
