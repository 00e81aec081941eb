"""The daily reminder digest: for each coordinator and supporter of a desk, their overdue
providers (as account holder), their planned contacts that are due and their quality
registrations that expire soon. Sent at most once per person, desk and day; the expiring
registrations, which are the person's and not a desk's, at most once per person and day (in
the first of their desks' digests that is sent)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from sportloket.contacts import selectors
from sportloket.contacts.models import RegistrationWarningSent, ReminderSent
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
    waits for the first run's transaction) and sends nothing.

    The expiring registrations go in only if no other desk's digest carried them that day
    (``RegistrationWarningSent``, written in the same transaction); a digest that would hold
    nothing else is then not sent."""
    content = reminder_content(loket=loket, user=user, on=on)
    if not (content["overdue"] or content["plans"] or content["expiring"]):
        return False
    try:
        with transaction.atomic():
            ReminderSent.objects.create(user=user, loket=loket, day=on)
            if content["expiring"] and not _claim_registration_warning(user, loket, on):
                content["expiring"] = []
            if not (content["overdue"] or content["plans"] or content["expiring"]):
                transaction.set_rollback(True)  # nothing left to say: no record either
                return False
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


def _claim_registration_warning(user, loket, on) -> bool:
    """Whether this digest carries the person's registration warning of the day: True for the
    first that claims it (a second run, or another desk's digest, finds the record, or waits
    for the transaction that wrote it)."""
    try:
        with transaction.atomic():  # a savepoint: a refusal leaves the digest's own record
            RegistrationWarningSent.objects.create(user=user, loket=loket, day=on)
    except IntegrityError:
        return False
    return True
