from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    TRIAGE = "triage", _("In triage")
    MATCHED = "matched", _("Support chosen")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    EVALUATED = "evaluated", _("Evaluated")
    ON_HOLD = "on_hold", _("On hold")
    REFERRED = "referred", _("Referred")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Urgency(models.TextChoices):
    LOW = "low", _("Can wait")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("Urgent")


# The themes of club support a new desk starts with; each desk manages its own list. The key is
# the same at every desk, so offerings shared nationally can name the themes they serve.
DEFAULT_THEMES = (
    ("governance", _("Governance and board")),
    ("volunteers", _("Volunteers")),
    ("finances", _("Finances")),
    ("members", _("Members and recruitment")),
    ("facilities", _("Facilities and accommodation")),
    ("sustainability", _("Sustainability")),
    ("safe-sport", _("Safe sport climate")),
    ("inclusion", _("Inclusion and diversity")),
    ("healthy", _("Healthy sport environment")),
    ("communication", _("Communication")),
    ("cooperation", _("Cooperation")),
    ("training", _("Training of staff and trainers")),
    ("other", _("Other")),
)
DEFAULT_THEME_LABELS = dict(DEFAULT_THEMES)
