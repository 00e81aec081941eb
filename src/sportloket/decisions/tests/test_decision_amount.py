"""A decision's amount is what the funds pay plus what is paid outside the funds (by the
provider or others), stated (issue 17, fault 1): a split that does not add up is refused, and
the public register, its CSV, the 360Giving data and the ledgers add up."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sportloket.core.tests.factories import MembershipFactory
from sportloket.decisions import selectors
from sportloket.decisions.models import Decision
from sportloket.decisions.tests.factories import decide, make_decision
from sportloket.funds import open_data
from sportloket.funds import services as fund_services
from sportloket.funds.constants import AllocationState as A
from sportloket.funds.models import Allocation
from sportloket.funds.tests.factories import FundFactory, new_key
from sportloket.helprequests.tests.factories import submit_request
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db


@pytest.fixture
def offering(desk):
    return OfferingFactory(loket=desk, title="Clubkadercursus", theme_keys=["volunteers"],
                           cost_cents=60_000)  # fmt: skip


@pytest.fixture
def fund(desk):
    return FundFactory(loket=desk, name="Uitvoeringsbudget", amount_cents=500_000)


def test_money_from_a_fund_that_does_not_add_up_to_the_amount_is_refused(
    question, offering, fund, coordinator
):
    """The fault as found: an offering of € 600, the amount left empty, € 150 from a fund.
    The register would show € 600 and the ledger € 150; now nothing is recorded and the
    coordinator reads why, with the sum."""
    with pytest.raises(ValidationError) as error:
        decide(question, offering, coordinator, funding=[(fund, 15_000)])
    [message] = error.value.message_dict["funding"]
    assert "€\xa0150,00" in message and "€\xa0600,00" in message
    assert "buiten de fondsen" in message
    assert not Decision.objects.exists()
    assert not Allocation.objects.exists()
    fund.refresh_from_db()
    assert fund.committed_cents == 0


def test_what_is_paid_outside_the_funds_is_stated_and_makes_it_add_up(
    question, offering, fund, coordinator
):
    decision = decide(question, offering, coordinator, funding=[(fund, 15_000)],
                      outside_cents=45_000)  # fmt: skip
    assert decision.amount_cents == 60_000
    assert decision.outside_cents == 45_000
    assert decision.allocations.get().amount_cents == 15_000


def test_a_decision_without_money_from_the_funds_may_state_it_all_outside(
    question, offering, coordinator
):
    decision = decide(question, offering, coordinator, outside_cents=60_000)
    assert (decision.amount_cents, decision.outside_cents) == (60_000, 60_000)


def test_more_outside_the_funds_than_the_amount_is_refused(question, offering, coordinator):
    with pytest.raises(ValidationError) as error:
        decide(question, offering, coordinator, outside_cents=60_001)
    assert "outside" in error.value.message_dict
    assert not Decision.objects.exists()


def test_funding_a_decision_later_takes_no_more_than_the_funds_part(
    question, offering, fund, coordinator
):
    """On the decision's money page the funds together pay at most the amount less what is
    paid outside the funds."""
    decision = decide(question, offering, coordinator, outside_cents=45_000)
    with pytest.raises(ValidationError) as error:
        fund_services.decision_fund(decision=decision, splits=[(fund, 20_000)],
                                    idempotency_key=new_key(), actor=coordinator)  # fmt: skip
    assert "buiten de fondsen" in " ".join(error.value.messages)
    fund_services.decision_fund(decision=decision, splits=[(fund, 15_000)],
                                idempotency_key=new_key(), actor=coordinator)  # fmt: skip
    assert selectors.public_distribution(loket=decision.loket)["totals"]["open"] == 0


def _csv(client, desk):
    response = client.get(reverse("decisions:public-csv", args=[desk.slug]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body), delimiter=";"))


def _euros(cell: str) -> int:
    return int(cell.replace(",", ""))


def test_the_register_its_csv_360giving_and_the_ledgers_add_up(
    client, desk, question, offering, fund, coordinator
):
    """One decision of € 600 (€ 150 from the fund, € 450 paid by the club and others) and one
    of € 600 from two funds (one part waits for its owner's approval): every published total
    is the amount, split the same way."""
    other = FundFactory(loket=desk, name="Rabo ClubSupport", amount_cents=500_000,
                        approval_threshold_cents=10_000)  # fmt: skip
    first = decide(question, offering, coordinator, funding=[(fund, 15_000)],
                   outside_cents=45_000)  # fmt: skip
    second_question = submit_request(desk, themes=list(question.themes.all()))
    second = decide(second_question, offering, coordinator,
                    funding=[(fund, 40_000), (other, 20_000)])  # fmt: skip
    waiting = second.allocations.get(fund=other)
    assert waiting.state == A.PROPOSED  # above the threshold: not awarded yet

    # The register: the amount is what the funds awarded, what is paid outside them and what
    # still waits for the funds.
    rows = {row["pk"]: row for row in selectors.public_decisions(loket=desk).values(
        "pk", "amount_cents", "outside_cents", "awarded_cents")}  # fmt: skip
    assert rows[first.pk] == {"pk": first.pk, "amount_cents": 60_000,
                                   "outside_cents": 45_000, "awarded_cents": 15_000}  # fmt: skip
    assert rows[second.pk]["awarded_cents"] == 40_000
    assert (second.amount_cents, second.outside_cents, second.funds_cents) == (60_000, 0, 60_000)
    totals = selectors.public_distribution(loket=desk)["totals"]
    assert totals["amount"] == 120_000
    assert totals["outside"] == 45_000 and totals["awarded"] == 55_000
    assert totals["open"] == 20_000
    assert totals["awarded"] + totals["outside"] + totals["open"] == totals["amount"]

    # The CSV says the same, per decision.
    lines = _csv(client, desk)
    assert sum(_euros(line["bedrag (euro)"]) for line in lines) == 120_000
    assert sum(_euros(line["uit fondsen (euro)"]) for line in lines) == 55_000
    assert sum(_euros(line["buiten de fondsen (euro)"]) for line in lines) == 45_000
    assert sum(_euros(line["nog niet toegekend (euro)"]) for line in lines) == 20_000
    for line in lines:
        parts = ("uit fondsen (euro)", "buiten de fondsen (euro)", "nog niet toegekend (euro)")
        assert sum(_euros(line[name]) for name in parts) == _euros(line["bedrag (euro)"])

    # 360Giving publishes what the funds awarded: the register's "from the funds".
    grants = open_data.grants_package(desk)["grants"]
    assert sum(grant["amountAwarded"] for grant in grants) * 100 == totals["awarded"]

    # The ledgers: the approved and paid allocations of the funds hold the same, and what
    # waits for approval is what the register calls not yet awarded.
    awarded = Allocation.objects.filter(state__in=(A.APPROVED, A.PAID))
    assert sum(a.amount_cents for a in awarded) == totals["awarded"]
    fund.refresh_from_db()
    other.refresh_from_db()
    assert fund.committed_cents + other.committed_cents == totals["awarded"] + totals["open"]

    # Once the owner approves, nothing is open: the split is whole.
    fund_services.allocation_approve(allocation=waiting, actor=_representative(desk, other))
    totals = selectors.public_distribution(loket=desk)["totals"]
    assert (totals["awarded"], totals["open"]) == (75_000, 0)
    assert totals["awarded"] + totals["outside"] == totals["amount"]
    grants = open_data.grants_package(desk)["grants"]
    assert sum(grant["amountAwarded"] for grant in grants) * 100 == 75_000


def _representative(desk, fund):
    return MembershipFactory(loket=desk, partner=True, organisation=fund.owner).user


# --- the forms and pages that show the rule ----------------------------------------------------


def test_the_decide_page_refuses_a_split_that_does_not_add_up_with_the_sum_and_keeps_it(
    coordinator_client, desk, question, offering, fund
):
    url = reverse("decisions:request-decide", args=[desk.slug, question.pk])
    page = squashed(coordinator_client.get(url).text)
    assert "Buiten de fondsen betaald (euro)" in page
    assert "Het bedrag is wat de fondsen betalen plus" in page
    data = {"chosen": [offering.pk], "rationale": "Past bij de vraag.",
            "public_summary": "Een cursus voor het kader.", f"fund_{fund.pk}": "150"}  # fmt: skip
    refused = coordinator_client.post(url, data)
    assert refused.status_code == 400
    assert not Decision.objects.exists()
    [message] = refused.context["funding_errors"]
    assert message.startswith("Uit de fondsen €\xa0150,00 + buiten de fondsen betaald €\xa00,00")
    assert message in refused.text
    assert 'value="150"' in refused.text  # nothing typed is lost
    done = coordinator_client.post(url, data | {"outside": "450"})
    assert done.status_code == 302
    decision = Decision.objects.get()
    assert (decision.amount_cents, decision.outside_cents) == (60_000, 45_000)


def test_the_money_page_shows_how_the_amount_is_paid_and_what_is_left(
    coordinator_client, desk, coordinator, fund
):
    decision = make_decision(desk, decided_by=coordinator, amount_cents=60_000,
                             outside_cents=45_000)  # fmt: skip
    page = squashed(
        coordinator_client.get(reverse("funds:decision-fund", args=[desk.slug, decision.pk])).text
    )
    assert "<dt>Buiten de fondsen betaald</dt><dd>€ 450,00" in page
    assert "<dt>Uit de fondsen</dt><dd>€ 150,00</dd>" in page
    assert "<dt>Nog vast te leggen uit de fondsen</dt><dd>€ 150,00</dd>" in page


def test_the_register_shows_how_each_amount_is_paid(client, desk, question, offering, fund,
                                                    coordinator):  # fmt: skip
    decide(question, offering, coordinator, funding=[(fund, 15_000)], outside_cents=45_000)
    page = squashed(client.get(reverse("decisions:public", args=[desk.slug])).text)
    assert "€ 150,00 uit de fondsen, € 450,00 buiten de fondsen" in page
    assert "€ 150,00 toegekend uit de fondsen, € 450,00 buiten de fondsen betaald" in page
