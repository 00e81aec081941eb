"""Reads about users: who they are and what their sign-in requires."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import reverse


def user_has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def password_link(user) -> str:
    """A one-time link (allauth's password-reset link) with which the user chooses a password.

    For use outside a web request, such as the ``create_desk`` command; the address comes from
    ``SITE_URL``.
    """
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL + path
