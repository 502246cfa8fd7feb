"""Export through the API: GET /people/export/ streams the filtered list (the page's FilterSet),
masked unless unmasked=1 with a reason and the permission. (Imports: the imports app's API.)"""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.views import APIView

from concentric.core.api import ScopedAPIView, error_response
from concentric.core.kit.filters import FiltersInvalid
from concentric.core.export import FORMATS
from concentric.core.scoping import Action, can
from concentric.people.models import Person
from concentric.people.exporting import people_export


class _FileNegotiation(DefaultContentNegotiation):
    """``format`` names the file format here, not a DRF renderer: errors are still JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PersonExportApiView(ScopedAPIView, APIView):
    access = "export"
    model = Person
    content_negotiation_class = _FileNegotiation

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=list(FORMATS)),
            OpenApiParameter("unmasked", bool),
            OpenApiParameter("reason", str),
        ],
        responses={(200, "text/csv"): bytes},
    )
    def get(self, request):
        fmt = request.query_params.get("format", "csv")
        if fmt not in FORMATS:
            return error_response("invalid", _("Unknown export format."), {"format": [_("Unknown export format.")]})
        unmasked = request.query_params.get("unmasked") in ("1", "true")
        reason = (request.query_params.get("reason") or "").strip()
        if unmasked and not can(request.user, Action.UNMASK, Person):
            raise PermissionDenied
        if unmasked and not reason:
            message = _("Give the reason for exporting unmasked values.")
            return error_response("invalid", message, {"reason": [message]})
        data = request.query_params.copy()
        for name in ("format", "unmasked", "reason"):
            data.pop(name, None)
        try:
            return people_export(actor=request.user, request=request, data=data, fmt=fmt, unmasked=unmasked, reason=reason)
        except FiltersInvalid as invalid:
            return error_response("invalid", _("Please correct the errors below."), invalid.errors)


urlpatterns = [
    path("people/export/", PersonExportApiView.as_view(), name="people-export"),
]
