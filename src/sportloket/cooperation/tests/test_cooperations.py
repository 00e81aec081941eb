"""The cooperation's services: parties from the register, statuses by the workflow's table with
history, links to the desk's own records only."""

import pytest
from django.core.exceptions import ValidationError

from sportloket.cooperation import services
from sportloket.cooperation.constants import CooperationKind, CooperationStatus
from sportloket.cooperation.models import StatusChange
from sportloket.cooperation.tests.factories import CooperationFactory
from sportloket.core.tests.factories import ThemeFactory
from sportloket.decisions.tests.factories import DecisionFactory
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.meetings.tests.factories import MeetingFactory
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

FIELDS = {"title": "Samen één trainerspool", "kind": CooperationKind.VOLUNTEER_POOL,
          "goal": "Trainers delen tussen de clubs."}  # fmt: skip


def test_a_cooperation_is_recorded_with_its_parties_and_their_roles(desk, coordinator):
    a, b = OrganisationFactory.for_desk(desk), OrganisationFactory.for_desk(desk)
    theme = ThemeFactory(loket=desk)
    cooperation = services.cooperation_create(
        loket=desk, actor=coordinator, parties=[(a, "levert de hal"), b], themes=[theme], **FIELDS
    )
    roles = {p.organisation_id: p.role for p in cooperation.parties.all()}
    assert roles == {a.pk: "levert de hal", b.pk: ""}
    assert list(cooperation.themes.all()) == [theme]
    assert cooperation.status == CooperationStatus.IDEA
    (change,) = StatusChange.objects.filter(cooperation=cooperation)
    assert (change.from_status, change.to_status, change.actor) == ("", "idea", coordinator)


def test_a_cooperation_needs_two_parties_of_the_register(desk, other_desk, coordinator):
    a = OrganisationFactory.for_desk(desk)
    with pytest.raises(ValidationError) as one:
        services.cooperation_create(loket=desk, actor=coordinator, parties=[a, a], **FIELDS)
    assert "parties" in one.value.error_dict
    elsewhere = OrganisationFactory.for_desk(other_desk)
    with pytest.raises(ValidationError) as other:
        services.cooperation_create(loket=desk, actor=coordinator, parties=[a, elsewhere], **FIELDS)
    assert "parties" in other.value.error_dict


def test_title_kind_goal_and_desk_themes_are_checked(desk, other_desk, coordinator):
    parties = [OrganisationFactory.for_desk(desk), OrganisationFactory.for_desk(desk)]
    with pytest.raises(ValidationError) as error:
        services.cooperation_create(
            loket=desk,
            actor=coordinator,
            parties=parties,
            themes=[ThemeFactory(loket=other_desk)],
            title=" ",
            kind="nope",
            goal="",
        )
    assert set(error.value.error_dict) == {"title", "kind", "goal", "themes"}


def test_ending_needs_the_outcome_and_taking_up_again_a_reason(desk, coordinator):
    cooperation = CooperationFactory.for_desk(desk)
    with pytest.raises(ValidationError) as no_outcome:
        services.status_change(cooperation=cooperation, actor=coordinator, to_status="ended")
    assert "outcome" in no_outcome.value.error_dict
    running = services.status_change(
        cooperation=cooperation, actor=coordinator, to_status="running"
    )
    assert running.start_on is not None  # the day it started running
    ended = services.status_change(
        cooperation=cooperation, actor=coordinator, to_status="ended", outcome="Hal gedeeld."
    )
    assert ended.outcome == "Hal gedeeld."
    with pytest.raises(ValidationError) as no_reason:
        services.status_change(cooperation=cooperation, actor=coordinator, to_status="running")
    assert "note" in no_reason.value.error_dict
    services.status_change(
        cooperation=cooperation, actor=coordinator, to_status="running", note="Nieuw seizoen."
    )
    moves = list(cooperation.status_changes.values_list("from_status", "to_status"))
    assert moves == [("idea", "running"), ("running", "ended"), ("ended", "running")]


def test_a_running_cooperation_cannot_go_back_to_an_idea(desk, coordinator):
    cooperation = CooperationFactory.for_desk(desk, status=CooperationStatus.RUNNING)
    with pytest.raises(ValidationError) as error:
        services.status_change(cooperation=cooperation, actor=coordinator, to_status="idea")
    assert "status" in error.value.error_dict


def test_parties_are_added_once_and_at_least_two_stay(desk, coordinator):
    cooperation = CooperationFactory.for_desk(desk)
    first = cooperation.parties.first()
    with pytest.raises(ValidationError):
        services.party_remove(party=first, actor=coordinator)
    third = OrganisationFactory.for_desk(desk)
    services.party_add(
        cooperation=cooperation, actor=coordinator, organisation=third, role="school"
    )
    with pytest.raises(ValidationError):
        services.party_add(cooperation=cooperation, actor=coordinator, organisation=third)
    services.party_remove(party=first, actor=coordinator)
    assert cooperation.parties.count() == 2


def test_links_are_to_the_desks_own_questions_meetings_and_decisions(desk, other_desk, coordinator):
    cooperation = CooperationFactory.for_desk(desk)
    question = HelpRequestFactory(loket=desk)
    meeting = MeetingFactory(loket=desk)
    decision = DecisionFactory(loket=desk, help_request=question)
    services.links_set(
        cooperation=cooperation,
        actor=coordinator,
        help_requests=[question],
        meetings=[meeting],
        decisions=[decision],
    )
    assert list(cooperation.help_requests.all()) == [question]
    assert list(cooperation.decisions.all()) == [decision]
    with pytest.raises(ValidationError) as error:
        services.links_set(
            cooperation=cooperation,
            actor=coordinator,
            help_requests=[HelpRequestFactory(loket=other_desk)],
            meetings=[MeetingFactory(loket=other_desk)],
        )
    assert set(error.value.error_dict) == {"help_requests", "meetings"}
    assert list(cooperation.meetings.all()) == [meeting]  # nothing changed
