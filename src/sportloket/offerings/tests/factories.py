import factory

from sportloket.offerings.constants import OfferingKind, OfferingScope
from sportloket.offerings.models import Offering, OfferingTheme


class OfferingFactory(factory.django.DjangoModelFactory):
    """A desk's own offering; ``national=True`` for one shared with every desk."""

    class Meta:
        model = Offering
        skip_postgeneration_save = True

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    title = factory.Sequence(lambda n: f"Verenigingsadvies {n}")
    description = "Een adviseur helpt het bestuur op weg."
    delivered_by = factory.SubFactory("sportloket.registry.tests.factories.OrganisationFactory")
    kind = OfferingKind.ADVICE
    scope = OfferingScope.DESK

    class Params:
        national = factory.Trait(loket=None, scope=OfferingScope.NATIONAL)

    @factory.post_generation
    def theme_keys(self, create, extracted, **kwargs):
        if create and extracted:
            OfferingTheme.objects.bulk_create(
                OfferingTheme(offering=self, key=key) for key in extracted
            )

    @classmethod
    def for_desk(cls, loket, **kwargs):
        return cls(loket=loket, **kwargs)
