"""The decide page validates everything in one pass: every mistake in the decision (the chosen
offerings, the rationale, the public summary, the reason to deviate from the ranking, the
amount, each fund's share) comes back at once, each next to its own field, with what was typed
kept; nothing is recorded."""

import re

import pytest
from django.urls import reverse

from sportloket.decisions.models import Decision
from sportloket.funds.models import Allocation
from sportloket.funds.tests.factories import FundFactory
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db


@pytest.fixture
def offerings(desk):
    best = OfferingFactory(
        loket=desk, title="Vrijwilligersbeleid", theme_keys=["volunteers"], cost_cents=60_000
    )
    second = OfferingFactory(
        loket=desk, title="Financieel spreekuur", theme_keys=["finances"], cost_cents=60_000
    )
    return best, second


@pytest.fixture
def fund(desk):
    return FundFactory(loket=desk, name="Uitvoeringsbudget", amount_cents=100_000)


def field_errors(html) -> dict[str, list[str]]:
    """The error lists beside the fields, by field name."""
    return {
        name: re.findall(r"<li>(.*?)</li>", items)
        for name, items in re.findall(r'<ul class="errorlist" id="id_(\w+)_error">(.*?)</ul>', html)
    }


def test_every_mistake_comes_back_at_once_next_to_its_field(
    coordinator_client, desk, question, offerings, fund
):
    _best, second = offerings
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])
    data = {
        "chosen": [second.pk],  # not the one ranked first, and no reason given
        "rationale": "",
        "public_summary": "Eva Brouwer krijgt hulp, bel 0612345678.",
        "deviation_reason": "",
        "amount": "-5",
        f"fund_{fund.pk}": "1.200",  # the fund has € 1.000 left
    }

    response = coordinator_client.post(url, data)

    assert response.status_code == 400
    assert not Decision.objects.exists() and not Allocation.objects.exists()
    html = squashed(response.text)
    errors = field_errors(html)
    assert set(errors) >= {"rationale", "public_summary", "deviation_reason", "amount"}
    assert f"fund_{fund.pk}" in errors
    assert errors["public_summary"] == [
        "Het openbare register bevat geen persoonsgegevens: laat namen, e-mailadressen en "
        "telefoonnummers weg."
    ]
    assert errors["deviation_reason"] == [
        "Zeg waarom je een ander aanbod kiest dan het eerst gerangschikte."
    ]
    assert "Uitvoeringsbudget" in errors[f"fund_{fund.pk}"][0]
    # Each list sits in its own field's block, which the field points to.
    for name in ("rationale", "public_summary", "deviation_reason", "amount", f"fund_{fund.pk}"):
        assert f'aria-describedby="id_{name}_error' in html or (
            f'aria-describedby="id_{name}_helptext id_{name}_error"' in html
        ), name
    # What was typed stays.
    assert "Eva Brouwer krijgt hulp, bel 0612345678." in html
    assert 'value="1.200"' in html and 'value="-5"' in html
    assert f'value="{second.pk}" id="chosen-{second.pk}" checked' in html


def test_no_offering_chosen_is_said_with_the_other_mistakes(
    coordinator_client, desk, question, offerings
):
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])

    response = coordinator_client.post(
        url, {"rationale": "", "public_summary": "bel 0612345678", "amount": "veel"}
    )

    assert response.status_code == 400
    html = squashed(response.text)
    assert "Kies ten minste één aanbod." in html
    # The summary's link to the ranking's error lands on the ranking.
    assert 'href="#id_chosen"' in html and 'id="id_chosen"' in html
    errors = field_errors(html)
    assert {"rationale", "public_summary", "amount"} <= set(errors)


def test_a_fund_that_pays_only_with_another_is_said_with_the_other_mistakes(
    coordinator_client, desk, question, offerings, fund
):
    best, _second = offerings
    fund.co_funding_required = True
    fund.save()
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])

    response = coordinator_client.post(
        url, {"chosen": [best.pk], "rationale": "", f"fund_{fund.pk}": "100"}
    )

    assert response.status_code == 400
    errors = field_errors(squashed(response.text))
    assert "rationale" in errors and "public_summary" in errors
    assert errors[f"fund_{fund.pk}"] == [
        "Het fonds &#x27;Uitvoeringsbudget&#x27; betaalt alleen samen met een ander fonds."
    ]


def test_a_correct_decision_is_still_recorded(coordinator_client, desk, question, offerings, fund):
    best, _second = offerings
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])
    response = coordinator_client.post(
        url,
        {
            "chosen": [best.pk],
            "rationale": "Past bij de vraag.",
            "public_summary": "Hulp bij vrijwilligersbeleid.",
            f"fund_{fund.pk}": "600",
        },
    )
    assert response.status_code == 302
    assert Decision.objects.get().allocations.get().amount_cents == 60_000


def test_the_button_says_the_provider_gets_an_e_mail(coordinator_client, desk, question, offerings):
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])
    html = squashed(coordinator_client.get(url).text)
    assert re.search(
        r'<p class="helptext" id="decision-mail">De sportaanbieder krijgt een e-mail met de '
        r'gekozen ondersteuning en de toelichting.</p><button type="submit" class="button" '
        r'aria-describedby="decision-mail">Besluit vastleggen</button>',
        html,
    ), html
