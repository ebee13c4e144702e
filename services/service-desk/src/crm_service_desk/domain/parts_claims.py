"""Parts claims (零部件索赔): a dealer claims a faulty part of a ticket's repair from the parts
maker that made it; the maker accepts, rejects or asks for more information, and the dealer
answers a request for information by filing again. Pure rules of who may move a claim where."""

from __future__ import annotations

from enum import StrEnum

from crm_common.errors import InvalidInput
from crm_service_desk.domain.tickets import TicketConflict


class ClaimStatus(StrEnum):
    FILED = "filed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    MORE_INFORMATION = "more_information"


MAKER_ANSWERS = frozenset(
    {ClaimStatus.ACCEPTED, ClaimStatus.REJECTED, ClaimStatus.MORE_INFORMATION}
)


def check_claim(part_number: str, quantity: int) -> None:
    if not part_number.strip():
        raise InvalidInput("part_number", "name the part")
    if quantity < 1:
        raise InvalidInput("quantity", "at least one part")


def answered(current: ClaimStatus, answer: ClaimStatus) -> ClaimStatus:
    """The maker's answer to a filed claim (409 for a claim it answered already)."""
    if answer not in MAKER_ANSWERS:
        raise InvalidInput("status", "accepted, rejected or more_information")
    if current is not ClaimStatus.FILED:
        raise TicketConflict(f"the claim is {current.value}: only a filed claim is answered")
    return answer


def refiled(current: ClaimStatus) -> ClaimStatus:
    """The dealer files again with the information the maker asked for."""
    if current is not ClaimStatus.MORE_INFORMATION:
        raise TicketConflict(f"the claim is {current.value}: it is not waiting for information")
    return ClaimStatus.FILED
