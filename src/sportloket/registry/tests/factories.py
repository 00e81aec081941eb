import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from sportloket.registry.constants import (
    LinkSource,
    OrganisationKind,
    ParticipationKind,
    PersonFunction,
)
from sportloket.registry.models import (
    AdviserRelation,
    AreaAlignment,
    ChangeStatus,
    Federation,
    ImportRun,
    IntentDeclaration,
    Organisation,
    OrganisationLink,
    Participation,
    Person,
    PersonRole,
    ProviderChange,
)
from sportloket.registry.relation_models import AdviserKind
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
    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    function = PersonFunction.SECRETARY

    @classmethod
    def for_desk(cls, loket, **kwargs):
        return cls(organisation=OrganisationFactory.for_desk(loket), loket=loket, **kwargs)


MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name="verklaring.pdf", content=MINIMAL_PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation
        skip_postgeneration_save = True

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.FEDERATION)
    kind = ParticipationKind.SUPPORTING

    @factory.post_generation
    def linked(self, create, extracted, **kwargs):
        """As the service does: a participating party is in the desk's register."""
        if create:
            OrganisationLink.objects.get_or_create(
                loket=self.loket,
                organisation=self.organisation,
                defaults={"source": LinkSource.PARTICIPANT},
            )


class IntentDeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntentDeclaration

    participation = factory.SubFactory(ParticipationFactory)
    signed_on = factory.LazyFunction(lambda: datetime.date(2026, 1, 15))
    signatory = "J. de Vries, directeur"
    document = factory.django.FileField(filename="verklaring.pdf", data=MINIMAL_PDF)

    @classmethod
    def for_desk(cls, loket, **kwargs):
        return cls(participation=ParticipationFactory(loket=loket), **kwargs)


class AreaAlignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaAlignment

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    federation = factory.LazyFunction(lambda: Federation.objects.get(abbreviation="KNVB"))
    agreed = False


class ImportRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportRun

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    filename = "clubs.csv"
    file = factory.django.FileField(
        filename="upload", data=b"Naam;Postcode\r\nHC Voorbeeld;3511 AB\r\n"
    )


class AdviserRelationFactory(factory.django.DjangoModelFactory):
    """The club's relation with its federation's association adviser, recorded by a desk."""

    class Meta:
        model = AdviserRelation

    organisation = factory.SubFactory(OrganisationFactory)
    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    kind = AdviserKind.FEDERATION
    adviser_name = "Jan de Verenigingsadviseur"
    about = "ledenwerving"
    recorded_by = factory.SubFactory("sportloket.accounts.tests.factories.UserFactory")

    @classmethod
    def for_desk(cls, loket, **kwargs):
        return cls(organisation=OrganisationFactory.for_desk(loket), loket=loket, **kwargs)


class ProviderChangeFactory(factory.django.DjangoModelFactory):
    """A new name asked for by the organisation's contact person, waiting for a desk."""

    class Meta:
        model = ProviderChange

    organisation = factory.SubFactory(OrganisationFactory)
    submitted_by_name = "Sanne Kuipers"
    submitted_by_email = "sanne@club.example.org"
    changes = factory.LazyAttribute(lambda o: {"name": [o.organisation.name, "Nieuwe naam"]})
    status = ChangeStatus.PENDING

    @classmethod
    def for_desk(cls, loket, **kwargs):
        return cls(organisation=OrganisationFactory.for_desk(loket), **kwargs)
