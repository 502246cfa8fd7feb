"""Imports through the API, for every registered kind: POST /<kind>/import/ (multipart) stores
the file encrypted and queues a job (a dry run unless dry_run=false), answering 202 with the
job; GET /<kind>/import/<id>/ answers its status, summary and row results (the rows with errors
unless rows=all). No app_name here: the routes join the API's namespace (api:import, …)."""

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from concentric.core import registry
from concentric.core.api import ScopedAPIView, error_response
from concentric.core.kit.importing.guard import ImportRefused
from concentric.core.kit.importing.kind import BAD_OUTCOMES
from concentric.core.scoping import Action
from concentric.imports.jobs import import_job_create
from concentric.imports.models import ImportJob, ImportRowResult
from concentric.imports.uploads import store_upload
from concentric.org.selectors import units_where

ROW_LIMIT = 1000


def _kind_parameter() -> OpenApiParameter:
    return OpenApiParameter(
        "kind",
        str,
        OpenApiParameter.PATH,
        enum=sorted(registry.import_kinds()) or None,
        description="the import kind (what the rows are): people, …",
    )


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="the workbook (.xlsx), made from the kind's template")
    unit = serializers.IntegerField(help_text="id of the unit the rows are registered on")
    dry_run = serializers.BooleanField(default=True, help_text="check every row and write nothing (default)")
    allow_partial = serializers.BooleanField(default=False, help_text="import the valid rows even if others fail")
    update_existing = serializers.BooleanField(
        default=False, help_text="update records already on file (kinds that update: people by document number)"
    )


class ImportJobSerializer(serializers.ModelSerializer):
    # Plain strings: choice enums named "status"/"mode" would collide with other resources' enums.
    mode = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "kind",
            "file_name",
            "org_unit",
            "mode",
            "allow_partial",
            "update_existing",
            "status",
            "rows_total",
            "rows_done",
            "summary",
            "message",
            "created_at",
            "finished_at",
        ]


class ImportRowSerializer(serializers.ModelSerializer):
    outcome = serializers.CharField(read_only=True)

    class Meta:
        model = ImportRowResult
        fields = ["sheet", "row_number", "outcome", "name", "errors"]


class ImportJobDetailSerializer(ImportJobSerializer):
    rows = ImportRowSerializer(many=True, read_only=True, help_text=f"at most {ROW_LIMIT} rows")

    class Meta(ImportJobSerializer.Meta):
        fields = [*ImportJobSerializer.Meta.fields, "rows"]


class KindAPIView(ScopedAPIView, APIView):
    """The kind from the URL (404 for one nobody registered); ``model`` None: the permissions
    are checked on the kind's model."""

    model = None

    def initial(self, request, *args, **kwargs):
        self.kind = registry.import_kinds().get(kwargs.get("kind"))
        if self.kind is None:
            raise Http404
        if self.model is None:
            self.model = self.kind.model
        super().initial(request, *args, **kwargs)


class ImportCreateView(KindAPIView):
    access = "write"
    object_action = Action.ADD
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="import_create",
        parameters=[_kind_parameter()],
        request=ImportUploadSerializer,
        responses={202: ImportJobSerializer},
    )
    def post(self, request, kind):
        data = ImportUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = units_where(request.user, Action.ADD, self.kind.model).filter(pk=values["unit"]).first()
        if unit is None:
            raise ApiValidationError({"unit": [_("You may not add these records to this unit.")]})
        try:
            stored = store_upload(values["file"])
            job = import_job_create(
                kind=self.kind,
                actor=request.user,
                org_unit=unit,
                upload=stored,
                file_name=values["file"].name,
                dry_run=values["dry_run"],
                allow_partial=values["allow_partial"],
                update_existing=values["update_existing"],
            )
        except ImportRefused as refusal:
            return error_response("refused", refusal.message, {"file": [refusal.message]})
        return Response(ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ImportJobDetailView(KindAPIView):
    access = "detail"
    model = ImportJob

    @extend_schema(
        operation_id="import_job_retrieve",
        parameters=[
            _kind_parameter(),
            OpenApiParameter(
                "rows", OpenApiTypes.STR, enum=["all"], description="all rows, not only those with errors"
            ),
        ],
        responses={200: ImportJobDetailSerializer},
    )
    def get(self, request, kind, pk):
        job = get_object_or_404(ImportJob.objects.visible_to(request.user).filter(kind=self.kind.name), pk=pk)
        rows = ImportRowResult.objects.filter(job=job).order_by("row_number")
        if request.query_params.get("rows") != "all":
            rows = rows.filter(outcome__in=BAD_OUTCOMES)
        return Response(
            {**ImportJobSerializer(job).data, "rows": ImportRowSerializer(rows[:ROW_LIMIT], many=True).data}
        )


urlpatterns = [
    path("<slug:kind>/import/", ImportCreateView.as_view(), name="import"),
    path("<slug:kind>/import/<int:pk>/", ImportJobDetailView.as_view(), name="import-job"),
]
