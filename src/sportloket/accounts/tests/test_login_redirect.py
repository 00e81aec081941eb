"""Where signing in leads: back to the desk whose page the visitor came from ("Inloggen" on a
desk's public page passes that desk's dashboard as ``next``); without a ``next``, a member of
one desk goes to its dashboard, the national team without a desk to the national overview,
everyone else to the start page with their desks."""

import pytest
from django.urls import reverse

from sportloket.accounts.tests.factories import TEST_PASSWORD, UserFactory
from sportloket.core.tests.factories import MembershipFactory
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _password_only(settings):
    """The second factor has its own tests; here only where the sign-in leads counts."""
    settings.MFA_REQUIRED_FOR_STAFF = False


def sign_in(client, user, next_url=None):
    """Signs in through the login form (with ``next`` as the link passed it) and follows the
    redirects; returns the path the browser ends on."""
    login = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    response = client.post(login, {"login": user.email, "password": TEST_PASSWORD}, follow=True)
    assert response.status_code == 200
    return response.redirect_chain[-1][0] if response.redirect_chain else login


def member(desk, **traits):
    return MembershipFactory(loket=desk, with_totp=False, **traits).user


def test_the_sign_in_link_on_a_desks_public_page_leads_to_its_dashboard(client, desk):
    page = squashed(client.get(reverse("core:desk-public", args=[desk.slug])).text)
    assert f'href="/accounts/login/?next=/{desk.slug}/dashboard/"' in page


def test_the_sign_in_link_on_the_desks_question_form_leads_to_its_dashboard(client, desk):
    page = squashed(client.get(reverse("helprequests:intake", args=[desk.slug])).text)
    assert f'href="/accounts/login/?next=/{desk.slug}/dashboard/"' in page


def test_the_sign_in_link_elsewhere_passes_no_desk(client, desk):
    page = squashed(client.get(reverse("core:home")).text)
    assert 'href="/accounts/login/"' in page


def test_a_member_of_several_desks_returns_to_the_desk_they_came_from(client, desk, other_desk):
    user = member(desk, coordinator=True)
    MembershipFactory(loket=other_desk, user=user, coordinator=True, with_totp=False)
    public = squashed(client.get(reverse("core:desk-public", args=[other_desk.slug])).text)
    assert f"?next=/{other_desk.slug}/dashboard/" in public
    assert (
        sign_in(client, user, f"/{other_desk.slug}/dashboard/") == f"/{other_desk.slug}/dashboard/"
    )


def test_a_member_of_one_desk_goes_to_its_dashboard(client, desk):
    assert sign_in(client, member(desk, supporter=True)) == f"/{desk.slug}/dashboard/"


def test_a_member_of_several_desks_without_next_chooses_on_the_start_page(client, desk, other_desk):
    user = member(desk, coordinator=True)
    MembershipFactory(loket=other_desk, user=user, supporter=True, with_totp=False)
    assert sign_in(client, user) == "/"


def test_the_national_team_without_a_desk_goes_to_the_national_overview(client):
    user = UserFactory(national=True)
    assert sign_in(client, user) == reverse("scan:national")


def test_the_national_team_with_one_desk_goes_to_that_desk(client, desk):
    user = UserFactory(national=True)
    MembershipFactory(loket=desk, user=user, partner=True, with_totp=False)
    assert sign_in(client, user) == f"/{desk.slug}/dashboard/"


def test_someone_without_a_desk_stays_on_the_start_page(client):
    assert sign_in(client, UserFactory()) == "/"


@pytest.mark.parametrize("unsafe", ["https://evil.example.org/", "//evil.example.org/"])
def test_a_next_to_another_site_is_ignored(client, desk, unsafe):
    assert sign_in(client, member(desk, supporter=True), unsafe) == f"/{desk.slug}/dashboard/"
