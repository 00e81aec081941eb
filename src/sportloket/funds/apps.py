from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "sportloket.funds"
    verbose_name = _("Funds and allocations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog
        from django.db.models.signals import post_migrate, pre_migrate

        from sportloket.funds.db import after_migrate, before_migrate

        pre_migrate.connect(before_migrate, sender=self, dispatch_uid="funds-triggers-off")
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="funds-triggers")

        from sportloket.funds.models import Allocation, Fund
        from sportloket.funds.services import FUND_FIELDS

        # Named fields only: the reverse relations (themes, allocations, history) have their own
        # records. committed_cents and paid_cents follow from the allocations, which are audited.
        auditlog.register(Fund, include_fields=["loket", "amount_cents", *FUND_FIELDS])
        auditlog.register(
            Allocation,
            include_fields=["fund", "decision", "amount_cents", "paid_cents", "state"],
        )
