"""The quality overview: figures for everyone who may read them, every acting member with the
reasons they fall short for coordinators, a supporter's own registrations for supporters."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from freezegun import freeze_time

from sportloket.core.tests.factories import MembershipFactory
from sportloket.quality import services
from sportloket.quality.tests.factories import QualityRegistrationFactory as Reg
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)
DAY = datetime.timedelta(days=1)
RULE = [[("vog", None, "")], [("spn", None, ""), ("kss", 3, "")]]


def url(desk):
    return reverse("quality:overview", args=[desk.slug])


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def team(desk, coordinator):
    """A rule, a supporter who meets it with a VOG expiring in 30 days, and one whose VOG
    lapsed."""
    services.rule_save(loket=desk, groups=RULE, actor=coordinator)
    sanne = MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne Smit")
    ahmed = MembershipFactory(loket=desk, supporter=True, user__full_name="Ahmed Bouali")
    Reg(user=sanne.user, valid_until=TODAY + 30 * DAY)
    Reg(user=sanne.user, spn=True)
    Reg(user=ahmed.user, valid_from=datetime.date(2022, 1, 1), valid_until=TODAY - DAY)
    Reg(user=ahmed.user, kss=True)
    return {"sanne": sanne, "ahmed": ahmed}


@pytest.mark.parametrize(
    ("traits", "status"),
    [({"coordinator": True}, 200), ({"supporter": True}, 200), ({"partner": True}, 403), ({}, 403)],
    ids=["coordinator", "supporter", "partner", "viewer"],
)
def test_coordinators_and_supporters_open_the_overview_partners_and_viewers_do_not(
    client, desk, traits, status
):
    client.force_login(MembershipFactory(loket=desk, **traits).user)
    assert client.get(url(desk)).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client, desk):
    response = client.get(url(desk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@freeze_time(TODAY)
def test_a_coordinator_sees_the_figures_every_member_and_why_they_fall_short(
    coordinator_client, desk, team
):
    page = english(coordinator_client).get(url(desk)).text
    # The coordinator (nothing recorded) and Ahmed fall short; Sanne meets it: 1 of 3.
    assert '<dd id="figure-share">33%</dd>' in page
    assert '<dd id="figure-supporters">3</dd>' in page
    assert '<dd id="figure-expiring">1</dd>' in page
    assert '<dd id="figure-lapsed">1</dd>' in page
    assert "Sanne Smit" in page and "Ahmed Bouali" in page
    assert "The VOG registration expired on 1 March 2026." in page
    assert "Needs a valid Certificate of conduct (VOG)." in page
    # The expiring VOG is listed with its date, as a warning.
    assert "1 April 2026" in page
    assert reverse("quality:person", args=[desk.slug, team["ahmed"].pk]) in page
    assert reverse("quality:rule", args=[desk.slug]) in page


@freeze_time(TODAY)
def test_a_supporter_sees_the_figures_and_only_their_own_registrations(client, desk, team):
    client.force_login(team["sanne"].user)
    page = english(client).get(url(desk)).text
    assert '<dd id="figure-supporters">3</dd>' in page
    assert "You meet the quality rule of this desk." in page
    assert "Sport Professionals netwerk (SPN)" in page
    assert "Ahmed Bouali" not in page
    assert reverse("quality:person", args=[desk.slug, team["ahmed"].pk]) not in page
    assert reverse("quality:rule", args=[desk.slug]) not in page
    # Her own VOG expires within the warning period.
    assert "Your registrations that expire soon" in page


@freeze_time(TODAY)
def test_a_supporter_who_falls_short_reads_why(client, desk, team):
    client.force_login(team["ahmed"].user)
    page = english(client).get(url(desk)).text
    assert "You do not meet the quality rule of this desk yet." in page
    assert "The VOG registration expired on 1 March 2026." in page


def test_without_a_rule_the_page_says_so(coordinator_client, desk):
    page = english(coordinator_client).get(url(desk)).text
    assert "This desk has no quality rule yet" in page


def test_the_desk_menu_links_to_quality_for_those_who_may_read_it(client, desk):
    supporter = MembershipFactory(loket=desk, supporter=True).user
    viewer = MembershipFactory(loket=desk).user
    dashboard = reverse("dashboard:desk", args=[desk.slug])
    client.force_login(supporter)
    assert f'href="{url(desk)}"' in client.get(dashboard).text
    client.force_login(viewer)
    assert f'href="{url(desk)}"' not in client.get(dashboard).text


@freeze_time(TODAY)
def test_the_overview_needs_the_same_queries_for_many_members(coordinator_client, desk, team):
    def add_members(n):
        for number in range(n):
            user = MembershipFactory(loket=desk, supporter=True).user
            Reg(user=user, valid_until=TODAY + (number + 1) * DAY)  # expiring soon
            Reg(user=user, spn=True)

    first, second = assert_queries_do_not_grow(
        lambda: coordinator_client.get(url(desk)), add_members, more=15
    )
    assert second.text.count("badge--warning") > first.text.count("badge--warning") + 10


@freeze_time(TODAY)
def test_the_supporters_overview_needs_the_same_queries_for_many_registrations(client, desk, team):
    client.force_login(team["sanne"].user)

    def add_registrations(n):
        for number in range(n):
            Reg(user=team["sanne"].user, spn=True, number=f"SPN-{number}")

    _first, second = assert_queries_do_not_grow(
        lambda: client.get(url(desk)), add_registrations, more=10
    )
    assert "SPN-9" in second.text


def test_members_of_another_desk_are_not_listed(coordinator_client, desk, other_desk):
    MembershipFactory(loket=other_desk, supporter=True, user__full_name="Femke Elders")
    assert "Femke Elders" not in coordinator_client.get(url(desk)).text
