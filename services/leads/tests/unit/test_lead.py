from datetime import UTC, datetime

import pytest

from crm_leads.domain.lead import InvalidPhoneNumber, LeadSource, normalise_phone, register_lead


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


def test_a_registered_lead_is_normalised_and_owned_by_the_receiving_org() -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    lead = register_lead(
        tenant="oem-1",
        owner_org="dealer-1",
        customer_name="  王   伟 ",
        phone="138 0013 8000",
        source=LeadSource.WALK_IN,
        vehicle_interest="  SUV X ",
        created_by="u-1",
        now=now,
    )
    assert lead.customer_name == "王 伟"
    assert lead.phone == "+8613800138000"
    assert lead.owner_org == "dealer-1"
    assert lead.vehicle_interest == "SUV X"
    assert lead.created_at == now
