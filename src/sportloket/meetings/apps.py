from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "sportloket.meetings"
    verbose_name = _("Meetings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.meetings import models

        auditlog.register(
            models.Meeting,
            include_fields=[
                "loket",
                "series",
                "title",
                "kind",
                "starts_at",
                "ends_at",
                "place",
                "online_url",
                "capacity",
                "offering",
                "is_public",
                "cancelled_at",
            ],
            m2m_fields={"themes", "co_organisers"},
        )
        auditlog.register(models.MeetingSeries, include_fields=["loket", "name", "rhythm"])
        auditlog.register(models.Invitation, include_fields=["meeting", "organisation", "person"])
        auditlog.register(
            models.Attendance,
            include_fields=["meeting", "organisation", "person", "walk_in_name"],
        )
        auditlog.register(
            models.AgreedAction,
            include_fields=["meeting", "description", "owner", "due_on", "done_at"],
        )
