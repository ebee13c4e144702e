"""Split credit (业绩分成): a deal sold by more than one consultant is credited in shares that
sum to 100 %, proposed on the open opportunity and approved by a manager before it counts.
Until approved (or when rejected), the owner has all of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from crm_common.errors import InvalidInput

MAX_PARTICIPANTS = 4
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class SplitStatus(StrEnum):
    PENDING_APPROVAL = "pending_approval"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Share:
    user_id: str
    team: str
    share_percent: Decimal


class CreditSplitInvalid(InvalidInput):
    def __init__(self, message: str) -> None:
        super().__init__("shares", message)


class SplitNotPending(Exception):
    """Only a split awaiting approval can be decided."""


def validate_split(owner_user: str, shares: Sequence[Share]) -> tuple[Share, ...]:
    """The shares as proposed, if they make a split: the owner and at least one co-seller,
    each once, each a positive whole cent of a percent, together exactly 100."""
    users = [s.user_id for s in shares]
    if owner_user not in users:
        raise CreditSplitInvalid("the opportunity's owner must keep a share")
    if len(shares) < 2:
        raise CreditSplitInvalid("a split needs at least one consultant besides the owner")
    if len(shares) > MAX_PARTICIPANTS:
        raise CreditSplitInvalid(f"at most {MAX_PARTICIPANTS} consultants share a deal")
    if len(set(users)) != len(users):
        raise CreditSplitInvalid("each consultant appears once")
    for share in shares:
        if share.share_percent <= 0 or share.share_percent != share.share_percent.quantize(CENT):
            raise CreditSplitInvalid(
                f"{share.user_id}'s share must be positive, in hundredths of a percent"
            )
    total = sum((s.share_percent for s in shares), Decimal(0))
    if total != HUNDRED:
        raise CreditSplitInvalid(f"the shares sum to {total}, not 100")
    return tuple(shares)


def decide(status: SplitStatus, approved: bool) -> SplitStatus:
    if status is not SplitStatus.PENDING_APPROVAL:
        raise SplitNotPending(f"the credit split is {status.value}, not awaiting approval")
    return SplitStatus.APPROVED if approved else SplitStatus.REJECTED


def credit_at_win(
    owner_user: str, owner_team: str, split: tuple[SplitStatus, Sequence[Share]] | None
) -> tuple[Share, ...]:
    """Who is credited when the deal is won."""
    if split is not None and split[0] is SplitStatus.APPROVED:
        return tuple(split[1])
    return (Share(owner_user, owner_team, HUNDRED),)
