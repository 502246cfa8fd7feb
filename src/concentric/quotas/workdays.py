"""Working days: the official calendar (chinese-calendar: the State Council's holidays and the
make-up working days) where the package knows the year, Monday to Friday otherwise; in both
cases a day an administrator entered (CalendarDay) is what the entry says. Nothing here raises
for a year the package does not know: on 1 January of a new year the platform keeps working."""

from datetime import date, timedelta
from functools import cache

import chinese_calendar
from django.utils.translation import gettext_lazy as _

from concentric.quotas.models import CalendarDay

OFFICIAL = "official"
FALLBACK = "fallback"
SOURCES = {
    OFFICIAL: _("The holiday arrangements published by the General Office of the State Council"),
    FALLBACK: _("Monday to Friday with the adjustments entered by administrators"),
}


@cache
def package_knows(year: int) -> bool:
    """Whether chinese-calendar holds the official arrangements of ``year``."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


@cache
def official_workdays(year: int) -> frozenset[date]:
    """The working days of a year chinese-calendar knows, asked once per process: the package
    checks its whole table's range on every call (about 30 µs a day)."""
    day, last, found = date(year, 1, 1), date(year, 12, 31), set()
    while day <= last:
        if chinese_calendar.is_workday(day):
            found.add(day)
        day += timedelta(days=1)
    return frozenset(found)


class WorkCalendar:
    """The working days of [start, end], read once (the administrators' entries of the span)."""

    def __init__(self, start: date, end: date):
        self.start, self.end = start, end
        self.entries = dict(CalendarDay.objects.filter(day__gte=start, day__lte=end).values_list("day", "is_workday"))

    def is_workday(self, day: date) -> bool:
        if day in self.entries:
            return self.entries[day]
        if package_knows(day.year):
            return day in official_workdays(day.year)
        return day.weekday() < 5

    def workdays(self, start: date, end: date) -> list[date]:
        days, day = [], start
        while day <= end:
            if self.is_workday(day):
                days.append(day)
            day += timedelta(days=1)
        return days

    def source(self, start: date | None = None, end: date | None = None) -> str:
        """Which calendar decided the span's days: official when the package knows every year of it."""
        start, end = start or self.start, end or self.end
        return OFFICIAL if all(package_knows(year) for year in range(start.year, end.year + 1)) else FALLBACK

    def adjusted(self, start: date | None = None, end: date | None = None) -> bool:
        """Whether administrators' entries changed days of the span."""
        start, end = start or self.start, end or self.end
        return any(start <= day <= end for day in self.entries)


def source_label(source: str, *, adjusted: bool = False) -> str:
    if source == OFFICIAL and adjusted:
        return str(
            _(
                "The holiday arrangements published by the General Office of the State Council, with the adjustments entered by administrators"
            )
        )
    return str(SOURCES[source])
