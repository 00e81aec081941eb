"""Finding decisions: the public register's filters and its totals (how support and money are
divided), the CSV with the same filters, the desk's list with a search, a year and which
decisions, and the multi-partiality monitor per year. Everything is filtered in the database
and the query count does not grow with the decisions."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from sportloket.core.constants import Role
from sportloket.core.models import Municipality
from sportloket.core.tests.factories import MembershipFactory, ThemeFactory
from sportloket.decisions import selectors, services
from sportloket.decisions.models import Decision
from sportloket.decisions.tests.test_register_page import QUERIES as REGISTER_QUERIES
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.tests.factories import submit_request
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1


@pytest.fixture
def themes(desk):
    return (
        ThemeFactory(loket=desk, key="volunteers", name="Vrijwilligers"),
        ThemeFactory(loket=desk, key="finances", name="Financiën"),
    )


@pytest.fixture
def offerings(desk):
    return (
        OfferingFactory(loket=desk, title="Vrijwilligersbeleid", theme_keys=["volunteers"],
                        cost_cents=40_000, delivered_by__name="Sportbond Midden"),
        OfferingFactory(loket=desk, title="Financieel spreekuur", theme_keys=["finances"],
                        cost_cents=10_000, delivered_by__name="Sportbedrijf Stad"),
    )  # fmt: skip


def decide(desk, actor, offering, *, themes, organisation=None, decided_at=None, **extra):
    name = organisation.name if organisation else "Club zonder naam"
    question = submit_request(desk, themes=list(themes), organisation_name=name)
    if organisation is not None:
        HelpRequest.objects.filter(pk=question.pk).update(organisation=organisation)
        question.refresh_from_db()
    data = {"rationale": "Past bij de vraag.", "public_summary": "Hulp voor de club."}
    return services.decision_record(help_request=question, chosen=[offering], actor=actor,
                                    decided_at=decided_at, **(data | extra))  # fmt: skip


@pytest.fixture
def register(desk, coordinator, themes, offerings):
    """Three decisions that hold: two this year (a club in Houten on volunteers, a commercial
    provider in Utrecht on finances and volunteers: the offerings tie and the first title
    ranks first), one last year (a club in Utrecht on volunteers, given the offering on
    finances: it passed over the first)."""
    volunteers, finances = themes
    houten = Municipality.objects.get(code="GM0321")
    utrecht = Municipality.objects.get(code="GM0344")
    club = OrganisationFactory(kind="club", name="HC Houten", municipality=houten)
    gym = OrganisationFactory(kind="commercial", name="Gym Centrum", municipality=utrecht)
    old_club = OrganisationFactory(kind="club", name="VV Utrecht", municipality=utrecht)
    desk.work_area.set([houten, utrecht, Municipality.objects.get(code="GM0312")])  # Bunnik
    decide(desk, coordinator, offerings[0], themes=[volunteers], organisation=club)
    decide(desk, coordinator, offerings[1], themes=[finances, volunteers], organisation=gym)
    last_year = datetime.datetime(LAST_YEAR, 6, 1, 12, tzinfo=timezone.get_current_timezone())
    decide(desk, coordinator, offerings[1], themes=[volunteers], organisation=old_club,
           decided_at=last_year, deviation_reason="De financiën gaan voor.")  # fmt: skip
    return {"club": club, "gym": gym, "old_club": old_club}


def public(client, desk, **query):
    return client.get(reverse("decisions:public", args=[desk.slug]), query)


def organisation_names(rows) -> list[str]:
    """The names of the organisations behind the register's rows (which never show them)."""
    names = dict(Decision.objects.values_list("pk", "help_request__organisation__name"))
    return [names[row.pk] for row in rows]


def test_the_register_totals_the_decisions_that_hold(client, desk, register):
    distribution = public(client, desk).context["distribution"]
    # No money from the funds or outside them yet: all of it waits for the funds.
    assert distribution["totals"] == {"decisions": 3, "amount": 40_000 + 10_000 + 10_000,
                                      "awarded": 0, "outside": 0, "open": 60_000}  # fmt: skip
    per_theme = {row["name"]: (row["decisions"], row["amount"]) for row in
                 distribution["per_theme"]}  # fmt: skip
    # The commercial provider's question has both themes: it counts for each.
    assert per_theme == {"Vrijwilligers": (3, 60_000), "Financiën": (1, 10_000)}
    per_municipality = {row["name"]: (row["decisions"], row["amount"]) for row in
                        distribution["per_municipality"]}  # fmt: skip
    assert per_municipality == {"Utrecht": (2, 20_000), "Houten": (1, 40_000)}
    assert [(row["name"], row["decisions"]) for row in distribution["per_organisation"]] == [
        ("Sportbedrijf Stad", 2),
        ("Sportbond Midden", 1),
    ]


