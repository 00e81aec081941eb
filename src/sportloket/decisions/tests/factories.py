"""Decisions made directly, for the tests of what comes after a decision (its money, its page);
the tests of deciding itself go through ``decision_record``."""

import factory
from django.utils import timezone

from sportloket.decisions import services
from sportloket.decisions.models import Decision
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.registry.tests.factories import OrganisationFactory


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


def make_decision(loket, *, decided_by, amount_cents=100_000, organisation=None, themes=(),
                  decided_at=None, help_request=None, supersedes=None,
                  outside_cents=0) -> Decision:  # fmt: skip
    """A decision on a question of the desk, made directly (the decision service ranks
    offerings, which these tests do not need). The question is from ``organisation`` (a new
    club in the register by default) about ``themes``; ``outside_cents`` of the amount is paid
    outside the funds."""
    if help_request is None:
        if organisation is None:
            organisation = OrganisationFactory.for_desk(loket)
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
        outside_cents=outside_cents,
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


def decide(help_request, chosen, actor, **extra):
    """A decision through the service, as the decide page records it (``chosen``: an offering
    or several), with a rationale and a public summary unless given."""
    chosen = list(chosen) if isinstance(chosen, list | tuple) else [chosen]
    data = {"rationale": "Past bij de vraag.", "public_summary": "Hulp bij vrijwilligersbeleid."}
    return services.decision_record(
        help_request=help_request, chosen=chosen, actor=actor, **(data | extra)
    )
