import datetime
import secrets

import factory
from django.utils import timezone

from sportloket.accounts.tests.factories import UserFactory
from sportloket.meetings.constants import MeetingKind, Response
from sportloket.meetings.models import (
    AgreedAction,
    Invitation,
    Meeting,
    MeetingSeries,
    Registration,
)
from sportloket.registry.tests.factories import OrganisationFactory, PersonRoleFactory


def in_days(days: int, hour: int = 19) -> datetime.datetime:
    """A local time ``days`` from today at ``hour``:00 (Europe/Amsterdam)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class MeetingSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingSeries

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    name = "Netwerkbijeenkomst met het sportplatform"
    rhythm = "elk kwartaal"


class MeetingFactory(factory.django.DjangoModelFactory):
    """An upcoming network meeting in two weeks, 19:00-21:00. ``MeetingFactory(loket=desk)``
    is what the desk-isolation test makes; ``past=True`` one that took place."""

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    title = factory.Sequence(lambda n: f"Netwerkbijeenkomst {n}")
    kind = MeetingKind.NETWORK
    starts_at = factory.LazyFunction(lambda: in_days(14))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + datetime.timedelta(hours=2))
    place = "Sporthal De Meent, Utrecht"
    created_by = factory.SubFactory(UserFactory)

    class Params:
        past = factory.Trait(starts_at=factory.LazyFunction(lambda: in_days(-7)))
        today = factory.Trait(starts_at=factory.LazyFunction(lambda: in_days(0, hour=0)))
        public = factory.Trait(is_public=True)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    organisation = factory.LazyAttribute(lambda i: OrganisationFactory.for_desk(i.meeting.loket))
    person = factory.LazyAttribute(
        lambda i: (
            PersonRoleFactory(
                organisation=i.organisation,
                loket=i.meeting.loket,
                person__consents_to_contact=True,
            ).person
        )
    )
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    response = Response.NONE

    @classmethod
    def for_desk(cls, loket, **kwargs):
        return cls(meeting=MeetingFactory(loket=loket), **kwargs)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory, is_public=True)
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"aanmelding{n}@example.org")

    @classmethod
    def for_desk(cls, loket, **kwargs):
        return cls(meeting=MeetingFactory(loket=loket, is_public=True), **kwargs)


class AgreedActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreedAction

    meeting = factory.SubFactory(MeetingFactory)
    description = "Sportplatform stuurt de verslaglegging rond"
    owner = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("owner")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=21))

    @classmethod
    def for_desk(cls, loket, **kwargs):
        return cls(meeting=MeetingFactory(loket=loket), **kwargs)
