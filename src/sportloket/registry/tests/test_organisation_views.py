import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sportloket.core.models import Municipality
from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.registry import services
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Federation, Organisation, Sport
from sportloket.registry.tests.factories import (
    IntentDeclarationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonRoleFactory,
)
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def houten(desk):
    municipality = Municipality.objects.get(code="GM0321")
    desk.work_area.set([municipality])
    return municipality


def list_url(desk, **params):
    url = reverse("registry:organisation-list", args=[desk.slug])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def test_list_searches_name_kvk_and_place(coordinator_client, desk, houten):
    OrganisationFactory(name="HC Houten", municipality=houten, kvk_number="01234567", city="Houten")
    OrganisationFactory(name="Tennisclub Schalkwijk", municipality=houten, city="Schalkwijk")
    for query, expected in [
        ("hc hou", "HC Houten"),
        ("0123", "HC Houten"),
        ("schalk", "Schalkwijk"),
    ]:
        names = [
            o["name"] for o in coordinator_client.get(list_url(desk, q=query)).context["page_obj"]
        ]
        assert len(names) == 1 and expected in names[0], (query, names)


def test_list_filters_in_the_database(coordinator_client, desk, houten):
    hockey = Sport.objects.get(slug="hockey")
    knhb = Federation.objects.get(abbreviation="KNHB")
    club = OrganisationFactory(name="HC Houten", municipality=houten)
    club.sports.add(hockey)
    club.federations.add(knhb)
    OrganisationFactory(name="Sportschool Fit", municipality=houten, commercial=True)
    OrganisationFactory(name="Elders", municipality=Municipality.objects.get(code="GM0344"))

    def names(**params):
        return [
            o["name"] for o in coordinator_client.get(list_url(desk, **params)).context["page_obj"]
        ]

    assert names() == ["HC Houten", "Sportschool Fit"]
    assert names(kind=OrganisationKind.COMMERCIAL) == ["Sportschool Fit"]
    assert names(sport=hockey.pk) == ["HC Houten"]
    assert names(federation=knhb.pk) == ["HC Houten"]
    assert names(municipality=houten.pk) == ["HC Houten", "Sportschool Fit"]


def test_list_query_count_does_not_grow_with_rows(coordinator_client, desk, houten):
    hockey = Sport.objects.get(slug="hockey")

    def add(n):
        for organisation in OrganisationFactory.create_batch(n, municipality=houten):
            organisation.sports.add(hockey)

    add(1)
    _, last = assert_queries_do_not_grow(
        lambda: coordinator_client.get(list_url(desk)), add, more=30, max_queries=9
    )
    assert last.text.count("Hockey") >= 31


def test_list_answers_htmx_with_the_table(coordinator_client, desk, houten):
    response = coordinator_client.get(list_url(desk), headers={"HX-Request": "true"})
    assert "<html" not in response.text and "organisaties" in response.text


def test_an_organisation_in_another_desks_area_is_not_found(coordinator_client, desk, houten):
    utrecht = OrganisationFactory(municipality=Municipality.objects.get(code="GM0344"))
    url = reverse("registry:organisation-detail", args=[desk.slug, utrecht.pk])
    assert coordinator_client.get(url).status_code == 404


def test_create_keeps_typed_input_and_shows_dutch_errors(coordinator_client, desk):
    url = reverse("registry:organisation-create", args=[desk.slug])
    response = coordinator_client.post(
        url,
        {
            "kind": "club",
            "name": "Café Één",
            "kvk_number": "12AB",
            "postcode": "12345",
            "status": "active",
        },
    )
    assert response.status_code == 400
    html = response.text
    assert "Een KvK-nummer bestaat alleen uit cijfers." in html
    assert "Vul een Nederlandse postcode in" in html
    assert 'value="Café Één"' in html
    assert not Organisation.objects.exists()


