from django.urls import include, path
from django.views.i18n import set_language

from concentric.core.views import HomeView, healthz, switch_unit

set_language.access = "public"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("unit/switch/", switch_unit, name="switch_unit"),
    path("accounts/", include("concentric.accounts.urls")),
    path("users/", include("concentric.accounts.urls_users")),
    path("org/", include("concentric.org.urls")),
    path("audit/", include("concentric.audit.urls")),
    path("people/", include("concentric.people.urls")),
    path("api/v1/", include("concentric.api_urls")),
]

handler403 = "concentric.core.views.permission_denied"
handler404 = "concentric.core.views.page_not_found"
