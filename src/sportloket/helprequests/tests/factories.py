import factory

from sportloket.helprequests.models import HelpRequest, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    name = factory.Sequence(lambda n: f"Thema {n}")


class HelpRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpRequest

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    organisation_name = "Voetbalvereniging Domstad Oost"
    contact_name = "Sanne Kuipers"
    contact_email = factory.Sequence(lambda n: f"secretaris{n}@club.example.nl")
    question = "Wij zoeken nieuwe bestuursleden. Hoe pakken we dat aan?"
    consents_to_processing = True
