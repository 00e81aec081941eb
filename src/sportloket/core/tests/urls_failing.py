"""A URL configuration for the error-page tests: the project's URLs plus a view that breaks."""

from django.urls import path

from sportloket.conf.urls import handler403, handler404, handler500, urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def broken_view(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("broken/", broken_view), *urlpatterns]
