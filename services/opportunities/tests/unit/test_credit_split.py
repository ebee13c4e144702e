from decimal import Decimal

import pytest

from crm_opportunities.domain.credit_split import (
    CreditSplitInvalid,
    Share,
    SplitNotPending,
    SplitStatus,
    credit_at_win,
    decide,
    validate_split,
)


def share(user: str, percent: str) -> Share:
    return Share(user, "team", Decimal(percent))


def test_a_split_sums_to_a_hundred_with_the_owner_in_it() -> None:
    assert len(validate_split("c1", [share("c1", "60"), share("c2", "40")])) == 2
    for shares, message in (
        ([share("c1", "100")], "besides the owner"),
        ([share("c2", "60"), share("c3", "40")], "owner"),
        ([share("c1", "60"), share("c2", "30")], "90"),
        ([share("c1", "60"), share("c1", "40")], "once"),
        ([share("c1", "60.005"), share("c2", "39.995")], "hundredths"),
        ([share("c1", "100"), share("c2", "0")], "positive"),
        ([share(f"c{i}", "20") for i in range(1, 6)], "at most"),
    ):
        with pytest.raises(CreditSplitInvalid, match=message) as refused:
            validate_split("c1", shares)
        assert refused.value.field == "shares"


def test_only_a_pending_split_is_decided() -> None:
    assert decide(SplitStatus.PENDING_APPROVAL, True) is SplitStatus.APPROVED
    assert decide(SplitStatus.PENDING_APPROVAL, False) is SplitStatus.REJECTED
    with pytest.raises(SplitNotPending):
        decide(SplitStatus.APPROVED, False)


def test_the_owner_has_it_all_unless_a_split_was_approved() -> None:
    split = (share("c1", "60"), share("c2", "40"))
    assert credit_at_win("c1", "t", None) == (Share("c1", "t", Decimal(100)),)
    assert credit_at_win("c1", "t", (SplitStatus.PENDING_APPROVAL, split)) == (
        Share("c1", "t", Decimal(100)),
    )
    assert credit_at_win("c1", "t", (SplitStatus.REJECTED, split))[0].share_percent == 100
    assert credit_at_win("c1", "t", (SplitStatus.APPROVED, split)) == split
