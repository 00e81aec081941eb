"""The funds pages for each role: the overview, a fund's ledger, the fund forms, the change of
an amount, the moves of an allocation and the approvals waiting for a partner."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from sportloket.core.models import Membership
from sportloket.core.tests.factories import MembershipFactory
from sportloket.funds import rules, services
from sportloket.funds.constants import AllocationState as A
from sportloket.funds.constants import FundKind
from sportloket.funds.models import AllocationChange, Fund, FundAmountChange
from sportloket.funds.tests.factories import FundFactory, new_key
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

ROLES = ["coordinator", "supporter", "representative", "other_partner", "viewer"]


@pytest.fixture
def rabobank(other_partner):
    return Membership.objects.get(user=other_partner).organisation


@pytest.fixture
def funds(new_fund, rabobank):
    """The municipality's budget (the coordinator decides alone up to € 500) and the Rabobank's
    fund, at the same desk."""
    municipal = new_fund(name="Uitvoeringsbudget", approval_threshold_cents=50_000)
    rabo = new_fund(name="Rabo ClubSupport", owner=rabobank, kind=FundKind.PARTNER)
    return municipal, rabo


@pytest.fixture
def allocate(coordinator, new_decision):
    """Commits money from a fund to a new decision through the service."""

    def run(fund, cents):
        [allocation] = services.decision_fund(
            decision=new_decision(amount_cents=cents),
            splits=[(fund, cents)],
            idempotency_key=new_key(),
            actor=coordinator,
        )
        return allocation

    return run


def login(client, user):
    client.force_login(user)
    return client


def url(name, desk, *args):
    return reverse(f"funds:{name}", args=[desk.slug, *args])


# --- the menu and the overview ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "shown"),
    [("coordinator", True), ("supporter", True), ("representative", True), ("viewer", False)],
)
def test_the_desk_menu_shows_funds_to_those_who_see_them(request, client, desk, role, shown):
    login(client, request.getfixturevalue(role))
    page = client.get(reverse("core:desk-dashboard", args=[desk.slug])).text
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


def test_the_overview_needs_the_same_queries_for_many_funds(
    client, desk, representative, owner, allocate
):
    login(client, representative)

    def add(n):
        for _ in range(n):
            allocate(FundFactory(loket=desk, owner=owner), 1_000)

    add(1)
    _first, second = assert_queries_do_not_grow(
        lambda: client.get(url("overview", desk)), add, more=5, max_queries=25
    )
    assert len(second.context["page_obj"].object_list) == 6


def test_the_overview_shows_a_partner_what_waits_for_approval(
    client, desk, representative, funds, allocate
):
    allocate(funds[0], 60_000)  # above the threshold: proposed
    page = login(client, representative).get(url("overview", desk)).text
    assert url("approvals", desk) in page


# --- the ledger -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("representative", 200),
        ("other_partner", 404),
        ("supporter", 404),
        ("viewer", 403),
    ],
)
def test_the_ledger_per_role(request, client, desk, funds, allocate, role, status):
    municipal, _rabo = funds
    allocate(municipal, 30_000)
    response = login(client, request.getfixturevalue(role)).get(
        url("fund-detail", desk, municipal.pk)
    )
    assert response.status_code == status
    if status == 200:
        assert "€\u00a0300,00" in response.text  # committed
        assert "€\u00a09.700,00" in response.text  # available
        assert "VV Domstad" in response.text


def test_the_ledger_shows_each_role_its_own_actions(client, desk, coordinator, representative,
                                                    funds, allocate):  # fmt: skip
    municipal, _rabo = funds
    proposed = allocate(municipal, 60_000)
    approved = allocate(municipal, 10_000)
    ledger = url("fund-detail", desk, municipal.pk)

    page = login(client, coordinator).get(ledger).text
    assert url("allocation-cancel", desk, proposed.pk) in page
    assert url("allocation-pay", desk, approved.pk) in page
    assert url("allocation-pay", desk, proposed.pk) not in page
    assert url("allocation-approve", desk, proposed.pk) not in page
    assert url("fund-amount", desk, municipal.pk) in page
    assert url("fund-edit", desk, municipal.pk) in page

    page = login(client, representative).get(ledger).text
    assert url("allocation-approve", desk, proposed.pk) in page
    assert url("allocation-reject", desk, proposed.pk) in page
    assert url("allocation-approve", desk, approved.pk) not in page
    assert url("allocation-cancel", desk, proposed.pk) not in page
    assert url("fund-amount", desk, municipal.pk) not in page
    # The question's contact person is not for partners (nor the question itself).
    assert proposed.decision.help_request.contact_email not in page
    assert proposed.decision.help_request.question[:30] not in page


@pytest.mark.parametrize("role", ["coordinator", "representative"])
def test_the_ledger_needs_the_same_queries_for_many_allocations(
    request, client, desk, funds, allocate, role
):
    municipal, _rabo = funds
    services.fund_amount_change(fund=municipal, new_cents=90_000_000, reason="Meer",
                                actor=request.getfixturevalue("coordinator"))  # fmt: skip
    login(client, request.getfixturevalue(role))

    def add(n):
        for i in range(n):
            allocate(municipal, 60_000 if i % 2 else 10_000)

    add(2)
    _first, second = assert_queries_do_not_grow(
        lambda: client.get(url("fund-detail", desk, municipal.pk)), add, more=6, max_queries=30
    )
    assert len(second.context["rows"]) == 8


def test_the_ledger_history_shows_who_changed_the_themes(
    coordinator_client, desk, coordinator, funds, volunteers, finances
):
    municipal, _rabo = funds
    services.fund_update(fund=municipal, actor=coordinator, theme_keys=["volunteers"])
    services.fund_update(fund=municipal, actor=coordinator, theme_keys=["finances"])
    response = coordinator_client.get(url("fund-detail", desk, municipal.pk))
    themes = [
        (row["actor"], change["old"], change["new"])
        for row in response.context["history"]
        for change in row["changes"]
        if change["label"] == "Thema's"
    ]
    assert themes == [
        (coordinator, "Vrijwilligers", "Financiën"),
        (coordinator, "elk thema", "Vrijwilligers"),
    ]
    history = response.text[response.text.index('id="history-title"') :]
    assert "<dt>Thema&#x27;s</dt><dd><del>elk thema</del> → Vrijwilligers</dd>" in history
    assert escape(str(coordinator)) in history  # as the page writes it (a name may hold a quote)


def test_the_ledger_is_paginated(coordinator_client, desk, funds, allocate):
    municipal, _rabo = funds
    for _ in range(26):
        allocate(municipal, 1_000)
    first = coordinator_client.get(url("fund-detail", desk, municipal.pk))
    assert len(first.context["rows"]) == 25
    second = coordinator_client.get(url("fund-detail", desk, municipal.pk), {"page": 2})
    assert len(second.context["rows"]) == 1


# --- creating and changing a fund -------------------------------------------------------------


def fund_data(organisation, **changes):
    year = datetime.date.today().year
    return {
        "name": "Servicesbudget",
        "kind": FundKind.SERVICES,
        "owner": organisation.pk,
        "starts_on": f"{year}-01-01",
        "ends_on": f"{year}-12-31",
        "amount_cents": "25.000,50",
        "max_per_allocation_cents": "1.500",
        "theme_keys": ["volunteers"],
        "eligible_provider_kinds": "club",
        "co_funding_required": "on",
        "approval_threshold_cents": "750",
        "is_active": "on",
        "description": "Voor diensten uit het menu.",
    } | changes


def test_a_coordinator_adds_a_fund(coordinator_client, desk, owner, volunteers):
    form = coordinator_client.get(url("fund-create", desk))
    assert form.status_code == 200
    assert 'for="id_amount_cents"' in form.text
    response = coordinator_client.post(url("fund-create", desk), fund_data(owner))
    fund = Fund.objects.get(loket=desk, name="Servicesbudget")
    assert response.status_code == 302
    assert response["Location"] == url("fund-detail", desk, fund.pk)
    assert (fund.amount_cents, fund.max_per_allocation_cents) == (2_500_050, 150_000)
    assert (fund.approval_threshold_cents, fund.co_funding_required) == (75_000, True)
    assert [t.key for t in fund.themes.all()] == ["volunteers"]
    assert fund.owner == owner and fund.eligible_provider_kinds == "club"


def test_empty_optional_amounts_mean_none(coordinator_client, desk, owner, volunteers):
    data = fund_data(owner, max_per_allocation_cents="", approval_threshold_cents="")
    assert coordinator_client.post(url("fund-create", desk), data).status_code == 302
    fund = Fund.objects.get(loket=desk)
    assert fund.max_per_allocation_cents is None and fund.approval_threshold_cents is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount_cents": "veel"}, "amount_cents"),
        ({"amount_cents": ""}, "amount_cents"),
        ({"ends_on": "2000-01-01"}, "ends_on"),
        ({"owner": ""}, "owner"),
        ({"max_per_allocation_cents": "-5"}, "max_per_allocation_cents"),
    ],
)
def test_bad_input_keeps_what_was_typed(
    coordinator_client, desk, owner, volunteers, changes, field
):
    response = coordinator_client.post(
        url("fund-create", desk), fund_data(owner, name="Mijn getypte naam", **changes)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'value="Mijn getypte naam"' in response.text
    assert 'value="1.500"' in response.text or field == "max_per_allocation_cents"
    assert "Voor diensten uit het menu." in response.text
    assert not Fund.objects.exists()


def test_the_error_is_in_dutch_next_to_the_field(coordinator_client, desk, owner, volunteers):
    response = coordinator_client.post(
        url("fund-create", desk), fund_data(owner, amount_cents="veel")
    )
    page = response.text
    error = "Vul een bedrag in euro in, bijvoorbeeld 1.250,50."
    # In the summary at the top, and in the field's own block, before its input.
    field = page[page.index('<label for="id_amount_cents"') :]
    assert error in field[: field.index('name="amount_cents"')]
    assert 'value="veel"' in field


def test_a_duplicate_name_is_refused_next_to_the_name(coordinator_client, desk, owner, volunteers):
    assert coordinator_client.post(url("fund-create", desk), fund_data(owner)).status_code == 302
    again = coordinator_client.post(url("fund-create", desk), fund_data(owner))
    assert again.status_code == 400
    assert "name" in again.context["form"].errors
    assert Fund.objects.count() == 1


def test_the_owner_comes_from_the_desks_register(coordinator_client, desk, other_desk, volunteers):
    elsewhere = OrganisationFactory.for_desk(other_desk, kind=OrganisationKind.FUND)
    response = coordinator_client.post(url("fund-create", desk), fund_data(elsewhere))
    assert response.status_code == 400
    assert "owner" in response.context["form"].errors


@pytest.mark.parametrize("role", ["supporter", "representative", "other_partner"])
def test_only_a_coordinator_adds_or_edits_funds(request, client, desk, owner, funds, role):
    login(client, request.getfixturevalue(role))
    municipal, _rabo = funds
    assert client.get(url("fund-create", desk)).status_code == 403
    assert client.post(url("fund-create", desk), fund_data(owner)).status_code == 403
    assert client.get(url("fund-edit", desk, municipal.pk)).status_code == 403
    assert client.post(url("fund-edit", desk, municipal.pk), fund_data(owner)).status_code == 403
    assert Fund.objects.count() == 2


def test_a_coordinator_edits_a_fund_but_not_its_amount(coordinator_client, desk, owner, funds,
                                                       volunteers):  # fmt: skip
    municipal, _rabo = funds
    edit = url("fund-edit", desk, municipal.pk)
    form = coordinator_client.get(edit)
    assert form.status_code == 200 and "amount_cents" not in form.context["form"].fields
    # A stricter threshold (€ 400 instead of € 500) is the coordinator's to set.
    data = fund_data(owner, name="Uitvoeringsbudget sport", amount_cents="1",
                     approval_threshold_cents="400")  # fmt: skip
    assert coordinator_client.post(edit, data).status_code == 302
    municipal.refresh_from_db()
    assert municipal.name == "Uitvoeringsbudget sport"
    assert municipal.amount_cents == 1_000_000  # unchanged: only with a reason
    assert municipal.approval_threshold_cents == 40_000

    refused = coordinator_client.post(edit, fund_data(owner, name="", ends_on="2000-01-01"))
    assert refused.status_code == 400
    assert "Uitvoeringsbudget sport" in refused.text  # the heading keeps the saved name


# --- the amount ---------------------------------------------------------------------------------


def test_a_coordinator_changes_the_amount_with_a_reason(coordinator_client, desk, funds):
    municipal, _rabo = funds
    data = {"new_cents": "12.500", "reason": "Raadsbesluit"}
    response = coordinator_client.post(url("fund-amount", desk, municipal.pk), data)
    assert response.status_code == 302
    # The same change sent twice is recorded once.
    coordinator_client.post(url("fund-amount", desk, municipal.pk), data)
    municipal.refresh_from_db()
    assert municipal.amount_cents == 1_250_000
    assert list(FundAmountChange.objects.values_list("new_cents", "reason")) == [
        (1_250_000, "Raadsbesluit")
    ]
    page = coordinator_client.get(url("fund-detail", desk, municipal.pk)).text
    assert "Raadsbesluit" in page


def test_the_amount_never_goes_below_what_is_committed(coordinator_client, desk, funds, allocate):
    municipal, _rabo = funds
    allocate(municipal, 30_000)
    response = coordinator_client.post(
        url("fund-amount", desk, municipal.pk), {"new_cents": "100", "reason": "Bezuiniging"}
    )
    assert response.status_code == 400
    assert "new_cents" in response.context["amount_form"].errors
    assert "€\u00a0300,00" in response.context["amount_form"].errors["new_cents"][0]
    assert 'value="100"' in response.text and "Bezuiniging" in response.text
    municipal.refresh_from_db()
    assert municipal.amount_cents == 1_000_000 and not FundAmountChange.objects.exists()


def test_an_amount_change_needs_a_reason(coordinator_client, desk, funds):
    municipal, _rabo = funds
    response = coordinator_client.post(url("fund-amount", desk, municipal.pk), {"new_cents": "5"})
    assert response.status_code == 400
    assert "reason" in response.context["amount_form"].errors


@pytest.mark.parametrize(("role", "status"), [("representative", 403), ("supporter", 403),
                                              ("other_partner", 403), ("viewer", 403)])  # fmt: skip
def test_only_a_coordinator_changes_an_amount(request, client, desk, funds, role, status):
    municipal, _rabo = funds
    login(client, request.getfixturevalue(role))
    response = client.post(
        url("fund-amount", desk, municipal.pk), {"new_cents": "1", "reason": "Weg"}
    )
    assert response.status_code == status
    municipal.refresh_from_db()
    assert municipal.amount_cents == 1_000_000


# --- moving allocations -------------------------------------------------------------------------


def test_the_representative_approves_once(client, desk, representative, funds, allocate):
    municipal, _rabo = funds
    allocation = allocate(municipal, 60_000)
    login(client, representative)
    approve = url("allocation-approve", desk, allocation.pk)
    response = client.post(approve, {"note": "Akkoord", "back": "ledger", "page": "1"})
    assert response.status_code == 302
    assert response["Location"] == url("fund-detail", desk, municipal.pk) + "?page=1"
    assert client.post(approve, {"note": "Akkoord"}).status_code == 302  # a second click
    allocation.refresh_from_db()
    assert allocation.state == A.APPROVED
    approvals = AllocationChange.objects.filter(allocation=allocation, to_state=A.APPROVED)
    assert [(c.actor, c.note) for c in approvals] == [(representative, "Akkoord")]


def test_a_coordinator_cannot_approve_and_sees_why(coordinator_client, desk, funds, allocate):
    municipal, _rabo = funds
    allocation = allocate(municipal, 60_000)
    response = coordinator_client.post(url("allocation-approve", desk, allocation.pk), {})
    assert response.status_code == 400
    assert "Gemeente Alpha" in str(response.context["failed"]["form"].non_field_errors())
    assert 'role="alert"' in response.text
    allocation.refresh_from_db()
    assert allocation.state == A.PROPOSED


@pytest.mark.parametrize("role", ["other_partner", "supporter"])
def test_who_does_not_see_the_fund_gets_404_on_its_allocations(request, client, desk, funds,
                                                               allocate, role):  # fmt: skip
    allocation = allocate(funds[0], 60_000)
    login(client, request.getfixturevalue(role))
    for action in ("approve", "reject", "cancel", "pay"):
        response = client.post(url(f"allocation-{action}", desk, allocation.pk), {"note": "x"})
        assert response.status_code == 404
    allocation.refresh_from_db()
    assert allocation.state == A.PROPOSED


def test_a_viewer_is_refused_the_allocations(client, desk, viewer, funds, allocate):
    allocation = allocate(funds[0], 60_000)
    login(client, viewer)
    assert client.post(url("allocation-approve", desk, allocation.pk)).status_code == 403


def test_a_rejection_needs_a_reason_and_releases_the_money(client, desk, representative, funds,
                                                           allocate):  # fmt: skip
    municipal, _rabo = funds
    allocation = allocate(municipal, 60_000)
    login(client, representative)
    reject = url("allocation-reject", desk, allocation.pk)
    refused = client.post(reject, {"note": "  ", "back": "ledger"})
    assert refused.status_code == 400
    assert "note" in refused.context["failed"]["form"].errors
    assert f'id="id_reject_{allocation.pk}_note"' in refused.text
    assert client.post(reject, {"note": "Past niet bij ons fonds"}).status_code == 302
    allocation.refresh_from_db()
    municipal.refresh_from_db()
    assert allocation.state == A.REJECTED and municipal.committed_cents == 0


def test_the_coordinator_cancels_and_a_partner_cannot(client, desk, coordinator, representative,
                                                      funds, allocate):  # fmt: skip
    municipal, _rabo = funds
    allocation = allocate(municipal, 10_000)
    cancel = url("allocation-cancel", desk, allocation.pk)
    assert login(client, representative).post(cancel, {}).status_code == 400
    allocation.refresh_from_db()
    assert allocation.state == A.APPROVED
    assert login(client, coordinator).post(cancel, {"note": "Club stopt"}).status_code == 302
    assert client.post(cancel, {}).status_code == 302  # a second click changes nothing
    allocation.refresh_from_db()
    municipal.refresh_from_db()
    assert allocation.state == A.CANCELLED and municipal.committed_cents == 0
    assert AllocationChange.objects.filter(allocation=allocation, to_state=A.CANCELLED).count() == 1


def test_the_coordinator_records_what_was_really_paid(coordinator_client, desk, funds, allocate):
    municipal, _rabo = funds
    allocation = allocate(municipal, 10_000)
    pay = url("allocation-pay", desk, allocation.pk)
    too_much = coordinator_client.post(pay, {"paid_cents": "150", "note": "Factuur 12"})
    assert too_much.status_code == 400
    assert "paid_cents" in too_much.context["failed"]["form"].errors
    assert 'value="150"' in too_much.text and "Factuur 12" in too_much.text
    assert coordinator_client.post(pay, {"paid_cents": "80"}).status_code == 302
    assert coordinator_client.post(pay, {"paid_cents": "80"}).status_code == 302  # again: once
    allocation.refresh_from_db()
    municipal.refresh_from_db()
    assert (allocation.state, allocation.paid_cents) == (A.PAID, 8_000)
    assert (municipal.committed_cents, municipal.paid_cents) == (8_000, 8_000)
    assert AllocationChange.objects.filter(allocation=allocation, to_state=A.PAID).count() == 1
    other = coordinator_client.post(pay, {"paid_cents": "70"})
    assert other.status_code == 400  # a payment is recorded once


def test_an_empty_payment_is_refused(coordinator_client, desk, funds, allocate):
    allocation = allocate(funds[0], 10_000)
    response = coordinator_client.post(url("allocation-pay", desk, allocation.pk), {})
    assert response.status_code == 400
    allocation.refresh_from_db()
    assert allocation.state == A.APPROVED


def test_a_proposed_allocation_is_not_paid(coordinator_client, desk, funds, allocate):
    allocation = allocate(funds[0], 60_000)
    response = coordinator_client.post(url("allocation-pay", desk, allocation.pk),
                                       {"paid_cents": "10"})  # fmt: skip
    assert response.status_code == 400
    assert response.context["failed"]["form"].non_field_errors()


# --- the approvals page -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "count"),
    [("representative", 200, 1), ("other_partner", 200, 1), ("coordinator", 200, 0),
     ("supporter", 200, 0), ("viewer", 403, 0)],
)  # fmt: skip
def test_the_approvals_page_per_role(request, client, desk, funds, allocate, role, status, count):
    municipal, rabo = funds
    services.fund_update(fund=rabo, actor=request.getfixturevalue("coordinator"),
                         approval_threshold_cents=0)  # fmt: skip
    allocate(municipal, 60_000)
    allocate(rabo, 1_000)
    allocate(municipal, 1_000)  # within the threshold: approved at once
    response = login(client, request.getfixturevalue(role)).get(url("approvals", desk))
    assert response.status_code == status
    if status == 200:
        assert len(response.context["rows"]) == count


def test_approving_from_the_approvals_page_returns_there(client, desk, representative, funds,
                                                         allocate):  # fmt: skip
    allocation = allocate(funds[0], 60_000)
    login(client, representative)
    page = client.get(url("approvals", desk)).text
    assert url("allocation-approve", desk, allocation.pk) in page
    refused = client.post(url("allocation-reject", desk, allocation.pk), {"back": "approvals"})
    assert refused.status_code == 400
    assert refused.templates[0].name == "funds/approvals.html"
    done = client.post(url("allocation-approve", desk, allocation.pk), {"back": "approvals"})
    assert done["Location"] == url("approvals", desk)
    assert client.get(url("approvals", desk)).context["rows"] == []


def test_the_approvals_page_needs_the_same_queries_for_many(client, desk, representative, funds,
                                                            allocate):  # fmt: skip
    municipal, _rabo = funds
    login(client, representative)

    def add(n):
        for _ in range(n):
            allocate(municipal, 60_000)

    add(1)
    _first, second = assert_queries_do_not_grow(
        lambda: client.get(url("approvals", desk)), add, more=5, max_queries=20
    )
    assert len(second.context["rows"]) == 6


def test_a_partner_of_another_desk_sees_nothing_here(client, desk, other_desk, funds, allocate):
    allocation = allocate(funds[0], 60_000)
    stranger = MembershipFactory(loket=other_desk, partner=True).user
    login(client, stranger)
    assert client.get(url("approvals", desk)).status_code == 404
    assert client.get(url("fund-detail", desk, funds[0].pk)).status_code == 404
    assert client.post(url("allocation-approve", desk, allocation.pk)).status_code == 404


# --- money for a decision -----------------------------------------------------------------------


def test_a_coordinator_co_funds_a_decision_once(coordinator_client, desk, funds, new_decision):
    municipal, rabo = funds
    decision = new_decision(amount_cents=100_000)
    page = coordinator_client.get(url("decision-fund", desk, decision.pk))
    assert page.status_code == 200
    key = page.context["form"].initial["idempotency_key"]
    assert f'name="idempotency_key" value="{key}"' in page.text
    data = {
        "idempotency_key": key,
        f"fund_{municipal.pk}": "600",  # above the threshold of € 500: the owner approves
        f"fund_{rabo.pk}": "400",
    }
    first = coordinator_client.post(url("decision-fund", desk, decision.pk), data)
    assert first.status_code == 302
    again = coordinator_client.post(url("decision-fund", desk, decision.pk), data)
    assert again.status_code == 302  # a second click finds the first
    allocations = {a.fund: a for a in decision.allocations.all()}
    assert {f: (a.amount_cents, a.state) for f, a in allocations.items()} == {
        municipal: (60_000, A.PROPOSED),
        rabo: (40_000, A.APPROVED),
    }
    municipal.refresh_from_db()
    assert municipal.available_cents == 940_000
    ledger = coordinator_client.get(url("fund-detail", desk, municipal.pk)).text
    assert url("decision-fund", desk, decision.pk) in ledger


def test_money_a_fund_does_not_have_is_refused_with_what_was_typed(coordinator_client, desk,
                                                                   funds, new_decision):  # fmt: skip
    municipal, _rabo = funds
    decision = new_decision(amount_cents=5_000_000)
    data = {"idempotency_key": new_key(), f"fund_{municipal.pk}": "20.000"}
    response = coordinator_client.post(url("decision-fund", desk, decision.pk), data)
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert 'value="20.000"' in response.text
    assert not decision.allocations.exists()


def test_a_bad_amount_for_a_decision_is_refused_next_to_its_fund(coordinator_client, desk, funds,
                                                                 new_decision):  # fmt: skip
    municipal, _rabo = funds
    decision = new_decision()
    data = {"idempotency_key": new_key(), f"fund_{municipal.pk}": "twee"}
    response = coordinator_client.post(url("decision-fund", desk, decision.pk), data)
    assert response.status_code == 400
    assert f"fund_{municipal.pk}" in response.context["form"].errors
    empty = coordinator_client.post(url("decision-fund", desk, decision.pk), {})
    assert empty.status_code == 400 and empty.context["form"].non_field_errors()


@pytest.mark.parametrize("role", ["representative", "supporter", "other_partner", "viewer"])
def test_only_a_coordinator_commits_money_to_a_decision(request, client, desk, funds, new_decision,
                                                        role):  # fmt: skip
    municipal, _rabo = funds
    decision = new_decision()
    login(client, request.getfixturevalue(role))
    assert client.get(url("decision-fund", desk, decision.pk)).status_code == 403
    data = {"idempotency_key": new_key(), f"fund_{municipal.pk}": "10"}
    assert client.post(url("decision-fund", desk, decision.pk), data).status_code == 403
    assert not decision.allocations.exists()


# --- funds whose owner has nobody to approve ----------------------------------------------------


NO_APPROVER = 'id="no-approver"'


def test_the_ledger_warns_when_nobody_can_approve_above_the_threshold(
    request, coordinator_client, desk, funds, allocate
):
    municipal, rabo = funds  # the municipality has no representative at the desk (yet)
    waiting = allocate(municipal, 60_000)
    response = coordinator_client.get(url("fund-detail", desk, municipal.pk))
    assert response.context["lacks_approver"] is True
    warning = response.text[response.text.index(NO_APPROVER) :].split("</div>")[0]
    assert "Gemeente Alpha" in warning and "€\u00a0500,00" in warning
    # A fund without a threshold needs nobody.
    assert NO_APPROVER not in coordinator_client.get(url("fund-detail", desk, rabo.pk)).text
    # Once somebody represents the owner, the warning goes and they approve.
    representative = request.getfixturevalue("representative")
    assert NO_APPROVER not in coordinator_client.get(url("fund-detail", desk, municipal.pk)).text
    services.allocation_approve(allocation=waiting, actor=representative)


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


def test_the_funding_form_warns_about_a_fund_nobody_can_approve(
    request, coordinator_client, desk, funds, new_decision
):
    municipal, rabo = funds
    decision = new_decision()
    form = coordinator_client.get(url("decision-fund", desk, decision.pk)).context["form"]
    with translation.override("nl"):
        warning = translation.gettext(
            "Nobody at this desk represents %(owner)s: above %(threshold)s the money stays "
            "proposed until somebody does and approves it."
        ) % {"owner": "Gemeente Alpha", "threshold": rules.euros(50_000)}
    assert warning in form.fields[f"fund_{municipal.pk}"].help_text
    assert "Nobody" not in form.fields[f"fund_{rabo.pk}"].help_text
    assert warning not in form.fields[f"fund_{rabo.pk}"].help_text
    request.getfixturevalue("representative")
    form = coordinator_client.get(url("decision-fund", desk, decision.pk)).context["form"]
    assert warning not in form.fields[f"fund_{municipal.pk}"].help_text
