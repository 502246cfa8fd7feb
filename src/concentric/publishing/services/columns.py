"""Columns (专题栏目), kept by the administrators of their unit."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record, changed_fields
from concentric.core.scoping import Action
from concentric.core.services import (
    assign,
    delete_unless_protected,
    ensure_still_visible,
    lock_for_update,
    require,
    snapshot,
    unchanged,
)
from concentric.publishing.models import Column
from concentric.publishing.services.public import public_changed

COLUMN_FIELDS = ("org_unit", "name", "description", "is_public", "sort", "active_from", "active_until", "is_active")


def _check(column) -> None:
    if column.active_from and column.active_until and column.active_until < column.active_from:
        raise ValidationError({"active_until": _("The column cannot close before it opens.")})
    others = Column.objects.filter(org_unit_id=column.org_unit_id, name=column.name).exclude(pk=column.pk)
    if column.name and others.exists():
        raise ValidationError({"name": _("The unit already has a column of this name.")})


@transaction.atomic
def column_create(
    *,
    actor,
    org_unit,
    name: str,
    description: str = "",
    is_public: bool = True,
    sort: int = 100,
    active_from=None,
    active_until=None,
    is_active: bool = True,
) -> Column:
    require(actor, Action.ADD, Column, org_unit)
    column = Column(org_unit=org_unit, active_from=active_from, active_until=active_until)
    assign(
        column,
        {"name": name, "description": description, "is_public": is_public, "sort": sort, "is_active": is_active},
    )
    _check(column)
    column.full_clean()
    column.save()
    audit_record(actor=actor, action="create", obj=column, changes=changed_fields({}, snapshot(column, COLUMN_FIELDS)))
    public_changed()
    return column


@transaction.atomic
def column_update(*, actor, column_id: int, version: int, **values) -> Column:
    unknown = set(values) - set(COLUMN_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    column = lock_for_update(actor, Column, column_id, version=version)
    before = snapshot(column, COLUMN_FIELDS)
    if values.get("org_unit") is not None and values["org_unit"].pk != column.org_unit_id:
        require(actor, Action.ADD, Column, values["org_unit"])
    assign(column, values)
    after = snapshot(column, COLUMN_FIELDS)
    if unchanged(before, after):
        return column
    _check(column)
    column.full_clean()
    column.version += 1
    column.save()
    ensure_still_visible(actor, column)
    audit_record(actor=actor, action="update", obj=column, changes=changed_fields(before, after))
    public_changed()
    return column


@transaction.atomic
def column_delete(*, actor, column_id: int, version: int) -> None:
    """Delete a column no item is in; one with items is switched off instead (停用)."""
    column = lock_for_update(actor, Column, column_id, version=version, action=Action.DELETE)
    if column.items.exists():
        raise ValidationError(
            _("The column “%(name)s” has items and cannot be deleted; switch it off instead.") % {"name": column.name}
        )
    audit_record(actor=actor, action="delete", obj=column, changes=changed_fields(snapshot(column, COLUMN_FIELDS), {}))
    delete_unless_protected(column, _("The column “%(name)s” cannot be deleted.") % {"name": column.name})
    public_changed()
