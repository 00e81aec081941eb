from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from sportloket.accounts.selectors import user_must_set_up_second_factor

# Paths a signed-in user may always reach, so that setting up the second factor, signing out and
# static assets keep working while the requirement is not yet met.
_ALWAYS_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/")
_ALWAYS_ALLOWED_PATHS = frozenset({"/healthz"})


class RequireSecondFactorMiddleware:
    """Sends coordinators and supporters without a second factor to the TOTP set-up page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and request.user.is_authenticated
            and not request.path.startswith(_ALWAYS_ALLOWED_PREFIXES)
            and request.path not in _ALWAYS_ALLOWED_PATHS
            and user_must_set_up_second_factor(request.user)
        ):
            return redirect(
                f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}"
            )
        return self.get_response(request)
