from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    CLUB = "club", _("Sports club")
    COMMERCIAL = "commercial", _("Commercial sport provider")
    MUNICIPALITY = "municipality", _("Municipality")
    FEDERATION = "federation", _("Sport federation")
    SPORT_COMPANY = "sport_company", _("Sport company")
    SPORT_PLATFORM = "sport_platform", _("Sport platform or sport council")
    SUPPORT = "support", _("Support organisation")
    FUND = "fund", _("Fund")
    CARE = "care", _("Care")
    WELFARE = "welfare", _("Welfare")
    BUSINESS = "business", _("Business")
    EDUCATION = "education", _("Education")
    OTHER = "other", _("Other")


# Sport providers: the organisations the desk exists for.
PROVIDER_KINDS = (OrganisationKind.CLUB, OrganisationKind.COMMERCIAL)


class OrganisationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DISSOLVED = "dissolved", _("Dissolved")


class LinkSource(models.TextChoices):
    """Why an organisation is in a desk's register besides lying in its work area."""

    MANUAL = "manual", _("Added by hand")
    IMPORT = "import", _("Imported")
    PARTICIPANT = "participant", _("Participating party")


class PersonFunction(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    TREASURER = "treasurer", _("Treasurer")
    BOARD_MEMBER = "board_member", _("Board member")
    CONTACT = "contact", _("Contact person")
    VOLUNTEER_COORDINATOR = "volunteer_coordinator", _("Volunteer coordinator")
    TRAINER = "trainer", _("Trainer or coach")
    STAFF = "staff", _("Staff member")
    DIRECTOR = "director", _("Director or owner")
    OTHER = "other", _("Other")


class LegalBasis(models.TextChoices):
    """The AVG (GDPR) basis on which the desk processes a person's data (art. 6)."""

    CONSENT = "consent", _("Consent")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest")
    CONTRACT = "contract", _("Agreement")
    PUBLIC_TASK = "public_task", _("Public task")


class ParticipationKind(models.TextChoices):
    SUPPORTING = "supporting", _("Supporting party")
    FUNDING = "funding", _("Funding party")
    REPRESENTING = "representing", _("Representing party")


# What an organisation's own people change on its page at once, and what waits until a desk
# approves it (the identity of the organisation).
PROVIDER_EDITABLE_FIELDS = (
    "address",
    "postcode",
    "city",
    "email",
    "phone",
    "website",
    "member_count",
)
PROVIDER_APPROVED_FIELDS = ("name", "kvk_number")


# Intent declarations: PDF only, at most this size.
DECLARATION_MAX_BYTES = 10 * 1024 * 1024


# The plain fields of an organisation that forms, the importer and the audit trail work with.
ORGANISATION_FIELDS = (
    "kind",
    "name",
    "kvk_number",
    "address",
    "postcode",
    "city",
    "municipality",
    "email",
    "phone",
    "website",
    "member_count",
    "founded_on",
    "status",
)
