"""The URL root with two views that fail, one under the API and one page, for the 500 tests."""

from django.urls import path

from concentric.shell import urls


def fail(request):
    raise RuntimeError("a detail that must not leave the server")


fail.access = "public"

urlpatterns = [path("api/v1/failing/", fail), path("failing/", fail), *urls.urlpatterns]
handler403, handler404, handler500 = urls.handler403, urls.handler404, urls.handler500
