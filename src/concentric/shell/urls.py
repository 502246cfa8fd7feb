"""The URL root: the shell's own pages, then each app's pages and the API as the apps registered
them (core.registry)."""

from django.urls import include, path
from django.views.i18n import set_language

from concentric.core import registry
from concentric.shell.views import API_ROOT, HomeView, healthz, switch_unit

set_language.access = "public"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("unit/switch/", switch_unit, name="switch_unit"),
    *(path(routes.prefix, include(routes.urlconf)) for routes in registry.pages()),
    path(API_ROOT.removeprefix("/"), include("concentric.shell.api_urls")),
]

handler403 = "concentric.shell.views.permission_denied"
handler404 = "concentric.shell.views.page_not_found"
handler500 = "concentric.shell.views.server_error"
