"""The working unit chosen in the top bar: one of the units the user holds a role on.

Until the user chooses, lists show everything in their scope. Choosing a unit narrows every
list to that unit's subtree (never widens: visible_to still applies); choosing "all" undoes it.
"""

from typing import NamedTuple

from concentric.core.scoping import policy_of, user_scope

SESSION_KEY = "concentric_unit"


class UnitRef(NamedTuple):
    """What the top bar and the list filters need of a unit the user holds a role on."""

    pk: int
    path: str
    name: str
    code: str


def assigned_units(request) -> list[UnitRef]:
    """The active units the signed-in user holds a role on, in tree order (from the user's scope:
    no query of their own)."""
    if not request.user.is_authenticated:
        return []
    if not hasattr(request, "_concentric_assigned_units"):
        units = {
            a.unit_id: UnitRef(a.unit_id, a.path, a.unit_name, a.unit_code)
            for a in user_scope(request.user).assignments
        }
        request._concentric_assigned_units = sorted(units.values(), key=lambda unit: unit.path)
    return request._concentric_assigned_units


def working_unit(request) -> UnitRef | None:
    """The unit chosen in the top bar, or None for all of the user's units."""
    chosen = request.session.get(SESSION_KEY)
    if chosen is None:
        return None
    return next((unit for unit in assigned_units(request) if unit.pk == chosen), None)


def within_working_unit(request, queryset):
    """Narrow a scoped queryset to the working unit's subtree, when one is chosen."""
    unit = working_unit(request)
    policy = policy_of(queryset.model)
    if unit is None or policy is None or policy.unit_field is None:
        return queryset
    prefix = "" if policy.unit_field == "self" else f"{policy.unit_field}__"
    return queryset.filter(**{f"{prefix}path__startswith": unit.path})
