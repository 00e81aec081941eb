"""Reads on the knowledge base: what a desk lists and may open, the public articles of a desk,
search and filters in the database, and the desks a desk may follow.

Access and list differ on purpose. A member of desk B may OPEN desk A's article when A shares it
with all desks or publicly (a link in a message, an offering's page); B's knowledge LIST shows
it only when B follows A, marked with A's name, so that a desk's list is not flooded by every
desk in the country. A desk-only article of A is a 404 for B everywhere.
"""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from sportloket.core import selectors as core_selectors
from sportloket.core.constants import ProviderKinds
from sportloket.core.models import Loket
from sportloket.knowledge.constants import SHARED_VISIBILITIES, ArticleStatus
from sportloket.knowledge.models import Article, ArticleTheme, Attachment, DeskFollow

# Origin filter values besides a desk's id.
ORIGIN_OWN = "own"
ORIGIN_FOLLOWED = "followed"
MAX_SEARCH_WORDS = 8


def _with_list_data(qs):
    return qs.select_related("loket", "author").prefetch_related(
        Prefetch("themes", queryset=ArticleTheme.objects.order_by("key"))
    )


def search_words(text: str) -> list[str]:
    return [word for word in (text or "").split() if word][:MAX_SEARCH_WORDS]


def _searched(qs, search: str):
    """Every word must occur in the title, the summary or the text (case-insensitive)."""
    for word in search_words(search):
        qs = qs.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
        )
    return qs


def _filtered(qs, *, search="", theme_key="", sport=None, provider_kind="", visibility="",
              review_due=False):  # fmt: skip
    qs = _searched(qs, search)
    if theme_key:
        qs = qs.filter(themes__key=theme_key)
    if sport is not None:
        qs = qs.filter(sports=sport)
    if provider_kind:
        qs = qs.filter(provider_kinds__in=[provider_kind, ProviderKinds.ALL])
    if visibility:
        qs = qs.filter(visibility=visibility)
    if review_due:
        qs = qs.filter(review_on__lte=timezone.localdate())
    return qs


def desk_articles(*, loket, origin: str = "", status: str = "", **filters):
    """The desk's knowledge list: its own articles (by default without archived ones) and the
    shared articles of the desks it follows. ``origin``: "own", "followed" or a followed desk's
    id; ``status`` narrows the desk's own articles."""
    qs = Article.objects.listed_for(loket.pk)
    if origin == ORIGIN_OWN:
        qs = qs.filter(loket=loket)
    elif origin == ORIGIN_FOLLOWED:
        qs = qs.exclude(loket=loket)
    elif origin:
        qs = qs.filter(loket_id=origin)
    qs = qs.filter(status=status) if status else qs.exclude(status=ArticleStatus.ARCHIVED)
    return _with_list_data(_filtered(qs, **filters))


def public_articles(*, loket, search: str = ""):
    """The desk's public articles, for anyone."""
    return _with_list_data(_searched(Article.objects.for_desk(loket).public(), search))


def readable_articles(*, loket):
    """Articles a member of this desk may open, for a choice such as "send as an answer": its own
    published ones and those other desks share."""
    return (
        Article.objects.readable_by(loket.pk)
        .filter(status=ArticleStatus.PUBLISHED)
        .select_related("loket")
        .order_by("title", "pk")
    )


def get_readable_article_or_404(*, loket, pk) -> Article:
    """One article a member of this desk may open (its own, or shared by another desk), with
    what its page shows; 404 otherwise, also for another desk's desk-only article."""
    try:
        return (
            Article.objects.readable_by(loket.pk)
            .select_related("loket", "author")
            .prefetch_related("sports", "offerings", "attachments", "themes")
            .get(pk=pk)
        )
    except (Article.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def get_public_article_or_404(*, loket, pk) -> Article:
    try:
        return (
            Article.objects.for_desk(loket)
            .public()
            .select_related("loket")
            .prefetch_related("attachments", "sports")
            .get(pk=pk)
        )
    except (Article.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def get_readable_attachment_or_404(*, loket, pk) -> Attachment:
    """An attachment of an article this desk may open; 404 otherwise."""
    try:
        return Attachment.objects.select_related("article").get(
            pk=pk, article__in=Article.objects.readable_by(loket.pk)
        )
    except (Attachment.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def get_public_attachment_or_404(*, loket, pk) -> Attachment:
    try:
        return Attachment.objects.select_related("article").get(
            pk=pk, article__in=Article.objects.for_desk(loket).public()
        )
    except (Attachment.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def followed_desks(*, loket):
    return Loket.objects.filter(
        pk__in=DeskFollow.objects.filter(follower=loket).values("followed_id")
    ).order_by("name")


def desks_sharing_knowledge(*, loket):
    """Other active desks with their number of shared articles, and whether this desk follows
    them (``is_followed``), in two queries."""
    followed = DeskFollow.objects.filter(follower=loket).values("followed_id")
    shared = Q(
        articles__status=ArticleStatus.PUBLISHED, articles__visibility__in=SHARED_VISIBILITIES
    )
    desks = core_selectors.neighbours_first(
        Loket.objects.active()
        .exclude(pk=loket.pk)
        .annotate(shared_count=Count("articles", filter=shared)),
        loket=loket,
    )
    followed_ids = set(followed.values_list("followed_id", flat=True))
    rows = list(desks)
    for desk in rows:
        desk.is_followed = desk.pk in followed_ids
    return rows


def offering_articles(*, offering, loket):
    """The articles linked to an offering that a member of this desk may open."""
    return (
        Article.objects.readable_by(loket.pk)
        .filter(offerings=offering, status=ArticleStatus.PUBLISHED)
        .select_related("loket")
        .order_by("title", "pk")
    )


def articles_by_id(*, loket, ids):
    """Of these ids, the published articles this desk may send (its own and shared ones)."""
    return readable_articles(loket=loket).filter(pk__in=ids)


def sendable_articles(*, loket):
    """What a member offers to send with a message (the articles page of a question): the
    desk's own published articles and those the desks it follows share, by title."""
    return (
        Article.objects.listed_for(loket.pk)
        .filter(status=ArticleStatus.PUBLISHED)
        .select_related("loket")
        .only("title", "loket_id", "loket__name")
        .order_by("title", "pk")
    )


def get_sent_article_or_404(*, pk, sent_ids) -> Article:
    """An article sent in a message (``sent_ids``: the article ids of the question's
    messages), whatever its visibility, unless archived since; 404 otherwise."""
    try:
        return (
            Article.objects.exclude(status=ArticleStatus.ARCHIVED)
            .filter(pk__in=sent_ids)
            .select_related("loket")
            .prefetch_related("attachments")
            .get(pk=pk)
        )
    except (Article.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def get_sent_attachment_or_404(*, pk, sent_ids) -> Attachment:
    try:
        return Attachment.objects.select_related("article").get(
            pk=pk,
            article__in=Article.objects.exclude(status=ArticleStatus.ARCHIVED).filter(
                pk__in=sent_ids
            ),
        )
    except (Attachment.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc
