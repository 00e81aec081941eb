"""Committing money to a decision: one rule per test (desk, period, in use, maximum, themes,
kinds of provider, co-funding, the decision's amount, money left), who may do it, the
coordinator's threshold, and the database's check as the last word."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sportloket.core.constants import ProviderKinds
from sportloket.core.tests.factories import MembershipFactory
from sportloket.decisions.tests.factories import make_decision
from sportloket.funds import services
from sportloket.funds.constants import AllocationState as A
from sportloket.funds.models import Allocation, AllocationChange, Fund
from sportloket.funds.services import NotAllowed, NotEnoughMoney, allocations
from sportloket.funds.tests.factories import FundFactory, new_key
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund_decision(coordinator):
    def run(decision, *splits, key=None):
        return services.decision_fund(decision=decision, splits=list(splits),
                                      idempotency_key=key or new_key(), actor=coordinator)  # fmt: skip

    return run


def refused(call, *words):
    """Runs ``call``; it must be refused with a message that holds each of ``words``."""
    before = (Allocation.objects.count(), AllocationChange.objects.count(),
              list(Fund.objects.values_list("committed_cents", flat=True)))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        call()
    text = " ".join(error.value.messages)
    for word in words:
        assert word in text, text
    after = (Allocation.objects.count(), AllocationChange.objects.count(),
             list(Fund.objects.values_list("committed_cents", flat=True)))  # fmt: skip
    assert after == before, "a refused attempt wrote something"
    return error.value


def test_money_within_the_threshold_is_approved_at_once_by_the_coordinator(
    new_fund, new_decision, fund_decision, coordinator
):
    fund = new_fund(approval_threshold_cents=50_000)
    decision = new_decision(amount_cents=50_000)
    [allocation] = fund_decision(decision, (fund, 50_000))
    assert (allocation.state, allocation.amount_cents, allocation.decision) == (
        A.APPROVED, 50_000, decision,
    )  # fmt: skip
    assert list(allocation.changes.values_list("from_state", "to_state", "actor")) == [
        ("", A.PROPOSED, coordinator.pk),
        (A.PROPOSED, A.APPROVED, coordinator.pk),
    ]
    fund.refresh_from_db()
    assert (fund.committed_cents, fund.available_cents) == (50_000, 950_000)


@pytest.mark.parametrize(("threshold", "state"), [(None, A.APPROVED), (0, A.PROPOSED),
                                                  (49_999, A.PROPOSED)])  # fmt: skip
def test_above_the_threshold_the_allocation_stays_proposed(
    new_fund, new_decision, fund_decision, threshold, state
):
    fund = new_fund(approval_threshold_cents=threshold)
    [allocation] = fund_decision(new_decision(amount_cents=50_000), (fund, 50_000))
    assert allocation.state == state
    # Proposed money is committed too: nobody else can spend it meanwhile.
    assert Fund.objects.get().committed_cents == 50_000


def test_co_funding_splits_the_decision_over_funds(new_fund, new_decision, fund_decision, owner):
    execution = new_fund(name="Uitvoeringsbudget")
    rabo = new_fund(name="Rabo ClubSupport", co_funding_required=True)
    decision = new_decision(amount_cents=80_000)
    allocations = fund_decision(decision, (rabo, 30_000), (execution, 50_000))
    assert [(a.fund, a.amount_cents) for a in allocations] == [(rabo, 30_000), (execution, 50_000)]
    assert {f.name: f.committed_cents for f in Fund.objects.all()} == {
        "Uitvoeringsbudget": 50_000, "Rabo ClubSupport": 30_000,
    }  # fmt: skip


def test_a_fund_that_requires_co_funding_pays_not_alone(new_fund, new_decision, fund_decision):
    rabo = new_fund(name="Rabo ClubSupport", co_funding_required=True)
    refused(lambda: fund_decision(new_decision(), (rabo, 10_000)), "Rabo ClubSupport")


def test_co_funding_may_come_from_an_earlier_allocation(new_fund, new_decision, fund_decision):
    execution = new_fund(name="Uitvoeringsbudget")
    rabo = new_fund(name="Rabo ClubSupport", co_funding_required=True)
    decision = new_decision(amount_cents=80_000)
    fund_decision(decision, (execution, 50_000))
    [allocation] = fund_decision(decision, (rabo, 30_000))
    assert allocation.fund == rabo


def test_not_enough_money_left_is_refused_and_nothing_is_written(
    new_fund, new_decision, fund_decision
):
    fund = new_fund(amount_cents=100_000)
    fund_decision(new_decision(amount_cents=70_000), (fund, 70_000))
    error = refused(lambda: fund_decision(new_decision(amount_cents=40_000), (fund, 40_000)),
                    "Uitvoeringsbudget")  # fmt: skip
    assert isinstance(error, NotEnoughMoney)
    # Exactly what is left still fits.
    fund_decision(new_decision(amount_cents=30_000), (fund, 30_000))
    assert Fund.objects.get().available_cents == 0


def test_in_a_split_one_fund_short_refuses_the_whole_split(new_fund, new_decision, fund_decision):
    rich = new_fund(name="Rijk", amount_cents=1_000_000)
    poor = new_fund(name="Arm", amount_cents=10_000)
    error = refused(lambda: fund_decision(new_decision(), (rich, 50_000), (poor, 20_000)), "Arm")
    assert isinstance(error, NotEnoughMoney)


def test_the_funds_belong_to_the_decisions_desk(other_desk, new_decision, fund_decision, new_fund):
    theirs = FundFactory(loket=other_desk)
    refused(lambda: fund_decision(new_decision(), (theirs, 10_000)))


def test_a_fund_out_of_use_pays_nothing(new_fund, new_decision, fund_decision, coordinator):
    fund = services.fund_update(fund=new_fund(), actor=coordinator, is_active=False)
    refused(lambda: fund_decision(new_decision(), (fund, 10_000)), "Uitvoeringsbudget")


def test_the_decisions_date_lies_in_the_funds_period(new_fund, new_decision, fund_decision):
    fund = new_fund(starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2025, 12, 31))
    late = new_decision(decided_at=timezone.make_aware(datetime.datetime(2026, 1, 1, 0, 30)))
    refused(lambda: fund_decision(late, (fund, 10_000)), "Uitvoeringsbudget")
    # The date is the desk's (Amsterdam) date: 31 December 2025, 23:30 there still counts.
    in_time = new_decision(decided_at=timezone.make_aware(datetime.datetime(2025, 12, 31, 23, 30)))
    assert fund_decision(in_time, (fund, 10_000))


def test_the_maximum_per_allocation(new_fund, new_decision, fund_decision):
    fund = new_fund(max_per_allocation_cents=25_000)
    refused(lambda: fund_decision(new_decision(), (fund, 25_001)), "250")
    assert fund_decision(new_decision(), (fund, 25_000))


def test_a_fund_for_some_themes_pays_only_for_questions_about_them(
    new_fund, new_decision, fund_decision, volunteers, finances
):
    fund = new_fund(theme_keys=["finances"])
    refused(lambda: fund_decision(new_decision(themes=[volunteers]), (fund, 10_000)))
    refused(lambda: fund_decision(new_decision(themes=[]), (fund, 10_000)))
    assert fund_decision(new_decision(themes=[volunteers, finances]), (fund, 10_000))


def test_a_fund_without_themes_pays_for_every_theme(new_fund, new_decision, fund_decision):
    fund = new_fund()
    assert fund_decision(new_decision(themes=[]), (fund, 10_000))


def test_a_fund_for_clubs_pays_only_for_clubs(
    desk, new_fund, new_decision, fund_decision, coordinator
):
    fund = new_fund(eligible_provider_kinds=ProviderKinds.CLUB)
    gym = OrganisationFactory.for_desk(desk, commercial=True)
    refused(lambda: fund_decision(new_decision(organisation=gym), (fund, 10_000)))
    unknown = new_decision()
    unknown.help_request.organisation = None
    unknown.help_request.save()
    refused(lambda: fund_decision(unknown, (fund, 10_000)), "register")
    assert fund_decision(new_decision(), (fund, 10_000))


def test_a_decision_gets_no_more_than_its_amount(new_fund, new_decision, fund_decision):
    one, two = new_fund(name="Een"), new_fund(name="Twee")
    decision = new_decision(amount_cents=50_000)
    refused(lambda: fund_decision(decision, (one, 30_000), (two, 30_001)), "500")
    fund_decision(decision, (one, 30_000))
    refused(lambda: fund_decision(decision, (two, 20_001)))
    assert fund_decision(decision, (two, 20_000))


def test_a_decision_gets_money_from_a_fund_once(new_fund, new_decision, fund_decision):
    """A second submission with another key (a second tab): refused with a clear message;
    the database holds one committing allocation per fund and decision."""
    fund = new_fund()
    decision = new_decision(amount_cents=50_000)
    fund_decision(decision, (fund, 20_000))
    refused(lambda: fund_decision(decision, (fund, 20_000)), "Uitvoeringsbudget")


def test_a_superseded_decision_gets_no_money(desk, coordinator, new_fund, new_decision,
                                             fund_decision):  # fmt: skip
    fund = new_fund()
    old = new_decision()
    make_decision(desk, decided_by=coordinator, help_request=old.help_request, supersedes=old)
    refused(lambda: fund_decision(old, (fund, 10_000)))


@pytest.mark.parametrize(
    ("splits", "message"),
    [([], "at least one"), ([("fund", 0)], "more than zero"),
     ([("fund", 10), ("fund", 10)], "once")],
)  # fmt: skip
def test_the_split_is_checked(new_fund, new_decision, fund_decision, splits, message,
                              settings):  # fmt: skip
    settings.LANGUAGE_CODE = "en"
    fund = new_fund()
    splits = [(fund, cents) for _name, cents in splits]
    refused(lambda: fund_decision(new_decision(), *splits), message)


@pytest.mark.parametrize("role", ["supporter", "viewer", "representative", "other_partner"])
def test_only_a_coordinator_commits_money(request, new_fund, new_decision, role):
    fund = new_fund()
    decision = new_decision()
    actor = request.getfixturevalue(role)
    with pytest.raises(NotAllowed):
        services.decision_fund(decision=decision, splits=[(fund, 10_000)],
                               idempotency_key=new_key(), actor=actor)  # fmt: skip
    assert not Allocation.objects.exists()


def test_an_ended_coordinator_commits_nothing(desk, new_fund, new_decision):
    former = MembershipFactory(loket=desk, coordinator=True, ended=True).user
    with pytest.raises(NotAllowed):
        services.decision_fund(decision=new_decision(), splits=[(new_fund(), 10_000)],
                               idempotency_key=new_key(), actor=former)  # fmt: skip


def test_a_writer_that_skipped_the_lock_is_stopped_by_the_database(
    new_fund, new_decision, fund_decision, monkeypatch
):
    """The service checks what is left under a lock; if a writer slipped past that check (a
    stale read, a second app server without the lock), the database's check refuses the
    overspend and the service turns it into the same clear error."""
    fund = new_fund(amount_cents=100_000)
    fund_decision(new_decision(amount_cents=90_000), (fund, 90_000))
    stale = Fund.objects.get(pk=fund.pk)
    stale.committed_cents = 0  # what a writer that read before the first commit believes

    monkeypatch.setattr(allocations, "_lock_funds", lambda pks: {stale.pk: stale})
    error = refused(lambda: fund_decision(new_decision(amount_cents=20_000), (fund, 20_000)),
                    "Uitvoeringsbudget")  # fmt: skip
    assert isinstance(error, NotEnoughMoney)
    assert Fund.objects.get().committed_cents == 90_000
