"""The audit log's columns: a few on the page, every field in the export."""

import json

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.audit.choices import action_label
from concentric.audit.filtersets import object_type_label
from concentric.core.kit.tables import Column, Table


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


class AuditEventTable(Table):
    id = Column(_("Event id"), "pk", width=10)
    occurred_at = Column(_("Time"), lambda event: _local(event.occurred_at), width=20, nowrap=True)
    actor_name = Column(_("Actor"), "actor_name")
    actor_id = Column(_("Actor id"), "actor_id", width=10)
    ip = Column(_("IP address"), "ip")
    request_id = Column(_("Request id"), "request_id", width=18)
    action = Column(_("Action"), lambda event: action_label(event.action), width=14)
    action_code = Column(_("Action code"), "action", width=14)
    object_type = Column(_("Object type"), "object_type", width=18)
    object_type_label = Column(_("Object type"), lambda event: object_type_label(event.object_type))
    object_id = Column(_("Object id"), "object_id", width=10)
    object_repr = Column(_("Object"), "object_repr", width=24)
    org_unit_id = Column(_("Org unit id"), "org_unit_id", width=10)
    result = Column(_("Result"), "get_result_display", width=8)
    changes = Column(
        _("Changes"), lambda event: json.dumps(event.changes, ensure_ascii=False, sort_keys=True), width=40
    )
    reason = Column(pgettext_lazy("audit", "Reason"), "reason", width=24)
    prev_hash = Column(_("Previous hash"), "prev_hash", width=66)
    hash = Column(_("Hash"), "hash", width=66)

    page = ("occurred_at", "actor_name", "ip", "action", "object_type_label", "object_repr", "result")
    export = (
        "id",
        "occurred_at",
        "actor_name",
        "actor_id",
        "ip",
        "request_id",
        "action",
        "action_code",
        "object_type",
        "object_id",
        "object_repr",
        "org_unit_id",
        "result",
        "changes",
        "reason",
        "prev_hash",
        "hash",
    )
