"""Selectors: the knowledge the loket-scan reads for a desk: articles published in a period and
shared with other desks, the desks it follows and that follow it, and the organisations whose
people wrote an article (through the organisation a member represents)."""

from django.db.models import Count, Q
from django.utils import timezone

from sportloket.core.models import Membership
from sportloket.knowledge.constants import SHARED_VISIBILITIES, ArticleStatus
from sportloket.knowledge.models import Article, DeskFollow


def scan_figures(*, loket, since, on=None) -> dict:
    """Three queries."""
    on = on or timezone.localdate()
    recent = Article.objects.filter(
        loket=loket,
        status=ArticleStatus.PUBLISHED,
        updated_at__date__gte=since,
        updated_at__date__lte=on,
    )
    counts = recent.order_by().aggregate(
        published=Count("pk"), shared=Count("pk", filter=Q(visibility__in=SHARED_VISIBILITIES))
    )
    follows = DeskFollow.objects.filter(Q(follower=loket) | Q(followed=loket)).order_by()
    following = followed_by = 0
    for follower_id, _followed_id in follows.values_list("follower_id", "followed_id"):
        if follower_id == loket.pk:
            following += 1
        else:
            followed_by += 1
    # The organisations the authors represent at this desk (their membership here).
    authors = set(
        Membership.objects.filter(
            loket=loket, organisation__isnull=False, user_id__in=recent.values("author_id")
        )
        .order_by()
        .values_list("organisation_id", flat=True)
    )
    return {
        **counts,
        "following": following,
        "followed_by": followed_by,
        "author_organisations": authors,
    }
