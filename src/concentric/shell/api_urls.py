"""The REST API under /api/v1/: the resources and routes each app registered (core.registry), the
OpenAPI schema and its browsable docs (Swagger UI served from our own origin)."""

from django.contrib.auth.views import redirect_to_login
from django.urls import include, path, re_path
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.routers import SimpleRouter

from concentric.core import registry
from concentric.core.api import api_not_found

app_name = "api"


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 document, JSON unless YAML is asked for (``?format=yaml``). Signed-in users only."""

    access = "aggregate"
    renderer_classes = [OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer, OpenApiYamlRenderer2]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI for a signed-in browser; the anonymous are sent to the sign-in page."""

    access = "aggregate"
    url_name = "api:schema"
    template_name = "api/swagger_ui.html"
    authentication_classes = [SessionAuthentication]

    def handle_exception(self, exc):
        if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)


router = SimpleRouter(use_regex_path=False)
for resource in registry.api_resources():
    router.register(resource.prefix, resource.viewset, basename=resource.basename)

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
    # Before the router's: its people/<pk>/ would otherwise be tried for people/export/.
    *(path("", include(urlconf)) for urlconf in registry.api_urlconfs()),
    *router.urls,
    # Last: a JSON 404 for anything unmatched, line breaks included ("." stops at one; Django's
    # reverse() cannot read an inline (?s) flag).
    re_path(r"^[\s\S]*$", api_not_found, name="not_found"),
]
