"""The project's URLs plus a bare view, the ceiling the HTTP benchmark compares every page with
(never part of the production URLs)."""

from django.http import HttpResponse
from django.urls import path

from sportloket.conf.urls import urlpatterns as project_urlpatterns


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("_bench/hello/", hello), *project_urlpatterns]
