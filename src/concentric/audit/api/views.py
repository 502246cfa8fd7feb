from rest_framework import mixins, viewsets

from concentric.audit.api.serializers import AuditEventSerializer
from concentric.audit.filtersets import AuditEventFilterSet
from concentric.audit.models import AuditEvent
from concentric.core.api import KeysetPagination, ScopedViewSetMixin


class AuditEventPagination(KeysetPagination):
    ordering = "-id"


class AuditEventViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The audit log, newest first: read-only, for the audit administrator."""

    access = "list"
    model = AuditEvent
    serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilterSet
    pagination_class = AuditEventPagination
    http_method_names = ["get", "head"]
