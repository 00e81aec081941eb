"""The work list with fixed dates (acceptance 1): never contacted, contacted just inside and
just outside the policy, a planned contact that is due, account holders; and its order."""

import datetime

import pytest

from sportloket.contacts import selectors, services
from sportloket.contacts.dates import add_months
from sportloket.contacts.selectors import worklist
from sportloket.contacts.tests.conftest import TODAY
from sportloket.contacts.tests.factories import (
    AccountHolderFactory,
    ContactMomentFactory,
    PlannedContactFactory,
)
from sportloket.core.models import Municipality
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Sport, Tag
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def club(municipality, **kwargs):
    return OrganisationFactory(municipality=municipality, **kwargs)


def names(rows):
    return [row.name for row in rows]


def listed(loket, **kwargs):
    return selectors.decorate_rows(selectors.work_list(loket=loket, on=TODAY, **kwargs), on=TODAY)


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2025, 6, 15), 12) == datetime.date(2026, 6, 15)
    assert add_months(datetime.date(2025, 3, 1), -3) == datetime.date(2024, 12, 1)


@pytest.mark.parametrize("months", [1, 2, 6, 12, 24])
def test_the_earliest_day_within_the_policy_is_where_the_due_day_reaches_the_day(months):
    """The work list leaves out a provider with a contact moment on or after this day (an
    index probe, without computing a due day per provider): exactly the moments whose due day
    (``add_months``) is the day asked or later, also around the ends of months."""
    for on in (
        datetime.date(2026, 3, 31),
        datetime.date(2026, 2, 28),
        datetime.date(2024, 2, 29),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 6, 15),
    ):
        earliest = worklist._earliest_within(on, months)
        for offset in range(-40, 41):
            day = earliest + datetime.timedelta(days=offset)
            assert (add_months(day, months) >= on) == (day >= earliest), (on, months, day)


def test_the_database_adds_months_as_python_does(area_desk, utrecht):
    """The due day is computed by the database: also at the end of a month."""
    for day in (datetime.date(2025, 1, 31), datetime.date(2024, 1, 31), datetime.date(2025, 5, 10)):
        organisation = club(utrecht, name=f"Club {day}")
        ContactMomentFactory(loket=area_desk, organisation=organisation, date=day)
    services.policy_save(loket=area_desk, actor=None, default_months=1)
    rows = selectors.work_list(loket=area_desk, on=TODAY, everyone=True)
    for row in rows:
        assert row.due_on == add_months(row.last_contact, 1)


def test_never_contacted_and_just_outside_are_listed_just_inside_is_not(area_desk, utrecht):
    never = club(utrecht, name="Nooit gesproken")
    inside = club(utrecht, name="Net binnen")
    outside = club(utrecht, name="Net buiten")
    ContactMomentFactory(loket=area_desk, organisation=inside, date=datetime.date(2025, 6, 15))
    ContactMomentFactory(loket=area_desk, organisation=outside, date=datetime.date(2025, 6, 14))
    # An older contact does not count once a newer one exists.
    ContactMomentFactory(loket=area_desk, organisation=inside, date=datetime.date(2024, 1, 1))

    rows = listed(area_desk)

    assert names(rows) == ["Nooit gesproken", "Net buiten"]
    never_row, outside_row = rows
    assert never_row.never_contacted and never_row.due_on is None and never_row.pk == never.pk
    assert outside_row.last_contact == datetime.date(2025, 6, 14)
    assert outside_row.due_on == datetime.date(2026, 6, 14)
    assert outside_row.days_overdue == 1
    everyone = selectors.work_list(loket=area_desk, on=TODAY, everyone=True)
    inside_row = next(r for r in everyone if r.pk == inside.pk)
    assert inside_row.due_on == TODAY  # due today: not overdue yet


def test_contacts_of_another_desk_do_not_count(area_desk, other_desk, utrecht):
    other_desk.work_area.set([utrecht])
    shared = club(utrecht, name="Gedeelde club")
    ContactMomentFactory(loket=other_desk, organisation=shared, date=TODAY)
    assert names(listed(area_desk)) == ["Gedeelde club"]
    assert names(listed(other_desk)) == []


