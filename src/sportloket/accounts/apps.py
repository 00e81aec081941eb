from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sportloket.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.accounts import second_factor  # noqa: F401 - registers its receiver
        from sportloket.accounts.models import User

        # Who may sign in, and with which rights, is audited; secrets and sign-in times are not.
        auditlog.register(
            User, include_fields=["email", "full_name", "is_active", "is_national", "is_staff"]
        )
