from urllib.parse import urlencode

from django.conf import settings
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from sportloket.core.errors import bad_request
from sportloket.core.inputs import has_nul, strip_control_characters
from sportloket.core.selectors import user_must_set_up_second_factor

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class LanguageMiddleware:
    """Dutch unless the user chose another language with the language switcher.

    Django's LocaleMiddleware follows the browser's Accept-Language; a Dutch public service
    should not switch to English because a club secretary's laptop happens to be set that way.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class InputMiddleware:
    """The one gate for characters no person types.

    A NUL anywhere in the address, the query or a submitted form is refused with a 400 before
    any view or query sees it (PostgreSQL cannot store or even compare it). Other control
    characters are taken out of submitted form fields and file names, so that what is stored
    can always be written to a spreadsheet and read back; tab and line breaks stay.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request.path_info) or _query_has_nul(request.GET):
            return bad_request(request)
        if request.method == "POST" and request.content_type in _FORM_TYPES:
            try:
                refused = self._clean_form(request)
            except MultiPartParserError:
                refused = True
            if refused:
                return bad_request(request)
        return self.get_response(request)

    @staticmethod
    def _clean_form(request) -> bool:
        """Strips control characters from the form's fields; True when one holds a NUL."""
        data = request.POST
        for upload in request.FILES.values():
            upload.name = strip_control_characters(upload.name)
        if _query_has_nul(data):
            return True
        if any(strip_control_characters(v) != v for _key, values in data.lists() for v in values):
            cleaned = data.copy()
            for key, values in data.lists():
                cleaned.setlist(key, [strip_control_characters(v) for v in values])
            cleaned._mutable = False
            request.POST = cleaned
        return False


def _query_has_nul(query) -> bool:
    return any(has_nul(key) or any(has_nul(v) for v in values) for key, values in query.lists())


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
            and user_must_set_up_second_factor(request.user, request=request)
        ):
            return redirect(
                f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}"
            )
        return self.get_response(request)
