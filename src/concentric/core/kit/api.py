"""The API resource of a Crud declaration: list (keyset paging, the list's FilterSet), read,
create, PATCH and DELETE through the declaration's services. PATCH and DELETE need the
``version`` read (409 "stale" otherwise); a PATCH that changes nothing writes nothing."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets

from concentric.core.api import KeysetPagination, PartialUpdateModelMixin, ScopedViewSetMixin, required_version

VERSION_PARAMETER = OpenApiParameter(
    "version",
    {"type": "integer", "minimum": 1},
    OpenApiParameter.QUERY,
    required=True,
    description="The version you read; an older one is refused with 409 (stale).",
)


class CrudReadViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Read-only resource of ``crud``: ``serializer_class`` presents the records."""

    access = "list"
    crud = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        crud = cls.__dict__.get("crud")
        if crud is not None:
            cls.model = crud.model
            cls.filterset_class = crud.filterset_class
            cls.pagination_class = type(
                f"{crud.model.__name__}Pagination",
                (KeysetPagination,),
                {"ordering": crud.ordering, "page_size": crud.page_size},
            )

    def get_queryset(self):
        return self.crud.list_queryset(self.request.user, super().get_queryset())


class CrudCreateViewSet(CrudReadViewSet, mixins.CreateModelMixin):
    """Read and create: records that are never changed through the API once made (an entry kept
    as written, an issued certificate); ``create_serializer_class`` when creating takes other
    fields than reading shows."""

    create_serializer_class = None

    def get_serializer_class(self):
        if self.action == "create" and self.create_serializer_class is not None:
            return self.create_serializer_class
        return super().get_serializer_class()

    def create_through_service(self, data):
        return self.crud.create(self.request.user, data)


class CrudViewSet(CrudCreateViewSet, PartialUpdateModelMixin):
    """Read, create and change; ``update_serializer_class`` when changing takes other fields than
    reading shows. Records that may be deleted add ``CrudDeleteMixin``."""

    update_serializer_class = None

    def get_serializer_class(self):
        if self.action == "partial_update" and self.update_serializer_class is not None:
            return self.update_serializer_class
        return super().get_serializer_class()

    def update_through_service(self, instance, data, version):
        return self.crud.update(self.request.user, instance, data, version)


class CrudDeleteMixin(mixins.DestroyModelMixin):
    """DELETE ``?version=`` through the declaration's delete service (never the model's delete)."""

    @extend_schema(parameters=[VERSION_PARAMETER])
    def destroy(self, request, *args, **kwargs):
        return super().destroy(request, *args, **kwargs)

    def perform_destroy(self, instance):
        self.crud.delete(self.request.user, instance, required_version(self.request))
