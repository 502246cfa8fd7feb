"""Import and export through the API: POST /people/import/ (multipart) queues a job and answers
its id; GET /people/import/<id>/ its status and row results; GET /people/export/ streams the
filtered list (the page's FilterSet), masked unless unmasked=1 with a reason and the permission."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from concentric.core.api import ScopedAPIView, error_response
from concentric.core.kit.filters import FiltersInvalid
from concentric.core.export import FORMATS, MEDIA_TYPES
from concentric.core.scoping import Action, can
from concentric.org.selectors import units_where
from concentric.people.importing.guard import ImportRefused
from concentric.people.importing.jobs import import_job_create, store_upload
from concentric.people.importing.models import ImportJob, ImportRowResult
from concentric.people.crud import PersonCrud
from concentric.people.models import Person
from concentric.people.exporting import people_export

ROW_LIMIT = 1000


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    unit = serializers.IntegerField(help_text="id of the unit the people are registered on")
    dry_run = serializers.BooleanField(default=True)
    allow_partial = serializers.BooleanField(default=False)
    update_existing = serializers.BooleanField(default=False)


class ImportJobSerializer(serializers.ModelSerializer):
    # Plain strings: choice enums named "status"/"mode" would collide with other resources' enums.
    mode = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)

    class Meta:
        model = ImportJob
        fields = [
            "id", "file_name", "org_unit", "mode", "allow_partial", "update_existing", "status", "rows_total",
            "rows_done", "summary", "message", "created_at", "finished_at",
        ]


class ImportRowSerializer(serializers.ModelSerializer):
    outcome = serializers.CharField(read_only=True)

    class Meta:
        model = ImportRowResult
        fields = ["sheet", "row_number", "outcome", "name", "errors"]


class ImportCreateView(ScopedAPIView, APIView):
    access = "write"
    model = Person
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=ImportUploadSerializer, responses={202: ImportJobSerializer})
    def post(self, request):
        data = ImportUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = units_where(request.user, Action.ADD, Person).filter(pk=values["unit"]).first()
        if unit is None:
            raise ApiValidationError({"unit": [_("You may not add members to this unit.")]})
        try:
            stored = store_upload(values["file"])
            job = import_job_create(
                actor=request.user, org_unit=unit, stored_path=stored, file_name=values["file"].name,
                dry_run=values["dry_run"], allow_partial=values["allow_partial"],
                update_existing=values["update_existing"],
            )
        except ImportRefused as refusal:
            return error_response("refused", refusal.message, {"file": [refusal.message]})
        return Response(ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ImportJobDetailView(ScopedAPIView, APIView):
    access = "detail"
    model = ImportJob

    @extend_schema(responses={200: ImportJobSerializer})
    def get(self, request, pk):
        job = get_object_or_404(ImportJob.objects.visible_to(request.user), pk=pk)
        rows = ImportRowResult.objects.filter(job=job).order_by("row_number")
        if request.query_params.get("rows") != "all":
            rows = rows.filter(outcome__in=["error", "duplicate"])
        return Response({**ImportJobSerializer(job).data, "rows": ImportRowSerializer(rows[:ROW_LIMIT], many=True).data})


class _FileNegotiation(DefaultContentNegotiation):
    """``format`` names the file format here, not a DRF renderer: errors are still JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PersonExportApiView(ScopedAPIView, APIView):
    access = "export"
    model = Person
    content_negotiation_class = _FileNegotiation
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
    path("people/import/", ImportCreateView.as_view(), name="people-import"),
    path("people/import/<int:pk>/", ImportJobDetailView.as_view(), name="people-import-job"),
    path("people/export/", PersonExportApiView.as_view(), name="people-export"),
]
