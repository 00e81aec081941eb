"""What the session knows of the user's second factor, so that the requirement of one
(core.middleware.RequireSecondFactorMiddleware) costs a query once per session instead of two on
every request. The session remembers that the signed-in user has a TOTP device; removing one
through allauth forgets it (the next request looks again), and signing in starts a new session."""

from allauth.mfa.signals import authenticator_removed
from django.dispatch import receiver

from sportloket.accounts.selectors import user_has_second_factor

SESSION_KEY = "sportloket_second_factor"


def has_second_factor(request) -> bool:
    """Whether ``request.user`` has a TOTP device: from the session when it knows, else from the
    database (and the session remembers a yes)."""
    session = getattr(request, "session", None)
    if session is not None and session.get(SESSION_KEY) == request.user.pk:
        return True
    if not user_has_second_factor(request.user):
        return False
    if session is not None:
        session[SESSION_KEY] = request.user.pk
    return True


@receiver(authenticator_removed)
def _forget(sender, request=None, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session.pop(SESSION_KEY, None)
