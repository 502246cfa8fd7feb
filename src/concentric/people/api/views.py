from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from concentric.core.api import KeysetPagination, ScopedViewSetMixin
from concentric.core.kit.api import CrudDeleteMixin, CrudViewSet
from concentric.people import services
from concentric.people.api.serializers import (
    CategorySerializer,
    PathEventSerializer,
    PersonCreateSerializer,
    PersonSerializer,
    PersonUpdateSerializer,
)
from concentric.people.crud import PersonCrud
from concentric.people.models import Category, PathEvent


class PersonViewSet(CrudDeleteMixin, CrudViewSet):
    """Members the user may see, filtered like the member list page (same FilterSet). Sensitive
    fields are answered masked. PATCH and DELETE need the ``version`` read (409 "stale" otherwise).
    A photo is sent as multipart/form-data (POST or PATCH with the other fields as form fields)."""

    crud = PersonCrud
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    serializer_class = PersonSerializer
    create_serializer_class = PersonCreateSerializer
    update_serializer_class = PersonUpdateSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("org_unit", "main_category").prefetch_related("categories", "tags")

    def get_serializer_class(self):
        return PathEventSerializer if self.action == "path_events" else super().get_serializer_class()

    @extend_schema(responses=PathEventSerializer(many=True), methods=["GET"])
    @extend_schema(request=PathEventSerializer, responses={201: PathEventSerializer}, methods=["POST"])
    @action(detail=True, methods=["get", "post"], url_path="path-events", filter_backends=[], pagination_class=None)
    def path_events(self, request, pk=None):
        """The member's path (发现 → 培养 → 使用 → 管理), oldest first; POST appends a dated step."""
        person = self.get_object()
        if request.method == "GET":
            events = PathEvent.objects.filter(person=person).order_by("occurred_on", "id")
            return Response(PathEventSerializer(events, many=True).data)
        serializer = PathEventSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = services.person_path_record(actor=request.user, person_id=person.pk, **serializer.validated_data)
        return Response(PathEventSerializer(event).data, status=status.HTTP_201_CREATED)


class CategoryPagination(KeysetPagination):
    ordering = ("sort", "code", "id")
    page_size = 200


class CategoryViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The member category dictionary (edited on the categories page)."""

    access = "list"
    model = Category
    serializer_class = CategorySerializer
    pagination_class = CategoryPagination
    filter_backends = []
