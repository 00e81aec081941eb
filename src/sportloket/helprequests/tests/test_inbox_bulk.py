"""Acting on the questions ticked in the inbox: assign, move, add a theme. Each question goes
through its own service; what is refused is reported per question with the reason, the rest
is done, and each question gets its own history."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from freezegun import freeze_time

from sportloket.core import services as core_services
from sportloket.core.tests.factories import MembershipFactory, ThemeFactory
from sportloket.helprequests import services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.services.bulk import BULK_LIMIT
from sportloket.helprequests.tests.factories import submit_request as submit
from sportloket.quality import services as quality_services
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db


@pytest.fixture
def sanne(desk):
    return MembershipFactory(loket=desk, supporter=True, user__full_name="Sanne de Vries")


def bulk_url(desk, query=""):
    url = reverse("helprequests:inbox-bulk", args=[desk.slug])
    return f"{url}?{query}" if query else url


def post_bulk(client, desk, questions, action, query="", **fields):
    data = {"bulk-requests": [q.pk for q in questions], "bulk-action": action}
    data.update({f"bulk-{name}": value for name, value in fields.items()})
    return client.post(bulk_url(desk, query), data)


def entries(question):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(HelpRequest), object_pk=str(question.pk)
    )


# --- the services ---------------------------------------------------------------------------


def test_bulk_assign_assigns_each_question_with_its_actor(desk, coordinator, sanne):
    questions = [submit(desk), submit(desk)]
    outcome = services.requests_assign(help_requests=questions, membership=sanne, actor=coordinator)
    assert outcome.done == questions and outcome.refused == []
    for question in questions:
        assignment = question.assignments.get()
        assert (assignment.supporter, assignment.assigned_by) == (sanne.user, coordinator)


@freeze_time("2026-03-02")
def test_bulk_assign_reports_each_question_the_quality_rule_refuses(desk, coordinator, sanne):
    quality_services.rule_save(loket=desk, groups=[[("vog", None, "")]], actor=coordinator)
    questions = [submit(desk), submit(desk)]
    outcome = services.requests_assign(help_requests=questions, membership=sanne, actor=coordinator)
    assert outcome.done == []
    assert [q for q, _reason in outcome.refused] == questions
    assert "Sanne de Vries voldoet niet aan de kwaliteitsregel" in outcome.refused[0][1]
    assert not questions[0].assignments.exists()


def busy(desk, coordinator, **fields):
    """A question in progress: it cannot go back to triage."""
    question = submit(desk, **fields)
    for state in (S.TRIAGE, S.MATCHED, S.IN_PROGRESS):
        question = services.request_move(help_request=question, to_state=state, actor=coordinator)
    return question


def test_bulk_move_moves_what_the_workflow_allows_and_reports_the_rest(
    desk, coordinator, django_capture_on_commit_callbacks
):
    waiting, in_progress = submit(desk), busy(desk, coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.requests_move(
            help_requests=[waiting, in_progress], to_state=S.TRIAGE, actor=coordinator
        )
    assert outcome.done == [waiting]
    assert outcome.refused == [
        (
            in_progress,
            "Een hulpvraag met status 'In uitvoering' kan niet naar 'In behandeling genomen'.",
        )
    ]
    waiting.refresh_from_db()
    in_progress.refresh_from_db()
    assert (waiting.state, in_progress.state) == (S.TRIAGE, S.IN_PROGRESS)
    assert waiting.state_changes.last().actor == coordinator
    assert entries(waiting).filter(actor=coordinator).count() == 1
    assert [m.to for m in mail.outbox] == [[waiting.contact_email]]  # the provider is told


def test_a_bulk_move_that_needs_a_note_refuses_without_one(desk, coordinator):
    question = submit(desk)
    outcome = services.requests_move(
        help_requests=[question], to_state=S.REJECTED, actor=coordinator
    )
    assert outcome.done == [] and "Geef een reden" in outcome.refused[0][1]
    outcome = services.requests_move(
        help_requests=[question], to_state=S.REJECTED, actor=coordinator, note="Buiten werkgebied"
    )
    assert outcome.done == [question]


def test_adding_a_theme_keeps_the_themes_a_question_has(desk, coordinator):
    core_services.themes_prefill(loket=desk, actor=None)
    finances, volunteers = desk.themes.get(name="Financiën"), desk.themes.get(name="Vrijwilligers")
    question = submit(desk, themes=[volunteers])
    services.request_theme_add(help_request=question, theme=finances, actor=coordinator)
    assert set(question.themes.all()) == {finances, volunteers}
    assert entries(question).filter(actor=coordinator).count() == 1
    with pytest.raises(ValidationError, match="heeft dit thema al"):
        services.request_theme_add(help_request=question, theme=finances, actor=coordinator)


def test_only_a_theme_of_the_desk_in_use_is_added(desk, other_desk, coordinator):
    question = submit(desk)
    with pytest.raises(ValidationError, match="thema van dit loket"):
        services.request_theme_add(
            help_request=question, theme=ThemeFactory(loket=other_desk), actor=coordinator
        )
    with pytest.raises(ValidationError, match="niet meer in gebruik"):
        services.request_theme_add(
            help_request=question,
            theme=ThemeFactory(loket=desk, is_active=False),
            actor=coordinator,
        )
    assert not question.themes.exists()


def test_a_bulk_action_takes_at_most_the_limit(desk, coordinator, sanne):
    question = submit(desk)
    with pytest.raises(ValidationError, match=f"hoogstens {BULK_LIMIT}"):
        services.requests_assign(
            help_requests=[question] * (BULK_LIMIT + 1), membership=sanne, actor=coordinator
        )


# --- the inbox's form -----------------------------------------------------------------------


def test_a_coordinator_assigns_the_ticked_questions_and_reads_the_outcome(
    coordinator_client, desk, sanne
):
    ticked, other = submit(desk), submit(desk)
    response = post_bulk(
        coordinator_client, desk, [ticked], "assign", "sort=newest", member=sanne.pk
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("helprequests:inbox", args=[desk.slug]) + "?sort=newest"
    assert ticked.assignments.get().supporter == sanne.user
    assert not other.assignments.exists()
    page = coordinator_client.get(response["Location"]).text
    assert "1 vraag toegewezen aan Sanne de Vries." in page


def test_the_outcome_lists_the_questions_refused_and_why(coordinator_client, desk, coordinator):
    waiting = submit(desk, organisation_name="VV Wachtend")
    in_progress = busy(desk, coordinator, organisation_name="HC Bezig")
    response = post_bulk(
        coordinator_client, desk, [waiting, in_progress], "move", to_state=S.TRIAGE
    )
    page = coordinator_client.get(response["Location"]).text
    assert "1 vraag staat nu op “In behandeling genomen”." in page
    assert (
        "1 vraag is niet gewijzigd. HC Bezig: Hoe vinden we meer vrijwilligers voor de jeugd?: "
        "Een hulpvraag met status &#x27;In uitvoering&#x27; kan niet naar"
    ) in page
    waiting.refresh_from_db()
    in_progress.refresh_from_db()
    assert (waiting.state, in_progress.state) == (S.TRIAGE, S.IN_PROGRESS)


def test_a_move_that_needs_a_note_asks_for_one_and_keeps_the_ticks(coordinator_client, desk):
    first, second = submit(desk), submit(desk)
    response = post_bulk(coordinator_client, desk, [first, second], "move", to_state=S.REJECTED)
    assert response.status_code == 400
    page = squashed(response.text)
    assert "Geef een reden; de sportaanbieder leest die." in page
    assert f'value="{first.pk}" id="bulk-requests-{first.pk}" form="inbox-bulk" checked>' in page
    assert '<option value="rejected" selected>' in page
    first.refresh_from_db()
    assert first.state == S.SUBMITTED

    response = post_bulk(
        coordinator_client, desk, [first], "move", to_state=S.REFERRED, note="Welzijn"
    )
    assert response.status_code == 400 and "Geef aan naar wie" in response.text


def test_nothing_ticked_or_nothing_chosen_is_explained(coordinator_client, desk):
    submit(desk)
    response = coordinator_client.post(bulk_url(desk), {"bulk-action": "assign"})
    assert response.status_code == 400
    page = response.text
    assert "Vink eerst de vragen aan die je wilt wijzigen." in page
    assert "Kies aan wie je de vragen toewijst." in page


def test_a_theme_is_added_to_the_ticked_questions(coordinator_client, desk):
    core_services.themes_prefill(loket=desk, actor=None)
    finances = desk.themes.get(name="Financiën")
    already, without = submit(desk, themes=[finances]), submit(desk)
    response = post_bulk(coordinator_client, desk, [already, without], "theme", theme=finances.pk)
    page = coordinator_client.get(response["Location"]).text
    assert "Thema “Financiën” toegevoegd aan 1 vraag." in page
    assert "Deze vraag heeft dit thema al." in page
    assert list(without.themes.all()) == [finances]


def test_a_question_of_another_desk_cannot_be_ticked(coordinator_client, desk, other_desk, sanne):
    theirs = submit(other_desk)
    response = post_bulk(coordinator_client, desk, [theirs], "assign", member=sanne.pk)
    assert response.status_code == 400
    assert not theirs.assignments.exists()


def test_only_members_who_manage_questions_get_the_bulk_form(client, desk, sanne):
    question = submit(desk)
    client.force_login(sanne.user)
    page = client.get(reverse("helprequests:inbox", args=[desk.slug])).text
    assert 'id="inbox-bulk"' not in page and 'name="bulk-requests"' not in page
    response = post_bulk(client, desk, [question], "assign", member=sanne.pk)
    assert response.status_code == 403
    assert not question.assignments.exists()


def test_the_bulk_form_names_each_question_for_screen_readers(coordinator_client, desk):
    question = submit(desk, organisation_name="HC Houten")
    page = squashed(coordinator_client.get(reverse("helprequests:inbox", args=[desk.slug])).text)
    received = date_format(localtime(question.submitted_at), "j N Y")
    assert (
        f'<label for="bulk-requests-{question.pk}" class="visually-hidden">'
        f"Vraag aanvinken van HC Houten, {received}</label>"
    ) in page
