"""Helpers every service uses: scope checks inside the transaction, optimistic locking, diffs."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from concentric.core.scoping import Action, can


class StaleRecord(ValidationError):
    """Someone else saved the record after this user loaded it."""

    def __init__(self):
        super().__init__(
            _("This record was changed by someone else after you opened it. Reload it and make your change again."),
            code="stale",
        )


def require(user, action: Action, model, unit) -> None:
    """Refuse unless ``user`` may do ``action`` on ``model`` records of ``unit``."""
    if not can(user, action, model, unit):
        raise PermissionDenied(_("You do not have permission to do this here."))


def lock_for_update(user, model, pk, *, version: int | None, action: Action = Action.CHANGE):
    """Fetch a row the user may change, locked for this transaction; refuse a stale version.

    Out-of-scope rows raise Http404, exactly like missing ones.
    """
    try:
        instance = model.objects.visible_to(user, action).select_for_update().get(pk=pk)
    except model.DoesNotExist:
        raise Http404 from None
    if version is not None and instance.version != version:
        raise StaleRecord()
    return instance


def ensure_still_visible(user, instance, action: Action = Action.CHANGE) -> None:
    """After a write, inside the transaction: refuse a change that moved the record out of scope."""
    if not type(instance).objects.visible_to(user, action).filter(pk=instance.pk).exists():
        raise PermissionDenied(_("This change would move the record outside the units you manage."))


def snapshot(instance, fields) -> dict:
    """Field values as text for audit diffs (foreign keys by id)."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        values[name] = getattr(instance, field.attname)
    return values
