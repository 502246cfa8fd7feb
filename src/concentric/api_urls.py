"""The REST API under /api/v1/: resources from each app's ``api/views.py``, the OpenAPI schema,
its browsable docs (Swagger UI served from our own origin) and one's own API token."""

from django.contrib.auth.views import redirect_to_login
from django.urls import path, re_path
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer, OpenApiYamlRenderer2
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.routers import SimpleRouter

from concentric.accounts.api.views import OwnTokenView, RoleAssignmentViewSet, UserViewSet
from concentric.audit.api.views import AuditEventViewSet
from concentric.core.api import AccountInGoodStanding, api_not_found
from concentric.org.api.views import OrgUnitViewSet
from concentric.people.api import io as people_io
from concentric.people.api.views import CategoryViewSet, PersonViewSet

app_name = "api"


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 document, JSON unless YAML is asked for (``?format=yaml``). Signed-in users only."""

    access = "aggregate"
    permission_classes = [AccountInGoodStanding]
    renderer_classes = [OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer, OpenApiYamlRenderer2]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI for a signed-in browser; the anonymous are sent to the sign-in page."""

    access = "aggregate"
    url_name = "api:schema"
    template_name = "api/swagger_ui.html"
    authentication_classes = [SessionAuthentication]
    permission_classes = [AccountInGoodStanding]

    def handle_exception(self, exc):
        if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)


router = SimpleRouter(use_regex_path=False)
router.register("org-units", OrgUnitViewSet, basename="org-unit")
router.register("users", UserViewSet, basename="user")
router.register("role-assignments", RoleAssignmentViewSet, basename="role-assignment")
router.register("audit-events", AuditEventViewSet, basename="audit-event")
router.register("people/categories", CategoryViewSet, basename="category")
router.register("people", PersonViewSet, basename="person")

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
    path("auth/token/", OwnTokenView.as_view(), name="token"),
    *people_io.urlpatterns,  # before the router: its people/<pk>/ would capture people/export/
    *router.urls,
    re_path(r"^.*$", api_not_found, name="not_found"),  # last: a JSON 404 for anything unmatched
]
