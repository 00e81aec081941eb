import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from sportloket.accounts.models import User
from sportloket.core.constants import Role
from sportloket.core.models import Membership
from sportloket.core.tests.factories import MembershipFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def team_url(desk, **params):
    url = reverse("core:team", args=[desk.slug])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def test_team_list_shows_members_with_their_roles(coordinator_client, desk):
    MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne Supporter")
    response = coordinator_client.get(team_url(desk))
    assert response.status_code == 200
    assert "Sanne Supporter" in response.text
    assert "Ondersteuner" in response.text


def test_team_list_filters_by_role_and_search(coordinator_client, desk):
    MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne Supporter")
    MembershipFactory(loket=desk, user__full_name="Victor Viewer")
    response = coordinator_client.get(team_url(desk, role="supporter"))
    assert "Sanne Supporter" in response.text and "Victor Viewer" not in response.text
    response = coordinator_client.get(team_url(desk, q="victor"))
    assert "Victor Viewer" in response.text and "Sanne Supporter" not in response.text


def test_team_list_answers_htmx_with_the_table_only(coordinator_client, desk):
    response = coordinator_client.get(team_url(desk), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "<table" in response.text


def test_team_list_query_count_does_not_grow_with_members(coordinator_client, desk):
    def add(n):
        MembershipFactory.create_batch(n, loket=desk, supporter=True)

    _, last = assert_queries_do_not_grow(
        lambda: coordinator_client.get(team_url(desk)), add, more=25, max_queries=12
    )
    assert last.text.count("/team/") >= 26


def test_team_list_paginates(coordinator_client, desk):
    MembershipFactory.create_batch(55, loket=desk)
    first = coordinator_client.get(team_url(desk))
    second = coordinator_client.get(team_url(desk, page=2))
    assert "Pagina 1 van 2" in first.text
    assert second.context["page_obj"].object_list.__len__() == 6


def test_add_person_creates_account_membership_and_invitation(
    coordinator_client, desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("core:membership-add", args=[desk.slug]),
            {
                "email": "Nieuw@Example.org",
                "full_name": "Nina Nieuw",
                "role": Role.SUPPORTER,
                "partner_kind": "",
                "acts_for": "Buurtsportcoaches",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user, loket=desk).role == Role.SUPPORTER
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuw@example.org"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_add_person_shows_dutch_errors_next_to_fields_and_keeps_input(coordinator_client, desk):
    response = coordinator_client.post(
        reverse("core:membership-add", args=[desk.slug]),
        {"email": "geen-adres", "full_name": "Kees Klaassen", "role": Role.PARTNER},
    )
    assert response.status_code == 400
    html = response.text
    assert "Voer een geldig e-mailadres in." in html
    assert 'id="id_email_error"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert "Geef aan of de partner optreedt voor een gemeente, sportbond of fonds." in html
    assert 'value="Kees Klaassen"' in html
    assert 'value="geen-adres"' in html
    assert not Membership.objects.filter(loket=desk, role=Role.PARTNER).exists()


def test_adding_someone_with_an_account_elsewhere_reveals_and_changes_nothing(
    coordinator_client, desk, other_desk, django_capture_on_commit_callbacks
):
    elsewhere = MembershipFactory(loket=other_desk, user__full_name="Geheime Persoon")
    add_url = reverse("core:membership-add", args=[desk.slug])
    with django_capture_on_commit_callbacks(execute=True):
        existing = coordinator_client.post(
            add_url,
            {"email": elsewhere.user.email.upper(), "full_name": "Andere Naam", "role": "viewer"},
        )
        new = coordinator_client.post(add_url, {"email": "nieuw@example.org", "role": "viewer"})
    said = [str(m) for m in get_messages(existing.wsgi_request)]
    said_new = [str(m) for m in get_messages(new.wsgi_request)]
    # The same sentence for a known and an unknown address: nothing tells them apart.
    address = elsewhere.user.email.upper()
    assert said == [f"{address} is toegevoegd aan het loket en heeft daarover een e-mail gekregen."]
    assert said_new[-1] == said[0].replace(elsewhere.user.email.upper(), "nieuw@example.org")
    elsewhere.user.refresh_from_db()
    assert elsewhere.user.full_name == "Geheime Persoon"
    assert Membership.objects.filter(loket=desk, user=elsewhere.user).exists()
    assert len(mail.outbox) == 2
    assert "Je bent toegevoegd aan Sportloket Alpha" in mail.outbox[0].subject
    assert "/accounts/password/reset/key/" in mail.outbox[1].body


def test_a_refused_invitation_leaves_no_account_behind(desk, coordinator, rf):
    from django.core.exceptions import ValidationError

    from sportloket.core import services

    with pytest.raises(ValidationError):
        services.membership_invite(
            loket=desk,
            email="weg@example.org",
            role=Role.PARTNER,
            actor=coordinator,
            request=rf.get("/"),
        )
    assert not User.objects.filter(email="weg@example.org").exists()


def test_the_team_list_is_closed_to_partners(client, desk):
    partner = MembershipFactory(loket=desk, partner=True)
    client.force_login(partner.user)
    assert client.get(team_url(desk)).status_code == 403


def test_htmx_history_restore_gets_the_whole_page(coordinator_client, desk):
    response = coordinator_client.get(
        team_url(desk), headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.text
    assert "HX-Request" in response["Vary"]


def test_add_existing_member_twice_shows_the_service_error_on_the_email_field(
    coordinator_client, desk
):
    member = MembershipFactory(loket=desk)
    response = coordinator_client.post(
        reverse("core:membership-add", args=[desk.slug]),
        {"email": member.user.email, "role": Role.VIEWER},
    )
    assert response.status_code == 400
    assert "Deze persoon is al lid van dit loket." in response.text


def test_coordinator_sees_history_and_can_change_a_role(coordinator_client, desk, coordinator):
    member = MembershipFactory(loket=desk)
    url = reverse("core:membership-detail", args=[desk.slug, member.pk])
    response = coordinator_client.post(
        url, {"role": Role.PARTNER, "partner_kind": "fund", "acts_for": "Rabo ClubSupport"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == Role.PARTNER
    history = coordinator_client.get(url).context["history"]
    change = history[0]
    assert change["actor"] == coordinator
    assert change["action"] == "gewijzigd"
    assert {"label": "rol", "old": "Meelezer", "new": "Partner"} in change["changes"]
    page = coordinator_client.get(url).text
    assert f"{escape(str(coordinator))} · gewijzigd" in page  # a name may hold an apostrophe
    assert "<del>Meelezer</del> → Partner" in page


def test_the_coordinator_names_a_supporter_to_decide_on_support(coordinator_client, desk):
    from sportloket.core.permissions import Capability

    member = MembershipFactory(loket=desk, supporter=True)
    url = reverse("core:membership-detail", args=[desk.slug, member.pk])
    assert 'name="decides_support"' in coordinator_client.get(url).text
    response = coordinator_client.post(url, {"role": Role.SUPPORTER, "decides_support": "on"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.decides_support and member.can(Capability.DECIDE_SUPPORT)
    # Only a supporter is named: a viewer is refused next to the field, the rest stays typed.
    refused = coordinator_client.post(
        url, {"role": Role.VIEWER, "acts_for": "KNVB", "decides_support": "on"}
    )
    assert refused.status_code == 400
    assert refused.context["form"].errors["decides_support"]
    assert 'value="KNVB"' in refused.text
    member.refresh_from_db()
    assert member.role == Role.SUPPORTER and member.decides_support
    coordinator_client.post(url, {"role": Role.SUPPORTER})
    member.refresh_from_db()
    assert not member.decides_support and not member.can(Capability.DECIDE_SUPPORT)


def test_history_query_count_does_not_grow_with_entries(coordinator_client, desk, coordinator):
    from sportloket.core import services

    member = MembershipFactory(loket=desk)
    url = reverse("core:membership-detail", args=[desk.slug, member.pk])

    def add_changes(n):
        for i in range(n):
            services.membership_change_role(
                membership=member, role=Role.VIEWER, acts_for=f"Club {i}", actor=coordinator
            )

    add_changes(2)
    _, last = assert_queries_do_not_grow(
        lambda: coordinator_client.get(url), add_changes, more=15, max_queries=14
    )
    assert len(last.context["history"]) == 18


def test_supporter_sees_a_member_but_no_history_and_cannot_change_roles(client, desk):
    supporter = MembershipFactory(loket=desk, supporter=True)
    member = MembershipFactory(loket=desk)
    client.force_login(supporter.user)
    url = reverse("core:membership-detail", args=[desk.slug, member.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Geschiedenis" not in page.text
    assert client.post(url, {"role": Role.COORDINATOR}).status_code == 403
    member.refresh_from_db()
    assert member.role == Role.VIEWER
    assert client.get(reverse("core:membership-add", args=[desk.slug])).status_code == 403


def test_ending_a_membership_needs_a_post_and_keeps_history(coordinator_client, desk):
    member = MembershipFactory(loket=desk, supporter=True)
    url = reverse("core:membership-end", args=[desk.slug, member.pk])
    assert coordinator_client.get(url).status_code == 200
    member.refresh_from_db()
    assert member.ended_at is None
    assert coordinator_client.post(url).status_code == 302
    member.refresh_from_db()
    assert member.ended_at is not None


def test_ending_the_last_coordinator_is_refused_with_a_message(
    coordinator_client, desk, coordinator
):
    own = coordinator.memberships.get()
    response = coordinator_client.post(reverse("core:membership-end", args=[desk.slug, own.pk]))
    assert response.status_code == 400
    assert "Een loket heeft minstens één coördinator nodig." in response.text
