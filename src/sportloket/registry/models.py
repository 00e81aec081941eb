import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sportloket.core.models import DeskScopedQuerySet, Municipality, TimeStampedModel
from sportloket.registry.constants import (
    PROVIDER_KINDS,
    LegalBasis,
    LinkSource,
    OrganisationKind,
    OrganisationStatus,
    ParticipationKind,
    PersonFunction,
)


class Sport(models.Model):
    """A sport, in Dutch. Reference data."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("sport")
        verbose_name_plural = _("sports")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Federation(models.Model):
    """A national sport federation (NOC*NSF member). Reference data."""

    abbreviation = models.CharField(_("abbreviation"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    sports = models.ManyToManyField(Sport, related_name="federations", blank=True)
    # The federation as an organisation of the register: its partners at a desk act for it.
    organisation = models.OneToOneField(
        "Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="federation_record",
        verbose_name=_("organisation in the register"),
    )

    class Meta:
        verbose_name = _("sport federation")
        verbose_name_plural = _("sport federations")
        ordering = ["abbreviation"]

    def __str__(self):
        return self.abbreviation


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def for_desk(self, loket):
        """A desk's register: every organisation in its work area, plus those linked to it."""
        # Two indexed IN-subqueries instead of a join: no DISTINCT needed, fast at 25,000 rows.
        return self.filter(
            Q(municipality_id__in=loket.work_area.values("pk"))
            | Q(pk__in=OrganisationLink.objects.filter(loket=loket).values("organisation_id"))
        )

    def providers(self):
        return self.filter(kind__in=PROVIDER_KINDS)

    def active(self):
        return self.filter(status=OrganisationStatus.ACTIVE)


class Organisation(TimeStampedModel):
    """One organisation in the national register: a club is one record for every desk."""

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    kvk_number = models.CharField(
        _("KvK number"),
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("A KvK number has 8 digits."))],
    )
    address = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True, db_index=True)
    city = models.CharField(_("place"), max_length=100, blank=True, db_index=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    sports = models.ManyToManyField(
        Sport, related_name="organisations", blank=True, verbose_name=_("sports")
    )
    federations = models.ManyToManyField(
        Federation,
        related_name="member_organisations",
        blank=True,
        verbose_name=_("federation memberships"),
    )
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OrganisationStatus.choices,
        default=OrganisationStatus.ACTIVE,
    )
    tags = models.ManyToManyField(Tag, related_name="organisations", blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        editable=False,
        verbose_name=_("merged into"),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "name"], name="registry_org_kind_name"),
            # A work area's active providers, not merged away, from the index alone (the rows
            # are wide; the work list and the contact figures read them all).
            models.Index(
                fields=["municipality", "kind", "status", "merged_into"],
                name="registry_org_work_area",
            ),
            models.Index(fields=["name_key", "postcode"], name="registry_org_dedupe"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kvk_number__isnull=True) | Q(kvk_number__regex=r"^[0-9]{8}$"),
                name="registry_org_kvk_8_digits",
                violation_error_message=_("A KvK number has 8 digits."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_provider(self):
        return self.kind in PROVIDER_KINDS


class OrganisationLink(TimeStampedModel):
    """An organisation in a desk's register that is not (only) there by its municipality."""

    loket = models.ForeignKey(
        "core.Loket", on_delete=models.CASCADE, related_name="organisation_links"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="desk_links"
    )
    source = models.CharField(_("source"), max_length=20, choices=LinkSource.choices)

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation in a desk's register")
        verbose_name_plural = _("organisations in a desk's register")
        constraints = [
            models.UniqueConstraint(
                fields=["loket", "organisation"], name="registry_link_once_per_desk"
            )
        ]


class Person(TimeStampedModel):
    """A person in the network: a board member, contact person or trainer of an organisation.

    Their data is processed on a recorded AVG basis; contact and sharing need their agreement.
    """

    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    legal_basis = models.CharField(
        _("legal basis (AVG)"),
        max_length=30,
        choices=LegalBasis.choices,
        default=LegalBasis.LEGITIMATE_INTEREST,
    )
    consents_to_contact = models.BooleanField(_("agrees to be contacted"), default=False)
    consents_to_sharing = models.BooleanField(
        _("agrees that partners see their details"), default=False
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        # The provider's page signs a contact person in by their address, in any case.
        indexes = [models.Index(Lower("email"), name="registry_person_email_ci")]

    def __str__(self):
        return self.full_name


class PersonRoleQuerySet(models.QuerySet):
    def for_desk(self, loket):
        """Roles the desk recorded itself."""
        return self.filter(loket=loket)

    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start_on__isnull=True) | Q(start_on__lte=on)).filter(
            Q(end_on__isnull=True) | Q(end_on__gte=on)
        )


