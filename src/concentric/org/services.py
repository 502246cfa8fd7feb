"""Writes to the organisation tree."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

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
from concentric.org.choices import RANKS, UnitKind
from concentric.org.models import OrgUnit

EDITABLE_FIELDS = ("parent", "kind", "code", "name", "address", "is_active")


@transaction.atomic
def org_unit_create(
    *, actor, parent: OrgUnit | None = None, kind: str, code: str, name: str, address: str = ""
) -> OrgUnit:
    """Create a unit under ``parent`` (a root unit when None: system administrators only)."""
    if parent is None:
        require(actor, Action.ADD, OrgUnit, None)
        if not actor.role_set() & {"system_admin"}:
            raise ValidationError({"parent": _("Choose the parent unit.")})
    else:
        require(actor, Action.ADD, OrgUnit, parent)
    unit = OrgUnit(parent=parent, kind=kind, code=code.strip(), name=name.strip(), address=address.strip(), path="-")
    _check_kind(parent, kind)
    unit.full_clean()
    unit.save()
    unit.set_path()
    unit.save(update_fields=["path", "depth"])
    ensure_still_visible(actor, unit, Action.VIEW)
    audit_record(actor=actor, action="create", obj=unit, changes=changed_fields({}, snapshot(unit, EDITABLE_FIELDS)))
    return unit


@transaction.atomic
def org_unit_update(*, actor, unit_id: int, version: int, **values) -> OrgUnit:
    """Change a unit's fields; moving it (a new parent) carries its whole subtree and cannot
    create a cycle or leave the actor's scope."""
    unit = lock_for_update(actor, OrgUnit, unit_id, version=version)
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    before = snapshot(unit, EDITABLE_FIELDS)
    old_path = unit.path
    new_parent = values.get("parent", unit.parent)
    moving = "parent" in values and (new_parent.pk if new_parent else None) != unit.parent_id
    if moving:
        _check_move(actor, unit, new_parent)
    assign(unit, values)
    if unchanged(before, snapshot(unit, EDITABLE_FIELDS)):
        return unit
    _check_kind(new_parent, unit.kind)
    for child_kind in unit.children.order_by("kind").values_list("kind", flat=True).distinct():
        _check_kind(unit, child_kind, field="kind", below=True)
    unit.full_clean()
    unit.version += 1
    unit.save()
    if moving:
        unit.set_path()
        unit.save(update_fields=["path", "depth"])
        _rewrite_descendant_paths(old_path, unit)
    ensure_still_visible(actor, unit)
    audit_record(
        actor=actor, action="update", obj=unit, changes=changed_fields(before, snapshot(unit, EDITABLE_FIELDS))
    )
    return unit


def _check_kind(parent: OrgUnit | None, kind: str, *, field: str = "kind", below: bool = False) -> None:
    """A unit sits below units of its own level or a higher one (a community under a subdistrict,
    not a district under a community); units of kind "other" may sit anywhere."""
    if parent is None or kind not in RANKS or parent.kind not in RANKS or RANKS[kind] >= RANKS[parent.kind]:
        return
    labels = {"kind": UnitKind(kind).label, "parent": UnitKind(parent.kind).label}
    message = (
        _("This unit has a %(kind)s below it, so it cannot be a %(parent)s.")
        if below
        else _("A %(kind)s cannot be placed under a %(parent)s.")
    )
    raise ValidationError({field: message % labels})


def _check_move(actor, unit: OrgUnit, new_parent: OrgUnit | None) -> None:
    if new_parent is None:
        raise ValidationError({"parent": _("A unit cannot be moved to the top of the tree.")})
    if new_parent.path.startswith(unit.path):
        raise ValidationError({"parent": _("A unit cannot be moved under itself or one of its own sub-units.")})
    require(actor, Action.ADD, OrgUnit, new_parent)


def _rewrite_descendant_paths(old_path: str, unit: OrgUnit) -> None:
    for child in OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).order_by("depth"):
        child.path = unit.path + child.path[len(old_path) :]
        child.depth = child.path.count("/") - 2
        child.save(update_fields=["path", "depth"])


@transaction.atomic
def org_unit_delete(*, actor, unit_id: int, version: int) -> None:
    """Delete an empty unit: no sub-units, no users, no role assignments, no records."""
    unit = lock_for_update(actor, OrgUnit, unit_id, version=version, action=Action.DELETE)
    blockers = [
        (unit.children.exists(), _("it has sub-units")),
        (unit.users.exists(), _("it has user accounts")),
        (unit.role_assignments.exists(), _("roles are assigned on it")),
    ]
    reasons = [text for blocked, text in blockers if blocked]
    if reasons:
        joined = pgettext("joining clauses", ", ").join(reasons)
        raise ValidationError(_("This unit cannot be deleted: %(reasons)s.") % {"reasons": joined})
    before = snapshot(unit, EDITABLE_FIELDS)
    audit_record(actor=actor, action="delete", obj=unit, changes=changed_fields(before, {}))
    delete_unless_protected(unit, _("This unit cannot be deleted: records still belong to it."))


@transaction.atomic
def bootstrap_root(*, code: str, name: str, kind: str, address: str = "", actor_name: str) -> tuple[OrgUnit, bool]:
    """The root unit with ``code``: found, or created before any actor exists (``concentric
    bootstrap`` and the demo), audited under the pseudo-actor ``actor_name``. Returns (unit, created)."""
    root = OrgUnit.objects.filter(code=code).first()
    if root is not None:
        return root, False
    root = OrgUnit(parent=None, kind=kind, code=code, name=name, address=address, path="-")
    root.full_clean()
    root.save()
    root.set_path()
    root.save(update_fields=["path", "depth"])
    audit_record(
        actor=None,
        actor_name=actor_name,
        action="create",
        obj=root,
        changes=changed_fields({}, snapshot(root, EDITABLE_FIELDS)),
    )
    return root, True
