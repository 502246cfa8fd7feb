"""Writing and checking the audit log. Services call ``core.auditing.audit_record`` inside their own
transaction; ``write_event`` is the writer behind it (installed by AuditConfig.ready)."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from concentric.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent
from concentric.core import context
from concentric.core.auditing import Result, audit_record


def object_type_of(obj) -> str:
    return obj._meta.label_lower if obj is not None else ""


@transaction.atomic
def write_event(
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
) -> AuditEvent:
    """Append one event to the chain. ``changes`` maps field -> [before, after], already masked."""
    request = context.get()
    if obj is not None:
        object_type = object_type or object_type_of(obj)
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
        if org_unit_id is None:
            org_unit_id = _unit_id_of(obj)
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor_id=actor.pk if authenticated else None,
        actor_name=(actor.get_username() if authenticated else actor_name)[:150],
        ip=request.ip,
        request_id=request.request_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr[:200],
        org_unit_id=org_unit_id,
        result=result,
        changes=_stringify(changes or {}),
        reason=reason[:500],
        prev_hash=head.last_hash,
    )
    event.hash = event.compute_hash()
    event.save()
    head.last_hash = event.hash
    head.last_event_id = event.pk
    head.save(update_fields=["last_hash", "last_event_id"])
    return event


def _unit_id_of(obj) -> int | None:
    """The id of the unit the record belongs to, through its scope policy's unit field (a record
    kept on a member: ``person__org_unit``)."""
    policy = getattr(type(obj), "scope", None)
    if policy is None or policy.unit_field is None:
        return None
    if policy.unit_field == "self":
        return obj.pk
    *through, last = policy.unit_field.split("__")
    for name in through:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


def _stringify(changes: dict) -> dict:
    # Values are kept as text so the hash input survives JSON/jsonb round trips unchanged.
    return {str(k): [None if v is None else str(v) for v in pair] for k, pair in changes.items()}


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_id: int | None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


def audit_verify(*, batch_size: int = 2000) -> ChainReport:
    """Walk the chain oldest first; report the first event whose link or hash does not hold."""
    previous_hash = None
    checked = 0
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            break
        for event in batch:
            if previous_hash is not None and event.prev_hash != previous_hash:
                return ChainReport(checked, event.pk, "prev_hash does not match the previous event")
            if previous_hash is None and checked == 0 and not _is_anchor(event):
                return ChainReport(checked, event.pk, "first event does not start the chain")
            if event.compute_hash() != event.hash:
                return ChainReport(checked, event.pk, "hash does not match the event's contents")
            previous_hash = event.hash
            checked += 1
        last_id = batch[-1].pk
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and checked and head.last_hash != previous_hash:
        return ChainReport(checked, head.last_event_id, "newest events are missing from the chain")
    return ChainReport(checked, None)


def _is_anchor(event: AuditEvent) -> bool:
    """The oldest kept event starts the chain: genesis, or the anchor recorded by the last purge."""
    if event.prev_hash == GENESIS_HASH:
        return True
    return AuditEvent.objects.filter(action="audit.purge", object_id=event.prev_hash).exists()


@transaction.atomic
def audit_purge(*, actor=None, now=None) -> int:
    """Delete events older than the retention period (never shorter than 184 days)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    doomed = AuditEvent.objects.filter(occurred_at__lt=cutoff)
    last_doomed = doomed.order_by("-id").first()
    if last_doomed is None:
        return 0
    count, _ = doomed._purge()
    audit_record(
        actor=actor,
        actor_name="system",
        action="audit.purge",
        object_type="audit.chain",
        object_id=last_doomed.hash,  # the anchor: prev_hash of the oldest kept event
        object_repr=f"{count}",
        reason=f"retention {settings.AUDIT_RETENTION_DAYS} days",
    )
    return count
