"""Week and month calendars of rooms: the days shown, each with the bookings that touch it, and
where the previous and next periods start. Times are local; a booking running past midnight
shows on every day it touches."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

WEEK, MONTH = "week", "month"
VIEWS = (WEEK, MONTH)


@dataclass
class Day:
    day: date
    in_period: bool = True
    bookings: list = field(default_factory=list)

    @property
    def is_today(self) -> bool:
        return self.day == timezone.localdate()


@dataclass
class Period:
    view: str
    anchor: date
    first: date  # the first day shown
    last: date  # the last day shown
    previous: date
    next: date

    @property
    def starts(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first, time.min))

    @property
    def ends(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.last + timedelta(days=1), time.min))


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_of(view: str, anchor: date) -> Period:
    """The days a calendar shows: a week from Monday, or the whole weeks covering a month."""
    if view == MONTH:
        first_of_month = month_start(anchor)
        last_of_month = add_months(anchor, 1) - timedelta(days=1)
        return Period(
            MONTH,
            first_of_month,
            monday_of(first_of_month),
            monday_of(last_of_month) + timedelta(days=6),
            add_months(anchor, -1),
            add_months(anchor, 1),
        )
    first = monday_of(anchor)
    return Period(WEEK, first, first, first + timedelta(days=6), first - timedelta(days=7), first + timedelta(days=7))


def days_of(period: Period, bookings) -> list[Day]:
    """Every day of ``period`` with the bookings touching it, in start order."""
    days = {}
    current = period.first
    while current <= period.last:
        in_period = period.view == WEEK or current.month == period.anchor.month
        days[current] = Day(current, in_period)
        current += timedelta(days=1)
    for booking in bookings:
        start = timezone.localtime(booking.starts_at)
        end = timezone.localtime(booking.ends_at) - timedelta(microseconds=1)  # the end is exclusive
        current = max(start.date(), period.first)
        while current <= min(end.date(), period.last):
            days[current].bookings.append(booking)
            current += timedelta(days=1)
    return list(days.values())


def weeks_of(days: list[Day]) -> list[list[Day]]:
    return [days[index : index + 7] for index in range(0, len(days), 7)]
