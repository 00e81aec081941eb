from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "sportloket.meetings"
    verbose_name = _("Meetings")
    default_auto_field = "django.db.models.BigAutoField"
