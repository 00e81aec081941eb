from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "sportloket.registry"
    label = "registry"
    verbose_name = _("Register")

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.registry import models
        from sportloket.registry.services import ORGANISATION_FIELDS

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
        auditlog.register(models.PersonRole, include_fields=["function", "start_on", "end_on"])
