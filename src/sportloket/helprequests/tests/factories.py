import factory

from sportloket.core.models import Theme
from sportloket.helprequests.models import HelpRequest


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    name = factory.Sequence(lambda n: f"Thema {n}")
    key = factory.Sequence(lambda n: f"custom-test-{n}")


class HelpRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpRequest

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    organisation_name = "Voetbalvereniging Domstad Oost"
    contact_name = "Sanne Kuipers"
    contact_email = factory.Sequence(lambda n: f"secretaris{n}@club.example.nl")
    question = "Wij zoeken nieuwe bestuursleden. Hoe pakken we dat aan?"
    consents_to_processing = True


def submit_request(desk, **fields):
    """A provider's question through the real intake service."""
    from sportloket.helprequests import services

    data = {
        "organisation_name": "HC Houten",
        "contact_name": "Eva Brouwer",
        "contact_email": "eva@hchouten.example.nl",
        "question": "Hoe vinden we meer vrijwilligers voor de jeugd?",
        "consents_to_processing": True,
    }
    data.update(fields)
    return services.request_submit(loket=desk, **data)
