"""Who may move a parts claim where: the maker answers a filed claim once; the dealer files
again only what the maker asked information for."""

from __future__ import annotations

import pytest

from crm_common.errors import InvalidInput
from crm_service_desk.domain.parts_claims import ClaimStatus, answered, check_claim, refiled
from crm_service_desk.domain.tickets import TicketConflict


@pytest.mark.parametrize(
    "answer", [ClaimStatus.ACCEPTED, ClaimStatus.REJECTED, ClaimStatus.MORE_INFORMATION]
)
def test_a_filed_claim_takes_any_answer_once(answer: ClaimStatus) -> None:
    assert answered(ClaimStatus.FILED, answer) is answer
    with pytest.raises(TicketConflict):
        answered(answer, ClaimStatus.ACCEPTED)


def test_filed_is_no_answer() -> None:
    with pytest.raises(InvalidInput):
        answered(ClaimStatus.FILED, ClaimStatus.FILED)


def test_only_a_request_for_information_is_filed_again() -> None:
    assert refiled(ClaimStatus.MORE_INFORMATION) is ClaimStatus.FILED
    for status in (ClaimStatus.FILED, ClaimStatus.ACCEPTED, ClaimStatus.REJECTED):
        with pytest.raises(TicketConflict):
            refiled(status)


def test_a_claim_names_its_part() -> None:
    with pytest.raises(InvalidInput) as nameless:
        check_claim("  ", 1)
    assert nameless.value.field == "part_number"
    with pytest.raises(InvalidInput) as none:
        check_claim("GB-1", 0)
    assert none.value.field == "quantity"
