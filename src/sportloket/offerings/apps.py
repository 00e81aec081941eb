from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfferingsConfig(AppConfig):
    name = "sportloket.offerings"
    verbose_name = _("Support offerings and decisions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.offerings.models import MatchingWeights, Offering

        auditlog.register(Offering, m2m_fields={"sports", "shared_with"})
        auditlog.register(MatchingWeights)
