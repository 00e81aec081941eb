import datetime

import factory
from django.utils import timezone

from sportloket.accounts.tests.factories import UserFactory
from sportloket.clubcheck.constants import Facilities, Finances, QuestionKind
from sportloket.clubcheck.models import CheckAnswer, CheckInvitation, CheckRound, ExtraQuestion
from sportloket.registry.tests.factories import OrganisationFactory


class CheckRoundFactory(factory.django.DjangoModelFactory):
    """A club check open today, for six weeks."""

    class Meta:
        model = CheckRound

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=41))
    created_by = factory.SubFactory(UserFactory)

    class Params:
        # Closed yesterday: its figures are published (CheckRound.is_published).
        closed = factory.Trait(
            opens_on=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=43)
            ),
            closes_on=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=1)
            ),
        )


class ExtraQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExtraQuestion

    round = factory.SubFactory(CheckRoundFactory)
    text = factory.Sequence(lambda n: f"Vraag {n}?")
    kind = QuestionKind.YESNO

    @classmethod
    def for_desk(cls, loket, **kwargs):
        return cls(round=CheckRoundFactory(loket=loket), **kwargs)


class CheckInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckInvitation

    round = factory.SubFactory(CheckRoundFactory)
    organisation = factory.LazyAttribute(lambda o: OrganisationFactory.for_desk(o.round.loket))
    invited_at = factory.LazyFunction(timezone.now)


class CheckAnswerFactory(factory.django.DjangoModelFactory):
    """A provider's answers; ``for_desk(loket)`` makes the round, provider and invitation."""

    class Meta:
        model = CheckAnswer

    invitation = factory.SubFactory(CheckInvitationFactory)
    round = factory.SelfAttribute("invitation.round")
    organisation = factory.SelfAttribute("invitation.organisation")
    answered_by_name = "Secretaris"
    members_youth = 40
    members_adult = 60
    members_senior = 10
    volunteers = 15
    board_vacancies = 0
    finances = Finances.HEALTHY
    facilities = Facilities.RENTED

    @classmethod
    def for_desk(cls, loket, **kwargs):
        invitation = CheckInvitationFactory(round=CheckRoundFactory(loket=loket))
        return cls(invitation=invitation, **kwargs)
