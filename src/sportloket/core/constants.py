from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    SUPPORTER = "supporter", _("Supporter")
    PARTNER = "partner", _("Partner")
    VIEWER = "viewer", _("Viewer")


class PartnerKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    FEDERATION = "federation", _("Sport federation")
    FUND = "fund", _("Fund")


ROLES_REQUIRING_SECOND_FACTOR = (Role.COORDINATOR, Role.SUPPORTER)
