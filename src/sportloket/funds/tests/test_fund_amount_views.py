"""Changing a fund's amount on its ledger: with a reason, recorded once, never below what is
committed, and only by a coordinator."""

import pytest

from sportloket.funds.models import FundAmountChange
from sportloket.funds.tests.pages import login, url

pytestmark = pytest.mark.django_db


def test_a_coordinator_changes_the_amount_with_a_reason(coordinator_client, desk, funds):
    municipal, _rabo = funds
    data = {"new_cents": "12.500", "reason": "Raadsbesluit"}
    response = coordinator_client.post(url("fund-amount", desk, municipal.pk), data)
    assert response.status_code == 302
    # The same change sent twice is recorded once.
    coordinator_client.post(url("fund-amount", desk, municipal.pk), data)
    municipal.refresh_from_db()
    assert municipal.amount_cents == 1_250_000
    assert list(FundAmountChange.objects.values_list("new_cents", "reason")) == [
        (1_250_000, "Raadsbesluit")
    ]
    page = coordinator_client.get(url("fund-detail", desk, municipal.pk)).text
    assert "Raadsbesluit" in page


def test_the_amount_never_goes_below_what_is_committed(coordinator_client, desk, funds, allocate):
    municipal, _rabo = funds
    allocate(municipal, 30_000)
    response = coordinator_client.post(
        url("fund-amount", desk, municipal.pk), {"new_cents": "100", "reason": "Bezuiniging"}
    )
    assert response.status_code == 400
    assert "new_cents" in response.context["amount_form"].errors
    assert "€\u00a0300,00" in response.context["amount_form"].errors["new_cents"][0]
    assert 'value="100"' in response.text and "Bezuiniging" in response.text
    municipal.refresh_from_db()
    assert municipal.amount_cents == 1_000_000 and not FundAmountChange.objects.exists()


def test_an_amount_change_needs_a_reason(coordinator_client, desk, funds):
    municipal, _rabo = funds
    response = coordinator_client.post(url("fund-amount", desk, municipal.pk), {"new_cents": "5"})
    assert response.status_code == 400
    assert "reason" in response.context["amount_form"].errors


@pytest.mark.parametrize(("role", "status"), [("representative", 403), ("supporter", 403),
                                              ("other_partner", 403), ("viewer", 403)])  # fmt: skip
def test_only_a_coordinator_changes_an_amount(request, client, desk, funds, role, status):
    municipal, _rabo = funds
    login(client, request.getfixturevalue(role))
    response = client.post(
        url("fund-amount", desk, municipal.pk), {"new_cents": "1", "reason": "Weg"}
    )
    assert response.status_code == status
    municipal.refresh_from_db()
    assert municipal.amount_cents == 1_000_000
