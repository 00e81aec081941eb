from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferingKind(models.TextChoices):
    ADVICE = "advice", _("Advice")
    COACHING = "coaching", _("Coaching trajectory")
    COURSE = "course", _("Course or workshop")
    SERVICES_MENU = "services_menu", _("Service from the national services menu")


class OfferingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class OfferingScope(models.TextChoices):
    DESK = "desk", _("This desk")
    REGION = "region", _("A region (this desk and the desks it shares with)")
    NATIONAL = "national", _("National (every desk)")


class OfferingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")


class CapacityPeriod(models.TextChoices):
    MONTH = "month", _("per month")
    QUARTER = "quarter", _("per quarter")
    YEAR = "year", _("per year")


class Registration(models.TextChoices):
    """The quality registration a supporter needs to deliver an offering (the quality issue
    checks supporters against it)."""

    NONE = "", _("None")
    SPN = "spn", _("Sport Professionals netwerk (SPN)")
    KSS = "kss", _("Kwalificatiestructuur Sport (KSS)")
    ASK = "ask", _("Academie voor Sportkader (ASK)")
    LAB = "lab", _("Landelijke Academie Buurtsportcoaches (LAB)")
    VOG = "vog", _("Certificate of conduct (VOG)")
