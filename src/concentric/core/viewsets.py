"""The base viewset of versioned records (kept apart from core.api, which DRF's settings import)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from concentric.core.api import PartialUpdateModelMixin, ScopedViewSetMixin

VERSION_PARAMETER = OpenApiParameter(
    "version", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True, description="The version you read."
)


@extend_schema_view(destroy=extend_schema(parameters=[VERSION_PARAMETER]))
class VersionedRecordViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    PartialUpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create, PATCH and DELETE of a versioned record through its services; PATCH and
    DELETE need the ``version`` read (409 "stale" otherwise)."""
