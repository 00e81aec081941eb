from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfferingsConfig(AppConfig):
    name = "sportloket.offerings"
    verbose_name = _("Support offerings and decisions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog
        from django.db.models.signals import post_migrate, pre_migrate

        from sportloket.offerings.db import after_migrate, before_migrate

        pre_migrate.connect(before_migrate, sender=self, dispatch_uid="offerings-triggers-off")
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="offerings-triggers")

        from sportloket.offerings.constants import Criterion
        from sportloket.offerings.models import MatchingWeights, Offering
        from sportloket.offerings.services import OFFERING_FIELDS

        # Named fields only: without them auditlog also records the reverse relation
        # ``themes``, which the history on the offering's page cannot show.
        auditlog.register(
            Offering,
            include_fields=["loket", *OFFERING_FIELDS],
            m2m_fields={"sports", "shared_with"},
        )
        auditlog.register(MatchingWeights, include_fields=list(Criterion.values))
