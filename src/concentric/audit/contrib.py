"""What the audit log brings to the shell: its pages (audit administrator), its API and menu entry."""

from django.utils.translation import gettext_lazy as _

from concentric.audit.api.views import AuditEventViewSet
from concentric.audit.models import AuditEvent
from concentric.core import registry

registry.add_menu_group("system", _("System"), order=90)
registry.add_menu_item(
    registry.MenuItem("system", _("Audit log"), "audit:list", "journal-text", model=AuditEvent, order=30)
)
registry.add_pages("audit/", "concentric.audit.urls")
registry.add_api_resource("audit-events", AuditEventViewSet, "audit-event")
