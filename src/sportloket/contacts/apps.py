from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "sportloket.contacts"
    verbose_name = _("Contact with providers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.contacts import models

        auditlog.register(
            models.ContactMoment,
            include_fields=[
                "loket",
                "organisation",
                "supporter",
                "date",
                "channel",
                "summary",
                "follow_up_on",
                "proactive",
                "visibility",
                "help_request",
            ],
            m2m_fields={"people", "topics"},
        )
        auditlog.register(
            models.PlannedContact, include_fields=["loket", "organisation", "due_on", "supporter"]
        )
        auditlog.register(models.ContactPolicy, include_fields=["loket", "default_months"])
        auditlog.register(
            models.ContactPolicyRule, include_fields=["policy", "kind", "tag", "months"]
        )
        auditlog.register(
            models.AccountHolder,
            include_fields=["loket", "supporter", "municipality", "sport", "organisation"],
        )
