import time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from mailer.models import PRIORITY_DEFERRED
from mailer.models import Message as QueuedMail

from sportloket.core import services as core_services
from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests import services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.forms import started_stamp
from sportloket.helprequests.models import Assignment, Message
from sportloket.helprequests.tests.factories import action_url
from sportloket.helprequests.tests.factories import submit_request as submit

pytestmark = pytest.mark.django_db


def test_a_desk_message_reaches_the_tracking_page_and_the_inbox_of_the_provider(
    coordinator, desk, client, django_capture_on_commit_callbacks
):
    question = submit(desk)
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(help_request=question, actor=coordinator, body="Kunt u bellen?")
    assert mail.outbox[-1].to == ["eva@hchouten.example.nl"]
    assert "Kunt u bellen?" in mail.outbox[-1].body
    assert f"/t/{question.tracking_token}/" in mail.outbox[-1].body
    page = client.get(reverse("helprequests:track", args=[question.tracking_token])).text
    assert "Kunt u bellen?" in page


def test_the_provider_replies_but_not_once_the_question_is_closed(client, desk):
    question = submit(desk)
    url = reverse("helprequests:track", args=[question.tracking_token])
    client.post(url, {"action": "reply", "body": "Ja, na 18.00 uur"})
    assert Message.objects.get().from_provider
    services.request_move(help_request=question, to_state=S.WITHDRAWN, by_provider=True)
    with pytest.raises(ValidationError):
        services.message_from_provider(help_request=question, body="Nog iets")
    assert "Informatie toevoegen" not in client.get(url).text


