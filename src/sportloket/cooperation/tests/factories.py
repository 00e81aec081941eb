import factory

from sportloket.accounts.tests.factories import UserFactory
from sportloket.cooperation.constants import CooperationKind
from sportloket.cooperation.models import (
    Cooperation,
    CooperationParty,
    Introduction,
    IntroductionConsent,
)
from sportloket.registry.tests.factories import OrganisationFactory


class CooperationFactory(factory.django.DjangoModelFactory):
    """A cooperation of a desk, without parties (``for_desk`` gives it two of its register)."""

    class Meta:
        model = Cooperation

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    title = factory.Sequence(lambda n: f"Samen de sporthal delen {n}")
    kind = CooperationKind.SHARED_FACILITY
    goal = "De hal ook overdag benutten."
    created_by = factory.SubFactory(UserFactory)

    @classmethod
    def for_desk(cls, loket, **kwargs):
        cooperation = cls(loket=loket, **kwargs)
        for _ in range(2):
            CooperationParty.objects.create(
                cooperation=cooperation, organisation=OrganisationFactory.for_desk(loket)
            )
        return cooperation


class CooperationPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationParty

    cooperation = factory.SubFactory(CooperationFactory)
    organisation = factory.SubFactory(OrganisationFactory)

    @classmethod
    def for_desk(cls, loket):
        return CooperationFactory.for_desk(loket).parties.first()


class IntroductionConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntroductionConsent

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    organisation = factory.SubFactory(OrganisationFactory)
    source = "telefonisch met de voorzitter"
    recorded_by = factory.SubFactory(UserFactory)


class IntroductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Introduction

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    reason = "2 aanbieders in Houten vroegen naar vrijwilligersbeleid"
    message = "Wij brengen u graag met elkaar in contact."
    sent_by = factory.SubFactory(UserFactory)
