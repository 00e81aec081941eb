"""Funds: made and changed by coordinators only, with an owner from the desk's register and the
desk's themes; the amount goes up or down with a reason kept in the history, never below what
is committed (the service and the database)."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from sportloket.core.tests.factories import MembershipFactory
from sportloket.funds import services
from sportloket.funds.constants import FundKind
from sportloket.funds.models import Fund, FundAmountChange
from sportloket.funds.services import NotAllowed
from sportloket.funds.tests.factories import new_key
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_makes_a_fund_with_its_rules_and_themes(
    desk, coordinator, owner, volunteers, finances, new_fund
):
    fund = new_fund(
        name="Rabo ClubSupport", kind=FundKind.PARTNER, max_per_allocation_cents=250_000,
        co_funding_required=True, approval_threshold_cents=100_000,
        theme_keys=["volunteers", "finances", "volunteers"],
    )  # fmt: skip
    fund.refresh_from_db()
    assert (fund.loket, fund.owner, fund.kind) == (desk, owner, FundKind.PARTNER)
    assert (fund.amount_cents, fund.committed_cents, fund.paid_cents) == (1_000_000, 0, 0)
    assert sorted(fund.themes.values_list("key", flat=True)) == ["finances", "volunteers"]
    entry = LogEntry.objects.get_for_object(fund).get()
    assert entry.actor == coordinator and entry.action == LogEntry.Action.CREATE


@pytest.mark.parametrize("role", ["supporter", "viewer", "representative", "other_partner"])
def test_only_a_coordinator_makes_or_changes_funds(request, new_fund, coordinator, role):
    fund = new_fund()
    actor = request.getfixturevalue(role)
    with pytest.raises(NotAllowed):
        services.fund_create(loket=fund.loket, actor=actor, name="Ander", kind=FundKind.OTHER,
                             owner=fund.owner, starts_on=fund.starts_on, ends_on=fund.ends_on,
                             amount_cents=10)  # fmt: skip
    with pytest.raises(NotAllowed):
        services.fund_update(fund=fund, actor=actor, name="Ander")
    with pytest.raises(NotAllowed):
        services.fund_amount_change(fund=fund, new_cents=5, reason="Minder", actor=actor)
    assert Fund.objects.get().name == "Uitvoeringsbudget"


def test_a_coordinator_of_another_desk_cannot_make_funds_here(other_desk, new_fund, desk):
    stranger = MembershipFactory(loket=other_desk, coordinator=True).user
    fund = new_fund()
    with pytest.raises(NotAllowed):
        services.fund_update(fund=fund, actor=stranger, name="Van ons")


def test_the_owner_comes_from_the_desks_register(other_desk, new_fund):
    elsewhere = OrganisationFactory.for_desk(other_desk, name="Gemeente Beta")
    with pytest.raises(ValidationError) as error:
        new_fund(owner=elsewhere)
    assert "owner" in error.value.error_dict


def test_themes_are_the_desks_own(new_fund, volunteers):
    with pytest.raises(ValidationError) as error:
        new_fund(theme_keys=["volunteers", "nonsense"])
    assert "theme_keys" in error.value.error_dict


def test_the_period_ends_after_it_starts(new_fund):
    with pytest.raises(ValidationError):
        new_fund(starts_on=datetime.date(2026, 12, 31), ends_on=datetime.date(2026, 1, 1))


def test_a_second_fund_with_the_same_name_and_start_is_refused(new_fund):
    new_fund()
    with pytest.raises(ValidationError):
        new_fund()
    assert Fund.objects.count() == 1


def test_updating_changes_rules_but_never_the_amount(new_fund, coordinator, finances):
    fund = new_fund()
    fund = services.fund_update(
        fund=fund, actor=coordinator, name="Servicesbudget", kind=FundKind.SERVICES,
        approval_threshold_cents=0, theme_keys=["finances"],
    )  # fmt: skip
    fund.refresh_from_db()
    assert (fund.name, fund.kind, fund.approval_threshold_cents) == (
        "Servicesbudget",
        "services",
        0,
    )
    assert list(fund.themes.values_list("key", flat=True)) == ["finances"]
    with pytest.raises(ValueError, match="amount_cents"):
        services.fund_update(fund=fund, actor=coordinator, amount_cents=1)


def test_a_change_of_themes_is_in_the_funds_history_with_who(
    new_fund, coordinator, volunteers, finances
):
    fund = new_fund(theme_keys=["volunteers"])
    services.fund_update(fund=fund, actor=coordinator, theme_keys=["volunteers", "finances"])
    services.fund_update(fund=fund, actor=coordinator, theme_keys=["finances", "volunteers"])
    services.fund_update(fund=fund, actor=coordinator, theme_keys=[], name="Zonder thema's")
    entries = LogEntry.objects.get_for_object(fund).filter(action=LogEntry.Action.UPDATE)
    assert [(e.actor, e.changes_dict) for e in entries.order_by("pk")] == [
        # The themes by name as they were; the same themes again are no change.
        (coordinator, {"theme_keys": ["Vrijwilligers", "Financiën, Vrijwilligers"]}),
        (coordinator, {"name": ["Uitvoeringsbudget", "Zonder thema's"]}),
        (coordinator, {"theme_keys": ["Financiën, Vrijwilligers", ""]}),
    ]
    assert not fund.themes.exists()


def test_an_update_never_writes_back_an_old_committed_total(new_fund, coordinator):
    fund = new_fund()
    stale = Fund.objects.get(pk=fund.pk)
    Fund.objects.filter(pk=fund.pk).update(committed_cents=F("committed_cents") + 500)
    services.fund_update(fund=stale, actor=coordinator, description="Nieuw")
    stale.description = "Nog eens"
    stale.save()  # a save of a record read earlier, as a script might do
    fund.refresh_from_db()
    assert fund.committed_cents == 500 and fund.description == "Nog eens"


def test_the_amount_goes_up_and_down_with_a_reason_in_the_history(new_fund, coordinator):
    fund = new_fund(amount_cents=100_000)
    fund = services.fund_amount_change(fund=fund, new_cents=150_000, reason="Extra geld van de "
                                       "gemeente", actor=coordinator)  # fmt: skip
    fund = services.fund_amount_change(fund=fund, new_cents=80_000, reason="Bezuiniging",
                                       actor=coordinator)  # fmt: skip
    assert Fund.objects.get().amount_cents == 80_000
    history = list(FundAmountChange.objects.values_list("previous_cents", "new_cents", "reason",
                                                        "actor"))  # fmt: skip
    assert history == [
        (100_000, 150_000, "Extra geld van de gemeente", coordinator.pk),
        (150_000, 80_000, "Bezuiniging", coordinator.pk),
    ]


def test_a_change_needs_a_reason(new_fund, coordinator):
    fund = new_fund()
    with pytest.raises(ValidationError) as error:
        services.fund_amount_change(fund=fund, new_cents=5, reason="  ", actor=coordinator)
    assert "reason" in error.value.error_dict


def test_the_same_change_sent_twice_is_recorded_once(new_fund, coordinator):
    fund = new_fund()
    for _ in range(2):
        services.fund_amount_change(fund=fund, new_cents=2_000_000, reason="Verhoging",
                                    actor=coordinator)  # fmt: skip
    assert FundAmountChange.objects.count() == 1


def test_the_amount_never_goes_below_what_is_committed(new_fund, new_decision, coordinator):
    fund = new_fund(amount_cents=100_000)
    services.decision_fund(decision=new_decision(amount_cents=60_000), splits=[(fund, 60_000)],
                           idempotency_key=new_key(), actor=coordinator)  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.fund_amount_change(fund=fund, new_cents=59_999, reason="Te veel",
                                    actor=coordinator)  # fmt: skip
    assert "600.00" in str(error.value) or "600,00" in str(error.value)
    assert "new_cents" in error.value.error_dict
    services.fund_amount_change(fund=fund, new_cents=60_000, reason="Precies", actor=coordinator)
    assert Fund.objects.get().amount_cents == 60_000


def test_the_database_refuses_a_committed_total_beyond_the_amount(new_fund):
    """The last word, whoever writes: a script, the admin, a writer that skipped the lock."""
    fund = new_fund(amount_cents=100)
    for statement in (
        lambda: Fund.objects.filter(pk=fund.pk).update(committed_cents=101),
        lambda: Fund.objects.filter(pk=fund.pk).update(amount_cents=F("committed_cents") - 1),
        lambda: Fund.objects.filter(pk=fund.pk).update(committed_cents=50, paid_cents=51),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            statement()


def test_a_cut_below_committed_by_a_writer_that_skipped_the_lock_is_refused(
    new_fund, coordinator, monkeypatch
):
    """If money was committed after the check (a writer without the lock), the database's
    check refuses the cut and the service says why."""
    fund = new_fund(amount_cents=100_000)
    real_save = Fund.save

    def save_after_a_sneaky_commit(self, *args, **kwargs):
        Fund.objects.filter(pk=self.pk).update(committed_cents=90_000)
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Fund, "save", save_after_a_sneaky_commit)
    with pytest.raises(ValidationError) as error:
        services.fund_amount_change(fund=fund, new_cents=50_000, reason="Minder",
                                    actor=coordinator)  # fmt: skip
    assert "new_cents" in error.value.error_dict
    assert not FundAmountChange.objects.exists()