def test_a_superseded_decision_counts_no_more(client, desk, coordinator, themes, offerings):
    decision = decide(desk, coordinator, offerings[0], themes=themes[:1])
    services.decision_record(help_request=decision.help_request, chosen=[offerings[0]],
                             actor=coordinator, rationale="Opnieuw.", public_summary="Opnieuw.",
                             amount_cents=25_000)  # fmt: skip
    distribution = public(client, desk).context["distribution"]
    assert distribution["totals"] == {"decisions": 1, "amount": 25_000, "awarded": 0,
                                      "outside": 0, "open": 25_000}  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"year": str(LAST_YEAR)}, {"VV Utrecht"}),
        ({"kind": "commercial"}, {"Gym Centrum"}),
        ({"municipality": "GM0344"}, {"Gym Centrum", "VV Utrecht"}),
        ({"search": "sportbond"}, {"HC Houten"}),
        ({"search": "spreekuur", "municipality": "GM0344", "kind": "club"}, {"VV Utrecht"}),
    ],
)
def test_the_register_filters_in_the_database(client, desk, register, query, expected):
    response = public(client, desk, **query)
    page = response.context["page_obj"]
    shown = set(organisation_names(page.object_list))
    assert shown == expected
    assert page.paginator.count == len(page.object_list) == len(expected)
    assert response.context["distribution"]["totals"]["decisions"] == len(expected)
    assert response.context["filtered"]
    assert "Geen besluit voldoet" not in response.text


def test_the_register_filters_on_a_theme_without_repeating_a_decision(client, desk, register,
                                                                      themes):  # fmt: skip
    _volunteers, finances = themes
    response = public(client, desk, theme=str(finances.pk))
    shown = organisation_names(response.context["page_obj"].object_list)
    assert shown == ["Gym Centrum"]
    # The other theme of the question on finances still shows in the totals per theme.
    per_theme = {row["name"]: row["decisions"] for row in
                 response.context["distribution"]["per_theme"]}  # fmt: skip
    assert per_theme == {"Financiën": 1, "Vrijwilligers": 1}


def test_the_register_offers_the_years_and_the_municipalities_of_the_work_area(client, desk,
                                                                               register):  # fmt: skip
    form = public(client, desk).context["filter_form"]
    this_year = timezone.localdate().year
    assert [value for value, _label in form.fields["year"].choices] == ["", this_year, LAST_YEAR]
    assert [label for _value, label in form.fields["municipality"].choices][1:] == [
        "Bunnik",
        "Houten",
        "Utrecht",
    ]


def test_a_municipality_outside_the_work_area_still_counts(client, desk, register):
    desk.work_area.set([Municipality.objects.get(code="GM0321")])  # Houten only
    distribution = public(client, desk).context["distribution"]
    assert {row["name"] for row in distribution["per_municipality"]} == {"Houten", "Utrecht"}
    response = public(client, desk, municipality="GM0344")  # not offered: shows everything
    assert response.context["distribution"]["totals"]["decisions"] == 3


def test_a_filter_that_is_not_valid_shows_everything(client, desk, register):
    response = public(client, desk, year="1800", kind="spaceship", municipality="GM9999")
    assert response.status_code == 200
    assert response.context["distribution"]["totals"]["decisions"] == 3
    assert len(response.context["page_obj"].object_list) == 3


def test_nothing_found_says_so(client, desk, register):
    response = public(client, desk, search="bestaat niet")
    assert "Geen besluit voldoet aan deze filters." in response.text
    assert "0 besluiten voldoen aan deze filters, samen €\xa00,00." in response.text


