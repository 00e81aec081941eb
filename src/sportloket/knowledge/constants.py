from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may read an article besides the desk that wrote it."""

    DESK = "desk", _("This desk only")
    ALL_DESKS = "all_desks", _("All desks")
    PUBLIC = "public", _("Public")


# Shared with other desks: readable by their members (and, when public, by anyone).
SHARED_VISIBILITIES = (Visibility.ALL_DESKS, Visibility.PUBLIC)


class ArticleStatus(models.TextChoices):
    """A draft is read only by its own desk; an archived article by nobody but its desk."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")
