"""E-mails about questions: to the provider (with the private tracking link), to the desk's
mailbox and coordinators when a question arrives or in a daily digest, and to whoever a
question is assigned to. The services queue them in the transaction of the change
(sportloket.jobs.mail); a mail server that is down never undoes a change."""

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from sportloket.core.constants import RequestMail, Role
from sportloket.core.models import Membership
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.models import Assignment, HelpRequest, Message, StateChange

logger = logging.getLogger(__name__)


def tracking_url(help_request: HelpRequest) -> str:
    """The provider's private page for the question."""
    return settings.SITE_URL + reverse("helprequests:track", args=[help_request.tracking_token])


def tracking_article_url(help_request: HelpRequest, article_pk: int) -> str:
    """A knowledge article sent on the question, read through the provider's private link."""
    return settings.SITE_URL + reverse(
        "helprequests:track-article", args=[help_request.tracking_token, article_pk]
    )


def staff_url(help_request: HelpRequest) -> str:
    """The desk's page for the question."""
    return settings.SITE_URL + reverse(
        "helprequests:request-detail", args=[help_request.loket.slug, help_request.pk]
    )


def _send(template: str, context: dict, to: list[str]):
    """Renders ``helprequests/email/<template>_subject.txt`` and ``_message.txt`` in the
    site's language (not that of whoever happened to trigger it) and sends them."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"helprequests/email/{template}_subject.txt", context)
        body = render_to_string(f"helprequests/email/{template}_message.txt", context)
    send_mail(" ".join(subject.split()), body, None, to)


def mail_provider(help_request: HelpRequest, template: str, **context):
    """Sends the provider who asked ``help_request`` the e-mail ``template`` (see ``_send``),
    with the question, the desk and the private tracking link in its context."""
    if help_request.contact_email:
        context |= {
            "help_request": help_request,
            "desk": help_request.loket,
            "url": tracking_url(help_request),
        }
        _send(template, context, [help_request.contact_email])


def mail_confirmation(help_request: HelpRequest):
    """The provider's receipt, with the tracking link."""
    mail_provider(help_request, "received")


def mail_desk(help_request: HelpRequest):
    """Tells the desk's mailbox and the coordinators who want every new question at once that a
    question came in (no personal data in the mail: they read it after signing in)."""
    loket = help_request.loket
    recipients = [loket.email] if loket.email else []
    recipients += [
        email
        for email in Membership.objects.active()
        .filter(loket=loket, role=Role.COORDINATOR, request_mail=RequestMail.IMMEDIATE)
        .values_list("user__email", flat=True)
        if email not in recipients
    ]
    context = {"help_request": help_request, "desk": loket, "url": staff_url(help_request)}
    for to in recipients:  # one e-mail each: recipients do not see each other's address
        try:
            _send("new", context, [to])
        except Exception:  # one refused address must not keep the others uninformed
            logger.exception("E-mail about new question %s to %s failed", help_request.pk, to)


def mail_state_change(help_request: HelpRequest, change: StateChange):
    """Tells the provider what the desk did with the question, and why where a reason is
    required (a rejection, referral or pause)."""
    mail_provider(
        help_request,
        "state",
        state=S(change.to_state).label,
        note=change.note if change.note_for_provider else "",
        referred_to=help_request.referred_to if change.to_state == S.REFERRED else "",
    )


def mail_message(help_request: HelpRequest, message: Message):
    """The desk's message to the provider, also by e-mail, with the links of the articles sent
    with it (its ``sent_articles``; each opens through the tracking link)."""
    links = [
        {"title": article["title"], "url": tracking_article_url(help_request, article["pk"])}
        for article in message.sent_articles
    ]
    mail_provider(help_request, "message", message=message, articles=links)


def mail_assignment(help_request: HelpRequest, assignment: Assignment):
    """Tells the member a question is now theirs to handle."""
    context = {
        "help_request": help_request,
        "desk": help_request.loket,
        "url": staff_url(help_request),
        "assignment": assignment,
    }
    _send("assigned", context, [assignment.supporter.email])


def request_digest_send(*, membership, now=None) -> int:
    """Sends a coordinator who asked for one e-mail a day the questions that arrived since the
    last one. At most once per calendar day, so running it twice sends nothing twice; the
    e-mail goes out before the day is marked, so a mail server that is down loses nothing (the
    next run sends it). Returns the number of questions in the e-mail (0: nothing sent)."""
    now = now or timezone.now()
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .select_related("user", "loket")
            .get(pk=membership.pk)
        )
        last = membership.request_digest_sent_at
        if not _wants_digest(membership, now):
            return 0
        new = list(
            HelpRequest.objects.for_desk(membership.loket)
            .filter(submitted_at__gt=last or _start_of_yesterday(now), submitted_at__lte=now)
            .select_related("loket")
            .order_by("submitted_at", "pk")
        )
        if new:
            context = {
                "desk": membership.loket,
                "help_requests": [(help_request, staff_url(help_request)) for help_request in new],
                "inbox": settings.SITE_URL
                + reverse("helprequests:inbox", args=[membership.loket.slug]),
            }
            _send("digest", context, [membership.user.email])
        membership.request_digest_sent_at = now
        membership.save(update_fields=["request_digest_sent_at"])
    return len(new)


def _wants_digest(membership, now) -> bool:
    """An active coordinator who chose the daily e-mail and had none today yet."""
    last = membership.request_digest_sent_at
    return (
        membership.request_mail == RequestMail.DAILY
        and membership.role == Role.COORDINATOR
        and membership.is_active
        and not (last and timezone.localdate(last) >= timezone.localdate(now))
    )


def _start_of_yesterday(now):
    yesterday = timezone.localdate(now) - timedelta(days=1)
    return timezone.make_aware(datetime.combine(yesterday, time.min))


def mail_referral_answer(referral):
    """Tells whoever referred the question what the receiving desk answered."""
    if referral.created_by.email:
        _send(
            "referral_answer",
            {
                "referral": referral,
                "help_request": referral.help_request,
                "url": staff_url(referral.help_request),
            },
            [referral.created_by.email],
        )
