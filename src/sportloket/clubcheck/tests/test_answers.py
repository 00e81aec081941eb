"""A provider's answers: checked, changeable while the round is open, the register's member
count updated as a change by the provider, signals on the work list of the account holder with
the reason, a question made of an answer in one step."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from sportloket.clubcheck import services
from sportloket.clubcheck.constants import Finances, HelpTopic, QuestionKind
from sportloket.clubcheck.models import CheckAnswer, ExtraAnswer
from sportloket.clubcheck.tests.factories import (
    CheckInvitationFactory,
    CheckRoundFactory,
    ExtraQuestionFactory,
)
from sportloket.contacts.models import PlannedContact
from sportloket.contacts.tests.factories import AccountHolderFactory
from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests.constants import Channel
from sportloket.registry.models import ChangeStatus, ProviderChange

pytestmark = pytest.mark.django_db

CORE = {
    "members_youth": 80, "members_adult": 120, "members_senior": 12, "volunteers": 30,
    "board_vacancies": 0, "finances": Finances.HEALTHY, "facilities": "rented",
}  # fmt: skip


@pytest.fixture
def invitation(desk):
    return CheckInvitationFactory(round=CheckRoundFactory(loket=desk))


def submit(invitation, **changes):
    core = {**CORE, **changes.pop("core", {})}
    return services.answer_submit(
        invitation=invitation, by_name="Sanne Kuipers", by_email="sanne@club.example.org",
        core=core, **changes,
    )  # fmt: skip


def test_the_answer_updates_the_member_count_as_a_change_by_the_provider(invitation):
    submit(invitation)
    club = invitation.organisation
    club.refresh_from_db()
    assert club.member_count == 212
    change = ProviderChange.objects.get(organisation=club)
    assert change.status == ChangeStatus.APPLIED and change.submitted_by_name == "Sanne Kuipers"
    assert not PlannedContact.objects.exists()  # nothing to signal


def test_answers_can_change_while_open_and_not_after(invitation):
    submit(invitation, topics=[HelpTopic.MEMBERS])
    submit(invitation, core={"members_youth": 90}, topics=[])
    answer = CheckAnswer.objects.get()
    assert answer.members == 222 and not answer.topics.exists()
    with (
        freeze_time(invitation.round.closes_on + timedelta(days=1)),
        pytest.raises(ValidationError, match="niet open"),
    ):
        submit(invitation)


def test_bad_answers_are_refused_field_by_field(invitation):
    with pytest.raises(ValidationError) as refused:
        services.answer_submit(
            invitation=invitation, by_name=" ",
            core={**CORE, "members_youth": -1, "finances": "rich"}, topics=["yoga"],
        )  # fmt: skip
    assert set(refused.value.error_dict) == {"by_name", "members_youth", "finances", "topics"}
    assert not CheckAnswer.objects.exists()


def test_a_board_vacancy_puts_the_club_on_its_account_holders_work_list(desk, invitation):
    holder = MembershipFactory(loket=desk, supporter=True).user
    AccountHolderFactory(
        loket=desk, supporter=holder, organisation=invitation.organisation, municipality=None
    )
    submit(invitation, core={"board_vacancies": 2, "finances": Finances.TROUBLE},
           topics=[HelpTopic.VOLUNTEERS])  # fmt: skip
    plan = PlannedContact.objects.get()
    assert plan.supporter == holder and plan.due_on == timezone.localdate()
    with translation.override("nl"):
        assert plan.reason.startswith("bestuursvacature; financiële problemen; wil hulp")
    submit(invitation, core={"board_vacancies": 2})  # again: the reason is not repeated
    plan.refresh_from_db()
    assert plan.reason.count("bestuursvacature") == 1


def test_without_an_account_holder_the_coordinator_gets_the_signal(desk, coordinator, invitation):
    submit(invitation, core={"board_vacancies": 1})
    assert PlannedContact.objects.get().supporter == coordinator


def test_the_work_list_shows_the_reason(desk, coordinator, coordinator_client, invitation):
    submit(invitation, core={"board_vacancies": 1})
    page = coordinator_client.get(reverse("contacts:work-list", args=[desk.slug]))
    text = page.content.decode()
    assert invitation.organisation.name in text
    assert "bestuursvacature" in text


def test_answers_to_the_desks_own_questions_are_checked_and_kept(invitation):
    yes_no = ExtraQuestionFactory(round=invitation.round, kind=QuestionKind.YESNO)
    several = ExtraQuestionFactory(
        round=invitation.round, kind=QuestionKind.MULTIPLE, choices="Zwemmen\nJudo\nTennis"
    )
    number = ExtraQuestionFactory(round=invitation.round, kind=QuestionKind.NUMBER)
    with pytest.raises(ValidationError) as refused:
        submit(invitation, extras={yes_no.pk: "misschien", number.pk: "veel"})
    assert set(refused.value.error_dict) == {f"extra_{yes_no.pk}", f"extra_{number.pk}"}
    submit(invitation, extras={yes_no.pk: "yes", several.pk: ["Tennis", "Judo"], number.pk: "3.5"})
    stored = {e.question_id: e for e in ExtraAnswer.objects.all()}
    assert stored[yes_no.pk].choices == ["yes"]
    assert stored[several.pk].choices == ["Judo", "Tennis"]  # in the question's order
    assert str(stored[number.pk].number) == "3.50"


def test_a_question_is_made_of_an_answer_once(desk, coordinator, invitation):
    answer = submit(invitation, core={"board_vacancies": 1},
                    topics=[HelpTopic.FINANCES])  # fmt: skip
    question = services.answer_to_question(answer=answer, actor=coordinator)
    assert question.channel == Channel.CLUB_CHECK and question.organisation == answer.organisation
    assert question.loket == desk and str(answer.round.year) in question.question
    with pytest.raises(ValidationError, match="al een vraag"):
        services.answer_to_question(answer=answer, actor=coordinator)
