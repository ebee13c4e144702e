"""Whether a service agreement covers a ticket's work: validity, mileage, visits, categories."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest

from crm_common.errors import InvalidInput
from crm_service_desk.domain.agreements import (
    Agreement,
    AgreementKind,
    check_terms,
    coverage,
    visit_to_use,
)

WARRANTY = Agreement(
    id=uuid.uuid4(),
    kind=AgreementKind.EXTENDED_WARRANTY,
    name="延保 5 年",
    valid_from=date(2026, 1, 1),
    valid_until=date(2030, 12, 31),
    categories=("powertrain",),
    max_km=150_000,
)
PACKAGE = Agreement(
    id=uuid.uuid4(),
    kind=AgreementKind.MAINTENANCE_PACKAGE,
    name="保养套餐 4 次",
    valid_from=date(2026, 1, 1),
    valid_until=date(2027, 12, 31),
    visits=4,
    visits_used=3,
)
DAY = date(2026, 6, 1)


def test_a_category_covers_its_sub_categories() -> None:
    found = coverage([WARRANTY], category_path=["gearbox", "powertrain"], on=DAY, mileage_km=1000)
    assert (found.covered, found.agreement_id) == (True, WARRANTY.id)
    other = coverage([WARRANTY], category_path=["paint"], on=DAY, mileage_km=1000)
    assert (other.covered, other.reason) == (False, "延保 5 年: does not cover this kind of work")


@pytest.mark.parametrize(
    ("on", "mileage", "reason"),
    [
        (date(2025, 12, 31), 10, "延保 5 年: valid from 2026-01-01"),
        (date(2031, 1, 1), 10, "延保 5 年: ended on 2030-12-31"),
        (DAY, 150_001, "延保 5 年: over 150000 km"),
    ],
)
def test_validity_and_mileage(on: date, mileage: int, reason: str) -> None:
    found = coverage([WARRANTY], category_path=["powertrain"], on=on, mileage_km=mileage)
    assert (found.covered, found.reason) == (False, reason)


def test_an_unknown_mileage_does_not_void_the_warranty() -> None:
    assert coverage([WARRANTY], category_path=["powertrain"], on=DAY, mileage_km=None).covered


def test_visits_run_out_and_the_next_agreement_may_cover() -> None:
    assert coverage([PACKAGE], category_path=[], on=DAY, mileage_km=None).covered
    spent = replace(PACKAGE, visits_used=4)
    none_left = coverage([spent], category_path=["powertrain"], on=DAY, mileage_km=None)
    assert none_left.reason == "保养套餐 4 次: no visits left"
    either = coverage([spent, WARRANTY], category_path=["powertrain"], on=DAY, mileage_km=10)
    assert (either.covered, either.agreement_id) == (True, WARRANTY.id)


def test_a_covered_visit_uses_up_one_of_the_package_s_visits_once() -> None:
    found = coverage([PACKAGE], category_path=[], on=DAY, mileage_km=None)
    assert visit_to_use([PACKAGE], found, visit_used_of=None) == PACKAGE
    # The work that used the last visit is still covered by it; it uses no second one.
    spent = replace(PACKAGE, visits_used=4)
    again = coverage([spent], category_path=[], on=DAY, mileage_km=None, visit_used_of=PACKAGE.id)
    assert (again.covered, again.agreement_id) == (True, PACKAGE.id)
    assert visit_to_use([spent], again, visit_used_of=PACKAGE.id) is None
    # None left: not covered, nothing used; a warranty without a visit limit counts none.
    none_left = coverage([spent], category_path=[], on=DAY, mileage_km=None)
    assert visit_to_use([spent], none_left, visit_used_of=None) is None
    warranty = coverage([WARRANTY], category_path=["powertrain"], on=DAY, mileage_km=10)
    assert visit_to_use([WARRANTY], warranty, visit_used_of=None) is None


def test_no_agreement_says_so() -> None:
    found = coverage([], category_path=[], on=DAY, mileage_km=None)
    assert (found.covered, found.reason) == (
        False,
        "no service agreement for this vehicle or customer",
    )


def test_terms_name_the_field() -> None:
    with pytest.raises(InvalidInput) as bad_dates:
        check_terms(valid_from=DAY, valid_until=date(2026, 5, 31), vin="X", customer_id=None)
    assert bad_dates.value.field == "valid_until"
    with pytest.raises(InvalidInput) as nobody:
        check_terms(valid_from=DAY, valid_until=DAY, vin=None, customer_id=None)
    assert nobody.value.field == "vin"
