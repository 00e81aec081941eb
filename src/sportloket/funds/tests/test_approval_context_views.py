"""What a partner sees when approving: the question as far as its provider consented to
sharing, the chosen offering, the ranking and the rationale; "Afwijzen" asks for a reason
(kept in the allocation's history, which the coordinator reads) and looks different from
"Goedkeuren"; and the page's queries do not grow with the allocations."""

import pytest
from django.urls import reverse

from sportloket.decisions.tests.factories import decide
from sportloket.funds.constants import AllocationState as A
from sportloket.funds.tests.pages import login, url
from sportloket.helprequests.tests.factories import submit_request
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.testing.html import squashed
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

RATIONALE = "De cursus sluit aan bij het tekort aan kader."


@pytest.fixture
def offerings(desk):
    return (
        OfferingFactory(loket=desk, title="Clubkadercursus", theme_keys=["volunteers"],
                        cost_cents=60_000, delivered_by__name="Sportbond Midden"),
        OfferingFactory(loket=desk, title="Vrijwilligersavond", theme_keys=["volunteers"],
                        cost_cents=60_000, delivered_by__name="Sportservice Stad"),
    )  # fmt: skip


@pytest.fixture
def fund(new_fund):
    """The municipality's fund: its representative approves every allocation."""
    return new_fund(name="Uitvoeringsbudget", approval_threshold_cents=0)


@pytest.fixture
def waiting(desk, coordinator, club, volunteers, offerings, fund):
    """Makes a question of the club (consenting to sharing or not) with a decision whose
    money from the fund waits for the municipality's approval."""

    def make(*, sharing=True, **fields):
        question = submit_request(
            desk, themes=[volunteers], organisation_name=club.name, contact_name="Eva Brouwer",
            contact_phone="0612345678", consents_to_sharing=sharing,
            question="Wij zoeken trainers voor de jeugd.", **fields,
        )  # fmt: skip
        question.organisation = club
        question.save(update_fields=["organisation"])
        # Matching may rank either first (they tie, until one was chosen before): a reason
        # keeps the choice free.
        decision = decide(question, offerings[0], coordinator, rationale=RATIONALE,
                          deviation_reason="De bond kent de club.",
                          funding=[(fund, 60_000)])  # fmt: skip
        allocation = decision.allocations.get()
        assert allocation.state == A.PROPOSED
        return allocation

    return make


def approvals(client, desk):
    response = client.get(url("approvals", desk))
    assert response.status_code == 200
    return response


def test_a_shared_question_is_on_the_approvals_page_with_the_decision(
    client, desk, representative, waiting
):
    allocation = waiting(sharing=True)
    page = squashed(approvals(login(client, representative), desk).text)
    assert "Wij zoeken trainers voor de jeugd." in page
    assert "VV Domstad" in page
    assert "Clubkadercursus (Sportbond Midden)" in page  # the chosen offering
    assert RATIONALE in page
    # The ranking: both offerings that fitted, the chosen one marked.
    assert "Vrijwilligersavond" in page and "gekozen" in page
    link = reverse(
        "decisions:shared-request", args=[desk.slug, allocation.decision.help_request_id]
    )
    assert link in page
    for private in ("Eva Brouwer", "0612345678", "eva@hchouten.example.nl"):
        assert private not in page


def test_without_consent_the_partner_sees_only_themes_kind_and_municipality(
    client, desk, representative, waiting
):
    allocation = waiting(sharing=False)
    page = squashed(approvals(login(client, representative), desk).text)
    assert "gaf geen toestemming" in page
    assert "Vrijwilligers" in page and "Sportvereniging" in page
    for private in ("Wij zoeken trainers voor de jeugd.", "VV Domstad", "Eva Brouwer",
                    "0612345678"):  # fmt: skip
        assert private not in page
    # The decision stays in view: what the money is for and why.
    assert "Clubkadercursus" in page and RATIONALE in page
    help_request = allocation.decision.help_request_id
    assert reverse("decisions:shared-request", args=[desk.slug, help_request]) not in page


def test_rejecting_asks_for_a_reason_and_looks_different_from_approving(
    client, desk, representative, coordinator, waiting, fund
):
    allocation = waiting()
    login(client, representative)
    page = approvals(client, desk).text
    approve = url("allocation-approve", desk, allocation.pk)
    reject = url("allocation-reject", desk, allocation.pk)
    assert f'action="{approve}"' in page and f'action="{reject}"' in page
    approve_form = page.split(f'action="{approve}"')[1].split("</form>")[0]
    reject_form = page.split(f'action="{reject}"')[1].split("</form>")[0]
    assert 'class="button"' in approve_form and "button--danger" not in approve_form
    assert "button--danger" in reject_form

    refused = client.post(reject, {"back": "approvals", "note": "  "})
    assert refused.status_code == 400
    form = refused.context["failed"]["form"]
    assert form.errors["note"] == ["Geef een reden; de coördinator leest die."]
    html = squashed(refused.text)
    assert 'aria-invalid="true"' in html.split(f'action="{reject}"')[1].split("</form>")[0]
    allocation.refresh_from_db()
    assert allocation.state == A.PROPOSED

    done = client.post(reject, {"back": "approvals", "note": "Past niet in ons beleid."})
    assert done.status_code == 302
    allocation.refresh_from_db()
    assert allocation.state == A.REJECTED
    # The coordinator reads the reason in the allocation's history on the fund's ledger.
    login(client, coordinator)
    ledger = client.get(url("fund-detail", desk, fund.pk)).text
    assert "Past niet in ons beleid." in ledger


def test_the_approvals_page_takes_the_same_queries_for_more_allocations(
    client, desk, representative, waiting
):
    login(client, representative)

    def add(n):
        for number in range(n):
            waiting(sharing=bool(number % 2))

    add(1)
    _first, second = assert_queries_do_not_grow(
        lambda: client.get(url("approvals", desk)), add, more=4, max_queries=25
    )
    assert len(second.context["rows"]) == 5
