"""The minimum a quota rule sets, read from the quotas app (quotas.selectors.minimum_for, fixed
signature). A week's minimum is the rule's weekly one, else its per-working-day minimum times
the working days of the week (the quotas app's official calendar when it offers one, Monday to
Friday otherwise); None where no rule is in force."""

from datetime import date, timedelta
from decimal import Decimal

from concentric.quotas import selectors as quotas


def minimum_for(*, unit, measure: str, period: str, on: date) -> Decimal | None:
    return quotas.minimum_for(unit=unit, measure=measure, period=period, on=on)


def working_days(first: date, last: date) -> int:
    counter = getattr(quotas, "working_days", None)
    if counter is not None:
        return len(list(counter(first, last)))
    return sum(1 for offset in range((last - first).days + 1) if (first + timedelta(days=offset)).weekday() < 5)


def weekly_minimum(unit, measure: str, first: date, last: date) -> Decimal | None:
    weekly = minimum_for(unit=unit, measure=measure, period="week", on=first)
    if weekly is not None:
        return Decimal(weekly)
    daily = minimum_for(unit=unit, measure=measure, period="workday", on=first)
    if daily is not None:
        return Decimal(daily) * working_days(first, last)
    return None
