"""Writes on articles: create, change, archive. The body is rendered and sanitised here, once
per change, into ``body_html``."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.services import model_update
from sportloket.knowledge.constants import ArticleStatus
from sportloket.knowledge.models import Article, ArticleTheme
from sportloket.knowledge.rendering import render_markdown
from sportloket.knowledge.services.attachments import checked_attachment, store_attachment
from sportloket.offerings.models import Offering

ARTICLE_FIELDS = (
    "title",
    "summary",
    "body",
    "provider_kinds",
    "review_on",
    "visibility",
    "status",
)


def _check_offerings(loket, offerings):
    """An article links only offerings the desk sees in its catalogue."""
    offerings = list(offerings)
    if not offerings:
        return offerings
    visible = set(
        Offering.objects.visible_to(loket.pk)
        .filter(pk__in=[offering.pk for offering in offerings])
        .values_list("pk", flat=True)
    )
    if any(offering.pk not in visible for offering in offerings):
        raise ValidationError({"offerings": _("Choose offerings from the catalogue of this desk.")})
    return offerings


def article_save(
    *, actor, loket, article: Article | None = None, theme_keys=(), sports=(), offerings=(),
    upload=None, **fields,
) -> Article:  # fmt: skip
    """Writes a new article of ``loket`` (its author is ``actor``) or changes one of its own,
    with ``upload`` as a new attachment. An article of another desk is refused, even when it is
    shared."""
    if article is None:
        article = Article(loket=loket, author=actor if getattr(actor, "pk", None) else None)
    elif article.loket_id != loket.pk:
        raise ValidationError(_("This article belongs to another desk."))
    model_update(article, fields, allowed=ARTICLE_FIELDS, clean=False)
    if not (article.body or "").strip():
        raise ValidationError({"body": _("Write the text of the article.")})
    article.body_html = render_markdown(article.body)
    article.full_clean(exclude=["author"])
    offerings = _check_offerings(loket, offerings)
    keys = sorted({str(key) for key in theme_keys if key})
    extension = checked_attachment(upload) if upload is not None else None
    with transaction.atomic(), audited(actor):
        article.save()
        if upload is not None:
            store_attachment(article=article, upload=upload, extension=extension, actor=actor)
        article.themes.exclude(key__in=keys).delete()
        ArticleTheme.objects.bulk_create(
            [ArticleTheme(article=article, key=key) for key in keys], ignore_conflicts=True
        )
        article.sports.set(sports)
        article.offerings.set(offerings)
    return article


def article_archive(*, actor, loket, article: Article) -> Article:
    """Takes an article out of use: no longer shared, public or sent, kept for its history
    (a message that carried it still names it). Archiving again changes nothing."""
    if article.loket_id != loket.pk:
        raise ValidationError(_("This article belongs to another desk."))
    if article.status == ArticleStatus.ARCHIVED:
        return article
    with transaction.atomic(), audited(actor):
        article.status = ArticleStatus.ARCHIVED
        article.save(update_fields=["status", "updated_at"])
    return article
