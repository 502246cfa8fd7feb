"""Periods: ISO weeks (Monday to Sunday), months, quarters and years, and which of them a month's
board judges (a week belongs to the month of its Thursday, as ISO numbers weeks into years)."""

from datetime import date, timedelta

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from concentric.quotas.choices import Period


def month_end(day: date) -> date:
    following = date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)
    return following - timedelta(days=1)


def add_months(month: date, count: int) -> date:
    """The first day of the month ``count`` months after ``month``'s."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def containing(period: str, day: date) -> tuple[date, date]:
    """The period of kind ``period`` that holds ``day``."""
    if period == Period.WORKDAY:
        return day, day
    if period == Period.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if period == Period.MONTH:
        return day.replace(day=1), month_end(day)
    if period == Period.QUARTER:
        first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return first, month_end(add_months(first, 2))
    return date(day.year, 1, 1), date(day.year, 12, 31)


def of_month(period: str, month: date, workdays) -> list[tuple[date, date]]:
    """The periods a board of ``month`` judges: its working days (``workdays(start, end)``), the
    weeks whose Thursday lies in it, the month itself, or the quarter or year that holds it."""
    first, last = month.replace(day=1), month_end(month)
    if period == Period.WORKDAY:
        return [(day, day) for day in workdays(first, last)]
    if period == Period.WEEK:
        monday = first - timedelta(days=first.weekday())
        if (monday + timedelta(days=3)).month != first.month:
            monday += timedelta(days=7)
        weeks = []
        while (monday + timedelta(days=3)) <= last:
            weeks.append((monday, monday + timedelta(days=6)))
            monday += timedelta(days=7)
        return weeks
    return [containing(period, first)]


def short_day(day: date) -> str:
    return _("%(month)s/%(day)s") % {"month": day.month, "day": day.day}


def label(period: str, start: date, end: date) -> str:
    """How the board names a period: 12月3日（星期四）, 第49周（11月30日至12月6日）, 2026年12月 …"""
    if period == Period.WORKDAY:
        return _("%(day)s (%(weekday)s)") % {"day": short_day(start), "weekday": WEEKDAYS[start.weekday()]}
    if period == Period.WEEK:
        iso_year, week, _weekday = start.isocalendar()
        return _("week %(week)s of %(year)s (%(start)s to %(end)s)") % {
            "week": week,
            "year": iso_year,
            "start": short_day(start),
            "end": short_day(end),
        }
    if period == Period.MONTH:
        return month_label(start)
    if period == Period.QUARTER:
        return _("quarter %(quarter)s of %(year)s") % {"quarter": (start.month - 1) // 3 + 1, "year": start.year}
    return _("the year %(year)s") % {"year": start.year}


def month_label(month: date) -> str:
    return _("%(month)s/%(year)s") % {"month": month.month, "year": month.year}
