"""How an offering is used, on its page: chosen at this desk and at every desk, the places left
in its capacity period (as matching counts them), its mean rating and this desk's latest
decisions that chose it."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from sportloket.core.tests.factories import MembershipFactory
from sportloket.decisions.constants import Criterion
from sportloket.decisions.selectors import offering_use
from sportloket.decisions.tests.test_matching import TODAY, at, decide, question, reason
from sportloket.helprequests.constants import RequestState
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.offerings.constants import CapacityPeriod
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def monthly():
    """A national offering with three places a month."""
    return OfferingFactory(national=True, title="Clinic", capacity=3,
                           capacity_period=CapacityPeriod.MONTH)  # fmt: skip


@pytest.fixture
def history(desk, other_desk, monthly):
    """Chosen at the other desk in May, here in April and, rated 4, in May; a choice that a
    later decision replaced, and a decision where it was only an alternative."""
    other = OfferingFactory(loket=desk)
    decide(HelpRequestFactory(loket=other_desk), monthly, on=at(2026, 5, 1, 0, 30))
    april = decide(HelpRequestFactory(loket=desk, organisation_name="HC April"), monthly,
                   on=at(2026, 4, 30, 23, 30))  # fmt: skip
    rated = HelpRequestFactory(loket=desk, organisation_name="VV Mei",
                               state=RequestState.EVALUATED, rating=4)  # fmt: skip
    may = decide(rated, monthly, on=at(2026, 5, 10))
    replaced = decide(HelpRequestFactory(loket=desk), monthly, on=at(2026, 5, 4))
    decide(replaced.help_request, other, on=at(2026, 5, 5), supersedes=replaced)
    decide(HelpRequestFactory(loket=desk), other, on=at(2026, 5, 6), alternatives=[monthly])
    return {"april": april, "may": may}


def test_the_use_counts_the_choices_of_the_decisions_that_hold(desk, monthly, history):
    use = offering_use(offering=monthly, loket=desk, today=TODAY)
    assert (use["here"], use["everywhere"]) == (2, 3)
    assert (use["in_period"], use["left"]) == (2, 1)
    assert (use["rated"], use["rating"]) == (1, 4)
    assert use["latest"] == [history["may"], history["april"]]


def test_the_places_left_are_those_matching_gives(desk, monthly, history):
    use = offering_use(offering=monthly, loket=desk, today=TODAY)
    capacity = reason(question(desk), monthly, Criterion.CAPACITY)
    assert capacity.value == pytest.approx(use["left"] / monthly.capacity)


def test_an_offering_without_a_limit_has_no_places_left_to_count(desk):
    use = offering_use(offering=OfferingFactory(loket=desk), loket=desk, today=TODAY)
    assert "left" not in use and use["everywhere"] == 0 and use["latest"] == []


@freeze_time("2026-05-20 12:00")
def test_the_offering_page_shows_its_use(client, coordinator_client, desk, monthly, history):
    url = reverse("decisions:offering-detail", args=[desk.slug, monthly.pk])
    page = coordinator_client.get(url).text
    assert "1 van 3 deze maand" in page
    assert "2 keer" in page and "3 keer" in page
    may = history["may"].help_request
    assert f'href="{reverse("helprequests:request-detail", args=[desk.slug, may.pk])}"' in page
    # A partner reads the use, but not the names the providers typed (one may be a person's),
    # nor links to questions they cannot open.
    client.force_login(MembershipFactory(loket=desk, partner=True).user)
    page = client.get(url).text
    assert "2 keer" in page and "VV Mei" not in page and "HC April" not in page
    assert page.count("een organisatie die niet in het register staat") == 2
    assert reverse("helprequests:request-detail", args=[desk.slug, may.pk]) not in page


def test_the_offering_page_takes_the_same_queries_for_more_decisions(coordinator_client, desk,
                                                                     monthly):  # fmt: skip
    def add(n):
        for _ in range(n):
            decide(HelpRequestFactory(loket=desk), monthly, on=at(2026, 5, 10))

    add(1)
    url = reverse("decisions:offering-detail", args=[desk.slug, monthly.pk])
    with translation.override("nl"):
        _, response = assert_queries_do_not_grow(lambda: coordinator_client.get(url), add, more=8)
    assert response.status_code == 200
    assert len(re.findall(r'<a href="/alpha/requests/\d+/">', response.text)) == 5  # the latest
