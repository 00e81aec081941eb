"""E-mails after commit: the provider on every move of the desk, the assignee on assignment,
coordinators on new questions (at once or in one e-mail a day, as each of them chose)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from sportloket.core.constants import RequestMail
from sportloket.core.services import membership_request_mail_set
from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests import services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.tests.factories import submit_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_provider_hears_of_each_move_of_the_desk_with_the_reason(desk, coordinator, commit):
    question = submit_request(desk, contact_email="eva@club.example.nl")
    mail.outbox.clear()
    with commit():
        services.request_move(help_request=question, to_state=S.TRIAGE, actor=coordinator)
    with commit():
        services.request_move(
            help_request=question, to_state=S.REFERRED, actor=coordinator,
            note="Dit past beter bij de GGD.", referred_to="GGD regio Utrecht",
        )  # fmt: skip
    first, second = mail.outbox
    assert first.to == second.to == ["eva@club.example.nl"]
    assert "In behandeling genomen" in first.subject
    assert f"/t/{question.tracking_token}/" in first.body
    assert "Doorverwezen" in second.subject
    assert "GGD regio Utrecht" in second.body and "Dit past beter bij de GGD." in second.body


def test_the_provider_gets_no_mail_for_their_own_withdrawal(desk, commit):
    question = submit_request(desk)
    mail.outbox.clear()
    with commit():
        services.request_withdraw(help_request=question, note="Zelf opgelost")
    assert mail.outbox == []


def test_the_assignee_is_told_but_not_when_assigning_oneself(desk, coordinator, commit):
    question = submit_request(desk)
    supporter = MembershipFactory(loket=desk, supporter=True, user__email="sander@example.nl")
    mail.outbox.clear()
    with commit():
        services.request_assign(help_request=question, membership=supporter, actor=coordinator)
    [message] = mail.outbox
    assert message.to == ["sander@example.nl"]
    assert f"/{desk.slug}/requests/{question.pk}/" in message.body
    assert question.contact_email not in message.body
    mail.outbox.clear()
    own = MembershipFactory(loket=desk, supporter=True)
    with commit():
        services.request_assign(help_request=question, membership=own, actor=own.user)
    assert mail.outbox == []


def test_new_questions_reach_coordinators_who_want_them_at_once(desk, commit):
    desk.email = "loket@example.nl"
    desk.save()
    MembershipFactory(loket=desk, coordinator=True, user__email="direct@example.nl")
    MembershipFactory(
        loket=desk, coordinator=True, user__email="dagelijks@example.nl",
        request_mail=RequestMail.DAILY,
    )  # fmt: skip
    MembershipFactory(loket=desk, coordinator=True, user__email="nooit@example.nl",
                      request_mail=RequestMail.OFF)  # fmt: skip
    MembershipFactory(loket=desk, supporter=True, user__email="ondersteuner@example.nl")
    with commit():
        question = submit_request(desk, contact_email="eva@club.example.nl")
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == ["direct@example.nl", "eva@club.example.nl", "loket@example.nl"]
    staff = next(m for m in mail.outbox if m.to == ["direct@example.nl"])
    assert "eva@club.example.nl" not in staff.body and question.question not in staff.body


def test_the_daily_summary_is_sent_once_a_day_with_what_is_new(desk, other_desk, commit):
    daily = MembershipFactory(
        loket=desk, coordinator=True, user__email="dagelijks@example.nl",
        request_mail=RequestMail.DAILY,
    )  # fmt: skip
    with freeze_time("2026-11-02 10:00"):
        first = submit_request(desk)
        submit_request(other_desk)
    mail.outbox.clear()
    with freeze_time("2026-11-03 07:00"), commit():
        out = StringIO()
        call_command("send_request_digest", stdout=out)
        call_command("send_request_digest", stdout=out)
    assert out.getvalue().splitlines() == ["Sent 1 daily summaries.", "Sent 0 daily summaries."]
    [message] = mail.outbox
    assert message.to == ["dagelijks@example.nl"]
    assert "1 nieuwe vraag" in message.subject
    assert f"/requests/{first.pk}/" in message.body
    with freeze_time("2026-11-03 12:00"):
        second = submit_request(desk)
    mail.outbox.clear()
    with freeze_time("2026-11-04 07:00"), commit():
        assert services.request_digest_send(membership=daily) == 1
    [message] = mail.outbox
    assert f"/requests/{second.pk}/" in message.body
    assert f"/requests/{first.pk}/" not in message.body


def test_no_summary_for_a_quiet_day_or_for_who_did_not_ask(desk, commit):
    daily = MembershipFactory(loket=desk, coordinator=True, request_mail=RequestMail.DAILY)
    at_once = MembershipFactory(loket=desk, coordinator=True)
    now = timezone.now() + timedelta(days=1)
    with commit():
        assert services.request_digest_send(membership=daily, now=now) == 0
    submit_request(desk)
    mail.outbox.clear()  # its own e-mails
    with commit():
        assert services.request_digest_send(membership=at_once, now=now) == 0
    assert mail.outbox == []


def test_a_mail_server_that_is_down_delays_the_summary_but_loses_nothing(desk, monkeypatch):
    daily = MembershipFactory(loket=desk, coordinator=True, request_mail=RequestMail.DAILY)
    other = MembershipFactory(loket=desk, coordinator=True, request_mail=RequestMail.DAILY)
    with freeze_time("2026-11-02 10:00"):
        question = submit_request(desk)
    mail.outbox.clear()
    real_send = EmailBackend.send_messages

    def refuse_the_first(self, messages):
        if messages[0].to == [daily.user.email]:
            raise ConnectionRefusedError("smtp down")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_the_first)
    out, err = StringIO(), StringIO()
    with freeze_time("2026-11-03 07:00"):
        call_command("send_request_digest", stdout=out, stderr=err)
    assert [m.to for m in mail.outbox] == [[other.user.email]]
    assert "1 could not be sent" in err.getvalue()
    monkeypatch.setattr(EmailBackend, "send_messages", real_send)
    with freeze_time("2026-11-03 12:00"):
        call_command("send_request_digest", stdout=out, stderr=err)
    assert [m.to for m in mail.outbox] == [[other.user.email], [daily.user.email]]
    assert f"/requests/{question.pk}/" in mail.outbox[-1].body


def test_switching_to_daily_starts_the_summary_from_now(desk, coordinator):
    membership = MembershipFactory(loket=desk, coordinator=True, request_mail=RequestMail.OFF)
    with freeze_time("2026-11-02 10:00"):
        submit_request(desk)
    with freeze_time("2026-11-20 10:00"):
        membership_request_mail_set(
            membership=membership, request_mail=RequestMail.DAILY, actor=coordinator
        )
    with freeze_time("2026-11-20 11:00"):
        submit_request(desk)
    mail.outbox.clear()
    with freeze_time("2026-11-21 07:00"):
        assert services.request_digest_send(membership=membership) == 1


def test_one_refused_address_does_not_keep_the_others_uninformed(desk, commit, monkeypatch):
    desk.email = "kapot@example.nl"
    desk.save()
    MembershipFactory(loket=desk, coordinator=True, user__email="direct@example.nl")
    real_send = EmailBackend.send_messages

    def refuse_the_desk(self, messages):
        if messages[0].to == ["kapot@example.nl"]:
            raise ConnectionRefusedError("mailbox full")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_the_desk)
    with commit():
        submit_request(desk, contact_email="eva@club.example.nl")
    assert sorted(m.to[0] for m in mail.outbox) == ["direct@example.nl", "eva@club.example.nl"]
