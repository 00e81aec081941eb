from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    NETWORK = "network", _("Network meeting")
    SPORT_CAFE = "sport_cafe", _("Sport café")
    WORKSHOP = "workshop", _("Workshop")
    COURSE = "course", _("Course")


class Response(models.TextChoices):
    """An invited person's answer; NONE until they answer."""

    NONE = "", _("No answer yet")
    YES = "yes", _("Yes, I will come")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No, I cannot come")


# The answers a person may give on the RSVP page.
ANSWERS = (Response.YES, Response.MAYBE, Response.NO)
# Whom a change or a cancellation reaches.
COMING = (Response.YES,)
COMING_OR_MAYBE = (Response.YES, Response.MAYBE)

# Reminders go out this many days before a meeting (send_meeting_reminders --days).
REMINDER_DAYS = 3
# At most this many people per answer or registration.
MAX_PEOPLE = 20
