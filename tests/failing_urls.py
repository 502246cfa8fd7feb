"""The URL root with views that fail outside the API's views, under the API and as pages."""

from django.http import Http404
from django.urls import path

from concentric.shell import urls


def fail(request):
    raise RuntimeError("a detail that must not leave the server")


def missing(request):
    raise Http404("a detail that must not leave the server")


fail.access = missing.access = "public"

urlpatterns = [
    path("api/v1/failing/", fail),
    path("failing/", fail),
    path("api/v1/missing/", missing),
    path("missing/", missing),
    *urls.urlpatterns,
]
handler403, handler404, handler500 = urls.handler403, urls.handler404, urls.handler500
