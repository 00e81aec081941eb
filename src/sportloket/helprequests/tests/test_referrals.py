"""Referrals with a closed loop: to another desk (a new question in its inbox with the history
the provider agreed to share), accepted or declined there (declined: back in the referring
desk's inbox with the reason), the outcome back at the referring desk; to a partner of the
register only with the provider's agreement, its answer recorded by the referring desk."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests import services
from sportloket.helprequests.constants import Channel, ReferralState
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver(other_desk):
    return MembershipFactory(loket=other_desk, coordinator=True).user


def test_a_question_referred_to_another_desk_arrives_in_its_inbox_with_its_history(
    desk, other_desk, coordinator
):
    question = HelpRequestFactory(loket=desk, in_triage=True, consents_to_sharing=True)
    services.message_send(help_request=question, actor=coordinator, body="Wij kijken mee.")
    referral = services.referral_send(
        help_request=question, actor=coordinator, to_loket=other_desk, reason="Valt onder Beta."
    )
    question.refresh_from_db()
    assert question.state == S.REFERRED and question.referred_to == other_desk.name
    received = referral.received
    assert (received.loket, received.state, received.channel) == (
        other_desk, S.SUBMITTED, Channel.REFERRAL
    )  # fmt: skip
    assert received.question == question.question
    assert received.tracking_token != question.tracking_token
    (note,) = received.internal_notes.all()
    assert "Valt onder Beta." in note.body and "Wij kijken mee." in note.body
    assert "berichten" in referral.shared


def test_without_agreement_to_sharing_the_history_stays_behind(desk, other_desk, coordinator):
    question = HelpRequestFactory(loket=desk, consents_to_sharing=False)
    services.message_send(help_request=question, actor=coordinator, body="Intern antwoord.")
    referral = services.referral_send(
        help_request=question, actor=coordinator, to_loket=other_desk, reason="Elders."
    )
    (note,) = referral.received.internal_notes.all()
    assert "Intern antwoord." not in note.body
    assert "berichten" not in referral.shared


def test_accepted_and_completed_there_the_referring_desk_reads_helped(
    desk, other_desk, coordinator, receiver
):
    question = HelpRequestFactory(loket=desk)
    referral = services.referral_send(
        help_request=question, actor=coordinator, to_loket=other_desk, reason="Elders."
    )
    services.referral_accept(referral=referral, actor=receiver)
    referral.refresh_from_db()
    assert referral.received.state == S.TRIAGE
    assert services.referral_outcome(referral) == ReferralState.ACCEPTED
    for state in (S.MATCHED, S.IN_PROGRESS, S.COMPLETED):
        services.request_move(help_request=referral.received, to_state=state, actor=receiver,
                              note="Gekozen." if state == S.MATCHED else "")  # fmt: skip
    referral.refresh_from_db()
    assert services.referral_outcome(referral) == ReferralState.HELPED
    with pytest.raises(ValidationError):
        services.referral_accept(referral=referral, actor=receiver)  # answered already


def test_a_declined_referral_returns_the_question_to_the_senders_inbox_with_the_reason(
    desk, other_desk, coordinator, receiver
):
    question = HelpRequestFactory(loket=desk, contact_email="club@example.org")
    referral = services.referral_send(
        help_request=question, actor=coordinator, to_loket=other_desk, reason="Elders."
    )
    with pytest.raises(ValidationError):
        services.referral_decline(referral=referral, actor=receiver, answer=" ")
    mail.outbox.clear()
    services.referral_decline(referral=referral, actor=receiver, answer="Niet ons gebied.")
    question.refresh_from_db()
    referral.refresh_from_db()
    assert question.state == S.TRIAGE and question.closed_at is None
    last = question.state_changes.order_by("-at", "-pk").first()
    assert (last.from_state, last.to_state) == (S.REFERRED, S.TRIAGE)
    assert "Niet ons gebied." in last.note and last.note_for_provider
    assert referral.state == ReferralState.DECLINED
    assert referral.received.state == S.REJECTED  # gone from the receiver's inbox
    # The provider hears it from the referring desk; whoever referred it, from the receiver.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["club@example.org", coordinator.email])
    (to_referrer,) = [m for m in mail.outbox if m.to == [coordinator.email]]
    assert "Niet ons gebied." in to_referrer.body and "inbox" in to_referrer.body


def test_refusals(desk, other_desk, coordinator):
    question = HelpRequestFactory(loket=desk, consents_to_sharing=False)
    partner = OrganisationFactory.for_desk(desk, kind=OrganisationKind.WELFARE)
    club = OrganisationFactory.for_desk(desk)
    cases = [
        ({"to_loket": desk}, "to_loket"),  # not to itself
        ({"to_loket": other_desk, "to_organisation": partner}, "to_loket"),
        ({"to_organisation": club}, "to_organisation"),  # a club is no partner
        ({"to_organisation": partner}, "to_organisation"),  # no agreement to sharing
        ({"to_loket": other_desk, "reason": ""}, "reason"),
    ]
    for kwargs, field in cases:
        kwargs.setdefault("reason", "Waarom.")
        with pytest.raises(ValidationError) as error:
            services.referral_send(help_request=question, actor=coordinator, **kwargs)
        assert field in error.value.error_dict, kwargs
    question.refresh_from_db()
    assert question.state == S.SUBMITTED


def test_a_partners_answer_is_recorded_by_the_referring_desk(desk, coordinator):
    question = HelpRequestFactory(loket=desk, consents_to_sharing=True)
    partner = OrganisationFactory.for_desk(desk, kind=OrganisationKind.CARE)
    referral = services.referral_send(
        help_request=question, actor=coordinator, to_organisation=partner, reason="Zorg."
    )
    assert referral.received is None
    services.referral_answer_record(referral=referral, actor=coordinator, state="accepted")
    services.referral_answer_record(
        referral=referral, actor=coordinator, state="helped", answer="Buurtcoach ingezet."
    )
    question.refresh_from_db()
    referral.refresh_from_db()
    assert question.referral_outcome == "Geholpen: Buurtcoach ingezet."
    assert services.referral_outcome(referral) == ReferralState.HELPED


def test_what_a_referral_to_another_desk_carries(desk, other_desk, coordinator):
    """The deliberate crossing between desks: the question, the organisation and the contact
    person, and the history the provider reads; never the desk's internal notes, assignments
    or themes."""
    question = HelpRequestFactory(loket=desk, consents_to_sharing=True, contact_phone="0612345678")
    services.note_add(help_request=question, actor=coordinator, body="Alleen voor ons loket.")
    referral = services.referral_send(
        help_request=question, actor=coordinator, to_loket=other_desk, reason="Elders."
    )
    received = referral.received
    for name in ("organisation_name", "contact_name", "contact_email", "contact_phone", "question"):
        assert getattr(received, name) == getattr(question, name)
    (note,) = received.internal_notes.all()
    assert "Alleen voor ons loket." not in note.body
    assert not received.assignments.exists()
    assert not received.themes.exists()


def test_a_referred_question_waits_for_its_answer_and_a_withdrawal_does_not_block_it(
    desk, other_desk, coordinator, receiver
):
    question = HelpRequestFactory(loket=desk)
    referral = services.referral_send(
        help_request=question, actor=coordinator, to_loket=other_desk, reason="Elders."
    )
    with pytest.raises(ValidationError):  # neither taken on nor declined yet
        services.request_move(help_request=referral.received, to_state=S.TRIAGE, actor=receiver)
    services.request_withdraw(help_request=referral.received)  # the provider may still withdraw
    services.referral_decline(referral=referral, actor=receiver, answer="Ingetrokken hier.")
    question.refresh_from_db()
    assert question.state == S.TRIAGE
    assert HelpRequest.objects.get(pk=referral.received_id).state == S.WITHDRAWN


def test_a_recorded_outcome_is_not_taken_back(desk, coordinator):
    question = HelpRequestFactory(loket=desk, consents_to_sharing=True)
    partner = OrganisationFactory.for_desk(desk, kind=OrganisationKind.CARE)
    referral = services.referral_send(
        help_request=question, actor=coordinator, to_organisation=partner, reason="Zorg."
    )
    services.referral_answer_record(referral=referral, actor=coordinator, state="not_helped")
    with pytest.raises(ValidationError):
        services.referral_answer_record(referral=referral, actor=coordinator, state="accepted")


def test_a_declined_referral_stays_on_the_pages_of_the_question(
    client, desk, other_desk, coordinator, receiver
):
    question = HelpRequestFactory(loket=desk)
    referral = services.referral_send(
        help_request=question, actor=coordinator, to_loket=other_desk, reason="Elders."
    )
    services.referral_decline(referral=referral, actor=receiver, answer="Niet ons gebied.")
    client.force_login(coordinator)
    staff = client.get(reverse("helprequests:request-detail", args=[desk.slug, question.pk]))
    assert "Niet ons gebied." in staff.content.decode()
    assert 'id="sent-title"' in staff.content.decode()
    client.logout()
    tracking = client.get(reverse("helprequests:track", args=[question.tracking_token]))
    assert 'id="path-title"' in tracking.content.decode()
    assert "Geweigerd" in tracking.content.decode()


def test_the_referring_desk_takes_back_a_referral_not_answered_yet(
    desk, other_desk, coordinator, receiver
):
    question = HelpRequestFactory(loket=desk)
    referral = services.referral_send(
        help_request=question, actor=coordinator, to_loket=other_desk, reason="Elders."
    )
    with pytest.raises(ValidationError):
        services.referral_withdraw(referral=referral, actor=coordinator, note=" ")
    services.referral_withdraw(referral=referral, actor=coordinator, note="Toch zelf.")
    question.refresh_from_db()
    referral.refresh_from_db()
    assert question.state == S.TRIAGE
    assert referral.state == ReferralState.WITHDRAWN
    assert referral.received.state == S.REJECTED  # gone from the other desk's inbox
    last = question.state_changes.order_by("-at", "-pk").first()
    assert "Toch zelf." in last.note and last.note_for_provider
    with pytest.raises(ValidationError):  # answered now: no accepting it any more
        services.referral_accept(referral=referral, actor=receiver)
