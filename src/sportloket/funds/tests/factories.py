import datetime
import itertools

import factory
from django.db.models import F
from django.utils import timezone

from sportloket.decisions.models import Decision
from sportloket.funds.constants import AllocationState, FundKind
from sportloket.funds.models import Allocation, AllocationChange, Fund, FundTheme
from sportloket.registry.constants import OrganisationKind

_keys = itertools.count()


def this_year():
    today = timezone.localdate()
    return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)


class FundFactory(factory.django.DjangoModelFactory):
    """A fund of this calendar year, owned by a municipality in the desk's register. Made
    directly; tests of the services make theirs with ``fund_create``."""

    class Meta:
        model = Fund
        skip_postgeneration_save = True

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    name = factory.Sequence(lambda n: f"Uitvoeringsbudget {n}")
    kind = FundKind.EXECUTION
    owner = factory.LazyAttribute(
        lambda o: _register_organisation(o.loket, kind=OrganisationKind.MUNICIPALITY)
    )
    starts_on = factory.LazyFunction(lambda: this_year()[0])
    ends_on = factory.LazyFunction(lambda: this_year()[1])
    amount_cents = 1_000_000

    @factory.post_generation
    def theme_keys(self, create, extracted, **kwargs):
        if create and extracted:
            FundTheme.objects.bulk_create(FundTheme(fund=self, key=key) for key in extracted)


class AllocationFactory(factory.django.DjangoModelFactory):
    """An approved allocation of a fund to a new decision, made directly (tests of the
    services use ``decision_fund``) but consistent: the fund's committed and paid totals and
    the allocation's history follow, so the services can move it on."""

    class Meta:
        model = Allocation
        skip_postgeneration_save = True

    fund = factory.SubFactory(FundFactory)
    created_by = factory.SubFactory("sportloket.accounts.tests.factories.UserFactory")
    decision = factory.LazyAttribute(
        lambda o: make_decision(o.fund.loket, decided_by=o.created_by, amount_cents=o.amount_cents)
    )
    amount_cents = 10_000
    state = AllocationState.APPROVED
    idempotency_key = factory.Sequence(lambda n: f"factory-{n}")

    class Params:
        proposed = factory.Trait(state=AllocationState.PROPOSED)

    @classmethod
    def for_desk(cls, loket, **kwargs):
        return cls(fund=FundFactory(loket=loket), **kwargs)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        allocation = super()._create(model_class, *args, **kwargs)
        Fund.objects.filter(pk=allocation.fund_id).update(
            committed_cents=F("committed_cents") + allocation.committed_cents,
            paid_cents=F("paid_cents") + (allocation.paid_cents or 0),
        )
        history = [AllocationChange(allocation=allocation, to_state=AllocationState.PROPOSED,
                                    actor=allocation.created_by)]  # fmt: skip
        if allocation.state != AllocationState.PROPOSED:
            history.append(
                AllocationChange(
                    allocation=allocation,
                    from_state=AllocationState.PROPOSED,
                    to_state=allocation.state,
                    actor=allocation.created_by,
                    amount_cents=allocation.paid_cents,
                )
            )
        AllocationChange.objects.bulk_create(history)
        allocation.fund.refresh_from_db()
        return allocation


class DecisionFactory(factory.django.DjangoModelFactory):
    """A decision on a new question of the desk, made directly (see ``make_decision``); for
    the pages that commit money to a decision."""

    class Meta:
        model = Decision

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    help_request = factory.SubFactory(
        "sportloket.helprequests.tests.factories.HelpRequestFactory",
        loket=factory.SelfAttribute("..loket"),
    )
    rationale = "Past bij de vraag."
    amount_cents = 100_000
    decided_by = factory.SubFactory("sportloket.accounts.tests.factories.UserFactory")
    decided_at = factory.LazyFunction(timezone.now)

    @classmethod
    def for_desk(cls, loket, **kwargs):
        return cls(loket=loket, **kwargs)


def _register_organisation(loket, **kwargs):
    from sportloket.registry.tests.factories import OrganisationFactory

    return OrganisationFactory.for_desk(loket, **kwargs)


def make_decision(loket, *, decided_by, amount_cents=100_000, organisation=None, themes=(),
                  decided_at=None, help_request=None, supersedes=None) -> Decision:  # fmt: skip
    """A decision on a question of the desk, made directly (the decision service ranks
    offerings, which these tests do not need). The question is from ``organisation`` (a new
    club in the register by default) about ``themes``."""
    from sportloket.helprequests.tests.factories import HelpRequestFactory

    if help_request is None:
        if organisation is None:
            organisation = _register_organisation(loket)
        help_request = HelpRequestFactory(
            loket=loket, organisation=organisation, organisation_name=organisation.name
        )
        help_request.themes.set(themes)
    return Decision.objects.create(
        loket=loket,
        help_request=help_request,
        supersedes=supersedes,
        rationale="Past bij de vraag.",
        amount_cents=amount_cents,
        decided_by=decided_by,
        decided_at=decided_at or timezone.now(),
        option_count=1,  # room for the one ranked offering a test may add
    )


def make_decisions(loket, *, decided_by, count, amount_cents, themes=()) -> list[Decision]:
    """Many decisions on one question, in one INSERT (for the concurrency tests)."""
    first = make_decision(loket, decided_by=decided_by, amount_cents=amount_cents, themes=themes)
    rest = Decision.objects.bulk_create(
        Decision(
            loket=loket,
            help_request=first.help_request,
            rationale="Past bij de vraag.",
            amount_cents=amount_cents,
            decided_by=decided_by,
            decided_at=first.decided_at,
        )
        for _ in range(count - 1)
    )
    return [first, *rest]


def new_key() -> str:
    return f"form-{next(_keys)}"