def test_a_message_has_an_author_or_comes_from_the_provider(desk):
    question = submit(desk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.create(help_request=question, from_provider=False, body="x")


def test_reassignment_keeps_the_history(desk, coordinator):
    question = submit(desk)
    first = MembershipFactory(loket=desk, supporter=True, acts_for="KNVB")
    second = MembershipFactory(loket=desk, supporter=True)
    services.request_assign(help_request=question, membership=first, actor=coordinator)
    services.request_assign(help_request=question, membership=first, actor=coordinator)  # no-op
    services.request_assign(help_request=question, membership=second, actor=coordinator)
    rows = list(Assignment.objects.filter(help_request=question).order_by("started_at", "pk"))
    assert [(a.supporter, a.acts_for, a.ended_at is None) for a in rows] == [
        (first.user, "KNVB", False),
        (second.user, "", True),
    ]


def test_only_supporters_of_the_same_desk_can_be_assigned(desk, other_desk, coordinator):
    question = submit(desk)
    for membership in (
        MembershipFactory(loket=other_desk, supporter=True),
        MembershipFactory(loket=desk),  # a viewer
        MembershipFactory(loket=desk, supporter=True, ended=True),
    ):
        with pytest.raises(ValidationError):
            services.request_assign(help_request=question, membership=membership, actor=coordinator)
    assert not Assignment.objects.exists()


def test_the_quality_rule_can_refuse_an_assignment(desk, coordinator, monkeypatch):
    question = submit(desk)
    supporter = MembershipFactory(loket=desk, supporter=True)
    monkeypatch.setattr(
        services.assignments,
        "supporter_may_act",
        lambda membership, help_request=None: (False, "Geen geldige VOG."),
    )
    with pytest.raises(ValidationError) as error:
        services.request_assign(help_request=question, membership=supporter, actor=coordinator)
    assert error.value.error_dict["supporter"][0].messages == ["Geen geldige VOG."]


def test_a_supporter_sees_and_handles_what_is_assigned(client, desk, coordinator):
    question = submit(desk)
    supporter = MembershipFactory(loket=desk, supporter=True)
    for state in (S.TRIAGE, S.MATCHED, S.IN_PROGRESS):
        question = services.request_move(help_request=question, to_state=state, actor=coordinator)
    client.force_login(supporter.user)
    url = reverse("helprequests:request-detail", args=[desk.slug, question.pk])
    assert client.get(url).status_code == 404
    services.request_assign(help_request=question, membership=supporter, actor=coordinator)
    assert client.get(url).status_code == 200
    client.post(action_url(question, "move"), {"to_state": S.COMPLETED})
    question.refresh_from_db()
    assert question.state == S.COMPLETED


def test_a_desk_can_keep_the_triage_queue_from_supporters(client, desk, coordinator):
    waiting = submit(desk)
    supporter = MembershipFactory(loket=desk, supporter=True)
    client.force_login(supporter.user)
    url = reverse("helprequests:request-detail", args=[desk.slug, waiting.pk])
    assert client.get(url).status_code == 200
    core_services.loket_update(loket=desk, actor=coordinator, supporters_see_triage=False)
    assert client.get(url).status_code == 404
    services.request_assign(help_request=waiting, membership=supporter, actor=coordinator)
    assert client.get(url).status_code == 200


def test_a_referral_names_to_whom_and_records_its_outcome(coordinator_client, desk, coordinator):
    question = submit(desk)
    refused = coordinator_client.post(
        action_url(question, "move"), {"to_state": S.REFERRED, "note": "Past beter bij welzijn"}
    )
    assert refused.status_code == 400 and "Geef aan naar wie" in refused.text
    coordinator_client.post(
        action_url(question, "move"),
        {
            "to_state": S.REFERRED,
            "note": "Past beter bij welzijn",
            "referred_to": "Welzijn Houten",
        },
    )
    question.refresh_from_db()
    assert (question.state, question.referred_to) == (S.REFERRED, "Welzijn Houten")
    coordinator_client.post(
        action_url(question, "referral"),
        {"referral-outcome": "Club krijgt een vrijwilligerscoach."},
    )
    question.refresh_from_db()
    assert question.referral_outcome == "Club krijgt een vrijwilligerscoach."


def test_the_inbox_filters_on_the_assignee(coordinator_client, desk, coordinator):
    mine, theirs = submit(desk), submit(desk)
    sander = MembershipFactory(loket=desk, supporter=True)
    services.request_assign(help_request=mine, membership=sander, actor=coordinator)
    response = coordinator_client.get(
        reverse("helprequests:inbox", args=[desk.slug]) + f"?assignee={sander.pk}"
    )
    assert [r["pk"] for r in response.context["page_obj"]] == [mine.pk]
    assert theirs.pk not in [r["pk"] for r in response.context["page_obj"]]


def test_supporters_cannot_reject_refer_triage_or_assign_others(client, desk, coordinator):
    question = submit(desk)
    supporter = MembershipFactory(loket=desk, supporter=True)
    colleague = MembershipFactory(loket=desk, supporter=True)
    client.force_login(supporter.user)
    refused = client.post(action_url(question, "move"), {"to_state": S.REJECTED, "note": "nee"})
    assert refused.status_code == 400  # not among the supporter's choices
    assert client.post(action_url(question, "triage"), {"urgency": "high"}).status_code == 403
    assert (
        client.post(action_url(question, "assign"), {"supporter": colleague.pk}).status_code == 400
    )
    message = {"message-body": "Hallo"}
    assert (
        client.post(action_url(question, "message"), message).status_code == 403
    )  # not theirs (yet)
    client.post(action_url(question, "assign"), {"supporter": supporter.pk})
    question.refresh_from_db()
    assert question.state == S.SUBMITTED
    assert client.post(action_url(question, "message"), message).status_code == 302
    question = services.request_move(help_request=question, to_state=S.TRIAGE, actor=coordinator)
    chosen = client.post(action_url(question, "move"), {"to_state": S.MATCHED})
    assert chosen.status_code == 400  # choosing support is the coordinator's decision
    question = services.request_move(help_request=question, to_state=S.MATCHED, actor=coordinator)
    client.post(action_url(question, "move"), {"to_state": S.IN_PROGRESS})
    question.refresh_from_db()
    assert question.state == S.IN_PROGRESS
    assert question.assignments.get().supporter == supporter.user


class _MailServerDown:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


def test_a_mail_server_that_is_down_does_not_lose_the_question(
    client, desk, settings, queued_mail, django_capture_on_commit_callbacks
):
    """The e-mails wait in the queue (sportloket.jobs) for the server to come back."""
    settings.MAILER_EMAIL_BACKEND = f"{__name__}._MailServerDown"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("helprequests:intake", args=[desk.slug]),
            {
                "organisation_name": "Club",
                "contact_name": "Eva",
                "contact_email": "eva@club.nl",
                "question": "Vraag",
                "urgency": "normal",
                "consents_to_processing": "on",
                "started": started_stamp(time.time() - 30),
            },
        )
    assert response.status_code == 200
    assert desk.help_requests.count() == 1
    # The confirmation to the provider waits, deferred, with the error in its log.
    waiting = [m.email.to for m in QueuedMail.objects.filter(priority=PRIORITY_DEFERRED)]
    assert ["eva@club.nl"] in waiting