class PersonRole(TimeStampedModel):
    """What a person does at an organisation, and from when to when."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="person_roles"
    )
    # People's details belong to the desk that recorded them; other desks see them only when
    # the person agreed to sharing (see registry.selectors.organisation_roles).
    loket = models.ForeignKey(
        "core.Loket",
        on_delete=models.CASCADE,
        related_name="person_roles",
        verbose_name=_("recorded by desk"),
    )
    function = models.CharField(_("function"), max_length=30, choices=PersonFunction.choices)
    start_on = models.DateField(_("from"), null=True, blank=True)
    end_on = models.DateField(_("until"), null=True, blank=True)

    objects = PersonRoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("role at an organisation")
        verbose_name_plural = _("roles at organisations")
        ordering = ["organisation", "function", "person__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True)
                | Q(start_on__isnull=True)
                | Q(end_on__gte=models.F("start_on")),
                name="registry_role_ends_after_start",
                violation_error_message=_("A role cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.get_function_display()} – {self.organisation}"


class Participation(TimeStampedModel):
    """An organisation taking part in a desk: as supporting, funding or representing party."""

    loket = models.ForeignKey("core.Loket", on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("takes part as"), max_length=20, choices=ParticipationKind.choices)
    representative = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="represents",
        verbose_name=_("represented by"),
    )
    since = models.DateField(_("takes part since"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["loket", "organisation"], name="registry_participation_once_per_desk"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_kind_display()}"


def declaration_upload_to(instance, filename):
    # The stored name never comes from the uploader; documents are served only through a
    # desk-scoped view, never from a public media address.
    return f"declarations/{instance.participation.loket_id}/{uuid.uuid4().hex}.pdf"


class IntentDeclarationQuerySet(models.QuerySet):
    def for_desk(self, loket):
        return self.filter(participation__loket=loket)


class IntentDeclaration(TimeStampedModel):
    """A participating party's signed intent declaration for the desk."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="declarations"
    )
    signed_on = models.DateField(_("signed on"))
    signatory = models.CharField(_("signed by"), max_length=200)
    document = models.FileField(_("document (PDF)"), upload_to=declaration_upload_to)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = IntentDeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = _("intent declaration")
        verbose_name_plural = _("intent declarations")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("signed_on")),
                name="registry_declaration_valid_after_signing",
                violation_error_message=_("A declaration cannot expire before it is signed."),
            )
        ]

    def __str__(self):
        return f"{self.participation.organisation} – {self.signed_on}"

    def is_valid_on(self, day):
        return self.signed_on <= day and (self.valid_until is None or self.valid_until >= day)


def import_upload_to(instance, filename):
    return f"imports/{instance.loket_id}/{uuid.uuid4().hex}"


class ImportRun(TimeStampedModel):
    """An uploaded organisation file: previewed first, written only when confirmed."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        APPLIED = "applied", _("Imported")

    loket = models.ForeignKey("core.Loket", on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    filename = models.CharField(_("file name"), max_length=255)
    file = models.FileField(upload_to=import_upload_to)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREVIEWED)
    summary = models.JSONField(default=dict, blank=True)
    # The background job that writes it (the latest, when it had to be started again).
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = DeskScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename


def _staged_text(max_length):
    """A staged value of a text field: NULL means "left as it is", unlike any text."""
    return models.CharField(max_length=max_length, null=True)


class ImportStagedRow(models.Model):
    """One organisation of an import as the worker stages it, in short transactions, before
    anything in the register changes; ``registry.importing.commit`` applies a job's staged
    rows to the register in one transaction. The columns carry the register's column names:
    a new organisation's every field, a known one's changed fields (NULL: left as it is)."""

    class Action(models.TextChoices):
        CREATE = "create"
        UPDATE = "update"  # its own fields change
        LINK = "link"  # added to the desk's register, given sports, federations or tags

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="+")
    organisation_id = models.BigIntegerField()  # for a new one: reserved when it was staged
    action = models.CharField(max_length=10, choices=Action.choices)
    kind = _staged_text(20)
    name = _staged_text(200)
    name_key = _staged_text(200)
    kvk_number = _staged_text(8)
    address = _staged_text(200)
    postcode = _staged_text(7)
    city = _staged_text(100)
    municipality_id = models.BigIntegerField(null=True)
    email = _staged_text(254)
    phone = _staged_text(20)
    website = _staged_text(200)
    member_count = models.PositiveIntegerField(null=True)
    founded_on = models.DateField(null=True)
    status = _staged_text(20)
    object_repr = models.CharField(max_length=200)
    audit_changes = models.JSONField(null=True)  # the audit entry's changes; NULL: no entry

    class Meta:
        verbose_name = _("staged import row")
        verbose_name_plural = _("staged import rows")

    def __str__(self):
        return f"{self.action} {self.organisation_id}"


class ImportStagedRelation(models.Model):
    """A sport, federation or tag (by name: a new tag is made when the import is applied) that
    a staged import gives an organisation."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="+")
    organisation_id = models.BigIntegerField()
    relation = models.CharField(max_length=20)  # "sports", "federations" or "tags"
    related_id = models.BigIntegerField(null=True)  # a sport's or federation's id
    tag_name = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name = _("staged import relation")
        verbose_name_plural = _("staged import relations")

    def __str__(self):
        return f"{self.relation} of {self.organisation_id}"


from sportloket.registry.change_models import ChangeStatus, ProviderChange  # noqa: E402
from sportloket.registry.relation_models import AdviserRelation, AreaAlignment  # noqa: E402

__all__ = ["AdviserRelation", "AreaAlignment", "ChangeStatus", "ProviderChange"]
