from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScanConfig(AppConfig):
    name = "sportloket.scan"
    verbose_name = _("Loket-scan")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.scan import models

        auditlog.register(models.ScanSettings, include_fields=["loket", "thresholds"])