def test_only_active_providers_of_the_work_area(area_desk, utrecht):
    club(utrecht, name="Club")
    club(utrecht, name="Sportschool", kind=OrganisationKind.COMMERCIAL)
    club(utrecht, name="Gemeente", kind=OrganisationKind.MUNICIPALITY)
    club(utrecht, name="Opgeheven", status="dissolved")
    club(Municipality.objects.get(code="GM0363"), name="Amsterdam")
    OrganisationFactory.for_desk(area_desk, name="Gekoppeld")
    OrganisationFactory.for_desk(LoketFactory(), name="Elders")
    assert sorted(names(listed(area_desk))) == ["Club", "Gekoppeld", "Sportschool"]


def test_the_most_overdue_come_first_after_those_never_contacted(area_desk, utrecht):
    for name, day in [
        ("B drie maanden", datetime.date(2025, 3, 15)),
        ("A een jaar", datetime.date(2024, 6, 15)),
        ("C een maand", datetime.date(2025, 5, 15)),
    ]:
        ContactMomentFactory(loket=area_desk, organisation=club(utrecht, name=name), date=day)
    club(utrecht, name="Z nooit")
    club(utrecht, name="Y nooit")
    rows = listed(area_desk)
    assert names(rows) == ["Y nooit", "Z nooit", "A een jaar", "B drie maanden", "C een maand"]
    assert [r.days_overdue for r in rows[2:]] == [365, 92, 31]


def test_a_planned_contact_that_is_due_puts_a_provider_on_the_list(area_desk, utrecht):
    passed = club(utrecht, name="Afspraak verstreken")
    today = club(utrecht, name="Afspraak vandaag")
    later = club(utrecht, name="Afspraak later")
    for organisation in (passed, today, later):
        ContactMomentFactory(loket=area_desk, organisation=organisation, date=TODAY)
    PlannedContactFactory(
        loket=area_desk, organisation=passed, due_on=TODAY - datetime.timedelta(1)
    )
    PlannedContactFactory(loket=area_desk, organisation=today, due_on=TODAY)
    PlannedContactFactory(loket=area_desk, organisation=later, due_on=TODAY + datetime.timedelta(1))
    rows = listed(area_desk)
    assert sorted(names(rows)) == ["Afspraak vandaag", "Afspraak verstreken"]
    assert all(r.follow_up_due and r.days_overdue == 0 for r in rows)


def test_overdue_providers_come_before_those_only_with_a_follow_up(area_desk, utrecht):
    follow_up = club(utrecht, name="A vervolg")
    overdue = club(utrecht, name="B te laat")
    ContactMomentFactory(loket=area_desk, organisation=follow_up, date=TODAY)
    PlannedContactFactory(loket=area_desk, organisation=follow_up, due_on=TODAY)
    ContactMomentFactory(loket=area_desk, organisation=overdue, date=datetime.date(2025, 1, 1))
    assert names(listed(area_desk)) == ["B te laat", "A vervolg"]


def test_policy_per_kind_and_per_tag(area_desk, utrecht):
    three_months_ago = datetime.date(2026, 3, 14)  # 3 months and 1 day before TODAY
    plain = club(utrecht, name="Club")
    gym = club(utrecht, name="Sportschool", kind=OrganisationKind.COMMERCIAL)
    tagged = club(utrecht, name="Club met tag", kind=OrganisationKind.COMMERCIAL)
    focus = Tag.objects.create(name="aandacht")
    tagged.tags.add(focus)
    for organisation in (plain, gym, tagged):
        ContactMomentFactory(loket=area_desk, organisation=organisation, date=three_months_ago)

    services.policy_save(
        loket=area_desk,
        actor=None,
        default_months=12,
        kind_months={OrganisationKind.COMMERCIAL: 6},
        tag_months={focus: 3},
    )
    rows = listed(area_desk)
    assert names(rows) == ["Club met tag"]
    assert rows[0].months == 3 and rows[0].days_overdue == 1

    services.policy_save(
        loket=area_desk, actor=None, default_months=12, kind_months={"commercial": 2}
    )
    assert sorted(names(listed(area_desk))) == ["Club met tag", "Sportschool"]


