"""The daily reminder digest: for each coordinator and supporter of a desk, their overdue
providers (as account holder), their planned contacts that are due and their quality
registrations that expire soon. Sent at most once per person, desk and day; the expiring
registrations, which are the person's and not a desk's, at most once per person and day (in
the first of their desks' digests that is sent)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from sportloket.contacts import selectors, services
from sportloket.quality import selectors as quality_selectors

# The most providers a digest names; the rest is counted.
DIGEST_LIMIT = 50


def reminder_content(*, loket, user, on) -> dict:
    """What a person's digest at a desk holds on ``on`` (a fixed number of queries)."""
    overdue_qs = selectors.work_list(loket=loket, supporter=user, on=on).filter(
        Q(last_contact__isnull=True) | Q(due_on__lt=on)
    )
    overdue = list(overdue_qs[: DIGEST_LIMIT + 1])
    more = overdue_qs.count() - DIGEST_LIMIT if len(overdue) > DIGEST_LIMIT else 0
    return {
        "overdue": overdue[:DIGEST_LIMIT],
        "overdue_more": more,
        "plans": list(selectors.due_plans(loket=loket, supporter=user, on=on)),
        "expiring": list(quality_selectors.expiring(loket=loket, on=on).filter(user=user)),
    }


def _send_digest(*, loket, user, content) -> None:
    context = {
        "desk": loket,
        "user": user,
        **content,
        "work_list_url": settings.SITE_URL + reverse("contacts:work-list", args=[loket.slug]),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("contacts/email/reminders_subject.txt", context)
        body = render_to_string("contacts/email/reminders_message.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


def _has_news(content) -> bool:
    return bool(content["overdue"] or content["plans"] or content["expiring"])


def reminder_send(*, loket, user, on) -> bool:
    """Sends ``user`` their digest for ``loket`` on ``on``, unless there is nothing to say or
    it was sent already that day. The record (``services.reminder_claim``) and the e-mail share
    a transaction: a failed e-mail leaves no record (the next run sends it), and a second run
    finds the record (or waits for the first run's transaction) and sends nothing.

    The expiring registrations go in only if no other desk's digest carried them that day
    (``services.registration_warning_claim``, in the same transaction); a digest that would
    hold nothing else is then not sent. The system sends it: no actor."""
    content = reminder_content(loket=loket, user=user, on=on)
    if not _has_news(content):
        return False
    with transaction.atomic():
        if not services.reminder_claim(loket=loket, user=user, on=on, actor=None):
            return False  # sent already today
        if content["expiring"] and not services.registration_warning_claim(
            loket=loket, user=user, on=on, actor=None
        ):
            content["expiring"] = []
        if not _has_news(content):
            transaction.set_rollback(True)  # nothing left to say: no record either
            return False
        _send_digest(loket=loket, user=user, content=content)
    return True
