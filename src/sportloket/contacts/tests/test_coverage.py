"""The coverage figures with fixed dates: the share of the work area's providers contacted
within the policy and proactively, in total, per municipality, per kind of provider and per
month; contacts of other desks and with organisations that are no providers do not count."""

import datetime

import pytest
from freezegun import freeze_time

from sportloket.contacts import selectors, services
from sportloket.contacts.tests.conftest import TODAY
from sportloket.contacts.tests.factories import ContactMomentFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db

D = datetime.date
CLUB, COMMERCIAL = OrganisationKind.CLUB, OrganisationKind.COMMERCIAL


def contact(desk, organisation, day, *, proactive=True):
    return ContactMomentFactory(
        loket=desk, organisation=organisation, date=day, proactive=proactive
    )


@pytest.fixture
def work_area(area_desk, other_desk, utrecht, houten):
    """Seven providers on 15 June 2026, with a policy of 12 months (6 for commercial ones)."""
    services.policy_save(
        loket=area_desk, actor=None, default_months=12, kind_months={COMMERCIAL: 6}
    )

    def provider(municipality, name, kind=CLUB):
        return OrganisationFactory(municipality=municipality, name=name, kind=kind)

    # Utrecht: 4 providers, 2 within the policy, 1 of them proactively.
    u1 = provider(utrecht, "U1")
    contact(area_desk, u1, D(2026, 5, 1))  # within, proactive
    contact(area_desk, u1, D(2026, 5, 20), proactive=False)
    u2 = provider(utrecht, "U2")
    contact(area_desk, u2, D(2026, 3, 10), proactive=False)  # within, the club called
    contact(area_desk, u2, D(2025, 5, 1))  # proactive, but outside the policy
    u3 = provider(utrecht, "U3", COMMERCIAL)
    contact(area_desk, u3, D(2025, 12, 1))  # 6 months: due 1 June, outside
    u4 = provider(utrecht, "U4")  # never contacted by this desk
    contact(other_desk, u4, D(2026, 6, 1))
    contact(other_desk, u2, D(2026, 5, 5))
    # Houten: 3 providers, 2 within the policy, both proactively.
    h1 = provider(houten, "H1")
    contact(area_desk, h1, D(2025, 6, 15))  # due today: just inside
    h2 = provider(houten, "H2", COMMERCIAL)
    contact(area_desk, h2, D(2026, 1, 20))  # proactive, within 6 months
    contact(area_desk, h2, D(2026, 6, 1), proactive=False)
    h3 = provider(houten, "H3")
    contact(area_desk, h3, D(2025, 6, 14))  # due yesterday: just outside
    # No provider: the municipality itself.
    contact(area_desk, provider(utrecht, "Gemeente Utrecht", OrganisationKind.MUNICIPALITY),
            D(2026, 5, 12))  # fmt: skip
    return area_desk


def figures(row):
    return (row.label, row.providers, row.covered, row.proactive)


def test_the_total_and_the_proactive_share(work_area, django_assert_num_queries):
    with django_assert_num_queries(4):
        coverage = selectors.coverage(loket=work_area, on=TODAY)
    total = coverage["total"]
    assert (total.providers, total.covered, total.proactive) == (7, 4, 3)
    assert total.share == pytest.approx(4 / 7)
    assert total.proactive_share == pytest.approx(3 / 7)
    assert coverage["on"] == TODAY


def test_per_municipality(work_area, utrecht, houten):
    rows = selectors.coverage(loket=work_area, on=TODAY)["per_municipality"]
    assert [figures(row) for row in rows] == sorted(
        [(houten.name, 3, 2, 2), (utrecht.name, 4, 2, 1)]
    )
    by_name = {row.label: row for row in rows}
    assert by_name[houten.name].share == pytest.approx(2 / 3)
    assert by_name[utrecht.name].proactive_share == pytest.approx(1 / 4)


def test_per_kind_of_provider(work_area):
    rows = selectors.coverage(loket=work_area, on=TODAY)["per_kind"]
    assert [(row.providers, row.covered, row.proactive) for row in rows] == [
        (5, 3, 2),  # clubs: U1, U2, H1 within the policy; U1 and H1 proactively
        (2, 1, 1),  # commercial: H2 within its 6 months, proactively
    ]
    assert [row.label for row in rows] == [str(CLUB.label), str(COMMERCIAL.label)]


def test_per_month(work_area):
    months = selectors.coverage(loket=work_area, on=TODAY)["per_month"]
    assert [m["month"] for m in months] == [D(2026, 6 - i, 1) for i in range(6)] + [
        D(2025, 12 - i, 1) for i in range(6)
    ]
    counted = {m["month"]: (m["moments"], m["contacted"], m["proactive"]) for m in months}
    assert counted == {
        D(2026, 6, 1): (1, 1, 0),  # H2 called; U4 by another desk does not count
        D(2026, 5, 1): (2, 1, 1),  # U1 twice; the municipality is no provider
        D(2026, 4, 1): (0, 0, 0),
        D(2026, 3, 1): (1, 1, 0),
        D(2026, 2, 1): (0, 0, 0),
        D(2026, 1, 1): (1, 1, 1),
        D(2025, 12, 1): (1, 1, 1),
        **{D(2025, month, 1): (0, 0, 0) for month in range(7, 12)},
    }
    assert [m["share"] for m in months[:2]] == [pytest.approx(1 / 7)] * 2


def test_a_day_later_the_contact_just_inside_the_policy_drops_out(work_area, houten):
    coverage = selectors.coverage(loket=work_area, on=TODAY + datetime.timedelta(days=1))
    assert (coverage["total"].covered, coverage["total"].proactive) == (3, 2)
    by_name = {row.label: row for row in coverage["per_municipality"]}
    assert figures(by_name[houten.name]) == (houten.name, 3, 1, 1)


def test_the_coverage_page_shows_the_figures(coordinator_client, work_area, houten):
    with freeze_time("2026-06-15 12:00:00+02:00"):
        page = coordinator_client.get(f"/{work_area.slug}/contacts/coverage/")
    assert page.status_code == 200
    text = squashed(page.text)
    assert "<dd>7</dd>" in text and "<dd>57%</dd>" in text and "<dd>43%</dd>" in text
    assert f'<th scope="row">{houten.name}</th><td>3</td><td>2 (67%)</td><td>2 (67%)</td>' in text
    assert '<th scope="row">mei 2026</th><td>2</td><td>1</td><td>14%</td><td>1</td>' in text
