import pytest
from django.urls import reverse

from sportloket.core.models import Municipality
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_public_page_needs_no_account(client, desk):
    desk.work_area.set(Municipality.objects.filter(code="GM0344"))
    response = client.get(reverse("core:desk-public", args=[desk.slug]))
    assert response.status_code == 200
    assert desk.email in response.text
    assert "Utrecht" in response.text


def test_settings_saves_through_the_service_and_shows_history(coordinator_client, desk):
    url = reverse("core:desk-settings", args=[desk.slug])
    data = {
        "name": "Sportloket Alpha",
        "description": "",
        "email": "loket@alpha.nl",
        "phone": "",
        "website": "",
        "address": "",
        "first_response_days": 2,
        "resolution_days": 15,
        "contact_cadence_months": 6,
        "work_area": [Municipality.objects.get(code="GM0356").pk],
    }
    response = coordinator_client.post(url, data)
    assert response.status_code == 302
    desk.refresh_from_db()
    assert desk.email == "loket@alpha.nl" and desk.contact_cadence_months == 6
    assert list(desk.work_area.values_list("code", flat=True)) == ["GM0356"]
    page = coordinator_client.get(url)
    assert "loket@alpha.nl" in page.text
    assert "Geschiedenis" in page.text


def test_settings_reject_bad_input_in_dutch_and_keep_it(coordinator_client, desk):
    url = reverse("core:desk-settings", args=[desk.slug])
    response = coordinator_client.post(
        url,
        {
            "name": "Nieuwe naam",
            "email": "niet-goed",
            "first_response_days": 10,
            "resolution_days": 5,
            "contact_cadence_months": 12,
        },
    )
    assert response.status_code == 400
    assert "Voer een geldig e-mailadres in." in response.text
    assert 'value="Nieuwe naam"' in response.text
    desk.refresh_from_db()
    assert desk.name == "Sportloket Alpha"


def test_settings_are_closed_to_supporters(client, desk):
    supporter = MembershipFactory(loket=desk, supporter=True)
    client.force_login(supporter.user)
    assert client.get(reverse("core:desk-settings", args=[desk.slug])).status_code == 403


def test_home_redirects_a_member_of_one_desk_to_its_dashboard(coordinator_client, desk):
    response = coordinator_client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:desk", args=[desk.slug])


def test_home_lists_desks_for_a_member_of_several(client, desk, other_desk):
    member = MembershipFactory(loket=desk)
    MembershipFactory(loket=other_desk, user=member.user)
    client.force_login(member.user)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert "Sportloket Alpha" in response.text and "Sportloket Beta" in response.text


def test_the_admin_shows_desks_but_does_not_change_them(client, desk):
    from sportloket.accounts.tests.factories import UserFactory, add_totp

    admin_user = UserFactory(is_staff=True, is_superuser=True)
    add_totp(admin_user)
    client.force_login(admin_user)
    assert desk.name in client.get("/admin/core/loket/").text
    assert client.get(f"/admin/core/loket/{desk.pk}/change/").status_code == 200
    client.post(f"/admin/core/loket/{desk.pk}/change/", {"name": "Gekaapt"})
    desk.refresh_from_db()
    assert desk.name == "Sportloket Alpha"
    assert client.get("/admin/core/loket/add/").status_code == 403


def test_home_query_count_does_not_grow_with_desks(client, desk):
    _, last = assert_queries_do_not_grow(
        lambda: client.get(reverse("core:home")),
        lambda n: LoketFactory.create_batch(n),
        more=20,
        max_queries=3,
    )
    assert last.text.count('href="/loket-') >= 20


# The dashboard, which shows the work area too, is tested in dashboard/tests.
@pytest.mark.parametrize("page", ["core:desk-public"])
def test_desk_pages_query_count_does_not_grow_with_the_work_area(coordinator_client, desk, page):
    municipalities = iter(Municipality.objects.order_by("code"))

    def grow(n):
        desk.work_area.add(*[next(municipalities) for _ in range(n)])

    grow(1)
    _, last = assert_queries_do_not_grow(
        lambda: coordinator_client.get(reverse(page, args=[desk.slug])),
        grow,
        more=30,
        # The session, the user, their desks; the desk, its parties and area; its upcoming
        # public meetings (meetings' panel); its latest club check with answers (none here;
        # with one, its headline figures: clubcheck's test_club_check_views).
        max_queries=8,
    )
    assert len(last.context["work_area"]) == 31
