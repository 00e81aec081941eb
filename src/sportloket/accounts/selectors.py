"""Reads about users: who they are and what their sign-in requires."""

from allauth.mfa.models import Authenticator

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
