"""The quotas app's declarations for the route sweeps (tests/routes.py)."""

from datetime import date
from decimal import Decimal

from concentric.quotas.models import CalendarDay, QuotaRule

DAYS = {"D": 1, "S": 2, "C1": 3, "C2": 4, "B1": 5}


def _rule(unit, key):
    rule = QuotaRule.objects.create(
        org_unit=unit,
        unit_kinds=["community"],
        measure="members",
        period="month",
        minimum=Decimal(DAYS.get(key, 6) + 10),
        valid_from=date(2026, 1, DAYS.get(key, 6)),
    )
    return rule, rule.valid_from.isoformat()


def _calendar_day(unit, key):
    entry = CalendarDay.objects.create(day=date(2099, 5, DAYS.get(key, 6)), is_workday=True, name=f"矩阵{key}调休")
    return entry, entry.name


FACTORIES = {QuotaRule: _rule, CalendarDay: _calendar_day}
