from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly")
    NOT_YET = "not_yet", _("Not yet")
    UNMEASURABLE = "unmeasurable", _("Not measurable yet")


# How much better a verdict is than another: for a trend ("better than last month").
RANK = {Verdict.NOT_YET: 0, Verdict.PARTLY: 1, Verdict.MET: 2}
