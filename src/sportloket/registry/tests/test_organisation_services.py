import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sportloket.core.models import Municipality
from sportloket.registry import services
from sportloket.registry.constants import LinkSource, OrganisationKind
from sportloket.registry.models import Organisation, OrganisationLink, Sport
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def create(desk, actor, **fields):
    fields.setdefault("kind", OrganisationKind.CLUB)
    fields.setdefault("name", "HC Houten")
    return services.organisation_create(loket=desk, actor=actor, **fields)


def test_create_normalises_identifiers_and_links_to_the_desk(desk, coordinator):
    organisation = create(
        desk,
        coordinator,
        kvk_number="0123 4567",
        postcode="3991ab",
        phone="030-1234567",
        sports=list(Sport.objects.filter(slug="hockey")),
        tags=["Jeugd", " jeugd ", "nieuw bestuur"],
    )
    assert organisation.kvk_number == "01234567"
    assert organisation.postcode == "3991 AB"
    assert organisation.phone == "+31301234567"
    assert organisation.name_key == "hc houten"
    assert [s.slug for s in organisation.sports.all()] == ["hockey"]
    assert sorted(t.name for t in organisation.tags.all()) == ["jeugd", "nieuw bestuur"]
    link = OrganisationLink.objects.get(organisation=organisation)
    assert (link.loket, link.source) == (desk, LinkSource.MANUAL)
    entry = LogEntry.objects.get_for_object(organisation).first()
    assert entry.actor == coordinator


def test_create_collects_every_error_and_writes_nothing(desk, coordinator):
    with pytest.raises(ValidationError) as error:
        create(desk, coordinator, kvk_number="12AB5678", postcode="12345", phone="bel")
    assert set(error.value.error_dict) == {"kvk_number", "postcode", "phone"}
    assert not Organisation.objects.exists()


def test_a_kvk_number_is_one_organisation(desk, coordinator):
    OrganisationFactory(name="Sparta", kvk_number="01234567")
    with pytest.raises(ValidationError) as error:
        create(desk, coordinator, kvk_number="01234567")
    assert "Sparta heeft dit KvK-nummer al" in error.value.error_dict["kvk_number"][0].message
    assert Organisation.objects.count() == 1


def test_the_database_refuses_a_kvk_number_that_is_not_8_digits():
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(kind="club", name="X", name_key="x", kvk_number="123")


def test_update_changes_fields_and_keeps_the_kvk_check(desk, coordinator):
    OrganisationFactory(kvk_number="11111111")
    organisation = OrganisationFactory(kvk_number="22222222")
    services.organisation_update(
        organisation=organisation,
        loket=desk,
        actor=coordinator,
        name="  Nieuwe   naam ",
        member_count=250,
    )
    organisation.refresh_from_db()
    assert (organisation.name, organisation.member_count) == ("Nieuwe naam", 250)
    with pytest.raises(ValidationError):
        services.organisation_update(
            organisation=organisation, loket=desk, actor=coordinator, kvk_number="11111111"
        )


def test_the_register_of_a_desk_is_its_work_area_plus_its_links(desk, other_desk):
    houten = Municipality.objects.get(code="GM0321")
    desk.work_area.set([houten])
    inside = OrganisationFactory(municipality=houten)
    linked = OrganisationFactory.for_desk(desk)
    elsewhere = OrganisationFactory(municipality=Municipality.objects.get(code="GM0344"))
    theirs = OrganisationFactory.for_desk(other_desk)
    register = set(Organisation.objects.for_desk(desk))
    assert register == {inside, linked}
    assert elsewhere not in register and theirs not in register


def test_an_organisation_moved_out_of_the_work_area_stays_in_the_desks_register(desk, coordinator):
    houten = Municipality.objects.get(code="GM0321")
    desk.work_area.set([houten])
    organisation = OrganisationFactory(municipality=houten)
    services.organisation_update(
        organisation=organisation,
        loket=desk,
        actor=coordinator,
        municipality=Municipality.objects.get(code="GM0344"),
    )
    assert organisation in Organisation.objects.for_desk(desk)
