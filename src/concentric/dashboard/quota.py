"""The minimums quota rules set, read from the quotas app once for both weekly charts: the rules
in force over the whole year (``quotas.selectors.minimums_between``) and the working days of the
calendar the boards judge with (``quotas.selectors.workdays_between``: the official holidays and
make-up days, the administrators' entries, Monday to Friday for a year the package does not
know).

A week's minimum is the weekly rule's (as in force on the week's first day), else the sum of the
per-working-day rule's minimum over the week's working days; None where no rule is in force."""

from datetime import date, timedelta
from decimal import Decimal

from concentric.quotas import selectors as quotas


def workdays_between(start: date, end: date) -> set[date]:
    return set(quotas.workdays_between(start, end))


def weekly_minimums(
    unit, measures: tuple[str, ...], weeks: list[tuple[date, date]], workdays: set[date]
) -> dict[str, list[Decimal | None]]:
    """Each week's minimum of each of ``measures`` for ``unit``: one read of the rules for all."""
    if not weeks:
        return {measure: [] for measure in measures}
    start, end = weeks[0][0], weeks[-1][1]
    found = quotas.minimums_between(unit=unit, measures=measures, start=start, end=end, kinds=("week", "workday"))
    return {measure: _per_week(found[measure], weeks, workdays) for measure in measures}


def _per_week(found: dict, weeks: list[tuple[date, date]], workdays: set[date]) -> list[Decimal | None]:
    weekly, daily = found["week"], found["workday"]
    minimums = []
    for first, last in weeks:
        if weekly.get(first) is not None:
            minimums.append(Decimal(weekly[first]))
            continue
        days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
        if all(daily.get(day) is None for day in days):
            minimums.append(None)
            continue
        minimums.append(sum((Decimal(daily[day]) for day in days if day in workdays and daily.get(day)), Decimal(0)))
    return minimums
