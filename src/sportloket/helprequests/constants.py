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


class Channel(models.TextChoices):
    """How a question reached the desk: by the web form, or by a way the desk records it."""

    WEB_FORM = "web_form", _("Web form")
    PHONE = "phone", _("By phone")
    EMAIL = "email", _("By e-mail")
    IN_PERSON = "in_person", _("In person, at the desk or on a visit")
    MEETING = "meeting", _("At a meeting")
    REFERRAL = "referral", _("Referred by another desk")
    CLUB_CHECK = "club_check", _("From the yearly club check")


class ReferralState(models.TextChoices):
    """A referral's answer and outcome, as the referring desk follows it."""

    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    HELPED = "helped", _("Helped")
    NOT_HELPED = "not_helped", _("Not helped")
    WITHDRAWN = "withdrawn", _("Taken back by the referring desk")
