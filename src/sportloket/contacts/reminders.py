"""The daily reminder digest: for each coordinator and supporter of a desk, their overdue
providers (as account holder), their planned contacts that are due and their quality
registrations that expire soon. Sent at most once per person, desk and day."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from sportloket.contacts import selectors
from sportloket.contacts.models import ReminderSent
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


def reminder_send(*, loket, user, on) -> bool:
    """Sends ``user`` their digest for ``loket`` on ``on``, unless there is nothing to say or
    it was sent already that day. The record and the e-mail share a transaction: a failed
    e-mail leaves no record (the next run sends it), and a second run finds the record (or
    waits for the first run's transaction) and sends nothing."""
    content = reminder_content(loket=loket, user=user, on=on)
    if not (content["overdue"] or content["plans"] or content["expiring"]):
        return False
    try:
        with transaction.atomic():
            ReminderSent.objects.create(user=user, loket=loket, day=on)
            context = {
                "desk": loket,
                "user": user,
                **content,
                "work_list_url": settings.SITE_URL
                + reverse("contacts:work-list", args=[loket.slug]),
            }
            with translation.override(settings.LANGUAGE_CODE):
                subject = render_to_string("contacts/email/reminders_subject.txt", context)
                body = render_to_string("contacts/email/reminders_message.txt", context)
            send_mail(" ".join(subject.split()), body, None, [user.email])
    except IntegrityError:  # sent already today
        return False
    return True
