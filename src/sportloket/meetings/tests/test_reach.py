"""The reach figures for a hand-built case: the numbers below are counted by hand from the
meetings, invitations, registrations and attendance made here."""

import datetime

import pytest
from django.utils import timezone

from sportloket.meetings import selectors, services
from sportloket.meetings.constants import Response
from sportloket.meetings.tests.conftest import contact
from sportloket.meetings.tests.factories import (
    InvitationFactory,
    MeetingFactory,
    RegistrationFactory,
)
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 6, 15)


def at(day: datetime.date):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(19)))


def meeting(desk, day, **kwargs):
    return MeetingFactory(
        loket=desk, starts_at=at(day), ends_at=at(day) + datetime.timedelta(hours=2), **kwargs
    )


@pytest.fixture
def case(area_desk, utrecht, houten, platform, coordinator):
    a = OrganisationFactory(name="A", municipality=utrecht)
    b = OrganisationFactory(name="B", municipality=utrecht)
    c = OrganisationFactory(name="C", municipality=houten, kind=OrganisationKind.COMMERCIAL)
    d = OrganisationFactory(name="D", municipality=houten)
    a1, a2, b1, c1, d1 = (contact(o, area_desk) for o in (a, a, b, c, d))

    m1 = meeting(area_desk, datetime.date(2026, 6, 1))
    m1.co_organisers.set([platform])
    m2 = meeting(area_desk, datetime.date(2026, 3, 10))
    m3 = meeting(area_desk, datetime.date(2025, 3, 1))  # before the period
    m4 = meeting(area_desk, datetime.date(2026, 5, 1), cancelled_at=at(ON))
    m4.co_organisers.set([platform])

    def invite(m, organisation, person, response):
        InvitationFactory(meeting=m, organisation=organisation, person=person, response=response)

    invite(m1, a, a1, Response.YES)
    invite(m1, a, a2, Response.NO)
    invite(m1, b, b1, Response.MAYBE)
    invite(m1, c, c1, Response.YES)
    RegistrationFactory(meeting=m1)
    invite(m2, b, b1, Response.YES)
    invite(m2, d, d1, Response.NONE)
    invite(m3, a, a1, Response.YES)
    invite(m4, d, d1, Response.YES)

    def came(m, organisation, person=None, name=""):
        services.attendance_mark(
            meeting=m,
            actor=coordinator,
            organisation=organisation,
            person=person,
            walk_in_name=name,
        )

    came(m1, a, a1)
    came(m1, c, name="Chris Binnenloper")
    came(m2, b, b1)
    came(m2, platform, name="Paula Platform")
    came(m3, a, a1)
    return {"m1": m1, "m2": m2, "m3": m3, "m4": m4, "clubs": (a, b, c, d)}


def figures(desk):
    found = selectors.reach(loket=desk, on=ON)
    found["rows"] = list(found["page_obj"].object_list)
    return found


def test_the_reach_of_a_hand_built_case(area_desk, case):
    found = figures(area_desk)

    assert (found["since"], found["until"]) == (datetime.date(2025, 6, 16), ON)
    totals = found["totals"]
    # Invited: 4 at m1, 2 at m2. Registered: yes at m1 (2) and m2 (1), and one registration.
    assert (totals.invited, totals.registered, totals.attended) == (6, 4, 4)

    per_kind = {row.label: (row.invited, row.registered, row.attended) for row in found["per_kind"]}
    assert per_kind == {
        str(OrganisationKind.CLUB.label): (3, 2, 2),  # A, B, D invited; A, B said yes and came
        str(OrganisationKind.COMMERCIAL.label): (1, 1, 1),
        str(OrganisationKind.SPORT_PLATFORM.label): (0, 0, 1),  # walked in
    }
    per_town = {r.label: (r.invited, r.registered, r.attended) for r in found["per_municipality"]}
    assert per_town == {"Utrecht": (2, 2, 3), "Houten": (2, 1, 1)}

    # Providers A, B, C of A-D came to a meeting in the last twelve months (m3 is older).
    assert found["providers"]["providers"] == 4
    assert found["providers"]["reached"] == 3
    assert found["providers"]["share"] == 0.75
    assert found["platform_meetings"] == [case["m1"]]  # m4 was cancelled

    rows = {m.pk: (m.invited, m.said_yes, m.registered, m.attended) for m in found["rows"]}
    assert rows == {case["m1"].pk: (4, 2, 1, 2), case["m2"].pk: (2, 1, 0, 2)}


def test_the_reach_takes_a_fixed_number_of_queries(
    area_desk, case, utrecht, django_assert_num_queries
):
    with django_assert_num_queries(10):
        figures(area_desk)
    for n in range(5):
        m = meeting(area_desk, datetime.date(2026, 4, 1 + n))
        for _ in range(3):
            InvitationFactory(
                meeting=m,
                organisation=OrganisationFactory(municipality=utrecht),
                response=Response.YES,
            )
    with django_assert_num_queries(10):
        found = figures(area_desk)
    assert found["totals"].invited == 6 + 15


def test_the_reach_page_shows_the_figures(client, coordinator, area_desk, case):
    client.force_login(coordinator)
    page = client.get(f"/{area_desk.slug}/meetings/reach/?since=2025-06-16&until=2026-06-15")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="total-invited">6<' in text
    assert 'id="total-registered">4<' in text
    assert 'id="total-attended">4<' in text
