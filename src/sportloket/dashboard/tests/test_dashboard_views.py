"""The desk's dashboard: what waits for the member and for the desk, each count linking to the
list that shows exactly those rows; only the lists the role may open; the last months as SVG
charts with the same numbers in tables; the agreements, team and work area below; a fixed
number of queries whatever the rows."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format

from sportloket.contacts import selectors as contact_selectors
from sportloket.contacts import services as contact_services
from sportloket.contacts.tests.factories import AccountHolderFactory, ContactMomentFactory
from sportloket.core.models import Municipality
from sportloket.core.tests.factories import MembershipFactory
from sportloket.dashboard.tests.conftest import TODAY, D, at, fill, question, tiles
from sportloket.decisions.tests.factories import make_decision
from sportloket.helprequests.constants import RequestState
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.html import squashed
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

# The page for a coordinator: the session, the user and the membership (3); the small counts
# and totals of all parts, what waits among the questions included (1); the work list (3) and
# the funds in use (1); the past months from the cache (1) and the current month's questions
# (1); the work area (1); the member's open actions agreed at meetings (1).
MAX_QUERIES = 12


def dashboard(desk):
    return reverse("dashboard:desk", args=[desk.slug])


def inbox(desk, query):
    return f"{reverse('helprequests:inbox', args=[desk.slug])}?{query}"


def work_list(desk, holder):
    return f"{reverse('contacts:work-list', args=[desk.slug])}?holder={holder}"


def listed(client, url) -> int:
    """How many rows the list behind a tile shows (over all its pages)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page_obj"].paginator.count


def test_a_coordinator_sees_what_waits_for_them_and_for_the_desk(client, busy):
    client.force_login(busy.coordinator)
    desk = busy.desk

    found = tiles(client.get(dashboard(desk)).text)

    assert found == {
        "Mijn open vragen": (1, inbox(desk, "assignee=me")),
        "Mijn te late vragen": (1, inbox(desk, "assignee=me&overdue=on")),
        "Vragen die wachten op een besluit": (3, inbox(desk, "waiting=decision")),
        "Nieuwe vragen, nog niet opgepakt": (2, inbox(desk, "state=submitted&assignee=none")),
        "Te late vragen": (2, inbox(desk, "overdue=on")),
        "Aanbieders aan de beurt op mijn werklijst": (0, work_list(desk, "mine")),
        "Aanbieders die contact nodig hebben": (1, work_list(desk, "all")),
        "Mijn registraties die binnen 60 dagen verlopen": (
            0,
            reverse("quality:person", args=[desk.slug, busy.coordinator_membership.pk]),
        ),
        "Toekenningen die op goedkeuring wachten": (
            1,
            reverse("funds:overview", args=[desk.slug]),
        ),
    }


def test_every_count_is_what_its_list_shows(client, busy):
    client.force_login(busy.coordinator)
    found = tiles(client.get(dashboard(busy.desk)).text)
    lists = ("/requests/", "/contacts/work-list/", "/funds/approvals/")
    checked = [
        (label, count, url) for label, (count, url) in found.items() if any(p in url for p in lists)
    ]
    assert len(checked) == 7
    for label, count, url in checked:
        assert listed(client, url) == count, label


def test_a_supporter_sees_their_questions_work_list_and_registrations(client, busy):
    client.force_login(busy.supporter)
    desk = busy.desk

    response = client.get(dashboard(desk))
    found = tiles(response.text)

    assert found == {
        "Mijn open vragen": (1, inbox(desk, "assignee=me")),
        "Mijn te late vragen": (0, inbox(desk, "assignee=me&overdue=on")),
        "Aanbieders aan de beurt op mijn werklijst": (1, work_list(desk, "mine")),
        "Mijn registraties die binnen 60 dagen verlopen": (
            1,
            reverse("quality:person", args=[desk.slug, busy.supporter_membership.pk]),
        ),
    }
    assert "Geld over per fonds" not in response.text
    assert listed(client, inbox(desk, "assignee=me")) == 1
    assert listed(client, work_list(desk, "mine")) == 1
    person = client.get(found["Mijn registraties die binnen 60 dagen verlopen"][1])
    assert [r.valid_until for r in person.context["registrations"]] == [D(2026, 7, 20)]


def test_a_named_supporter_sees_the_questions_waiting_for_a_decision(client, busy):
    busy.supporter_membership.decides_support = True
    busy.supporter_membership.save()
    client.force_login(busy.supporter)
    found = tiles(client.get(dashboard(busy.desk)).text)
    count, url = found["Vragen die wachten op een besluit"]
    assert count == listed(client, url) == 3


