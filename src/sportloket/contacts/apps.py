from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "sportloket.contacts"
    verbose_name = _("Contact with providers")
    default_auto_field = "django.db.models.BigAutoField"
