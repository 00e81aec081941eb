from itertools import pairwise

import pytest

from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.workflow import (
    NOTE_REQUIRED,
    PROVIDER_MOVES,
    REOPEN_MOVES,
    TRANSITIONS,
    TransitionRefused,
    check_reopen,
    check_resume,
    check_transition,
    is_reopening,
    note_for_provider,
)

ALL_PAIRS = [(a, b) for a in S.values for b in S.values]


def test_the_table_names_every_state():
    assert set(TRANSITIONS) == set(S.values)


@pytest.mark.parametrize(("from_state", "to_state"), ALL_PAIRS)
def test_every_move_outside_the_table_is_refused(from_state, to_state):
    by_provider = to_state in PROVIDER_MOVES
    note = "omdat" if to_state in NOTE_REQUIRED or is_reopening(from_state, to_state) else ""
    if to_state in TRANSITIONS[from_state]:
        if to_state == S.EVALUATED:
            check_transition(from_state, to_state, by_provider=True, note=note)
        else:
            check_transition(from_state, to_state, by_provider=False, note=note)
    else:
        with pytest.raises(TransitionRefused) as error:
            check_transition(from_state, to_state, by_provider=by_provider, note=note)
        assert "kan niet" in error.value.messages[0]


def test_the_happy_path_is_allowed_in_order():
    path = [S.SUBMITTED, S.TRIAGE, S.MATCHED, S.IN_PROGRESS, S.COMPLETED]
    for from_state, to_state in pairwise(path):
        check_transition(from_state, to_state, by_provider=False, note="")
    check_transition(S.COMPLETED, S.EVALUATED, by_provider=True, note="")


def test_closed_requests_go_nowhere_but_a_rejection_may_be_reopened():
    for state in (S.EVALUATED, S.REFERRED, S.WITHDRAWN):
        assert TRANSITIONS[state] == frozenset()
    assert TRANSITIONS[S.REJECTED] == frozenset({S.TRIAGE})


def test_reopening_is_a_coordinators_move_with_a_reason():
    assert {(S.COMPLETED, S.IN_PROGRESS), (S.REJECTED, S.TRIAGE)} == REOPEN_MOVES
    for from_state, to_state in REOPEN_MOVES:
        assert to_state in TRANSITIONS[from_state]
        assert note_for_provider(from_state, to_state)
        with pytest.raises(TransitionRefused):
            check_transition(from_state, to_state, by_provider=False, note=" ")
        check_transition(from_state, to_state, by_provider=False, note="omdat")
        check_reopen(from_state, to_state, by_coordinator=True)
        with pytest.raises(TransitionRefused) as error:
            check_reopen(from_state, to_state, by_coordinator=False)
        assert error.value.messages == ["Alleen een coördinator heropent een vraag."]
    # The same states reached by an ordinary move keep their notes for the desk.
    assert not note_for_provider(S.MATCHED, S.IN_PROGRESS)
    assert not note_for_provider(S.SUBMITTED, S.TRIAGE)


def test_a_rejection_needs_a_reason_for_the_provider():
    with pytest.raises(TransitionRefused) as error:
        check_transition(S.TRIAGE, S.REJECTED, by_provider=False, note="  ")
    assert error.value.messages == ["Geef een reden; de sportaanbieder leest die."]


def test_the_provider_may_only_withdraw_or_evaluate():
    with pytest.raises(TransitionRefused):
        check_transition(S.SUBMITTED, S.TRIAGE, by_provider=True, note="")
    check_transition(S.TRIAGE, S.WITHDRAWN, by_provider=True, note="")
    with pytest.raises(TransitionRefused):
        check_transition(S.COMPLETED, S.EVALUATED, by_provider=False, note="")


def test_on_hold_resumes_where_it_paused():
    check_resume(S.MATCHED, S.MATCHED)
    check_resume(S.MATCHED, S.WITHDRAWN)
    with pytest.raises(TransitionRefused):
        check_resume(S.MATCHED, S.IN_PROGRESS)
