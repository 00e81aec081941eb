from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "sportloket.quality"
    label = "quality"
    verbose_name = _("Quality registrations and rules")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.quality import models
        from sportloket.quality.services import REGISTRATION_FIELDS

        auditlog.register(
            models.QualityRegistration,
            include_fields=[
                "user",
                "recorded_by_loket",
                *REGISTRATION_FIELDS,
                "ended_on",
                "evidence",
            ],
        )
        auditlog.register(models.QualityRequirementGroup, include_fields=["loket", "position"])
        auditlog.register(
            models.QualityRequirementOption,
            include_fields=["group", "system", "min_level", "line"],
        )
