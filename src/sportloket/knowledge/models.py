import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportloket.core.constants import ProviderKinds
from sportloket.core.models import DeskScopedQuerySet, TimeStampedModel
from sportloket.knowledge.constants import SHARED_VISIBILITIES, ArticleStatus, Visibility


class ArticleQuerySet(DeskScopedQuerySet):
    def published(self):
        return self.filter(status=ArticleStatus.PUBLISHED)

    def shared(self):
        """Published and shared beyond the desk that wrote it (all desks or public)."""
        return self.published().filter(visibility__in=SHARED_VISIBILITIES)

    def public(self):
        return self.published().filter(visibility=Visibility.PUBLIC)

    def readable_by(self, loket_id):
        """What members of this desk may open: every article of their own desk (drafts and
        archived ones too) and other desks' published articles shared with all desks or public.
        Another desk's desk-only article is never readable (its page is a 404)."""
        return self.filter(
            Q(loket_id=loket_id)
            | Q(status=ArticleStatus.PUBLISHED, visibility__in=SHARED_VISIBILITIES)
        )

    def listed_for(self, loket_id):
        """The desk's knowledge list: its own articles, plus shared articles of the desks it
        follows (marked with where they come from)."""
        followed = DeskFollow.objects.filter(follower_id=loket_id).values("followed_id")
        return self.filter(
            Q(loket_id=loket_id)
            | Q(
                loket_id__in=followed,
                status=ArticleStatus.PUBLISHED,
                visibility__in=SHARED_VISIBILITIES,
            )
        )


class Article(TimeStampedModel):
    """A piece of the desk's knowledge: an answer, a how-to, a document with its attachments.
    The body is Markdown; ``body_html`` is its sanitised rendering, made by the service on
    every save (see ``knowledge.rendering``)."""

    loket = models.ForeignKey(
        "core.Loket", on_delete=models.PROTECT, related_name="articles", verbose_name=_("desk")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences, shown in lists and search results."),
    )
    body = models.TextField(
        _("text"),
        help_text=_(
            "Markdown: a blank line between paragraphs, **bold**, *italic*, - for a list, "
            "## for a heading, [text](https://…) for a link."
        ),
    )
    body_html = models.TextField(editable=False, default="")
    provider_kinds = models.CharField(
        _("for"), max_length=20, choices=ProviderKinds.choices, default=ProviderKinds.ALL
    )
    sports = models.ManyToManyField(
        "registry.Sport",
        blank=True,
        related_name="articles",
        verbose_name=_("sports"),
        help_text=_("Leave empty when it is about every sport."),
    )
    offerings = models.ManyToManyField(
        "offerings.Offering",
        blank=True,
        related_name="articles",
        verbose_name=_("linked offerings"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    review_on = models.DateField(
        _("review on"),
        null=True,
        blank=True,
        help_text=_("When someone should check that the article is still right."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.DESK
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.PUBLISHED
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["loket", "status", "visibility"], name="knowledge_desk_vis"),
            models.Index(fields=["status", "visibility"], name="knowledge_shared"),
        ]

    def __str__(self):
        return self.title

    @property
    def review_due(self) -> bool:
        return self.review_on is not None and self.review_on <= timezone.localdate()

    @property
    def is_shared(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED and self.visibility in SHARED_VISIBILITIES

    @property
    def is_public(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED and self.visibility == Visibility.PUBLIC


class ArticleTheme(models.Model):
    """A theme an article is about, by the theme's key (the same at every desk for the usual
    themes, so a desk can filter another desk's shared articles by its own themes)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="themes")
    key = models.CharField(max_length=40, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="knowledge_theme_unique")
        ]

    def __str__(self):
        return self.key


def attachment_upload_to(instance, filename):
    # Never the uploader's name (kept in original_name): attachments are served only through
    # a view that checks who may read the article, never from a media address.
    extension = filename[filename.rfind(".") :].lower() if "." in filename else ""
    return f"knowledge/{instance.article.loket_id}/{uuid.uuid4().hex}{extension}"


class AttachmentQuerySet(DeskScopedQuerySet):
    desk_field = "article__loket"


class Attachment(models.Model):
    """A document added to an article, checked by kind (its first bytes) and size."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_upload_to)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["original_name", "pk"]

    def __str__(self):
        return self.original_name


class DeskFollowQuerySet(DeskScopedQuerySet):
    desk_field = "follower"


class DeskFollow(models.Model):
    """A desk follows another desk's shared knowledge: those articles show in its own list."""

    follower = models.ForeignKey(
        "core.Loket", on_delete=models.CASCADE, related_name="knowledge_follows"
    )
    followed = models.ForeignKey(
        "core.Loket", on_delete=models.CASCADE, related_name="knowledge_followers"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = DeskFollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("followed desk")
        verbose_name_plural = _("followed desks")
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="knowledge_follow_once"),
            models.CheckConstraint(
                condition=~Q(follower=F("followed")), name="knowledge_follow_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.follower} → {self.followed}"
