"""Money for a decision on its funding page: co-funding sent once, a refusal keeps what was
typed, only a coordinator commits money, and the warning about a fund nobody can approve."""

import pytest
from django.utils import translation

from sportloket.funds import rules
from sportloket.funds.constants import AllocationState as A
from sportloket.funds.tests.factories import new_key
from sportloket.funds.tests.pages import login, url

pytestmark = pytest.mark.django_db


def test_a_coordinator_co_funds_a_decision_once(coordinator_client, desk, funds, new_decision):
    municipal, rabo = funds
    decision = new_decision(amount_cents=100_000)
    page = coordinator_client.get(url("decision-fund", desk, decision.pk))
    assert page.status_code == 200
    key = page.context["form"].initial["idempotency_key"]
    assert f'name="idempotency_key" value="{key}"' in page.text
    data = {
        "idempotency_key": key,
        f"fund_{municipal.pk}": "600",  # above the threshold of € 500: the owner approves
        f"fund_{rabo.pk}": "400",
    }
    first = coordinator_client.post(url("decision-fund", desk, decision.pk), data)
    assert first.status_code == 302
    again = coordinator_client.post(url("decision-fund", desk, decision.pk), data)
    assert again.status_code == 302  # a second click finds the first
    allocations = {a.fund: a for a in decision.allocations.all()}
    assert {f: (a.amount_cents, a.state) for f, a in allocations.items()} == {
        municipal: (60_000, A.PROPOSED),
        rabo: (40_000, A.APPROVED),
    }
    municipal.refresh_from_db()
    assert municipal.available_cents == 940_000
    ledger = coordinator_client.get(url("fund-detail", desk, municipal.pk)).text
    assert url("decision-fund", desk, decision.pk) in ledger


def test_money_a_fund_does_not_have_is_refused_with_what_was_typed(coordinator_client, desk,
                                                                   funds, new_decision):  # fmt: skip
    municipal, _rabo = funds
    decision = new_decision(amount_cents=5_000_000)
    data = {"idempotency_key": new_key(), f"fund_{municipal.pk}": "20.000"}
    response = coordinator_client.post(url("decision-fund", desk, decision.pk), data)
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert 'value="20.000"' in response.text
    assert not decision.allocations.exists()


def test_a_bad_amount_for_a_decision_is_refused_next_to_its_fund(coordinator_client, desk, funds,
                                                                 new_decision):  # fmt: skip
    municipal, _rabo = funds
    decision = new_decision()
    data = {"idempotency_key": new_key(), f"fund_{municipal.pk}": "twee"}
    response = coordinator_client.post(url("decision-fund", desk, decision.pk), data)
    assert response.status_code == 400
    assert f"fund_{municipal.pk}" in response.context["form"].errors
    empty = coordinator_client.post(url("decision-fund", desk, decision.pk), {})
    assert empty.status_code == 400 and empty.context["form"].non_field_errors()


@pytest.mark.parametrize("role", ["representative", "supporter", "other_partner", "viewer"])
def test_only_a_coordinator_commits_money_to_a_decision(request, client, desk, funds, new_decision,
                                                        role):  # fmt: skip
    municipal, _rabo = funds
    decision = new_decision()
    login(client, request.getfixturevalue(role))
    assert client.get(url("decision-fund", desk, decision.pk)).status_code == 403
    data = {"idempotency_key": new_key(), f"fund_{municipal.pk}": "10"}
    assert client.post(url("decision-fund", desk, decision.pk), data).status_code == 403
    assert not decision.allocations.exists()


def test_the_funding_form_warns_about_a_fund_nobody_can_approve(
    request, coordinator_client, desk, funds, new_decision
):
    municipal, rabo = funds
    decision = new_decision()
    form = coordinator_client.get(url("decision-fund", desk, decision.pk)).context["form"]
    with translation.override("nl"):
        warning = translation.gettext(
            "Nobody at this desk represents %(owner)s: above %(threshold)s the money stays "
            "proposed until somebody does and approves it."
        ) % {"owner": "Gemeente Alpha", "threshold": rules.euros(50_000)}
    assert warning in form.fields[f"fund_{municipal.pk}"].help_text
    assert "Nobody" not in form.fields[f"fund_{rabo.pk}"].help_text
    assert warning not in form.fields[f"fund_{rabo.pk}"].help_text
    request.getfixturevalue("representative")
    form = coordinator_client.get(url("decision-fund", desk, decision.pk)).context["form"]
    assert warning not in form.fields[f"fund_{municipal.pk}"].help_text
