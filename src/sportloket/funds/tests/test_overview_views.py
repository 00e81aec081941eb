"""The desk's money overview for each role: the menu item, what each role sees (the totals for
all, the funds in detail for those who may), the filter on a year, its queries, what waits for
a partner and the warning about funds whose owner nobody represents."""

import datetime

import pytest
from django.urls import reverse

from sportloket.funds import services
from sportloket.funds.tests.factories import FundFactory
from sportloket.funds.tests.pages import NO_APPROVER, login, url
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "shown"),
    [("coordinator", True), ("supporter", True), ("representative", True), ("viewer", False)],
)
def test_the_desk_menu_shows_funds_to_those_who_see_them(request, client, desk, role, shown):
    login(client, request.getfixturevalue(role))
    page = client.get(reverse("dashboard:desk", args=[desk.slug])).text
    assert (f'href="{url("overview", desk)}"' in page) is shown


@pytest.mark.parametrize(
    ("role", "status", "sees"),
    [
        ("coordinator", 200, {"Uitvoeringsbudget", "Rabo ClubSupport"}),
        ("supporter", 200, set()),
        ("representative", 200, {"Uitvoeringsbudget"}),
        ("other_partner", 200, {"Rabo ClubSupport"}),
        ("viewer", 403, None),
    ],
)
def test_the_overview_per_role(request, client, desk, funds, allocate, role, status, sees):
    municipal, rabo = funds
    allocate(municipal, 30_000)
    allocate(rabo, 20_000)
    response = login(client, request.getfixturevalue(role)).get(url("overview", desk))
    assert response.status_code == status
    if status != 200:
        return
    # Everyone with the overview reads the desk's totals and where the money goes.
    totals = response.context["overview"]["totals"]
    assert (totals["amount_cents"], totals["committed_cents"]) == (2_000_000, 50_000)
    assert {row["label"] for row in response.context["overview"]["per_theme"]} == {"Vrijwilligers"}
    assert {f.name for f in response.context["page_obj"].object_list} == sees
    page = response.text
    for fund in funds:
        ledger = f'href="{url("fund-detail", desk, fund.pk)}"'
        assert (ledger in page) is (fund.name in sees)
    assert "Vrijwilligers" in page


def test_the_overview_filters_on_a_year(coordinator_client, desk, new_fund):
    new_fund(name="Nu")
    new_fund(
        name="Vroeger", starts_on=datetime.date(2000, 1, 1), ends_on=datetime.date(2000, 12, 31)
    )

    def names(**query):
        response = coordinator_client.get(url("overview", desk), query)
        assert response.status_code == 200
        return {f.name for f in response.context["page_obj"].object_list}

    assert names() == {"Nu"}
    assert names(year="2000") == {"Vroeger"}
    assert names(year="all") == {"Nu", "Vroeger"}
    # A year that is not offered is ignored: this year.
    assert names(year="1066") == {"Nu"}


@pytest.mark.parametrize("role", ["coordinator", "representative"])
def test_the_overview_needs_the_same_queries_for_many_funds(
    request, client, desk, owner, allocate, role
):
    # The session, the user and the membership (3; a partner without a second factor 2 more,
    # its check), the years, the totals, what was committed per theme, kind and municipality
    # (5), the funds with whether each lacks an approver (1), and for a partner what waits for
    # their approval (1).
    login(client, request.getfixturevalue(role))

    def add(n):
        for _ in range(n):
            allocate(FundFactory(loket=desk, owner=owner), 1_000)

    add(1)
    _first, second = assert_queries_do_not_grow(
        lambda: client.get(url("overview", desk)), add, more=5, max_queries=12
    )
    assert len(second.context["page_obj"].object_list) == 6


def test_the_overview_shows_a_partner_what_waits_for_approval(
    client, desk, representative, funds, allocate
):
    allocate(funds[0], 60_000)  # above the threshold: proposed
    page = login(client, representative).get(url("overview", desk)).text
    assert url("approvals", desk) in page


def test_the_overview_lists_the_funds_nobody_can_approve(
    request, coordinator_client, desk, funds, new_fund, allocate
):
    municipal, _rabo = funds
    stopped = new_fund(name="Gestopt", approval_threshold_cents=0, is_active=False)
    stuck = new_fund(name="Gestopt met wachtende", approval_threshold_cents=0)
    allocate(stuck, 1_000)
    services.fund_update(fund=stuck, actor=request.getfixturevalue("coordinator"),
                         is_active=False)  # fmt: skip
    response = coordinator_client.get(url("overview", desk))
    # In use, or with allocations still waiting; the one no longer in use without any is not.
    assert {f.name for f in response.context["without_approvers"]} == {
        "Uitvoeringsbudget",
        "Gestopt met wachtende",
    }
    warning = response.text[response.text.index(NO_APPROVER) :].split("</div>")[0]
    assert f'href="{url("fund-detail", desk, municipal.pk)}"' in warning
    assert f'href="{url("fund-detail", desk, stopped.pk)}"' not in warning
    request.getfixturevalue("representative")
    assert NO_APPROVER not in coordinator_client.get(url("overview", desk)).text


def test_the_overview_warns_only_those_who_see_the_funds(client, desk, supporter, funds):
    response = login(client, supporter).get(url("overview", desk))
    assert response.status_code == 200
    assert NO_APPROVER not in response.text
