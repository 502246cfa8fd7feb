"""The audit log's declaration for the kit: read, export and check only."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concentric.audit.filtersets import AuditEventFilterSet
from concentric.audit.models import AuditEvent
from concentric.audit.tables import AuditEventTable
from concentric.audit.views import AuditEventDetailPage, AuditEventExportPage, AuditEventListPage
from concentric.core.kit.crud import Crud


class AuditEventCrud(Crud):
    model = AuditEvent
    namespace = "audit"
    filterset_class = AuditEventFilterSet
    table = AuditEventTable
    ordering = ("-id",)
    pages = ("list", "detail", "export")
    page_classes = {"list": AuditEventListPage, "detail": AuditEventDetailPage, "export": AuditEventExportPage}
    detail_template = "audit/detail.html"
    title = _("Audit log")

    @classmethod
    def object_label(cls, event) -> str:
        return gettext("Audit event #%(id)s") % {"id": event.pk}
