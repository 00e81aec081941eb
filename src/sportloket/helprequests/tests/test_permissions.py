"""Who may do what with a question: coordinators everything, supporters what is assigned to
them (and notes and assigning themselves), partners and viewers nothing."""

import pytest

from sportloket.core.constants import Role
from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests import permissions, services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.tests.factories import submit_request as submit

pytestmark = pytest.mark.django_db


def allowed(membership, question):
    return {a for a, ok in permissions.allowed_actions(membership, question).items() if ok}


def test_a_coordinator_may_take_every_action(desk, coordinator):
    question = submit(desk)
    membership = coordinator.memberships.get(loket=desk)
    assert allowed(membership, question) == set(permissions.ACTIONS)
    assert [value for value, _label in permissions.move_choices(membership, question)] == [
        S.TRIAGE, S.REFERRED, S.REJECTED, S.WITHDRAWN,
    ]  # fmt: skip


def test_a_supporter_works_on_what_is_assigned_to_them(desk, coordinator):
    question = submit(desk)
    supporter = MembershipFactory(loket=desk, supporter=True)
    colleague = MembershipFactory(loket=desk, supporter=True)
    assert allowed(supporter, question) == {"move", "note", "assign"}
    assert permissions.move_choices(supporter, question) == []
    assert list(permissions.assignable_members(supporter)) == [supporter]
    for state in (S.TRIAGE, S.MATCHED):
        question = services.request_move(help_request=question, to_state=state, actor=coordinator)
    services.request_assign(help_request=question, membership=supporter, actor=coordinator)
    assert allowed(supporter, question) == {"move", "note", "assign", "message"}
    assert allowed(colleague, question) == {"move", "note", "assign"}
    assert {value for value, _label in permissions.move_choices(supporter, question)} == {
        S.IN_PROGRESS, S.ON_HOLD,
    }  # fmt: skip


@pytest.mark.parametrize("trait", [{"partner": True}, {"role": Role.VIEWER}])
def test_partners_and_viewers_take_no_action(desk, trait):
    question = submit(desk)
    member = MembershipFactory(loket=desk, **trait)
    assert allowed(member, question) == set()
    assert permissions.move_choices(member, question) == []
