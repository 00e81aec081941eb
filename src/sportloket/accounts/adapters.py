from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import EmailAwarePasswordResetTokenGenerator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator

UNKNOWN_ACCOUNT_MAIL = "account/email/unknown_account"


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by a desk's coordinator (or an administrator), never by sign-up."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        if template_prefix == UNKNOWN_ACCOUNT_MAIL:
            # A password reset for a known address makes a token and its link, then renders and
            # sends the mail; for an unknown address allauth only renders and sends (another
            # mail). The page answered in 25 ms against 12 ms, and so told who has an account.
            # Make the same token and link for a stand-in, and throw them away.
            self.stand_in_reset_link(email)
        super().send_mail(template_prefix, email, context)

    def stand_in_reset_link(self, email: str) -> str:
        """The work of ``allauth.account.internal.flows.password_reset.request_password_reset``
        for one account, done for an account that does not exist."""
        stand_in = get_user_model()(pk=0, email=email, password=make_password(None))
        key = f"{user_pk_to_url_str(stand_in)}-{_StandInTokenGenerator().make_token(stand_in)}"
        return self.get_reset_password_from_key_url(key)


class _StandInTokenGenerator(EmailAwarePasswordResetTokenGenerator):
    """allauth's token, with the same reads (whether the address is on record for the account,
    and the account's addresses) but not the write that records a missing address: there is no
    account to record it for (pk 0 is never given out)."""

    def _make_hash_value(self, user, timestamp):
        value = PasswordResetTokenGenerator._make_hash_value(self, user, timestamp)
        EmailAddress.objects.filter(user_id=user.pk, email=user.email).exists()
        emails = {user.email}
        emails.update(EmailAddress.objects.filter(user_id=user.pk).values_list("email", flat=True))
        return value + "|".join(sorted(emails))
