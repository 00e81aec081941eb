import datetime
import itertools

import factory
from django.db.models import F
from django.utils import timezone

from sportloket.decisions.tests.factories import make_decision
from sportloket.funds.constants import AllocationState, FundKind
from sportloket.funds.models import Allocation, AllocationChange, Fund, FundTheme
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory

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


def _register_organisation(loket, **kwargs):
    return OrganisationFactory.for_desk(loket, **kwargs)


def new_key() -> str:
    return f"form-{next(_keys)}"
