"""When money from a fund waits for its owner's approval (above the coordinator's threshold),
the owner's representatives at the desk get an e-mail with a link to the approvals page, queued
with the change and sent after commit; nobody is mailed for money approved at once, nor for a change that was undone."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from sportloket.core.tests.factories import MembershipFactory
from sportloket.decisions.tests.factories import decide
from sportloket.funds import services
from sportloket.funds.tests.factories import new_key
from sportloket.helprequests.tests.factories import submit_request
from sportloket.offerings.tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def question_about_volunteers(desk, volunteers):
    return submit_request(desk, themes=[volunteers])


def fund_it(decision, fund, cents, actor):
    return services.decision_fund(
        decision=decision, splits=[(fund, cents)], idempotency_key=new_key(), actor=actor
    )


def test_the_owners_representatives_hear_that_an_allocation_waits(
    desk, coordinator, representative, owner, new_fund, new_decision,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    colleague = MembershipFactory(loket=desk, partner=True, organisation=owner,
                                  user__email="wethouder@gemeente.example.nl").user  # fmt: skip
    MembershipFactory(loket=desk, partner=True)  # represents nobody who owns this fund
    MembershipFactory(loket=desk, partner=True, organisation=owner, ended=True)
    fund = new_fund(name="Uitvoeringsbudget", approval_threshold_cents=50_000)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        fund_it(new_decision(amount_cents=60_000), fund, 60_000, coordinator)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([representative.email, colleague.email])
    message = mail.outbox[0]
    assert message.subject == (
        "Sportloket Alpha: geld uit de fondsen van Gemeente Alpha wacht op je goedkeuring"
    )
    assert "Uitvoeringsbudget: €\xa0600,00" in message.body
    assert "/alpha/funds/approvals/" in message.body
    # No question, no provider and no person in the e-mail: they read those after signing in.
    assert "VV Domstad" not in message.body


def test_nobody_is_mailed_for_money_the_coordinator_approves_alone(
    coordinator, representative, new_fund, new_decision, django_capture_on_commit_callbacks
):
    fund = new_fund(approval_threshold_cents=50_000)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        fund_it(new_decision(amount_cents=40_000), fund, 40_000, coordinator)
    assert mail.outbox == []


def test_a_decision_that_is_not_recorded_mails_nobody(
    desk, coordinator, representative, new_fund, question_about_volunteers,
    django_capture_on_commit_callbacks, queued_mail,
):  # fmt: skip
    """The money and the decision are one transaction: when the sum does not add up, the
    proposed allocation is undone, and so is its e-mail."""
    fund = new_fund(approval_threshold_cents=0, theme_keys=[])
    offering = OfferingFactory(loket=desk, theme_keys=["volunteers"], cost_cents=60_000)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        decide(question_about_volunteers, offering, coordinator, funding=[(fund, 15_000)])
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        decide(question_about_volunteers, offering, coordinator, funding=[(fund, 15_000)],
               outside_cents=45_000)  # fmt: skip
    # The provider hears of the decision; the municipality's representative of the money.
    assert [representative.email] in [m.to for m in mail.outbox]


def test_the_e_mail_goes_after_commit(
    coordinator, representative, new_fund, new_decision, queued_mail,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    fund = new_fund(approval_threshold_cents=0)
    decision = new_decision(amount_cents=10_000)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        fund_it(decision, fund, 10_000, coordinator)
        assert mail.outbox == []  # nothing before the money is committed for good
    assert [m.to for m in mail.outbox] == [[representative.email]]
