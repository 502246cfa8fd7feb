"""The API of files kept on a record (core.kit.files), under the record's resource:

    GET    /<prefix>/<pk>/<slug>/     the record's files
    POST   /<prefix>/<pk>/<slug>/     multipart/form-data, one or more "files": all stored, or none (400)
    GET    /<prefix>/<slug>/<pk>/     the file (its own Content-Type, as an attachment)
    DELETE /<prefix>/<slug>/<pk>/     the file (204)

A record outside the user's units answers 404, as one the user may see but not change does for
POST (the kit's resources do the same); a user whose roles grant nothing here gets 403."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from concentric.core.api import FileNegotiation, ScopedViewSetMixin
from concentric.core.kit.file_pages import file_response
from concentric.core.scoping import Action

FILE_FIELDS = ["id", "name", "content_type", "size", "uploaded_at"]


class FileUploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(),
        help_text="one or more files; each is checked by its content (images, PDF, Office documents)",
    )


def file_serializer(records) -> type:
    """The answer's fields for one declaration's model (named after it in the schema)."""
    meta = type("Meta", (), {"model": records.model, "fields": FILE_FIELDS, "read_only_fields": FILE_FIELDS})
    return type(f"{records.model.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta})


def routes(records) -> list:
    """The two API routes of a RecordFiles declaration (no app_name: they join the API's namespace)."""
    answer = file_serializer(records)
    kinds = sorted({kind.content_type for kind in records.accepted})
    base = f"{records.api_prefix}-{records.slug}"

    class OfRecord(ScopedViewSetMixin, viewsets.GenericViewSet):
        access = "list"
        model = records.parent_model()
        parser_classes = [MultiPartParser, FormParser]
        serializer_class = answer
        pagination_class = None
        filter_backends = []

        @property
        def scope_action(self) -> Action:
            # An upload changes the record: it must be one the user may change (404 otherwise).
            return Action.CHANGE if self.request.method == "POST" else Action.VIEW

        @extend_schema(responses=answer(many=True), summary=f"{records.model.__name__}: list")
        def list(self, request, pk=None):
            parent = self.get_object()
            return Response(answer(records.files_of(request.user, parent), many=True).data)

        @extend_schema(
            request=FileUploadSerializer,
            responses={201: answer(many=True)},
            summary=f"{records.model.__name__}: upload",
        )
        def create(self, request, pk=None):
            parent = self.get_object()
            try:
                stored = records.upload(actor=request.user, parent_id=parent.pk, files=request.FILES.getlist("files"))
            except DjangoValidationError as error:
                raise exceptions.ValidationError({"files": error.messages}) from None
            return Response(answer(stored, many=True).data, status=status.HTTP_201_CREATED)

    class OneFile(ScopedViewSetMixin, viewsets.GenericViewSet):
        access = "list"
        model = records.model
        serializer_class = answer
        content_negotiation_class = FileNegotiation

        @extend_schema(
            responses={(200, kind): OpenApiTypes.BINARY for kind in kinds},
            summary=f"{records.model.__name__}: download",
        )
        def retrieve(self, request, pk=None):
            return file_response(self.get_object(), download=True)

        @extend_schema(responses={204: None}, summary=f"{records.model.__name__}: delete")
        def destroy(self, request, pk=None):
            records.delete(actor=request.user, file_id=self.get_object().pk)
            return Response(status=status.HTTP_204_NO_CONTENT)

    OfRecord.__name__ = OfRecord.__qualname__ = f"{records.model.__name__}ListViewSet"
    OfRecord.__doc__ = (
        f"The files ({records.model.__name__}) kept on a {records.parent_model().__name__}; "
        "POST uploads one or more (multipart/form-data): all are stored, or none (400, each refused file named)."
    )
    OneFile.__name__ = OneFile.__qualname__ = f"{records.model.__name__}ViewSet"
    OneFile.__doc__ = f"One {records.model.__name__}: the file itself (GET), or its deletion (DELETE)."
    return [
        path(
            f"{records.api_prefix}/<int:pk>/{records.slug}/",
            OfRecord.as_view({"get": "list", "post": "create"}),
            name=f"{base}-list",
        ),
        path(
            f"{records.api_prefix}/{records.slug}/<int:pk>/",
            OneFile.as_view({"get": "retrieve", "delete": "destroy"}),
            name=f"{base}-detail",
        ),
    ]
