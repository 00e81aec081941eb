from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpRequestsConfig(AppConfig):
    name = "sportloket.helprequests"
    label = "helprequests"
    verbose_name = _("Help requests")

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.core.models import Theme
        from sportloket.helprequests.models import HelpRequest

        auditlog.register(
            HelpRequest,
            include_fields=["organisation", "state", "urgency", "question"],
            m2m_fields={"themes"},
        )
        auditlog.register(Theme, include_fields=["name", "is_active", "position"])
