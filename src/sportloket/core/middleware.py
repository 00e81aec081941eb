from django.conf import settings
from django.utils import translation


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
