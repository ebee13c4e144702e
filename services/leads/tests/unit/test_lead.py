from datetime import UTC, datetime

import pytest

from crm_leads.domain.lead import InvalidPhoneNumber, Worker, normalise_phone

from .factories import POOL, new_lead


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("13800138000", "+8613800138000"),
        ("138 0013 8000", "+8613800138000"),
        ("138-0013-8000", "+8613800138000"),
        ("+86 138 0013 8000", "+8613800138000"),
        ("0086 13800138000", "+8613800138000"),
        ("+49 30 1234567", "+49301234567"),
        ("021-6123 4567", "+862161234567"),
    ],
)
def test_phone_numbers_are_normalised_to_e164(raw: str, e164: str) -> None:
    assert normalise_phone(raw) == e164


@pytest.mark.parametrize("raw", ["", "abc", "12", "+86 138 0013 8000 1234 5678", "138x0013"])
def test_things_that_are_not_phone_numbers_are_refused(raw: str) -> None:
    with pytest.raises(InvalidPhoneNumber):
        normalise_phone(raw)


def test_a_registered_lead_is_normalised_and_owned_by_whoever_took_it_in() -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    lead = new_lead(now, owner=Worker("u-1", "team-1"), customer_name="  王   伟 ")
    assert lead.customer_name == "王 伟"
    assert lead.phone == "+8613800138000"
    assert (lead.owner_org, lead.owner_user, lead.owner_team) == ("dealer-1", "u-1", "team-1")
    assert (lead.pool_id, lead.owned_since) == (None, now)
    assert lead.vehicle_interest == "SUV X"
    assert [c.kind for c in lead.changes] == ["created"]


def test_a_lead_nobody_took_in_waits_in_its_pool() -> None:
    lead = new_lead(datetime(2026, 11, 23, tzinfo=UTC), owner=None)
    assert lead.in_pool
    assert lead.pool_id == lead.home_pool_id == POOL
