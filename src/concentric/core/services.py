"""Helpers every service uses: scope checks inside the transaction, optimistic locking, diffs,
and the audited unmask of a sensitive value."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.http import Http404
from django.utils.translation import gettext as _

from concentric.core.auditing import REDACTED, audit_record
from concentric.core.scoping import Action, can


class StaleRecord(ValidationError):
    """Someone else saved the record after this user loaded it (or the change names no version)."""

    def __init__(self):
        super().__init__(
            _("This record was changed by someone else after you opened it. Reload it and make your change again."),
            code="stale",
        )


def require(user, action: Action, model, unit) -> None:
    """Refuse unless ``user`` may do ``action`` on ``model`` records of ``unit``."""
    if not can(user, action, model, unit):
        raise PermissionDenied(_("You do not have permission to do this here."))


def lock(user, model, pk, *, action: Action):
    """Fetch a row the user may ``action``, locked for this transaction, for a write that does
    not change its fields (an unmask, a tag, a record kept on it). Out-of-scope rows raise
    Http404, exactly like missing ones."""
    try:
        return model.objects.visible_to(user, action).select_for_update().get(pk=pk)
    except model.DoesNotExist:
        raise Http404 from None


def lock_for_update(user, model, pk, *, version, action: Action = Action.CHANGE):
    """Fetch a row the user may change (or delete), locked for this transaction, as of the
    ``version`` the user read: a missing or older version is refused (StaleRecord)."""
    instance = lock(user, model, pk, action=action)
    if not isinstance(version, int) or isinstance(version, bool) or instance.version != version:
        raise StaleRecord()
    return instance


def ensure_still_visible(user, instance, action: Action = Action.CHANGE) -> None:
    """After a write, inside the transaction: refuse a change that moved the record out of scope."""
    if not type(instance).objects.visible_to(user, action).filter(pk=instance.pk).exists():
        raise PermissionDenied(_("This change would move the record outside the units you manage."))


def snapshot(instance, fields: Iterable[str]) -> dict:
    """Field values for audit diffs (foreign keys by id, many-to-many as sorted ids)."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            values[name] = related_ids(getattr(instance, name).all()) if instance.pk else []
        else:
            values[name] = getattr(instance, field.attname)
    return values


def related_ids(records) -> list:
    """The sorted ids of ``records`` (model instances or ids): a many-to-many value in a diff."""
    return sorted(getattr(record, "pk", record) for record in records)


def assign(instance, values: dict) -> None:
    """Set ``values`` on ``instance``, text stripped of surrounding spaces."""
    for name, value in values.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)


def unchanged(before: dict, after: dict) -> bool:
    """Whether a write would store what is stored already: then it writes nothing (no new
    version, no audit event)."""
    return before == after


@transaction.atomic
def unmask_field(*, actor, model, pk: int, field: str, reason: str) -> object:
    """The clear value of a sensitive field of ``model`` (one of its SENSITIVE_FIELDS): needs the
    unmask permission over the record and a reason; the view is audited."""
    if field not in getattr(model, "SENSITIVE_FIELDS", ()):
        raise ValueError(field)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for viewing the unmasked value.")})
    instance = lock(actor, model, pk, action=Action.UNMASK)
    audit_record(
        actor=actor, action="unmask", obj=instance, changes={field: [REDACTED, REDACTED]}, reason=reason.strip()
    )
    return getattr(instance, field)


def delete_unless_protected(record, refusal: str) -> None:
    """Delete ``record``; when other records still hold it (a PROTECT foreign key: a member named
    on activities or donations), refuse with ``refusal`` and leave everything as it was."""
    try:
        with transaction.atomic():
            record.delete()
    except ProtectedError:
        raise ValidationError(refusal) from None
