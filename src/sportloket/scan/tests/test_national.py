"""The national picture: for the national team only, every desk's verdicts side by side and
the country's coverage, in a fixed number of queries."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from sportloket.accounts.tests.factories import UserFactory
from sportloket.core.models import Municipality
from sportloket.core.tests.factories import LoketFactory, MembershipFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_only_the_national_team_opens_it(client, desk):
    member = MembershipFactory(loket=desk, supporter=True)
    client.force_login(member.user)
    assert client.get(reverse("scan:national")).status_code == 403
    client.force_login(UserFactory(national=True))
    response = client.get(reverse("scan:national"))
    assert response.status_code == 200
    assert desk.name in response.text
    assert member.user.email not in response.text


def test_it_shows_each_desks_verdicts_and_the_coverage(client, desk, other_desk, scanned):
    call_command("snapshot_scan")
    client.force_login(UserFactory(national=True))
    response = client.get(reverse("scan:national"))
    rows = {row.desk.slug: row for row in response.context["rows"]}
    assert rows[desk.slug].month is not None
    assert rows[desk.slug].met >= 1
    coverage = response.context["coverage"]
    assert (coverage["total"], coverage["covered"]) == (342, 2)
    utrecht = next(p for p in coverage["provinces"] if p.name == "Utrecht")
    assert utrecht.covered == 2 and utrecht.desks == 2
    assert "Amersfoort" in utrecht.uncovered
    assert "<title>" in response.text  # the coverage trend's chart


def test_its_queries_do_not_grow_with_the_desks(client, desk):
    client.force_login(UserFactory(national=True))
    municipalities = iter(Municipality.objects.order_by("code")[:40])

    def add(n):
        for loket in LoketFactory.create_batch(n):
            MembershipFactory(loket=loket, coordinator=True)
            loket.work_area.add(next(municipalities))
        call_command("snapshot_scan")

    _, last = assert_queries_do_not_grow(
        lambda: client.get(reverse("scan:national")), add, more=15, max_queries=12
    )
    assert len(last.context["rows"]) == 16
