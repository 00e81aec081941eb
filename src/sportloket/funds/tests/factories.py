import datetime
import itertools

import factory
from django.utils import timezone

from sportloket.funds.constants import FundKind
from sportloket.funds.models import Fund, FundTheme
from sportloket.offerings.models import Decision
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
