"""Error pages in the site's own style. The 500 page renders without a request context, so a
broken database or template cannot break the error page too."""

from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views import defaults


def bad_request(request, exception=None):
    """Rendered without the request's context: the request is the thing that is wrong (a NUL
    in its address, a form that cannot be parsed), so nothing derived from it is trusted."""
    template = loader.get_template("400.html")
    return HttpResponseBadRequest(template.render({}))


def permission_denied(request, exception=None):
    return defaults.permission_denied(request, exception, template_name="403.html")


def page_not_found(request, exception=None):
    return defaults.page_not_found(request, exception, template_name="404.html")


def server_error(request):
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))


def csrf_failure(request, reason=""):
    """An expired or missing form token: say so in plain words instead of Django's English page."""
    response = render(request, "403_csrf.html", status=403)
    return response
