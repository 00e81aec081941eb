from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "sportloket.cooperation"
    verbose_name = _("Cooperation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.cooperation import models

        auditlog.register(
            models.Cooperation,
            include_fields=["loket", "title", "kind", "goal", "status", "start_on", "outcome"],
            m2m_fields={"themes", "supporters", "help_requests", "meetings", "decisions"},
        )
        auditlog.register(
            models.CooperationParty, include_fields=["cooperation", "organisation", "role"]
        )
        auditlog.register(
            models.IntroductionConsent,
            include_fields=["loket", "organisation", "given_on", "source", "withdrawn_on"],
        )
