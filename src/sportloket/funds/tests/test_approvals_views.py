"""The approvals waiting for a partner: who sees which, moving an allocation from there returns
there, its queries, and nothing for a partner of another desk."""

import pytest

from sportloket.core.tests.factories import MembershipFactory
from sportloket.funds import services
from sportloket.funds.tests.pages import login, url
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


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
    # The page it came from (the rows' blank forms are rendered before the page's template).
    shown = {template.name for template in refused.templates}
    assert "funds/approvals.html" in shown and "funds/ledger.html" not in shown
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
