"""The provider's page: a contact person sees their organisation's questions at every desk,
keeps its register data up to date (a new name or KvK number waits for a desk), asks a new
question; another organisation's people get 404 for all of it; queries do not grow."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sportloket.core.tests.factories import LoketFactory
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.portal.views import SESSION_EMAIL, SESSION_SINCE
from sportloket.registry.models import ChangeStatus, Organisation, PersonRole, ProviderChange
from sportloket.registry.tests.factories import OrganisationLink, PersonRoleFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def sign_in(client, email):
    session = client.session
    session[SESSION_EMAIL] = email
    session[SESSION_SINCE] = timezone.now().isoformat()
    session.save()
    return client


@pytest.fixture
def role(desk):
    return PersonRoleFactory.for_desk(desk, person__email="secretaris@domstad.example.org")


@pytest.fixture
def club(role):
    return role.organisation


@pytest.fixture
def member(client, role):
    return sign_in(client, "secretaris@domstad.example.org")


def test_the_page_shows_the_questions_at_every_desk(member, club, desk, other_desk):
    OrganisationLink.objects.create(loket=other_desk, organisation=club, source="manual")
    HelpRequestFactory(loket=desk, organisation=club, question="Vrijwilligers gezocht")
    HelpRequestFactory(loket=other_desk, organisation=club, question="Subsidie voor ledverlichting")
    HelpRequestFactory(loket=desk, question="Een vraag van een andere club")
    page = member.get(reverse("portal:organisation", args=[club.pk]))
    text = page.content.decode()
    assert "Vrijwilligers gezocht" in text and "Subsidie voor ledverlichting" in text
    assert desk.name in text and other_desk.name in text
    assert "Een vraag van een andere club" not in text
    assert page["Cache-Control"] == "private, no-store"


def test_another_organisations_people_get_404(client, desk, club):
    other = PersonRoleFactory.for_desk(desk, person__email="penningmeester@elders.example.org")
    sign_in(client, "penningmeester@elders.example.org")
    for name in ("portal:organisation", "portal:data", "portal:ask"):
        url = reverse(name, args=[club.pk])
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    assert (
        client.get(reverse("portal:organisation", args=[other.organisation_id])).status_code == 200
    )


def test_a_role_that_ended_no_longer_opens_the_page(member, role, club):
    role.start_on = timezone.localdate() - timedelta(days=30)
    role.end_on = timezone.localdate() - timedelta(days=1)
    role.save()
    assert member.get(reverse("portal:organisation", args=[club.pk])).status_code == 404


def test_not_signed_in_is_sent_to_sign_in(client, club):
    url = reverse("portal:organisation", args=[club.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("portal:sign-in")) and "next=" in response.url


def data(club, **changes):
    values = {
        "name": club.name, "kvk_number": club.kvk_number or "", "address": "Sportlaan 1",
        "postcode": "3511 AB", "city": "Utrecht", "email": "", "phone": "", "website": "",
        "member_count": "250",
    }  # fmt: skip
    values.update(changes)
    return values


def test_details_change_at_once_with_history_and_a_new_name_waits(
    member, club, coordinator_client, desk
):
    url = reverse("portal:data", args=[club.pk])
    response = member.post(url, data(club, name="Domstad Oost Sport", member_count="312"))
    assert response.status_code == 302
    club.refresh_from_db()
    assert club.member_count == 312 and club.address == "Sportlaan 1"
    assert club.name != "Domstad Oost Sport"  # waits for the desk
    applied, pending = (
        ProviderChange.objects.get(status=ChangeStatus.APPLIED),
        ProviderChange.objects.get(status=ChangeStatus.PENDING),
    )
    assert applied.changes["member_count"] == ["", "312"]
    assert pending.changes["name"][1] == "Domstad Oost Sport"
    # The desk sees what changed and decides on the name.
    page = coordinator_client.get(
        reverse("registry:organisation-detail", args=[desk.slug, club.pk])
    )
    assert "Domstad Oost Sport" in page.content.decode()
    history = page.context["history"]
    assert any(
        "(de aanbieder)" in str(row["actor"]) or "(the provider)" in str(row["actor"])
        for row in history
    )
    decide = reverse("registry:provider-change-decide", args=[desk.slug, pending.pk])
    coordinator_client.post(decide, {"decision": "approve"})
    club.refresh_from_db()
    assert club.name == "Domstad Oost Sport"


def test_a_refused_form_keeps_what_was_typed(member, club):
    url = reverse("portal:data", args=[club.pk])
    response = member.post(url, data(club, postcode="12", member_count="veel"))
    assert response.status_code == 400
    form = response.context["form"]
    assert form["postcode"].value() == "12" and form["member_count"].value() == "veel"
    assert "member_count" in form.errors


def test_a_new_question_has_the_organisation_and_person_filled_in(member, club, role, desk):
    url = reverse("portal:ask", args=[club.pk])
    page = member.get(url)
    assert [d.pk for d in page.context["form"].fields["desk"].queryset] == [desk.pk]
    response = member.post(
        url,
        {"desk": desk.pk, "question": "Hoe vinden we een penningmeester?", "urgency": "normal",
         "consents_to_processing": "on"},
    )  # fmt: skip
    question = HelpRequest.objects.get()
    assert response.url == reverse("helprequests:track", args=[question.tracking_token])
    assert question.organisation == club and question.loket == desk
    assert question.contact_email == "secretaris@domstad.example.org"
    assert question.contact_name == role.person.full_name


def test_a_desk_without_the_organisation_cannot_be_asked(member, club):
    elsewhere = LoketFactory()
    response = member.post(
        reverse("portal:ask", args=[club.pk]),
        {"desk": elsewhere.pk, "question": "Vraag", "urgency": "normal",
         "consents_to_processing": "on"},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.context["form"]["question"].value() == "Vraag"
    assert not HelpRequest.objects.exists()


def test_the_page_does_not_grow_in_queries(member, club, desk):
    url = reverse("portal:organisation", args=[club.pk])

    def add(n):
        for _ in range(n):
            HelpRequestFactory(loket=desk, organisation=club)

    add(1)
    _first, second = assert_queries_do_not_grow(
        lambda: member.get(url), add, more=8, max_queries=12
    )
    assert len(second.context["questions"]) == 9


def test_someone_with_roles_at_two_organisations_chooses(client, desk, club):
    PersonRoleFactory.for_desk(desk, person__email="secretaris@domstad.example.org")
    sign_in(client, "secretaris@domstad.example.org")
    page = client.get(reverse("portal:home"))
    assert page.status_code == 200
    assert len(page.context["organisations"]) == 2
    assert Organisation.objects.count() == 2


def test_board_roles_are_kept_up_to_date_by_the_club(member, club, role, desk):
    add = reverse("portal:role-add", args=[club.pk])
    refused = member.post(add, {"role-full_name": "", "role-function": "chair"})
    assert refused.status_code == 400
    assert refused.context["role_form"].errors["full_name"]
    member.post(
        add,
        {"role-full_name": "Piet de Vries", "role-function": "chair",
         "role-email": "piet@domstad.example.org"},
    )  # fmt: skip
    chair = PersonRole.objects.get(person__full_name="Piet de Vries")
    assert chair.organisation == club and chair.loket == desk
    assert chair.start_on == timezone.localdate()
    page = member.get(reverse("portal:data", args=[club.pk]))
    assert "Piet de Vries" in page.content.decode()
    member.post(reverse("portal:role-end", args=[club.pk, chair.pk]))
    chair.refresh_from_db()
    assert chair.end_on == timezone.localdate()
    own = member.post(reverse("portal:role-end", args=[club.pk, role.pk]))
    role.refresh_from_db()
    assert role.end_on is None and own.status_code == 302  # not one's own role
    rows = [change.changes["roles"] for change in ProviderChange.objects.order_by("pk")]
    assert rows == [["", "Piet de Vries – Voorzitter"], ["Piet de Vries – Voorzitter", ""]]


def test_a_role_of_another_organisation_cannot_be_ended(member, club, desk):
    elsewhere = PersonRoleFactory.for_desk(desk)
    response = member.post(reverse("portal:role-end", args=[club.pk, elsewhere.pk]))
    assert response.status_code == 404


def test_the_list_of_ones_organisations_does_not_grow_in_queries(client, desk):
    def add(n):
        for _ in range(n):
            PersonRoleFactory.for_desk(desk, person__email="veel@clubs.example.org")

    add(2)
    sign_in(client, "veel@clubs.example.org")
    _first, second = assert_queries_do_not_grow(
        lambda: client.get(reverse("portal:home")), add, more=5, max_queries=6
    )
    assert len(second.context["organisations"]) == 7
