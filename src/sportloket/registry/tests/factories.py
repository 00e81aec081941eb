import factory

from sportloket.registry.constants import LinkSource, OrganisationKind, PersonFunction
from sportloket.registry.models import Organisation, OrganisationLink, Person, PersonRole
from sportloket.registry.validation import name_key


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A club in the national register. ``for_desk(loket)`` makes one linked to that desk only
    (no municipality), which is how the desk-isolation test makes another desk's record."""

    class Meta:
        model = Organisation

    kind = OrganisationKind.CLUB
    name = factory.Sequence(lambda n: f"Sportvereniging {n}")
    name_key = factory.LazyAttribute(lambda o: name_key(o.name))
    kvk_number = factory.Sequence(lambda n: f"{40000000 + n:08d}")
    city = "Utrecht"

    class Params:
        commercial = factory.Trait(kind=OrganisationKind.COMMERCIAL)

    @classmethod
    def for_desk(cls, loket, **kwargs):
        organisation = cls(municipality=None, **kwargs)
        OrganisationLink.objects.create(
            loket=loket, organisation=organisation, source=LinkSource.MANUAL
        )
        return organisation


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"bestuur{n}@club.example.org")


class PersonRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonRole

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    function = PersonFunction.SECRETARY
