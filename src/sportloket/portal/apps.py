from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "sportloket.portal"
    verbose_name = _("Provider's page")
    default_auto_field = "django.db.models.BigAutoField"
