import datetime

import factory

from sportloket.accounts.tests.factories import UserFactory
from sportloket.contacts.constants import Channel, Visibility
from sportloket.contacts.models import AccountHolder, ContactMoment, PlannedContact
from sportloket.core.models import Municipality
from sportloket.registry.tests.factories import OrganisationFactory


class ContactMomentFactory(factory.django.DjangoModelFactory):
    """A contact moment of a desk with an organisation linked to that desk's register.

    ``ContactMomentFactory(loket=desk)`` is what the desk-isolation test makes."""

    class Meta:
        model = ContactMoment

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    organisation = factory.LazyAttribute(lambda o: OrganisationFactory.for_desk(o.loket))
    supporter = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("supporter")
    date = factory.LazyFunction(lambda: datetime.date(2026, 3, 2))
    channel = Channel.PHONE
    summary = "Gebeld met de secretaris over de ledenwerving."
    proactive = True
    visibility = Visibility.DESK

    class Params:
        restricted = factory.Trait(visibility=Visibility.RESTRICTED)


class PlannedContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedContact

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    organisation = factory.LazyAttribute(lambda o: OrganisationFactory.for_desk(o.loket))
    supporter = factory.SubFactory(UserFactory)
    due_on = factory.LazyFunction(lambda: datetime.date(2026, 6, 1))


class AccountHolderFactory(factory.django.DjangoModelFactory):
    """By default the account holder of a municipality (Utrecht)."""

    class Meta:
        model = AccountHolder

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    supporter = factory.SubFactory(UserFactory)
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="GM0344"))
