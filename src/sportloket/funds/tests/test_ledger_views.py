"""A fund's ledger for each role: who sees it, the moves each role may make there, its queries,
the history of its themes, its pages, and the warning when nobody can approve above the
coordinator's threshold."""

import pytest
from django.utils.html import escape

from sportloket.funds import services
from sportloket.funds.tests.pages import NO_APPROVER, login, url
from sportloket.testing.html import squashed
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


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
        assert "<dd>Vrijwilligers</dd>" in response.text  # the question's theme


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
    # The session, the user and the membership (3), the fund with its counts and its themes
    # (2), a page of allocations joined to their histories and their questions' themes (2),
    # the changes of the amount (1), and the fund's history for the coordinator: its entries
    # and the records they name (3). One to spare for the first page a process shows, which
    # also looks up the fund's content type (for its history) once.
    _first, second = assert_queries_do_not_grow(
        lambda: client.get(url("fund-detail", desk, municipal.pk)), add, more=6, max_queries=11
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
    history = squashed(response.text[response.text.index('id="history-title"') :])
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
