"""The category dictionary (system administrators and unit administrators)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from concentric.core.auditing import audit_record, changed_fields
from concentric.core.roles import Role
from concentric.core.scoping import Action, user_scope
from concentric.core.services import assign, lock_for_update, require, snapshot, unchanged
from concentric.people.models import Category

CATEGORY_FIELDS = ("code", "name", "parent", "is_official", "sort", "is_active")


@transaction.atomic
def category_create(
    *, actor, code: str, name: str, parent: Category | None = None, sort: int = 100, is_official: bool = False
) -> Category:
    require(actor, Action.ADD, Category, None)
    category = Category(code=code.strip(), name=name.strip(), parent=parent, sort=sort, is_official=is_official)
    category.full_clean()
    category.save()
    audit_record(
        actor=actor, action="create", obj=category, changes=changed_fields({}, snapshot(category, CATEGORY_FIELDS))
    )
    return category


@transaction.atomic
def category_update(*, actor, category_id: int, version: int, **values) -> Category:
    unknown = set(values) - set(CATEGORY_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    category = lock_for_update(actor, Category, category_id, version=version)
    if category.is_official and Role.SYSTEM_ADMIN not in user_scope(actor).roles:
        # The official categories are every unit's: a unit's administrator keeps local ones only.
        raise PermissionDenied(_("Only the system administrator may change an official category."))
    before = snapshot(category, CATEGORY_FIELDS)
    assign(category, values)
    if unchanged(before, snapshot(category, CATEGORY_FIELDS)):
        return category
    category.full_clean()
    category.version += 1
    category.save()
    audit_record(
        actor=actor, action="update", obj=category, changes=changed_fields(before, snapshot(category, CATEGORY_FIELDS))
    )
    return category
