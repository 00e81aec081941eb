from django.db import models
from django.utils.translation import gettext_lazy as _


class SignInCode(models.Model):
    """A one-time code e-mailed to a contact person who signs in on the provider's page. Only
    its keyed hash is stored; it works once, for a few minutes, and not after too many wrong
    tries (``portal.services.signin``)."""

    email = models.EmailField(_("e-mail address"), db_index=True)  # lower case
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("valid until"))
    attempts = models.PositiveSmallIntegerField(_("wrong tries"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in code")
        verbose_name_plural = _("sign-in codes")
        indexes = [models.Index(fields=["email", "-created_at"], name="portal_code_latest")]

    def __str__(self):
        return f"{self.email} – {self.created_at:%Y-%m-%d %H:%M}"
