"""Reads on funds: who sees which funds (a partner only its own organisation's, plus the desk's
overview), the ledger and the overview with a fixed number of queries, the funds that may pay
for an offering, and the approvals waiting for a representative."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sportloket.core.constants import ProviderKinds, Role
from sportloket.core.models import Municipality
from sportloket.core.permissions import Capability, role_can
from sportloket.core.tests.factories import MembershipFactory
from sportloket.funds import overview as money_overview
from sportloket.funds import selectors, services
from sportloket.funds.constants import AllocationState as A
from sportloket.funds.tests.factories import FundFactory, new_key, this_year
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def funds(new_fund, rabobank):
    """The municipality's budget and the Rabobank's fund, at the same desk, both without a
    threshold (unlike the pages' ``funds`` in conftest)."""
    return new_fund(name="Uitvoeringsbudget"), new_fund(name="Rabo ClubSupport", owner=rabobank)


def test_the_roles_capabilities():
    assert role_can(Role.COORDINATOR, Capability.MANAGE_FUNDS)
    assert role_can(Role.COORDINATOR, Capability.VIEW_FUNDS)
    for role in (Role.SUPPORTER, Role.PARTNER):
        assert role_can(role, Capability.VIEW_FUNDS)
        assert not role_can(role, Capability.MANAGE_FUNDS)
    assert not role_can(Role.VIEWER, Capability.VIEW_FUNDS)


def test_a_coordinator_sees_every_fund_of_the_desk(desk, other_desk, coordinator, funds):
    FundFactory(loket=other_desk)
    assert set(selectors.funds_for_user(user=coordinator, loket=desk)) == set(funds)


def test_a_partner_sees_only_the_funds_of_its_own_organisation(
    desk, representative, other_partner, funds
):
    municipal, rabo = funds
    assert list(selectors.funds_for_user(user=representative, loket=desk)) == [municipal]
    assert list(selectors.funds_for_user(user=other_partner, loket=desk)) == [rabo]
    assert selectors.fund_for_user(user=representative, loket=desk, pk=rabo.pk) is None
    assert selectors.fund_for_user(user=representative, loket=desk, pk=municipal.pk) == municipal


@pytest.mark.parametrize("role", ["supporter", "viewer", "unlinked_partner", "stranger"])
def test_other_roles_see_no_fund_in_detail(request, desk, other_desk, funds, role):
    extra = {
        "unlinked_partner": lambda: MembershipFactory(loket=desk, partner=True).user,
        "stranger": lambda: MembershipFactory(loket=other_desk, coordinator=True).user,
    }
    user = extra[role]() if role in extra else request.getfixturevalue(role)
    assert list(selectors.funds_for_user(user=user, loket=desk)) == []


def test_the_overview_totals_and_breakdowns_come_from_the_database(
    desk, coordinator, representative, funds, new_decision, volunteers, finances
):
    municipal, rabo = funds
    utrecht = Municipality.objects.get(code="GM0344")
    desk.work_area.add(utrecht)
    club = OrganisationFactory(municipality=utrecht)
    gym = OrganisationFactory.for_desk(desk, commercial=True)
    first = new_decision(amount_cents=70_000, organisation=club, themes=[volunteers, finances])
    second = new_decision(amount_cents=20_000, organisation=gym, themes=[finances])
    a, _b = services.decision_fund(decision=first, splits=[(municipal, 50_000), (rabo, 20_000)],
                                  idempotency_key=new_key(), actor=coordinator)  # fmt: skip
    [c] = services.decision_fund(decision=second, splits=[(municipal, 20_000)],
                                 idempotency_key=new_key(), actor=coordinator)  # fmt: skip
    services.allocation_pay(allocation=a, paid_cents=45_000, actor=coordinator)
    services.allocation_cancel(allocation=c, actor=coordinator)

    with CaptureQueriesContext(connection) as queries:
        overview = money_overview.desk_overview(loket=desk, period=this_year())
    assert len(queries) <= 6
    assert overview["totals"] == {
        "amount_cents": 2_000_000, "committed_cents": 65_000, "paid_cents": 45_000,
        "funds": 2, "available_cents": 1_935_000,
    }  # fmt: skip
    per_theme = {r["decision__help_request__themes__key"]: r["committed_cents"]
                 for r in overview["per_theme"]}  # fmt: skip
    assert per_theme == {"volunteers": 65_000, "finances": 65_000}
    per_kind = {r["decision__help_request__organisation__kind"]: r["committed_cents"]
                for r in overview["per_provider_kind"]}  # fmt: skip
    assert per_kind == {OrganisationKind.CLUB: 65_000}
    per_municipality = {r["decision__help_request__organisation__municipality__code"]: r
                        for r in overview["per_municipality"]}  # fmt: skip
    assert per_municipality["GM0344"]["committed_cents"] == 65_000
    assert per_municipality["GM0344"]["paid_cents"] == 45_000
    assert {r["name"]: r["committed_cents"] for r in overview["per_fund"]} == {
        "Uitvoeringsbudget": 45_000, "Rabo ClubSupport": 20_000,
    }  # fmt: skip

    # A partner reads the same totals, but the rows per fund only for its own fund.
    theirs = money_overview.desk_overview(loket=desk, period=this_year(), user=representative)
    assert theirs["totals"] == overview["totals"]
    assert [r["name"] for r in theirs["per_fund"]] == ["Uitvoeringsbudget"]
    # Another period: nothing.
    earlier = (datetime.date(2000, 1, 1), datetime.date(2000, 12, 31))
    assert money_overview.desk_overview(loket=desk, period=earlier)["totals"]["funds"] == 0


def test_the_ledger_needs_the_same_queries_for_many_allocations(
    desk, coordinator, representative, new_fund, new_decision, volunteers
):
    fund = new_fund(amount_cents=100_000_000, approval_threshold_cents=1_000)
    services.fund_amount_change(fund=fund, new_cents=90_000_000, reason="Minder",
                                actor=coordinator)  # fmt: skip

    def add(n):
        for _ in range(n):
            [allocation] = services.decision_fund(
                decision=new_decision(amount_cents=5_000), splits=[(fund, 5_000)],
                idempotency_key=new_key(), actor=coordinator,
            )  # fmt: skip
            services.allocation_approve(allocation=allocation, actor=representative)

    add(2)
    _first, second = assert_queries_do_not_grow(
        lambda: selectors.fund_ledger(fund=fund), add, more=5, max_queries=7
    )
    assert len(second["allocations"]) == 7
    row = second["allocations"][0]
    assert [c.to_state for c in row.changes.all()] == [A.PROPOSED, A.APPROVED]
    assert row.changes.all()[1].actor == representative
    assert [t.key for t in row.decision.help_request.themes.all()] == ["volunteers"]
    assert (second["committed_cents"], second["available_cents"]) == (35_000, 89_965_000)
    assert [c.reason for c in second["amount_changes"]] == ["Minder"]


def test_the_funds_that_may_pay_for_an_offering(desk, owner, new_fund, volunteers, finances):
    offering = OfferingFactory(loket=desk, cost_cents=30_000, theme_keys=["volunteers"],
                               provider_kinds=ProviderKinds.ALL)  # fmt: skip
    rich = new_fund(name="Rijk", amount_cents=500_000)
    new_fund(name="Te klein per toekenning", max_per_allocation_cents=20_000)
    new_fund(name="Ander thema", theme_keys=["finances"])
    clubs = new_fund(name="Voor clubs", eligible_provider_kinds=ProviderKinds.CLUB,
                     amount_cents=40_000)  # fmt: skip
    services_fund = new_fund(name="Oud", starts_on=datetime.date(2000, 1, 1),
                             ends_on=datetime.date(2000, 12, 31))  # fmt: skip
    assert services_fund
    may = selectors.funds_that_may_pay(loket=desk, offering=offering)
    assert [(f.name, f.available_cents) for f in may] == [("Rijk", 500_000), ("Voor clubs", 40_000)]
    assert rich in may and clubs in may

    # Read once, for many offerings: no further queries.
    read_once = list(selectors.desk_funds(loket=desk, on=this_year()[0]))
    offering = type(offering).objects.prefetch_related("themes").get(pk=offering.pk)
    with CaptureQueriesContext(connection) as queries:
        again = selectors.funds_that_may_pay(loket=desk, offering=offering, funds=read_once,
                                             on=this_year()[0])  # fmt: skip
    assert len(queries) == 0 and [f.name for f in again] == ["Rijk", "Voor clubs"]

    for_commercial = OfferingFactory(loket=desk, cost_cents=1, provider_kinds="commercial",
                                     theme_keys=["volunteers"])  # fmt: skip
    names = [f.name for f in selectors.funds_that_may_pay(loket=desk, offering=for_commercial)]
    assert "Voor clubs" not in names and "Rijk" in names


def test_with_a_question_its_themes_and_its_provider_count(desk, new_fund, new_decision,
                                                          finances):  # fmt: skip
    offering = OfferingFactory(loket=desk, cost_cents=10_000, theme_keys=["volunteers"])
    new_fund(name="Financiën", theme_keys=["finances"])
    new_fund(name="Commercieel", eligible_provider_kinds=ProviderKinds.COMMERCIAL)
    question = new_decision(themes=[finances]).help_request  # from a club, about finances
    names = [f.name for f in selectors.funds_that_may_pay(loket=desk, offering=offering,
                                                          help_request=question)]  # fmt: skip
    assert names == ["Financiën"]


def test_pending_approvals_are_those_of_the_representatives_funds(
    desk, coordinator, representative, other_partner, funds, new_decision
):
    municipal, rabo = funds
    for fund in funds:
        services.fund_update(fund=fund, actor=coordinator, approval_threshold_cents=0)
    [mine] = services.decision_fund(decision=new_decision(), splits=[(municipal, 1_000)],
                                    idempotency_key=new_key(), actor=coordinator)  # fmt: skip
    [theirs] = services.decision_fund(decision=new_decision(), splits=[(rabo, 1_000)],
                                      idempotency_key=new_key(), actor=coordinator)  # fmt: skip
    assert list(selectors.pending_approvals(user=representative, loket=desk)) == [mine]
    assert list(selectors.pending_approvals(user=other_partner, loket=desk)) == [theirs]
    assert list(selectors.pending_approvals(user=coordinator, loket=desk)) == []
    services.allocation_approve(allocation=mine, actor=representative)
    assert list(selectors.pending_approvals(user=representative, loket=desk)) == []


def test_desk_funds_on_a_day(desk, new_fund):
    current = new_fund(name="Nu")
    new_fund(name="Vroeger", starts_on=datetime.date(2000, 1, 1),
             ends_on=datetime.date(2000, 12, 31))  # fmt: skip
    assert list(selectors.desk_funds(loket=desk, on=this_year()[0])) == [current]
    assert len(selectors.desk_funds(loket=desk)) == 2
