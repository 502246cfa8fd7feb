"""Export through the API: GET /people/export/ streams the filtered list (the page's FilterSet),
masked unless unmasked=1 with a reason and the permission. (Imports: the imports app's API.)"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.views import APIView

from concentric.core.api import FileNegotiation, ScopedAPIView, error_response
from concentric.core.export import FORMATS, MEDIA_TYPES
from concentric.core.kit.filters import FiltersInvalid
from concentric.people.crud import PersonCrud
from concentric.people.exporting import export_options, people_export
from concentric.people.models import Person


class PersonExportApiView(ScopedAPIView, APIView):
    access = "export"
    model = Person
    content_negotiation_class = FileNegotiation
    # Read by the schema only, to document the list's filters, which people_export applies.
    queryset = Person.objects.none()
    filter_backends = [DjangoFilterBackend]
    filterset_class = PersonCrud.filterset_class

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=list(FORMATS), default="csv"),
            OpenApiParameter("unmasked", bool, description="Unmasked values: needs the permission and a reason."),
            OpenApiParameter("reason", str),
        ],
        filters=True,
        responses={(200, MEDIA_TYPES[fmt]): OpenApiTypes.BINARY for fmt in FORMATS},
    )
    def get(self, request):
        try:
            fmt, unmasked, reason, filters = export_options(request.user, request.query_params)
            return people_export(
                actor=request.user, request=request, data=filters, fmt=fmt, unmasked=unmasked, reason=reason
            )
        except DjangoValidationError as error:
            fields = error.message_dict  # a new dict per access
            return error_response("invalid", next(iter(fields.values()))[0], fields)
        except FiltersInvalid as invalid:
            return error_response("invalid", _("Please correct the errors below."), invalid.errors)


urlpatterns = [
    path("people/export/", PersonExportApiView.as_view(), name="people-export"),
]