def test_the_csv_follows_the_filters_and_the_page_links_to_it(client, desk, register):
    page = public(client, desk, kind="commercial").text
    assert "public.csv?kind=commercial" in page
    response = client.get(reverse("decisions:public-csv", args=[desk.slug]), {"kind": "commercial"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert len(rows) == 2  # the header and the one decision
    assert rows[1][2] == "Ondernemende sportaanbieder" and rows[1][3] == "Utrecht"
    assert rows[1][4] == "Financieel spreekuur" and rows[1][6] == "100,00"


def test_the_register_and_its_totals_take_the_same_queries_for_many_decisions(
    client, desk, coordinator, themes, offerings
):
    volunteers, _finances = themes

    def add(n):
        for number in range(n):
            organisation = OrganisationFactory(kind="club")
            decide(desk, coordinator, offerings[0], themes=[volunteers],
                   organisation=organisation if number % 2 else None)  # fmt: skip

    add(2)
    url = reverse("decisions:public", args=[desk.slug])
    for query in ({}, {"theme": str(volunteers.pk), "search": "vrijwilligers"}):
        _, response = assert_queries_do_not_grow(
            lambda q=query: client.get(url, q), add, more=8, max_queries=REGISTER_QUERIES
        )
        assert response.status_code == 200
    assert response.context["distribution"]["totals"]["decisions"] == 18


def test_the_register_its_totals_and_the_csv_hold_no_personal_data(client, desk, register,
                                                                   coordinator, themes,
                                                                   offerings):  # fmt: skip
    decide(desk, coordinator, offerings[0], themes=themes[:1])  # a name only typed
    page = public(client, desk).text
    response = client.get(reverse("decisions:public-csv", args=[desk.slug]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert len(body.splitlines()) == 5  # the header and four decisions
    for text in (page, body):
        for name in ("HC Houten", "Gym Centrum", "VV Utrecht", "Club zonder naam",
                     "Eva Brouwer", "eva@hchouten.example.nl", coordinator.email):  # fmt: skip
            assert name not in text


def test_the_csv_takes_the_same_queries_for_more_decisions(client, desk, coordinator, themes,
                                                          offerings):  # fmt: skip
    def add(n):
        for _ in range(n):
            decide(desk, coordinator, offerings[0], themes=themes[:1],
                   organisation=OrganisationFactory(kind="club"))  # fmt: skip

    add(1)
    url = reverse("decisions:public-csv", args=[desk.slug])

    def download():
        return b"".join(client.get(url).streaming_content).decode("utf-8-sig")

    _, body = assert_queries_do_not_grow(download, add, more=8)
    assert len(body.splitlines()) == 10


# --- the desk's list ---------------------------------------------------------------------------


def listed(client, desk, **query):
    response = client.get(reverse("decisions:list", args=[desk.slug]), query)
    assert response.status_code == 200
    return response


def test_the_list_shows_whose_question_with_a_link_for_who_may_open_it(
    client, coordinator_client, desk, register
):
    response = listed(coordinator_client, desk)
    question = HelpRequest.objects.get(organisation=register["gym"])
    url = reverse("helprequests:request-detail", args=[desk.slug, question.pk])
    assert f'<a href="{url}">Gym Centrum</a>' in response.text
    partner = MembershipFactory(loket=desk, partner=True)
    client.force_login(partner.user)
    response = listed(client, desk)
    assert "Gym Centrum" in response.text and url not in response.text


def test_the_typed_name_shows_only_to_who_may_open_the_question(client, coordinator_client, desk,
                                                                coordinator, themes, offerings):  # fmt: skip
    """A provider without an organisation in the register typed a name, which may be a
    person's: only those who may open the question read it, or find it by a search."""
    decision = decide(desk, coordinator, offerings[0], themes=themes[:1])
    url = reverse("helprequests:request-detail", args=[desk.slug, decision.help_request_id])
    assert f'<a href="{url}">Club zonder naam</a>' in listed(coordinator_client, desk).text
    found = listed(coordinator_client, desk, search="zonder naam").context["page_obj"]
    assert found.paginator.count == 1
    # A supporter the desk named to decide may open every question that may get a decision.
    decider = MembershipFactory(loket=desk, supporter=True, decides_support=True)
    client.force_login(decider.user)
    assert f'<a href="{url}">Club zonder naam</a>' in listed(client, desk).text
    # A partner, a viewer and a supporter who is not on the question may not.
    for member in (MembershipFactory(loket=desk, partner=True),
                   MembershipFactory(loket=desk, role=Role.VIEWER),
                   MembershipFactory(loket=desk, supporter=True)):  # fmt: skip
        client.force_login(member.user)
        page = listed(client, desk).text
        assert "Club zonder naam" not in page and url not in page
        assert "een organisatie die niet in het register staat" in page
        assert listed(client, desk, search="zonder naam").context["page_obj"].paginator.count == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"HC Houten", "Gym Centrum", "VV Utrecht", "Club zonder naam"}),
        ({"show": "current"}, {"HC Houten", "Gym Centrum", "VV Utrecht", "Club zonder naam"}),
        ({"show": "passed_over"}, {"VV Utrecht"}),
        ({"year": str(LAST_YEAR)}, {"VV Utrecht"}),
        ({"search": "gym"}, {"Gym Centrum"}),
        ({"search": "zonder naam"}, {"Club zonder naam"}),
        ({"search": "sportbedrijf", "show": "passed_over", "year": str(LAST_YEAR)}, {"VV Utrecht"}),
    ],
)
def test_the_list_filters_in_the_database(coordinator_client, desk, coordinator, register,
                                          themes, offerings, query, expected):  # fmt: skip
    # A question without an organisation from the register, decided twice: the first decision
    # is superseded.
    first = decide(desk, coordinator, offerings[0], themes=themes[:1])
    services.decision_record(help_request=first.help_request, chosen=[offerings[0]],
                             actor=coordinator, rationale="Opnieuw.", public_summary="Opnieuw.")  # fmt: skip
    decisions = listed(coordinator_client, desk, **query).context["page_obj"].object_list
    names = [d.help_request.organisation.name if d.help_request.organisation else
             d.help_request.organisation_name for d in decisions]  # fmt: skip
    assert set(names) == expected
    superseded = [d for d in decisions if hasattr(d, "superseded_by")]
    assert len(superseded) == (1 if not query or query == {"search": "zonder naam"} else 0)


