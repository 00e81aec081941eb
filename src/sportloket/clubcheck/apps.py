from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClubCheckConfig(AppConfig):
    name = "sportloket.clubcheck"
    verbose_name = _("Yearly club check")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.clubcheck import models

        auditlog.register(
            models.CheckRound, include_fields=["loket", "year", "opens_on", "closes_on"]
        )
        auditlog.register(models.ExtraQuestion, include_fields=["round", "text", "kind", "choices"])
