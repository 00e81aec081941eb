from django.db import models
from django.utils.translation import gettext_lazy as _

from sportloket.core.constants import Role


class QualitySystem(models.TextChoices):
    """The quality system a registration belongs to. The values equal those of
    ``offerings.constants.Registration`` where they overlap, so that an offering's required
    registration is a quality system (a test keeps them aligned)."""

    SPN = "spn", _("Sport Professionals netwerk (SPN)")
    KSS = "kss", _("Kwalificatiestructuur Sport (KSS)")
    ASK = "ask", _("Academie voor Sportkader (ASK)")
    LAB = "lab", _("Landelijke Academie Buurtsportcoaches (LAB)")
    VOG = "vog", _("Certificate of conduct (VOG)")
    OTHER = "other", _("Other registration")


# How a registration is named in a sentence ("The SPN registration expired on …"); an "other"
# registration is named by its line (what it is) instead.
SHORT_NAMES = {
    QualitySystem.SPN: "SPN",
    QualitySystem.KSS: "KSS",
    QualitySystem.ASK: "ASK",
    QualitySystem.LAB: "LAB",
    QualitySystem.VOG: "VOG",
}


class KssKind(models.TextChoices):
    """A KSS qualification is a diploma and does not expire; a licence (through a federation)
    does."""

    QUALIFICATION = "qualification", _("Qualification (diploma)")
    LICENCE = "licence", _("Licence")


# KSS qualification levels run from 1 to 5; other systems use the same scale when they have one.
MIN_LEVEL = 1
MAX_LEVEL = 5

# Evidence documents: PDF, JPEG or PNG (by content), at most this size.
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

# Registrations that end within this many days are shown as expiring soon.
EXPIRY_WARNING_DAYS = 60

# The roles that act for the desk on requests and offerings, and so are held to its rule.
ACTING_ROLES = (Role.COORDINATOR, Role.SUPPORTER)
