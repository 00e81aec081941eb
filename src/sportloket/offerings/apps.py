from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfferingsConfig(AppConfig):
    name = "sportloket.offerings"
    verbose_name = _("Support offerings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.offerings.models import Offering
        from sportloket.offerings.services import OFFERING_FIELDS

        # Named fields only: without them auditlog also records the reverse relation
        # ``themes``, which the history on the offering's page cannot show.
        auditlog.register(
            Offering,
            include_fields=["loket", *OFFERING_FIELDS],
            m2m_fields={"sports", "shared_with"},
        )
