"""Reads about users: who they are and what their sign-in requires."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import reverse

from sportloket.core.constants import ROLES_REQUIRING_SECOND_FACTOR


def user_has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def user_must_set_up_second_factor(user) -> bool:
    """True for a coordinator or supporter of any active desk, or a technical administrator,
    who has no TOTP device yet."""
    if (
        not user.is_staff
        and not user.memberships.active().filter(role__in=ROLES_REQUIRING_SECOND_FACTOR).exists()
    ):
        return False
    return not user_has_second_factor(user)


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
