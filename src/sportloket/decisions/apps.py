"""The decisions app: keeps the database's guards on decisions (decisions.db) in place around
migrations, and the audit trail of the matching weights."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _

from sportloket.decisions.constants import Criterion
from sportloket.decisions.db import after_migrate, before_migrate


class DecisionsConfig(AppConfig):
    name = "sportloket.decisions"
    label = "decisions"
    verbose_name = _("Decisions on support")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The audit log's registry and the models load once the app registry is ready.
        from auditlog.registry import auditlog

        from sportloket.decisions.models import MatchingWeights

        pre_migrate.connect(before_migrate, sender=self, dispatch_uid="decisions-triggers-off")
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="decisions-triggers")
        auditlog.register(MatchingWeights, include_fields=list(Criterion.values))
