from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "sportloket.registry"
    label = "registry"
    verbose_name = _("Register")

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.registry import models
        from sportloket.registry.constants import ORGANISATION_FIELDS

        auditlog.register(
            models.Organisation,
            include_fields=[*ORGANISATION_FIELDS, "merged_into"],
            m2m_fields={"sports", "federations", "tags"},
        )
        auditlog.register(models.OrganisationLink, include_fields=["source"])
        auditlog.register(
            models.Person,
            include_fields=[
                "full_name",
                "email",
                "phone",
                "legal_basis",
                "consents_to_contact",
                "consents_to_sharing",
            ],
        )
        auditlog.register(
            models.PersonRole, include_fields=["organisation", "function", "start_on", "end_on"]
        )
        auditlog.register(
            models.Participation,
            include_fields=["organisation", "kind", "representative", "since", "note"],
        )
        auditlog.register(
            models.IntentDeclaration, include_fields=["signed_on", "signatory", "valid_until"]
        )
        auditlog.register(
            models.AreaAlignment,
            include_fields=["federation", "municipality", "agreed", "agreed_on", "agreed_with"],
        )
        auditlog.register(models.ImportRun, include_fields=["filename", "status"])
