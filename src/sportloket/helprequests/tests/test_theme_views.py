"""The desk's own list of themes: add, rename, reorder and take out of use."""

import pytest
from django.urls import reverse

from sportloket.core import services as core_services
from sportloket.core.models import Theme
from sportloket.core.tests.factories import MembershipFactory, ThemeFactory
from sportloket.helprequests.tests.factories import submit_request
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_a_coordinator_adds_a_theme_that_then_shows_on_the_question_form(
    coordinator_client, desk, client
):
    url = reverse("helprequests:theme-list", args=[desk.slug])
    response = coordinator_client.post(url, {"name": "  Sportakkoord  ", "position": 5,
                                             "is_active": "on"})  # fmt: skip
    assert response.status_code == 302
    theme = Theme.objects.get(loket=desk, name="Sportakkoord")
    assert theme.position == 5 and theme.is_active
    form = client.get(reverse("helprequests:intake", args=[desk.slug])).text
    assert "Sportakkoord" in form


def test_a_duplicate_or_empty_name_is_refused_next_to_the_field(coordinator_client, desk):
    ThemeFactory(loket=desk, name="Financiën")
    url = reverse("helprequests:theme-list", args=[desk.slug])
    response = coordinator_client.post(url, {"name": "financiën", "position": 1})
    assert response.status_code == 400
    assert "Dit loket heeft al een thema met deze naam." in response.text
    assert 'value="financiën"' in response.text  # what was typed stays
    assert coordinator_client.post(url, {"name": " ", "position": 1}).status_code == 400
    assert Theme.objects.filter(loket=desk).count() == 1


def test_a_theme_taken_out_of_use_stays_on_earlier_questions(coordinator_client, desk, client):
    theme = ThemeFactory(loket=desk, name="Jeugdsport")
    question = submit_request(desk, themes=[theme])
    url = reverse("helprequests:theme-edit", args=[desk.slug, theme.pk])
    coordinator_client.post(url, {"name": "Jeugd", "position": 2})  # the box left empty
    theme.refresh_from_db()
    assert (theme.name, theme.is_active) == ("Jeugd", False)
    assert list(question.themes.all()) == [theme]
    assert "Jeugd" not in client.get(reverse("helprequests:intake", args=[desk.slug])).text


def test_the_same_name_may_exist_at_another_desk(desk, other_desk, coordinator):
    ThemeFactory(loket=other_desk, name="Sportakkoord")
    assert core_services.theme_save(loket=desk, actor=coordinator, name="Sportakkoord").pk


def test_only_coordinators_manage_themes(client, desk):
    supporter = MembershipFactory(loket=desk, supporter=True)
    client.force_login(supporter.user)
    assert client.get(reverse("helprequests:theme-list", args=[desk.slug])).status_code == 403


def test_the_theme_list_needs_the_same_queries_for_many_themes(coordinator_client, desk):
    url = reverse("helprequests:theme-list", args=[desk.slug])

    def add(n):
        for _ in range(n):
            submit_request(desk, themes=[ThemeFactory(loket=desk)])

    _, response = assert_queries_do_not_grow(lambda: coordinator_client.get(url), add)
    assert response.text.count("/themes/") >= 20
