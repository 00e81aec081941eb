"""The moves of an allocation from the ledger: approve (the owner's representative, once),
reject (with a reason), cancel and pay (the coordinator); a refusal is shown next to its form,
and who does not see the fund gets a 404."""

import pytest

from sportloket.funds.constants import AllocationState as A
from sportloket.funds.models import AllocationChange
from sportloket.funds.tests.pages import login, url

pytestmark = pytest.mark.django_db


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