def test_account_holders_by_hand_over_sport_over_municipality(area_desk, utrecht, houten):
    anna, bert, carla = (MembershipFactory(loket=area_desk, supporter=True).user for _ in "abc")
    hockey = Sport.objects.get(slug="hockey")
    in_utrecht = club(utrecht, name="Utrechtse club")
    hockey_club = club(utrecht, name="Hockeyclub Utrecht")
    hockey_club.sports.add(hockey)
    by_hand = club(utrecht, name="Hockeyclub met beheerder")
    by_hand.sports.add(hockey)
    club(houten, name="Houtense club")
    AccountHolderFactory(loket=area_desk, supporter=anna, municipality=utrecht)
    AccountHolderFactory(loket=area_desk, supporter=bert, municipality=None, sport=hockey)
    AccountHolderFactory(loket=area_desk, supporter=carla, municipality=None, organisation=by_hand)

    assert names(listed(area_desk, supporter=anna)) == ["Utrechtse club"]
    assert names(listed(area_desk, supporter=bert)) == ["Hockeyclub Utrecht"]
    assert names(listed(area_desk, supporter=carla)) == ["Hockeyclub met beheerder"]
    rows = {r.name: r for r in listed(area_desk)}
    assert rows["Houtense club"].holder is None
    assert rows["Utrechtse club"].holder == anna
    assert in_utrecht.pk == rows["Utrechtse club"].pk

    # The holder of a municipality is replaced, not doubled.
    services.account_holder_set(loket=area_desk, actor=None, supporter=bert, municipality=utrecht)
    assert names(listed(area_desk, supporter=anna)) == []
    assert names(listed(area_desk, supporter=bert)) == ["Hockeyclub Utrecht", "Utrechtse club"]


def test_the_counts_of_the_dashboard_are_those_of_the_work_list(
    area_desk, utrecht, houten, django_assert_num_queries
):
    anna = MembershipFactory(loket=area_desk, supporter=True).user
    AccountHolderFactory(loket=area_desk, supporter=anna, municipality=utrecht)
    club(utrecht, name="Nooit gesproken")
    ContactMomentFactory(
        loket=area_desk,
        organisation=club(utrecht, name="Net buiten"),
        date=datetime.date(2025, 6, 14),
    )
    ContactMomentFactory(
        loket=area_desk,
        organisation=club(utrecht, name="Net binnen"),
        date=datetime.date(2025, 6, 15),
    )
    planned = club(houten, name="Afspraak")
    ContactMomentFactory(loket=area_desk, organisation=planned, date=TODAY)
    PlannedContactFactory(loket=area_desk, organisation=planned, due_on=TODAY)
    club(houten, name="Houten, nooit gesproken")

    # The policy (with its rules, one query whether there are any), the account holders and
    # the providers' statuses.
    with django_assert_num_queries(3):
        counts = selectors.work_list_counts(loket=area_desk, user=anna, on=TODAY)

    assert counts == {
        "all": len(listed(area_desk)),
        "mine": len(listed(area_desk, supporter=anna)),
    }
    assert counts == {"all": 4, "mine": 2}


@pytest.mark.parametrize(
    "filters", [{}, {"everyone": True}, {"search": "club"}, {"supporter": "anna"}]
)
def test_a_page_lists_what_the_work_list_finds_in_its_order(area_desk, utrecht, houten, filters):
    anna = MembershipFactory(loket=area_desk, supporter=True).user
    AccountHolderFactory(loket=area_desk, supporter=anna, municipality=utrecht)
    for n, days in enumerate([None, 400, 380, 30, None, 800, 366]):
        organisation = club(utrecht if n % 2 else houten, name=f"Club {7 - n}")
        if days is not None:
            ContactMomentFactory(
                loket=area_desk, organisation=organisation, date=TODAY - datetime.timedelta(days)
            )
    PlannedContactFactory(loket=area_desk, organisation=club(utrecht, name="Gepland"), due_on=TODAY)
    if filters.get("supporter"):
        filters = {"supporter": anna}

    expected = listed(area_desk, **filters)
    first = selectors.work_list_page(loket=area_desk, page=1, per_page=3, on=TODAY, **filters)
    pages = [
        selectors.work_list_page(loket=area_desk, page=number, per_page=3, on=TODAY, **filters)
        for number in first.paginator.page_range
    ]

    shown = [row for page in pages for row in page.object_list]
    assert [r.pk for r in shown] == [r.pk for r in expected]
    assert first.paginator.count == len(expected) > 0
    for row, want in zip(shown, expected, strict=False):
        assert (row.last_contact, row.due_on, row.days_overdue, row.never_contacted) == (
            want.last_contact,
            want.due_on,
            want.days_overdue,
            want.never_contacted,
        )
        assert (row.holder, row.plan_due, row.follow_up_due) == (
            want.holder,
            want.plan_due,
            want.follow_up_due,
        )