def test_create_then_detail_shows_the_organisation(coordinator_client, desk, houten):
    response = coordinator_client.post(
        reverse("registry:organisation-create", args=[desk.slug]),
        {
            "kind": "club",
            "name": "'s-Hertogenbosch Hockey",
            "kvk_number": "01234567",
            "postcode": "3991ab",
            "city": "Houten",
            "municipality": houten.pk,
            "phone": "030 1234567",
            "status": "active",
            "sports": [Sport.objects.get(slug="hockey").pk],
            "tags": "jeugd, toegankelijk",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    detail = coordinator_client.get(response["Location"]).text
    assert "&#x27;s-Hertogenbosch Hockey" in detail
    assert "01234567" in detail and "3991 AB" in detail
    assert "030 123 4567" in detail
    assert "toegankelijk" in detail
    assert organisation.municipality == houten


def test_edit_saves_through_the_service(coordinator_client, desk, houten):
    organisation = OrganisationFactory(municipality=houten, name="Oude naam")
    url = reverse("registry:organisation-edit", args=[desk.slug, organisation.pk])
    form = coordinator_client.get(url)
    assert 'value="Oude naam"' in form.text
    response = coordinator_client.post(
        url, {"kind": "club", "name": "Nieuwe naam", "status": "active", "member_count": "120"}
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.member_count) == ("Nieuwe naam", 120)
    detail = coordinator_client.get(response["Location"])
    history = detail.context["history"]
    assert {"label": "naam", "old": "Oude naam", "new": "Nieuwe naam"} in history[0]["changes"]


def test_viewers_read_the_register_but_cannot_change_it(client, desk, houten):
    viewer = MembershipFactory(loket=desk)
    organisation = OrganisationFactory(municipality=houten)
    client.force_login(viewer.user)
    assert client.get(list_url(desk)).status_code == 200
    assert client.get(reverse("registry:organisation-create", args=[desk.slug])).status_code == 403
    edit = reverse("registry:organisation-edit", args=[desk.slug, organisation.pk])
    assert client.post(edit, {"name": "x"}).status_code == 403


def test_partners_see_people_only_with_their_consent(client, desk, houten):
    organisation = OrganisationFactory(municipality=houten)
    PersonRoleFactory(
        organisation=organisation,
        loket=desk,
        person__full_name="Open Olga",
        person__consents_to_sharing=True,
    )
    PersonRoleFactory(organisation=organisation, loket=desk, person__full_name="Stille Sam")
    url = reverse("registry:organisation-detail", args=[desk.slug, organisation.pk])

    partner = MembershipFactory(loket=desk, partner=True)
    client.force_login(partner.user)
    page = client.get(url).text
    assert "Open Olga" in page and "Stille Sam" not in page

    supporter = MembershipFactory(loket=desk, supporter=True)
    client.force_login(supporter.user)
    page = client.get(url).text
    assert "Open Olga" in page and "Stille Sam" in page


def test_list_shows_an_organisation_without_place_or_municipality(coordinator_client, desk):
    OrganisationFactory.for_desk(desk, name="Zwervers", city="")
    response = coordinator_client.get(list_url(desk))
    assert response.status_code == 200
    assert "Zwervers" in response.text


def test_list_filters_on_participation_and_declaration(coordinator_client, desk, houten):
    signed = OrganisationFactory(name="Gemeente Houten", municipality=houten, kind="municipality")
    IntentDeclarationFactory(participation=ParticipationFactory(loket=desk, organisation=signed))
    unsigned = OrganisationFactory(name="Sportraad", municipality=houten, kind="sport_platform")
    ParticipationFactory(loket=desk, organisation=unsigned, kind="representing")
    OrganisationFactory(name="HC Houten", municipality=houten)

    def names(**params):
        return [
            o["name"] for o in coordinator_client.get(list_url(desk, **params)).context["page_obj"]
        ]

    assert names(participation="yes") == ["Gemeente Houten", "Sportraad"]
    assert names(participation="no") == ["HC Houten"]
    assert names(participation="representing") == ["Sportraad"]
    assert names(declaration="yes") == ["Gemeente Houten"]
    assert names(participation="yes", declaration="no") == ["Sportraad"]


def test_add_a_person_and_end_the_role(coordinator_client, desk, houten):
    organisation = OrganisationFactory(municipality=houten)
    url = reverse("registry:person-role-create", args=[desk.slug, organisation.pk])
    bad = coordinator_client.post(
        url,
        {
            "full_name": "Els de Wit",
            "function": "secretary",
            "phone": "12",
            "legal_basis": "consent",
        },
    )
    assert bad.status_code == 400
    assert "Vul een geldig telefoonnummer in." in bad.text and 'value="Els de Wit"' in bad.text
    response = coordinator_client.post(
        url,
        {
            "full_name": "Els de Wit",
            "function": "secretary",
            "email": "Els@Club.nl",
            "phone": "06 12345678",
            "legal_basis": "consent",
            "consents_to_contact": "on",
        },
    )
    assert response.status_code == 302
    role = organisation.person_roles.get()
    assert (role.person.email, role.person.phone) == ("els@club.nl", "+31612345678")
    # The same address again links the same person.
    coordinator_client.post(
        url,
        {
            "full_name": "E. de Wit",
            "function": "contact",
            "email": "els@club.nl",
            "legal_basis": "consent",
        },
    )
    assert organisation.person_roles.count() == 2
    assert organisation.person_roles.values("person").distinct().count() == 1
    end = reverse("registry:person-role-end", args=[desk.slug, role.pk])
    assert coordinator_client.post(end).status_code == 302
    role.refresh_from_db()
    assert role.end_on is not None


def test_viewers_cannot_add_people(client, desk, houten):
    organisation = OrganisationFactory(municipality=houten)
    viewer = MembershipFactory(loket=desk)
    client.force_login(viewer.user)
    url = reverse("registry:person-role-create", args=[desk.slug, organisation.pk])
    assert client.post(url, {"full_name": "X", "function": "chair"}).status_code == 403


def test_people_other_desks_recorded_show_only_with_their_consent(client, desk, other_desk, houten):
    organisation = OrganisationFactory(municipality=houten)
    PersonRoleFactory(
        organisation=organisation,
        loket=other_desk,
        person__full_name="Gedeelde Gea",
        person__consents_to_sharing=True,
    )
    PersonRoleFactory(organisation=organisation, loket=other_desk, person__full_name="Besloten Bas")
    supporter = MembershipFactory(loket=desk, supporter=True)
    client.force_login(supporter.user)
    page = client.get(reverse("registry:organisation-detail", args=[desk.slug, organisation.pk]))
    assert "Gedeelde Gea" in page.text and "Besloten Bas" not in page.text


def test_an_email_known_at_another_desk_adds_a_new_person(
    coordinator_client, desk, other_desk, houten
):
    organisation = OrganisationFactory(municipality=houten)
    theirs = PersonRoleFactory(
        loket=other_desk,
        person__full_name="Geheim",
        person__email="x@club.nl",
        person__phone="+31612345678",
    )
    url = reverse("registry:person-role-create", args=[desk.slug, organisation.pk])
    coordinator_client.post(
        url,
        {"full_name": "Nieuw", "function": "chair", "email": "x@club.nl", "legal_basis": "consent"},
    )
    role = organisation.person_roles.get()
    assert role.person != theirs.person and role.person.full_name == "Nieuw"
    page = coordinator_client.get(
        reverse("registry:organisation-detail", args=[desk.slug, organisation.pk])
    )
    assert "Geheim" not in page.text and "06 12345678" not in page.text


def test_history_of_a_shared_organisation_does_not_name_other_desks_staff(
    coordinator_client, desk, other_desk, houten
):
    organisation = OrganisationFactory(municipality=houten)
    outsider = MembershipFactory(loket=other_desk, coordinator=True).user
    services.organisation_update(
        organisation=organisation, loket=other_desk, actor=outsider, member_count=99
    )
    url = reverse("registry:organisation-detail", args=[desk.slug, organisation.pk])
    page = coordinator_client.get(url)
    assert str(outsider) not in page.text
    assert "ander loket" in page.text


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "club"}, {"kind": "club"}, {"participation": "no"}, {"declaration": "no"}],
)
def test_every_filter_keeps_the_query_count_flat(coordinator_client, desk, houten, params):
    def add(n):
        OrganisationFactory.create_batch(n, municipality=houten, city="", name="Club x")

    add(1)
    _, last = assert_queries_do_not_grow(
        lambda: coordinator_client.get(list_url(desk, **params)), add, more=20, max_queries=12
    )
    assert last.text.count(">Houten<") >= 21  # the municipality shows where the place is empty


def test_a_representative_must_be_someone_the_desk_recorded(desk, other_desk, coordinator):
    organisation = OrganisationFactory(municipality=houten_of(desk))
    stranger = PersonRoleFactory(organisation=organisation, loket=other_desk).person
    with pytest.raises(ValidationError) as error:
        services.participation_add(
            loket=desk,
            organisation=organisation,
            kind="supporting",
            representative=stranger,
            actor=coordinator,
        )
    assert "representative" in error.value.error_dict


def houten_of(desk):
    municipality = Municipality.objects.get(code="GM0321")
    desk.work_area.add(municipality)
    return municipality


def test_the_organisation_page_lists_its_questions_to_this_desk(
    coordinator_client, desk, other_desk, houten
):
    organisation = OrganisationFactory(municipality=houten)
    HelpRequestFactory(loket=desk, organisation=organisation, question="Vraag hier")
    HelpRequestFactory(loket=other_desk, organisation=organisation, question="Vraag elders")
    page = coordinator_client.get(
        reverse("registry:organisation-detail", args=[desk.slug, organisation.pk])
    )
    assert "Vraag hier" in page.text and "Vraag elders" not in page.text
