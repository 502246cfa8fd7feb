"""The audit app's declarations for the route sweeps (tests/routes.py): one event about a unit."""

from concentric.audit.models import AuditEvent
from concentric.core.auditing import audit_record


def _audit_event(unit, key):
    event = audit_record(
        actor=None,
        actor_name="matrix",
        action="create",
        object_type="org.orgunit",
        object_id=str(unit.pk),
        object_repr=f"矩阵{key}事件",
        org_unit_id=unit.pk,
    )
    return event, event.object_repr


FACTORIES = {AuditEvent: _audit_event}
