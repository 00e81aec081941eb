from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    VISIT = "visit", _("Visit")
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("E-mail")
    MEETING = "meeting", _("Meeting")
    VIDEO = "video", _("Video call")


class Visibility(models.TextChoices):
    DESK = "desk", _("The whole desk")
    RESTRICTED = "restricted", _("Only coordinators and the author")


class WorkListScope(models.TextChoices):
    """Which providers the work list shows: those needing attention (never contacted, overdue
    or with a follow-up due) or all providers in the work area."""

    ATTENTION = "attention", _("Needing contact")
    ALL = "all", _("All providers")


# The desk's contact policy when it has not set one: every provider at least once a year.
DEFAULT_POLICY_MONTHS = 12
MAX_POLICY_MONTHS = 120
