"""What every service writes to the audit log, and how.

The audit log itself (its table, hash chain and pages) is the ``audit`` app; the ground floor
only names the call every app makes: ``audit_record(...)``, inside the caller's transaction.
The audit app installs the writer when Django starts; until then a write fails loudly, so no
event is ever dropped silently.
"""

from collections.abc import Callable

from django.db import models
from django.utils.translation import gettext_lazy as _

REDACTED = "******"


class Result(models.TextChoices):
    OK = "ok", _("succeeded")
    DENIED = "denied", _("denied")
    FAILED = "failed", _("failed")


_writer: Callable | None = None


def install_writer(writer: Callable) -> None:
    """Called once by the audit app: ``writer`` takes audit_record's keyword arguments."""
    global _writer
    _writer = writer


def audit_record(
    *,
    actor,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    org_unit_id: int | None = None,
    changes: dict | None = None,
    result: str = Result.OK,
    reason: str = "",
    actor_name: str = "",
):
    """Append one event to the audit log. ``changes`` maps field -> [before, after], already
    masked (``changed_fields`` redacts sensitive ones)."""
    if _writer is None:
        raise RuntimeError("no audit writer is installed (is the audit app in INSTALLED_APPS?)")
    return _writer(
        actor=actor,
        action=action,
        obj=obj,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        org_unit_id=org_unit_id,
        changes=changes,
        result=result,
        reason=reason,
        actor_name=actor_name,
    )


def changed_fields(before: dict, after: dict, *, sensitive: frozenset[str] = frozenset()) -> dict:
    """field -> [before, after] for fields whose value changed; sensitive values are redacted."""
    changes = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changes[name] = [REDACTED, REDACTED] if name in sensitive else [old, new]
    return changes
