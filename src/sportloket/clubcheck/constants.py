"""The yearly club check's vocabulary: the national core questions (the same for every desk,
versioned so that figures compare), the kinds of a desk's own questions, and the rule that no
published figure covers fewer than ``SMALL_GROUP`` providers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The national core questions. A change of their wording or answers is a new version; rounds
# keep the version they were asked in, and only answers of one version are added up.
CORE_VERSION = "2026.1"

# The least number of providers a published figure may cover (CBS practice for small numbers).
SMALL_GROUP = 5

MAX_EXTRA_QUESTIONS = 10


class Finances(models.TextChoices):
    HEALTHY = "healthy", _("Healthy")
    WORRIED = "worried", _("Some worries")
    TROUBLE = "trouble", _("In trouble")


class Facilities(models.TextChoices):
    OWN = "own", _("Own accommodation")
    RENTED = "rented", _("Rented")
    SHARED = "shared", _("Shared with others")
    NONE = "none", _("No fixed accommodation")


class HelpTopic(models.TextChoices):
    """What a provider wants help with: national topics, so the figures of desks compare."""

    VOLUNTEERS = "volunteers", _("Volunteers and board")
    MEMBERS = "members", _("Finding and keeping members")
    FINANCES = "finances", _("Finances and funding")
    FACILITIES = "facilities", _("Accommodation and facilities")
    CLIMATE = "climate", _("A safe and pleasant sport climate")
    INCLUSION = "inclusion", _("Sport for everyone")
    NEIGHBOURHOOD = "neighbourhood", _("Working with schools, care and the neighbourhood")
    SUSTAINABILITY = "sustainability", _("Sustainability")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    CHOICE = "choice", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    YESNO = "yesno", _("Yes or no")


# The reasons a signal gives on the work list.
SIGNAL_BOARD_VACANCY = _("board vacancy")
SIGNAL_FINANCES = _("financial trouble")
SIGNAL_HELP = _("wants help")

# Days after the invitation (or the last reminder) before a reminder, and at most how many.
REMINDER_DAYS = 14
MAX_REMINDERS = 2