def test_a_partner_sees_their_approvals_and_their_funds_money(client, busy):
    client.force_login(busy.partner)
    desk = busy.desk

    response = client.get(dashboard(desk))

    assert tiles(response.text) == {
        "Toekenningen die op mijn goedkeuring wachten": (
            1,
            reverse("funds:approvals", args=[desk.slug]),
        )
    }
    assert listed(client, reverse("funds:approvals", args=[desk.slug])) == 1
    page = squashed(response.text)
    assert "Geld over per fonds" in page
    # € 10.000 of which € 2.500 is held by the allocation waiting for approval.
    assert '<td class="num">€ 7.500,00</td><td class="num">€ 10.000,00</td>' in page


def test_a_viewer_is_told_nothing_waits(client, desk):
    viewer = MembershipFactory(loket=desk).user
    client.force_login(viewer)
    page = client.get(dashboard(desk)).text
    assert tiles(page) == {}
    assert "Er wacht niets op je bij dit loket." in page
    assert "<svg" not in page


def test_the_last_months_as_charts_with_their_numbers_in_tables(client, busy):
    client.force_login(busy.coordinator)

    page = squashed(client.get(dashboard(busy.desk)).text)

    for label in (
        "Vragen binnen en besloten per maand, de laatste 6 maanden",
        "Mediaan werkdagen tot een eerste reactie, de laatste 6 maanden",
        "Mediaan werkdagen tot een besluit, de laatste 6 maanden",
        "Geld vastgelegd en betaald per maand, de laatste 6 maanden",
        "Aanbieders in contact per maand, de laatste 6 maanden",
    ):
        assert f'role="img" aria-label="{label}"' in page
    june, january = (date_format(D(2026, month, 1), "N Y") for month in (6, 1))
    # June: five questions in, one decided; two first responses (median 1.5 working days).
    assert f'<th scope="row">{june}</th><td class="num">5</td><td class="num">1</td>' in page
    assert f'<th scope="row">{june}</th><td class="num">1,5</td><td class="num">4</td>' in page
    assert (
        f'<th scope="row">{june}</th><td class="num">€ 2.500,00</td>'
        '<td class="num">€ 0,00</td>' in page
    )
    # Two providers in contact in June: one by a contact moment, one by its decided question.
    assert f'<th scope="row">{june}</th><td class="num">2</td><td class="num">1</td>' in page
    assert f'<th scope="row">{january}</th>' in page
    assert date_format(D(2025, 12, 1), "N Y") not in page


def test_the_agreements_team_and_work_area_stay(coordinator_client, desk):
    desk.work_area.set(Municipality.objects.filter(code__in=["GM0344", "GM0321"]))
    page = coordinator_client.get(dashboard(desk)).text
    assert "Coördinator" in page
    assert "Houten" in page and "Utrecht" in page
    assert "binnen 3 werkdagen" in page


