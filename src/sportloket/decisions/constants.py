"""The criteria matching ranks offerings by."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Criterion(models.TextChoices):
    """What matching weighs, each with a weight per desk."""

    THEME = "theme", _("Theme fit")
    PROVIDER_KIND = "provider_kind", _("Kind of provider")
    SPORT = "sport", _("Sport")
    SCOPE = "scope", _("Scope and region")
    CAPACITY = "capacity", _("Capacity left this period")
    MONEY = "money", _("Money available in a fund that may pay")
    SUPPORTER = "supporter", _("A qualified supporter available")
    RATING = "rating", _("Past ratings")
    NOVELTY = "novelty", _("Not received before")
