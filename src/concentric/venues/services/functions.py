"""Writes to the room-function dictionary (接待, 展示, 议事 …)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record, changed_fields
from concentric.core.scoping import Action
from concentric.core.services import assign, lock_for_update, require, snapshot, unchanged
from concentric.venues.models import RoomFunction

FUNCTION_FIELDS = ("code", "name", "sort")


def _check_unique(function: RoomFunction) -> None:
    others = RoomFunction.objects.exclude(pk=function.pk)
    errors = {}
    if others.filter(code=function.code).exists():
        errors["code"] = _("Another room function already has this code.")
    if others.filter(name=function.name).exists():
        errors["name"] = _("Another room function already has this name.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def room_function_create(*, actor, code: str, name: str, sort: int = 100) -> RoomFunction:
    require(actor, Action.ADD, RoomFunction, None)
    function = RoomFunction()
    assign(function, {"code": code, "name": name, "sort": sort})
    _check_unique(function)
    function.full_clean()
    function.save()
    audit_record(
        actor=actor, action="create", obj=function, changes=changed_fields({}, snapshot(function, FUNCTION_FIELDS))
    )
    return function


@transaction.atomic
def room_function_update(*, actor, function_id: int, version: int, **values) -> RoomFunction:
    """Rename or reorder an entry (its code stays: statistics group by it)."""
    unknown = set(values) - set(FUNCTION_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    function = lock_for_update(actor, RoomFunction, function_id, version=version)
    before = snapshot(function, FUNCTION_FIELDS)
    assign(function, values)
    after = snapshot(function, FUNCTION_FIELDS)
    if unchanged(before, after):
        return function
    _check_unique(function)
    function.full_clean()
    function.version += 1
    function.save()
    audit_record(actor=actor, action="update", obj=function, changes=changed_fields(before, after))
    return function
