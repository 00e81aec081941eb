"""Words on a question: the desk's internal notes, its messages to the provider (also by
e-mail), and what the provider adds from the tracking page."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.helprequests.models import HelpRequest, InternalNote, Message
from sportloket.helprequests.services.notifications import mail_message
from sportloket.helprequests.services.workflow import response_times_refresh
from sportloket.helprequests.workflow import CLOSED_STATES
from sportloket.knowledge import selectors as knowledge_selectors


def note_add(*, help_request: HelpRequest, actor, body: str) -> InternalNote:
    """An internal note on a question, for the desk only."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write the note first.")})
    with transaction.atomic(), audited(actor):
        return InternalNote.objects.create(help_request=help_request, author=actor, body=body)


def _sendable_articles(help_request, articles) -> list:
    """The articles to send with a message, by title: published ones the desk may read (its
    own and those other desks share); any other is refused."""
    ids = {article.pk for article in articles}
    if not ids:
        return []
    found = list(knowledge_selectors.articles_by_id(loket=help_request.loket, ids=ids))
    if len(found) != len(ids):
        raise ValidationError({"articles": _("Choose articles this desk may send.")})
    return found


def message_send(*, help_request: HelpRequest, actor, body: str, articles=()) -> Message:
    """A message from the desk to the provider: on the tracking page, and by e-mail, with the
    knowledge ``articles`` sent as part of the answer (the provider reads them through the
    tracking link). The first one is the desk's first response."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write the message first.")})
    articles = _sendable_articles(help_request, articles)
    with transaction.atomic(), audited(actor):
        help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
        message = Message.objects.create(
            help_request=help_request,
            author=actor,
            body=body,
            # The snapshot the timelines and the e-mail read; the link opens the articles.
            sent_articles=[{"pk": article.pk, "title": article.title} for article in articles],
        )
        message.articles.set(articles)
        if help_request.first_response_at is None:
            response_times_refresh(help_request=help_request)
        mail_message(help_request, message)
    return message


def message_from_provider(*, help_request: HelpRequest, body: str) -> Message:
    """The provider adds information from the tracking page (not once the question is
    closed)."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write your message first.")})
    with transaction.atomic():
        state = HelpRequest.objects.select_for_update().values_list("state", flat=True)
        if state.get(pk=help_request.pk) in CLOSED_STATES:
            raise ValidationError(_("This question is closed; ask a new question instead."))
        return Message.objects.create(help_request=help_request, from_provider=True, body=body)
