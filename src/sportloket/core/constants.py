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


class RequestMail(models.TextChoices):
    """How a member hears of new questions at the desk."""

    IMMEDIATE = "immediate", _("An e-mail for every new question")
    DAILY = "daily", _("One e-mail a day with the new questions")
    OFF = "off", _("No e-mail")


ROLES_REQUIRING_SECOND_FACTOR = (Role.COORDINATOR, Role.SUPPORTER)


class ProviderKinds(models.TextChoices):
    """For which kind of provider an offering is."""

    ALL = "all", _("Clubs and commercial providers")
    CLUB = "club", _("Sports clubs")
    COMMERCIAL = "commercial", _("Commercial sport providers")


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


# The kinds of organisation a desk exists for (the register's OrganisationKind has the same
# values): what is not one of these supports them.
PROVIDER_KIND_VALUES = (ProviderKinds.CLUB.value, ProviderKinds.COMMERCIAL.value)
