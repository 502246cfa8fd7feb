"""The org app's declarations for the route sweeps (tests/routes.py): one unit under a given unit."""

from concentric.org.choices import UnitKind
from concentric.org.models import OrgUnit
from conftest import make_unit


def _org_unit(unit, key):
    obj = make_unit(f"MX-{key}", f"矩阵{key}单位", UnitKind.OTHER, unit)
    return obj, obj.name


FACTORIES = {OrgUnit: _org_unit}
