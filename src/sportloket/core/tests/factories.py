import factory
from allauth.mfa.models import Authenticator
from django.utils import timezone

from sportloket.accounts.tests.factories import UserFactory, add_totp
from sportloket.core.constants import ROLES_REQUIRING_SECOND_FACTOR, PartnerKind, Role
from sportloket.core.models import Loket, Membership, Theme


class LoketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Loket
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Sportloket {n}")
    slug = factory.Sequence(lambda n: f"loket-{n}")
    email = factory.LazyAttribute(lambda o: f"info@{o.slug}.example.org")


class MembershipFactory(factory.django.DjangoModelFactory):
    """A member of a desk. Coordinators and supporters get a TOTP device unless
    ``with_totp=False``, so that tests of other things are not sent to the set-up page."""

    class Meta:
        model = Membership
        skip_postgeneration_save = True

    loket = factory.SubFactory(LoketFactory)
    role = Role.VIEWER
    user = factory.SubFactory(UserFactory)

    class Params:
        coordinator = factory.Trait(role=Role.COORDINATOR)
        supporter = factory.Trait(role=Role.SUPPORTER)
        partner = factory.Trait(role=Role.PARTNER, partner_kind=PartnerKind.MUNICIPALITY)
        ended = factory.Trait(ended_at=factory.LazyFunction(timezone.now))

    @factory.post_generation
    def with_totp(self, create, extracted, **kwargs):
        wanted = extracted if extracted is not None else self.role in ROLES_REQUIRING_SECOND_FACTOR
        has_totp = Authenticator.objects.filter(user=self.user, type=Authenticator.Type.TOTP)
        if create and wanted and not has_totp.exists():
            add_totp(self.user)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    name = factory.Sequence(lambda n: f"Thema {n}")
    key = factory.Sequence(lambda n: f"custom-test-{n}")
