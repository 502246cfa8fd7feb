"""Reads of the organisation tree for every app: the units a user may see or work on."""

from concentric.core.scoping import Action, under, user_scope
from concentric.org.models import OrgUnit


def units_where(actor, action: Action, model):
    """Active units on which ``actor`` may do ``action`` on ``model`` records, in tree order
    (the choices of every form that places a record on a unit)."""
    paths = user_scope(actor).paths(model.scope.roles_for(action))
    if not paths:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(under(paths), is_active=True).order_by("path")


def visible_units(user):
    """Every unit ``user`` may see, in tree order (filters by unit)."""
    return OrgUnit.objects.visible_to(user, Action.VIEW).order_by("path")


def visible_unit_count(user) -> int:
    return OrgUnit.objects.visible_to(user, Action.VIEW).count()


def unit_by_code(code: str, *, active_only: bool = True) -> OrgUnit | None:
    """A unit by its code (command-line tools name units so), whatever the caller's scope."""
    units = OrgUnit.objects.filter(code=code)
    return (units.filter(is_active=True) if active_only else units).first()


def unit_count() -> int:
    """How many units the instance has (an empty instance has none), whatever anyone's scope."""
    return OrgUnit.objects.count()


def units_around(units):
    """Active units that may work beside ``units`` (co-organise an activity): everything under
    each unit's parent (its parent, its neighbours and theirs), or under the unit at the top."""
    paths = set()
    for unit in units:
        parts = unit.path.strip("/").split("/")
        paths.add("/" + "/".join(parts[:-1]) + "/" if len(parts) > 1 else unit.path)
    if not paths:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(under(sorted(paths)), is_active=True).order_by("path")
