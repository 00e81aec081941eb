"""Safer status moves on the question page: the new status starts empty (no move preselected),
a coordinator reopens a completed or rejected question with a reason (a move in the workflow,
with its history row, the provider told by e-mail), and the page says beside the button whether
the provider gets an e-mail."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests import permissions, services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.tests.factories import HelpRequestFactory, action_url
from sportloket.helprequests.tests.factories import submit_request as submit
from sportloket.helprequests.workflow import TransitionRefused
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db

REASON = "De club belde: het bestuur wil toch verder met het traject."


def page_of(question):
    return reverse("helprequests:request-detail", args=[question.loket.slug, question.pk])


def status_select(html) -> str:
    return re.search(r'<select name="to_state".*?</select>', html).group(0)


def move(question, to_state, actor, note=""):
    return services.request_move(help_request=question, to_state=to_state, actor=actor, note=note)


def completed(desk, coordinator):
    question = submit(desk)
    for state in (S.TRIAGE, S.MATCHED, S.IN_PROGRESS, S.COMPLETED):
        question = move(question, state, coordinator, note="Past." if state == S.MATCHED else "")
    return question


# --- no move preselected ------------------------------------------------------------------------


def test_the_new_status_starts_empty(coordinator_client, desk):
    question = submit(desk)

    select = status_select(squashed(coordinator_client.get(page_of(question)).text))

    first = re.search(r"<option[^>]*>[^<]*</option>", select).group(0)
    assert first == '<option value="" selected>— kies —</option>'
    assert select.count(" selected") == 1
    assert "required" in select


def test_sending_no_status_is_refused_beside_the_field(coordinator_client, desk):
    question = submit(desk)

    response = coordinator_client.post(action_url(question, "move"), {"to_state": "", "note": "x"})

    assert response.status_code == 400
    assert response.context["move_form"].errors == {"to_state": ["Kies de nieuwe status."]}
    question.refresh_from_db()
    assert question.state == S.SUBMITTED


# --- what the provider gets ---------------------------------------------------------------------


def test_the_page_says_beside_the_button_that_the_provider_gets_an_e_mail(coordinator_client, desk):
    question = submit(desk)

    html = squashed(coordinator_client.get(page_of(question)).text)

    form = re.search(r'<form[^>]*action="[^"]*/move/".*?</form>', html).group(0)
    assert re.search(
        r'<p class="helptext" id="move-mail">De sportaanbieder krijgt een e-mail over de nieuwe '
        r"status.*?</p><button[^>]*aria-describedby=\"move-mail\"[^>]*>Wijzigen</button>",
        form,
    ), form


def test_without_an_e_mail_address_the_page_says_the_provider_gets_none(coordinator_client, desk):
    question = HelpRequestFactory(loket=desk, contact_email="")

    html = squashed(coordinator_client.get(page_of(question)).text)

    assert "Er is geen e-mailadres bekend: de sportaanbieder krijgt geen e-mail." in html


# --- reopening ----------------------------------------------------------------------------------


def test_a_coordinator_reopens_a_completed_question_with_a_reason_the_provider_reads(
    coordinator_client, desk, coordinator, django_capture_on_commit_callbacks
):
    question = completed(desk, coordinator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            action_url(question, "move"), {"to_state": S.IN_PROGRESS, "note": REASON}
        )

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.state == S.IN_PROGRESS and question.closed_at is None
    change = question.state_changes.order_by("-at", "-pk").first()
    assert (change.from_state, change.to_state, change.actor, change.note) == (
        S.COMPLETED,
        S.IN_PROGRESS,
        coordinator,
        REASON,
    )
    assert change.note_for_provider
    [message] = mail.outbox
    assert message.to == [question.contact_email]
    assert REASON in message.body and "In uitvoering" in message.body
    track = reverse("helprequests:track", args=[question.tracking_token])
    assert REASON in coordinator_client.get(track).text


def test_a_coordinator_reopens_a_rejected_question_into_triage(desk, coordinator):
    question = move(submit(desk), S.REJECTED, coordinator, note="Buiten ons werkgebied.")
    assert question.closed_at is not None

    question = move(question, S.TRIAGE, coordinator, note=REASON)

    assert question.state == S.TRIAGE and question.closed_at is None
    assert question.state_changes.get(from_state=S.REJECTED).note_for_provider


@pytest.mark.parametrize("note", ["", "   "])
def test_reopening_needs_a_reason(desk, coordinator, note):
    question = completed(desk, coordinator)
    with pytest.raises(TransitionRefused) as error:
        move(question, S.IN_PROGRESS, coordinator, note=note)
    assert error.value.messages == [
        "Geef een reden voor het heropenen; de sportaanbieder leest die."
    ]
    question.refresh_from_db()
    assert question.state == S.COMPLETED


def test_a_supporter_may_not_reopen_even_a_question_assigned_to_them(client, desk, coordinator):
    supporter = MembershipFactory(loket=desk, supporter=True)
    question = completed(desk, coordinator)
    services.request_assign(help_request=question, membership=supporter, actor=coordinator)

    assert S.IN_PROGRESS not in dict(permissions.move_choices(supporter, question))
    client.force_login(supporter.user)
    response = client.post(
        action_url(question, "move"), {"to_state": S.IN_PROGRESS, "note": REASON}
    )
    assert response.status_code in (400, 403)
    with pytest.raises(ValidationError):
        move(question, S.IN_PROGRESS, supporter.user, note=REASON)
    question.refresh_from_db()
    assert question.state == S.COMPLETED


def test_the_coordinator_is_offered_the_reopening(coordinator_client, desk, coordinator):
    question = completed(desk, coordinator)

    select = status_select(squashed(coordinator_client.get(page_of(question)).text))

    assert f'<option value="{S.IN_PROGRESS}">In uitvoering (heropenen)</option>' in select
