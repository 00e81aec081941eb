from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sportloket.core"
    label = "core"
    verbose_name = _("Desks")

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.core.models import Loket, Membership

        auditlog.register(Loket, m2m_fields={"work_area"})
        auditlog.register(Membership)
