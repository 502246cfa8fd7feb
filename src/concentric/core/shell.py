"""The working unit chosen in the top bar: one of the units the user holds a role on."""

from concentric.org.models import OrgUnit

SESSION_KEY = "concentric_unit"


def assigned_units(user) -> list[OrgUnit]:
    if not user.is_authenticated:
        return []
    return list(
        OrgUnit.objects.filter(role_assignments__user=user, is_active=True).distinct().order_by("path")
    )


def current_unit(request) -> OrgUnit | None:
    units = assigned_units(request.user)
    chosen = request.session.get(SESSION_KEY)
    for unit in units:
        if unit.pk == chosen:
            return unit
    return units[0] if units else None
