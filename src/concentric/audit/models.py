"""The append-only, hash-chained audit log.

Each event's hash is SM3 over the previous event's hash and the event's own canonical fields,
so altering, inserting or deleting a row breaks the chain at that row (``concentric audit
verify``). The application never updates or deletes events; purging past the retention period
is the one exception and leaves the oldest kept row's ``prev_hash`` as the chain's anchor.
"""

import json

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core.auditing import Result
from concentric.core.crypto import sm3_hex
from concentric.core.roles import Role
from concentric.core.scoping import Action, ScopedQuerySet, ScopePolicy

GENESIS_HASH = "0" * 64


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events cannot be updated")

    def delete(self):
        raise AppendOnlyError("audit events cannot be deleted")

    def _purge(self):
        """Retention purge only (see services.audit_purge)."""
        return super().delete()


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(_("time"), db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True, db_index=True)
    actor_name = models.CharField(_("actor"), max_length=150, blank=True)
    ip = models.CharField(_("IP address"), max_length=45, blank=True)
    request_id = models.CharField(_("request id"), max_length=32, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    org_unit_id = models.BigIntegerField(_("org unit id"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=8, choices=Result.choices, default=Result.OK)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.CharField(pgettext_lazy("audit", "reason"), max_length=500, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()
    scope = ScopePolicy(
        unit_field=None,
        grants={Action.VIEW: frozenset({Role.AUDIT_ADMIN}), Action.EXPORT: frozenset({Role.AUDIT_ADMIN})},
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be updated")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("audit:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")

    def canonical(self) -> str:
        """The fields the hash covers, in a form that survives a database round trip."""
        return json.dumps(
            {
                "occurred_at": self.occurred_at.isoformat(timespec="microseconds"),
                "actor_id": self.actor_id,
                "actor_name": self.actor_name,
                "ip": self.ip,
                "request_id": self.request_id,
                "action": self.action,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "object_repr": self.object_repr,
                "org_unit_id": self.org_unit_id,
                "result": self.result,
                "changes": self.changes,
                "reason": self.reason,
            },
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def compute_hash(self) -> str:
        return sm3_hex((self.prev_hash + self.canonical()).encode())


class AuditChainHead(models.Model):
    """One row holding the newest hash; locked while appending so the chain stays linear."""

    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    last_event_id = models.BigIntegerField(null=True)

    def __str__(self):
        return f"chain head at event {self.last_event_id}: {self.last_hash}"
