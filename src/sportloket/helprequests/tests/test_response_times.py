"""Response times in working days: the deadlines, what the desk's first answer and decision
took, pauses left out, and the overdue filter. Fixed dates (November 2026: Mon 2 … Fri 6,
Mon 9; Christmas on Friday 25 and Saturday 26 December)."""

from datetime import date

import pytest
from freezegun import freeze_time

from sportloket.helprequests import services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.tests.factories import submit_request

pytestmark = pytest.mark.django_db


def move(question, to_state, actor, note=""):
    return services.request_move(help_request=question, to_state=to_state, actor=actor, note=note)


def test_submission_sets_both_deadlines_in_working_days(desk):
    desk.first_response_days, desk.resolution_days = 3, 10
    desk.save()
    with freeze_time("2026-11-06 16:00"):  # a Friday
        question = submit_request(desk)
    assert question.respond_by == date(2026, 11, 11)  # Mon, Tue, Wed
    assert question.decide_by == date(2026, 11, 20)
    assert question.first_response_at is None and question.decided_at is None


def test_deadlines_skip_christmas(desk):
    desk.first_response_days = 3
    desk.save()
    with freeze_time("2026-12-23 10:00"):  # Wednesday before Christmas
        question = submit_request(desk)
    # Thu 24; Fri 25 and Sat 26 are holidays or weekend; Mon 28, Tue 29.
    assert question.respond_by == date(2026, 12, 29)


def test_the_first_desk_move_is_the_first_response(desk, coordinator):
    with freeze_time("2026-11-06 16:00"):
        question = submit_request(desk)
    with freeze_time("2026-11-10 09:00"):
        question = move(question, S.TRIAGE, coordinator)
    assert question.first_response_at.date() == date(2026, 11, 10)
    assert question.first_response_days == 2  # Monday and Tuesday
    assert question.decided_at is None


def test_a_message_before_any_move_is_the_first_response(desk, coordinator):
    with freeze_time("2026-11-02 10:00"):
        question = submit_request(desk)
    with freeze_time("2026-11-03 10:00"):
        services.message_send(help_request=question, actor=coordinator, body="We bellen u morgen.")
    with freeze_time("2026-11-05 10:00"):
        move(question, S.TRIAGE, coordinator)
    question.refresh_from_db()
    assert question.first_response_days == 1


def test_the_providers_own_message_is_not_a_response(desk):
    with freeze_time("2026-11-02 10:00"):
        question = submit_request(desk)
        services.message_from_provider(help_request=question, body="Nog een aanvulling.")
    question.refresh_from_db()
    assert question.first_response_at is None


@pytest.mark.parametrize("decision", [S.MATCHED, S.REJECTED, S.REFERRED])
def test_choosing_rejecting_or_referring_is_the_decision(desk, coordinator, decision):
    with freeze_time("2026-11-02 10:00"):
        question = submit_request(desk)
        question = move(question, S.TRIAGE, coordinator)
    with freeze_time("2026-11-12 10:00"):
        question = services.request_move(
            help_request=question, to_state=decision, actor=coordinator, note="Reden",
            referred_to="Sportloket Zeist",
        )  # fmt: skip
    assert question.decided_at.date() == date(2026, 11, 12)
    assert question.decision_days == 8


def test_a_pause_is_left_out_and_moves_the_deadline_on(desk, coordinator):
    desk.resolution_days = 10
    desk.save()
    with freeze_time("2026-11-02 10:00"):  # Monday
        question = submit_request(desk)
        question = move(question, S.TRIAGE, coordinator)
    assert question.decide_by == date(2026, 11, 16)
    with freeze_time("2026-11-04 10:00"):  # Wednesday
        question = move(question, S.ON_HOLD, coordinator, note="Wacht op de jaarcijfers")
    with freeze_time("2026-11-11 10:00"):  # Wednesday a week later: 5 working days paused
        question = move(question, S.TRIAGE, coordinator)
        assert question.decide_by == date(2026, 11, 23)
    with freeze_time("2026-11-13 10:00"):
        question = move(question, S.MATCHED, coordinator)
    # Tue 3 and then Wed 11 (work resumed), Thu 12, Fri 13: 4 working days, not 9.
    assert question.decision_days == 4


def test_overdue_means_past_a_target_and_not_on_hold(desk, coordinator):
    desk.first_response_days, desk.resolution_days = 2, 5
    desk.save()
    with freeze_time("2026-11-02 10:00"):
        silent = submit_request(desk)
        answered = move(submit_request(desk), S.TRIAGE, coordinator)
        paused = move(move(submit_request(desk), S.TRIAGE, coordinator), S.ON_HOLD, coordinator,
                      note="Wacht")  # fmt: skip
        decided = move(move(submit_request(desk), S.TRIAGE, coordinator), S.MATCHED, coordinator)
        rejected = move(submit_request(desk), S.REJECTED, coordinator, note="Geen sportaanbieder")
    overdue = HelpRequest.objects.overdue

    assert set(overdue(today=date(2026, 11, 4))) == set()  # respond by Wed 4: not yet late
    assert set(overdue(today=date(2026, 11, 5))) == {silent}
    # Decide by Mon 9: on Tuesday the answered one is late as well; paused, decided and
    # rejected ones never are.
    assert set(overdue(today=date(2026, 11, 10))) == {silent, answered}
    # Decided and rejected ones stay off the list; a paused one returns once it resumes, its
    # deadline moved on by the working days it was paused (Tue 3 to Mon 9: 5 days, so Mon 16
    # instead of Mon 9).
    with freeze_time("2026-11-10 10:00"):
        resumed = move(paused, S.TRIAGE, coordinator)
    assert resumed.decide_by == date(2026, 11, 16)
    assert resumed not in set(overdue(today=date(2026, 11, 16)))
    assert set(overdue(today=date(2026, 11, 17))) == {silent, answered, resumed}
    assert decided not in overdue(today=date(2026, 12, 31))
    assert rejected not in overdue(today=date(2026, 12, 31))


def test_refresh_rebuilds_every_field_from_the_history(desk, coordinator):
    with freeze_time("2026-11-02 10:00"):
        question = submit_request(desk)
    with freeze_time("2026-11-04 10:00"):
        question = move(move(question, S.TRIAGE, coordinator), S.MATCHED, coordinator)
    HelpRequest.objects.filter(pk=question.pk).update(
        first_response_at=None, first_response_days=None, decided_at=None, decision_days=None,
        respond_by=None, decide_by=None,
    )  # fmt: skip
    question.refresh_from_db()
    with freeze_time("2026-11-20 10:00"):
        services.response_times_refresh(help_request=question)
    question.refresh_from_db()
    assert (question.first_response_days, question.decision_days) == (2, 2)
    assert question.respond_by == date(2026, 11, 5)
