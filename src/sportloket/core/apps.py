from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sportloket.core"
    label = "core"
    verbose_name = _("Desks")

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.core import checks, lookups  # noqa: F401 - importing checks registers them

        lookups.register()

        from django.db.models.signals import post_migrate

        from sportloket.core.statistics import refresh_after_migrate

        post_migrate.connect(refresh_after_migrate, sender=self, dispatch_uid="core-statistics")

        from sportloket.core.models import Loket, Membership, SavedView
        from sportloket.core.services import LOKET_EDITABLE_FIELDS

        auditlog.register(
            Loket,
            include_fields=[*LOKET_EDITABLE_FIELDS, "slug", "is_active"],
            m2m_fields={"work_area"},
        )
        auditlog.register(
            Membership,
            # user and loket never change after creation and would cost a query per entry.
            include_fields=[
                "role",
                "partner_kind",
                "acts_for",
                "organisation",
                "decides_support",
                "ended_at",
            ],
        )
        auditlog.register(SavedView, include_fields=["name", "query"])