def test_anonymous_visitors_are_sent_to_sign_in(client, desk):
    response = client.get(dashboard(desk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["coordinator", "supporter", "partner"])
def test_the_queries_do_not_grow_with_the_rows(client, busy, role):
    client.force_login(getattr(busy, role))
    owner = OrganisationFactory.for_desk(busy.desk, kind=OrganisationKind.MUNICIPALITY)
    municipalities = iter(Municipality.objects.exclude(code="GM0344").order_by("code"))

    def more(n):
        for _ in range(n):
            fill(busy.desk, coordinator=busy.coordinator, supporter=busy.supporter, owner=owner)
        busy.desk.work_area.add(*[next(municipalities) for _ in range(n)])

    client.get(dashboard(busy.desk))  # the day's first visit reads the past months
    first, last = assert_queries_do_not_grow(
        lambda: client.get(dashboard(busy.desk)), more, more=3, max_queries=MAX_QUERIES
    )
    assert tiles(first.text) != tiles(last.text) or role == "partner"


def test_the_days_first_visit_reads_the_past_months_in_a_fixed_number_of_queries(client, busy):
    client.force_login(busy.coordinator)
    owner = OrganisationFactory.for_desk(busy.desk, kind=OrganisationKind.MUNICIPALITY)

    client.get(dashboard(busy.desk))

    def first_visit():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(dashboard(busy.desk))
        return len(queries)

    before = first_visit()
    for _ in range(3):
        fill(busy.desk, coordinator=busy.coordinator, supporter=busy.supporter, owner=owner)
    # Beside the page's own: two reads of the past months, the desk's latest loket-scan snapshot
    # (its first steps), and the cache's writing (five with its savepoint).
    assert first_visit() == before <= MAX_QUERIES + 8


def months_shown(response, section, key) -> dict:
    return {row["month"]: row[key] for row in response.context["month"][section]}


def test_the_past_months_are_read_once_a_day_and_the_current_month_live(client, busy, frozen):
    client.force_login(busy.coordinator)
    desk = busy.desk
    may, june = D(2026, 5, 1), D(2026, 6, 1)
    before = client.get(dashboard(desk))
    assert months_shown(before, "questions", "in")[may] == 0
    club = OrganisationFactory(municipality=Municipality.objects.get(code="GM0344"))

    # Today's work: a question in, a contact moment; and a question recorded late for May.
    question(desk, RequestState.SUBMITTED, submitted_at=at(D(2026, 6, 15)))
    question(desk, RequestState.SUBMITTED, submitted_at=at(D(2026, 5, 20)))
    ContactMomentFactory(loket=desk, organisation=club, date=D(2026, 6, 15))
    later = client.get(dashboard(desk))

    for section, key in (("questions", "in"), ("contacts", "contacted")):
        assert months_shown(later, section, key)[june] == (
            months_shown(before, section, key)[june] + 1
        )
    assert months_shown(later, "questions", "in")[may] == 0  # kept for the day

    frozen.tick(datetime.timedelta(days=1))
    client.force_login(busy.coordinator)  # the session lasted the day
    assert months_shown(client.get(dashboard(desk)), "questions", "in")[may] == 1


def test_each_desk_has_its_own_past_months(client, busy, frozen):
    other = MembershipFactory(coordinator=True)
    question(other.loket, RequestState.SUBMITTED, submitted_at=at(D(2026, 5, 20)))
    client.force_login(busy.coordinator)
    client.get(dashboard(busy.desk))
    client.force_login(other.user)

    response = client.get(dashboard(other.loket))

    assert months_shown(response, "questions", "in")[D(2026, 5, 1)] == 1


def test_the_months_count_the_providers_as_the_coverage_figures(client, busy):
    utrecht = Municipality.objects.get(code="GM0344")
    club = OrganisationFactory(municipality=utrecht)
    ContactMomentFactory(loket=busy.desk, organisation=club, date=D(2026, 4, 3), proactive=False)
    handled = question(busy.desk, RequestState.MATCHED, organisation=club)
    make_decision(
        busy.desk, decided_by=busy.coordinator, help_request=handled, decided_at=at(D(2026, 5, 6))
    )
    client.force_login(busy.coordinator)

    response = client.get(dashboard(busy.desk))

    coverage = contact_selectors.contacted_per_month(loket=busy.desk, on=TODAY, months=6)
    expected = {row["month"]: (row["contacted"], row["proactive"]) for row in coverage}
    rows = response.context["month"]["contacts"]
    assert {row["month"]: (row["contacted"], row["proactive"]) for row in rows} == expected
    assert [expected[D(2026, month, 1)] for month in (4, 5, 6)] == [(1, 0), (1, 0), (2, 1)]


def test_the_counts_follow_the_policy_the_account_holders_and_the_role_within_the_day(client, busy):
    """The dashboard's queries are compiled once per member and day: what they are made of
    (the contact policy, the account holders, the member's role) still shows at once."""
    desk = busy.desk
    utrecht = Municipality.objects.get(code="GM0344")
    club = OrganisationFactory(municipality=utrecht)
    ContactMomentFactory(loket=desk, organisation=club, date=D(2026, 4, 1))
    client.force_login(busy.coordinator)
    before = tiles(client.get(dashboard(desk)).text)
    assert before["Aanbieders die contact nodig hebben"][0] == 1
    assert before["Aanbieders aan de beurt op mijn werklijst"][0] == 0

    # Contact every month: the club contacted in April is due again.
    contact_services.policy_save(loket=desk, actor=busy.coordinator, default_months=1)
    # The coordinator holds the club's account by hand.
    AccountHolderFactory(
        loket=desk, supporter=busy.coordinator, organisation=club, municipality=None
    )
    after = tiles(client.get(dashboard(desk)).text)
    assert after["Aanbieders die contact nodig hebben"][0] == 2
    assert after["Aanbieders aan de beurt op mijn werklijst"][0] == 1

    # Named to decide on support, the supporter sees every question that may get a decision,
    # not only the triage queue.
    question(desk, RequestState.MATCHED)
    client.force_login(busy.supporter)
    assert "Vragen die wachten op een besluit" not in tiles(client.get(dashboard(desk)).text)
    busy.supporter_membership.decides_support = True
    busy.supporter_membership.save()
    assert tiles(client.get(dashboard(desk)).text)["Vragen die wachten op een besluit"][0] == 4
