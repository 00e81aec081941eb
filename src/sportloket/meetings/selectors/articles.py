"""The knowledge articles of a meeting, read through knowledge's selectors: the choice on the
meeting's form, the list on its staff page (what the desk may open) and on its public page
(public articles only). One query each."""

from django.db.models import Q

from sportloket.knowledge import selectors as knowledge_selectors
from sportloket.knowledge.constants import Visibility
from sportloket.meetings.models import Meeting


def _linked_ids(meeting):
    return Meeting.articles.through.objects.filter(meeting=meeting).values("article_id")


def article_choices(*, loket, meeting=None):
    """What the form offers: the desk's own published articles and those of the desks it
    follows; on a change also the readable articles the meeting links already (a desk it no
    longer follows), so that saving the form does not drop them unasked."""
    sendable = knowledge_selectors.sendable_articles(loket=loket)
    if meeting is None:
        return sendable
    return knowledge_selectors.readable_articles(loket=loket).filter(
        Q(pk__in=sendable.values("pk")) | Q(pk__in=_linked_ids(meeting))
    )


def meeting_articles(*, meeting, loket):
    """The meeting's articles a member of ``loket`` may open, by title, with their desk."""
    return list(
        knowledge_selectors.readable_articles(loket=loket).filter(pk__in=_linked_ids(meeting))
    )


def public_meeting_articles(*, meeting):
    """The meeting's published public articles of active desks, for its public page."""
    return list(
        knowledge_selectors.readable_articles(loket=meeting.loket).filter(
            pk__in=_linked_ids(meeting),
            visibility=Visibility.PUBLIC,
            loket__is_active=True,
        )
    )
