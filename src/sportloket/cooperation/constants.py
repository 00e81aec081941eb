from django.db import models
from django.utils.translation import gettext_lazy as _


class CooperationKind(models.TextChoices):
    """What the parties do together: the seed's cooperation between sport providers, between
    supporters, and between sport and care, welfare, education and business."""

    SHARED_FACILITY = "shared_facility", _("Sharing a facility")
    VOLUNTEER_POOL = "volunteer_pool", _("Sharing volunteers or trainers")
    MERGER = "merger", _("Merger or federation of clubs")
    CARE_WELFARE = "care_welfare", _("With care or welfare")
    SCHOOL = "school", _("With a school")
    BUSINESS = "business", _("With a business")
    OTHER = "other", _("Other cooperation")


class CooperationStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PREPARING = "preparing", _("In preparation")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")


class SuggestionReason(models.TextChoices):
    THEME = "theme", _("Asked about the same theme")
    SPORT = "sport", _("The same sport")
    FACILITY = "facility", _("The same address")
    NEIGHBOURHOOD = "neighbourhood", _("The same neighbourhood")


# How far back a question counts for "asked about the same theme".
SUGGESTION_MONTHS = 12
# A suggestion names at most this many providers; more are counted.
SUGGESTION_NAMES = 8
