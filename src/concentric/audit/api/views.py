from concentric.audit.api.serializers import AuditEventSerializer
from concentric.audit.crud import AuditEventCrud
from concentric.core.kit.api import CrudReadViewSet


class AuditEventViewSet(CrudReadViewSet):
    """The audit log, newest first: read-only, for the audit administrator."""

    crud = AuditEventCrud
    serializer_class = AuditEventSerializer
    http_method_names = ["get", "head"]