def test_the_list_says_when_nothing_matches(coordinator_client, desk, register):
    assert (
        "Geen besluit voldoet aan deze filters."
        in listed(coordinator_client, desk, search="bestaat niet").text
    )


def test_the_filtered_list_takes_the_same_queries_for_many_decisions(
    coordinator_client, desk, coordinator, themes, offerings
):
    def add(n):
        for _ in range(n):
            decide(desk, coordinator, offerings[1], themes=themes[:1],
                   organisation=OrganisationFactory(), deviation_reason="Financiën eerst.")  # fmt: skip

    add(2)
    url = reverse("decisions:list", args=[desk.slug])
    query = {"show": "passed_over", "search": "spreekuur"}
    _, response = assert_queries_do_not_grow(lambda: coordinator_client.get(url, query), add,
                                             more=8)  # fmt: skip
    assert response.context["page_obj"].paginator.count == 10


# --- the monitor per year ----------------------------------------------------------------------


def test_the_monitor_counts_only_the_chosen_year(coordinator_client, desk, register, offerings):
    url = reverse("decisions:monitor", args=[desk.slug])
    every = coordinator_client.get(url).context
    chosen = {
        r["offering__delivered_by__name"]: r["chosen"] for r in every["monitor"]["organisations"]
    }
    assert chosen == {"Sportbedrijf Stad": 2, "Sportbond Midden": 1}
    assert every["page_obj"].paginator.count == 1
    last_year = coordinator_client.get(url, {"year": str(LAST_YEAR)}).context
    counts = {r["offering__delivered_by__name"]: (r["ranked_first"], r["chosen"]) for r in
              last_year["monitor"]["organisations"]}  # fmt: skip
    assert counts == {"Sportbond Midden": (1, 0), "Sportbedrijf Stad": (0, 1)}
    assert last_year["page_obj"].paginator.count == 1
    assert [d.help_request.organisation.name for d in last_year["deviations"]] == ["VV Utrecht"]


def test_the_monitor_says_when_a_year_has_no_decisions_that_hold(
    coordinator_client, desk, coordinator, themes, offerings
):
    last_year = datetime.datetime(LAST_YEAR, 3, 1, 12, tzinfo=timezone.get_current_timezone())
    first = decide(desk, coordinator, offerings[0], themes=themes[:1], decided_at=last_year)
    services.decision_record(help_request=first.help_request, chosen=[offerings[0]],
                             actor=coordinator, rationale="Opnieuw.", public_summary="Opnieuw.")  # fmt: skip
    assert selectors.decision_years(loket=desk) == [LAST_YEAR + 1, LAST_YEAR]
    url = reverse("decisions:monitor", args=[desk.slug])
    page = coordinator_client.get(url, {"year": str(LAST_YEAR)}).text
    assert "Geen besluiten in deze periode." in page
    page = coordinator_client.get(url, {"year": str(LAST_YEAR + 1)}).text
    assert "Geen besluiten in deze periode." not in page and "Sportbond Midden" in page


def test_the_csv_reads_in_chunks_and_keeps_the_order(client, desk, register, monkeypatch):
    monkeypatch.setattr(selectors, "EXPORT_CHUNK", 2)
    response = client.get(reverse("decisions:public-csv", args=[desk.slug]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))[1:]
    pages = public(client, desk).context["page_obj"].object_list
    assert [row[0] for row in rows] == [timezone.localdate(d.decided_at).isoformat() for d in pages]
    questions = [Decision.objects.get(pk=row.pk).help_request for row in pages]
    assert [row[1] for row in rows] == [
        ", ".join(t.name for t in question.themes.order_by("position", "pk"))
        for question in questions
    ]
    assert [row[3] for row in rows] == ["Utrecht", "Houten", "Utrecht"]
    assert rows[0][1] == "Vrijwilligers, Financiën"  # the commercial provider's question


def test_the_years_run_from_the_last_decision_back_to_the_first(desk, coordinator, themes,
                                                                 offerings):  # fmt: skip
    assert selectors.decision_years(loket=desk) == []
    zone = timezone.get_current_timezone()
    decide(desk, coordinator, offerings[0], themes=themes[:1],
           decided_at=datetime.datetime(LAST_YEAR - 2, 12, 31, 23, 30, tzinfo=zone))  # fmt: skip
    decide(desk, coordinator, offerings[0], themes=themes[:1])
    this_year = timezone.localdate().year
    assert selectors.decision_years(loket=desk) == list(range(this_year, LAST_YEAR - 3, -1))
