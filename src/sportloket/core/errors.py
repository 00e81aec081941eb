"""Error pages in the site's own style. The 500 page renders without a request context, so a
broken database or template cannot break the error page too."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views import defaults


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
