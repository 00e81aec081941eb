"""Setting up a club check: one a year, at most ten questions of the desk's own (fixed once
answered), every provider of the work area invited once by e-mail with its private link,
reminders to those who did not answer."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from sportloket.clubcheck import services
from sportloket.clubcheck.constants import MAX_EXTRA_QUESTIONS, QuestionKind
from sportloket.clubcheck.models import CheckInvitation
from sportloket.clubcheck.tests.factories import (
    CheckAnswerFactory,
    CheckInvitationFactory,
    CheckRoundFactory,
)
from sportloket.registry.tests.factories import OrganisationFactory, PersonRoleFactory

pytestmark = pytest.mark.django_db


def test_one_round_a_year_and_only_by_a_coordinator(desk, coordinator, supporter):
    today = timezone.localdate()
    services.round_create(loket=desk, actor=coordinator, year=2026, opens_on=today, closes_on=today)
    with pytest.raises(ValidationError, match="al een verenigingsmonitor"):
        services.round_create(
            loket=desk, actor=coordinator, year=2026, opens_on=today, closes_on=today
        )
    with pytest.raises(PermissionDenied):
        services.round_create(
            loket=desk, actor=supporter, year=2027, opens_on=today, closes_on=today
        )
    with pytest.raises(ValidationError, match="niet sluiten"):
        services.round_create(
            loket=desk, actor=coordinator, year=2028, opens_on=today, closes_on=today - timedelta(1)
        )


def test_at_most_ten_own_questions_fixed_once_answered(desk, coordinator):
    round = CheckRoundFactory(loket=desk)
    with pytest.raises(ValidationError) as refused:
        services.extra_question_add(
            round=round, actor=coordinator, text="Welke sport?", kind=QuestionKind.CHOICE,
            choices="Voetbal",
        )  # fmt: skip
    assert "choices" in refused.value.error_dict
    for n in range(MAX_EXTRA_QUESTIONS):
        services.extra_question_add(
            round=round, actor=coordinator, text=f"Vraag {n}", kind=QuestionKind.NUMBER,
            choices="genegeerd",
        )  # fmt: skip
    assert round.extra_questions.get(text="Vraag 0").choices == ""  # only for choices
    with pytest.raises(ValidationError, match="hoogstens 10"):
        services.extra_question_add(
            round=round, actor=coordinator, text="Nog een", kind=QuestionKind.TEXT
        )
    CheckAnswerFactory(invitation=CheckInvitationFactory(round=round))
    with pytest.raises(ValidationError, match="al aanbieders"):
        services.extra_question_remove(question=round.extra_questions.first(), actor=coordinator)


def test_every_provider_of_the_work_area_is_invited_once(desk, coordinator):
    clubs = [OrganisationFactory.for_desk(desk) for _ in range(3)]
    OrganisationFactory.for_desk(desk, kind="municipality")  # not a provider
    PersonRoleFactory(organisation=clubs[0], loket=desk, person__email="a@club.example.org")
    PersonRoleFactory(organisation=clubs[0], loket=desk, person__email="b@club.example.org")
    clubs[1].email = "info@club1.example.org"
    clubs[1].save()
    round = CheckRoundFactory(loket=desk)
    assert services.round_invite(round=round, actor=coordinator) == 3
    assert set(CheckInvitation.objects.values_list("organisation_id", flat=True)) == {
        c.pk for c in clubs
    }
    assert sorted(sorted(m.to) for m in mail.outbox) == [
        ["a@club.example.org", "b@club.example.org"],
        ["info@club1.example.org"],
    ]  # the third has no address
    token = CheckInvitation.objects.get(organisation=clubs[0]).token
    assert f"/mijn/check/{token}/" in next(m.body for m in mail.outbox if "a@" in m.to[0])
    # Again: only providers added since.
    late = OrganisationFactory.for_desk(desk)
    assert services.round_invite(round=round, actor=coordinator) == 1
    assert CheckInvitation.objects.filter(organisation=late).exists()


def test_reminders_go_to_those_who_did_not_answer_twice_at_most(desk, coordinator):
    round = CheckRoundFactory(
        loket=desk, opens_on=timezone.localdate(), closes_on=timezone.localdate() + timedelta(60)
    )
    silent = CheckInvitationFactory(round=round)
    PersonRoleFactory(organisation=silent.organisation, loket=desk, person__email="s@x.example.org")
    answered = CheckInvitationFactory(round=round)
    PersonRoleFactory(
        organisation=answered.organisation, loket=desk, person__email="a@x.example.org"
    )
    CheckAnswerFactory(invitation=answered)
    start = timezone.now()
    assert services.remind_unanswered(on=start + timedelta(days=13)) == 0
    assert services.remind_unanswered(on=start + timedelta(days=15)) == 1
    assert services.remind_unanswered(on=start + timedelta(days=16)) == 0  # idempotent
    assert [m.to for m in mail.outbox] == [["s@x.example.org"]]
    assert services.remind_unanswered(on=start + timedelta(days=30)) == 1
    assert services.remind_unanswered(on=start + timedelta(days=50)) == 0  # two at most
    silent.refresh_from_db()
    assert silent.reminders == 2


def test_no_invitations_after_the_round_closed(desk, coordinator):
    round = CheckRoundFactory(loket=desk)
    with (
        freeze_time(round.closes_on + timedelta(days=1)),
        pytest.raises(ValidationError, match="gesloten"),
    ):
        services.round_invite(round=round, actor=coordinator)


def test_the_daily_command_reminds(desk):
    round = CheckRoundFactory(loket=desk)
    invitation = CheckInvitationFactory(round=round, invited_at=timezone.now() - timedelta(days=15))
    PersonRoleFactory(
        organisation=invitation.organisation, loket=desk, person__email="c@x.example.org"
    )
    call_command("send_club_check_reminders")
    call_command("send_club_check_reminders")
    assert [m.to for m in mail.outbox] == [["c@x.example.org"]]
